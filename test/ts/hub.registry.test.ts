// The hub's artist registry: enrolled referrers, campaigns with fixed payouts, bindings that outlive enrollment.
import { expect } from "chai";
import { network } from "hardhat";
import { MONTH, POOL_BPS, PRICE, REFERRAL_BPS, deployFundedHub, split } from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function required() {
  const f = await deployFundedHub(ethers, { enrollmentRequired: true });
  const [, , , , , , , enroller, splitAddress, other] = await ethers.getSigners();
  return { ...f, enroller, payout: splitAddress, other };
}

const referral = split(PRICE, REFERRAL_BPS, POOL_BPS).referral;

describe("SubscriptionHub artist registry", function () {
  it("refuses a referrer that is not enrolled, naming it, and binds nothing", async function () {
    const { hub, alice, bob } = await loadFixture(required);
    expect(await hub.enrollmentRequired()).to.equal(true);
    await expect(hub.connect(alice).subscribe(0, bob.address, 0))
      .to.be.revertedWithCustomError(hub, "HubReferrerNotEnrolled")
      .withArgs(bob.address);
    expect((await hub.bindingOf(alice.address)).termsVersion).to.equal(0n);
  });

  it("enrolls by the owner or the enroller it names, and by nobody else", async function () {
    const { hub, owner, alice, bob, enroller, stranger } = await loadFixture(required);
    await expect(hub.connect(enroller).enroll(bob.address))
      .to.be.revertedWithCustomError(hub, "HubNotEnroller")
      .withArgs(enroller.address);
    await expect(hub.connect(stranger).setEnroller(stranger.address)).to.be.revertedWithCustomError(
      hub,
      "OwnableUnauthorizedAccount",
    );
    await expect(hub.connect(owner).setEnroller(enroller.address))
      .to.emit(hub, "EnrollerSet")
      .withArgs(enroller.address);
    await expect(hub.connect(enroller).enroll(bob.address))
      .to.emit(hub, "ArtistEnrolled")
      .withArgs(bob.address, enroller.address);
    expect(await hub.isEnrolled(bob.address)).to.equal(true);
    await expect(hub.connect(enroller).enroll(ethers.ZeroAddress)).to.be.revertedWithCustomError(hub, "HubZeroAddress");
    await expect(hub.connect(alice).subscribe(0, bob.address, 0))
      .to.emit(hub, "ReferralBound")
      .withArgs(alice.address, bob.address, 0n, bob.address, 1n);
    expect(await hub.referralOf(alice.address)).to.deep.equal([bob.address, 0n, bob.address]);
  });

  it("an unenrollment stops new bindings and never undoes one: the bound fan pays the artist for life", async function () {
    const { hub, owner, alice, bob, carol, artist } = await loadFixture(required);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    await expect(hub.connect(owner).unenroll(artist.address))
      .to.emit(hub, "ArtistUnenrolled")
      .withArgs(artist.address, owner.address);
    await expect(hub.connect(bob).subscribe(0, artist.address, 0))
      .to.be.revertedWithCustomError(hub, "HubReferrerNotEnrolled")
      .withArgs(artist.address);
    for (let i = 0; i < 3; i++) {
      await time.increase(MONTH);
      await hub.renew(alice.address);
    }
    await hub.connect(alice).cancel();
    await hub.connect(alice).subscribe(0, carol.address, 0); // Returning: the binding stays, carol is not checked.
    expect(await hub.referralBalanceOf(artist.address)).to.equal(referral * 5n);
    expect(await hub.referralOf(alice.address)).to.deep.equal([artist.address, 0n, artist.address]);
  });

  it("a campaign pays its fixed payout for every payment of the fans it brought", async function () {
    const { hub, alice, artist, payout } = await loadFixture(required);
    await expect(hub.connect(artist).registerCampaign(payout.address))
      .to.emit(hub, "CampaignRegistered")
      .withArgs(artist.address, 3n, payout.address);
    expect(await hub.campaignCount(artist.address)).to.equal(3n);
    expect(await hub.campaignPayout(artist.address, 3)).to.equal(payout.address);
    expect(await hub.campaignPayout(artist.address, 0)).to.equal(artist.address);
    await expect(hub.connect(alice).subscribe(0, artist.address, 3))
      .to.emit(hub, "ReferralBound")
      .withArgs(alice.address, artist.address, 3n, payout.address, 1n)
      .and.to.emit(hub, "Paid")
      .withArgs(
        alice.address,
        payout.address,
        1n,
        3n,
        PRICE,
        referral,
        (v: bigint) => v > 0n,
        (v: bigint) => v > 0n,
      );
    await time.increase(MONTH);
    await hub.renew(alice.address);
    expect(await hub.referralBalanceOf(payout.address)).to.equal(referral * 2n);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(0n);
    expect(await hub.unitsOf(payout.address)).to.equal(PRICE * 2n);
    expect(await hub.referralOf(alice.address)).to.deep.equal([artist.address, 3n, payout.address]);
    expect((await hub.subscriptionOf(alice.address)).campaign).to.equal(3n);
  });

  it("refuses an unknown campaign, and a campaign without a referrer, naming both", async function () {
    const { hub, alice, artist } = await loadFixture(required);
    await expect(hub.connect(alice).subscribe(0, artist.address, 7))
      .to.be.revertedWithCustomError(hub, "HubUnknownCampaign")
      .withArgs(artist.address, 7n);
    await expect(hub.connect(alice).subscribe(0, ethers.ZeroAddress, 1))
      .to.be.revertedWithCustomError(hub, "HubUnknownCampaign")
      .withArgs(ethers.ZeroAddress, 1n);
    expect(await hub.campaignPayout(artist.address, 7)).to.equal(ethers.ZeroAddress);
  });

  it("refuses self-referral by the artist and by any of its campaign payouts", async function () {
    const { hub, token, artist, payout } = await loadFixture(required);
    await hub.connect(artist).registerCampaign(payout.address);
    for (const s of [artist, payout]) {
      await token.mint(s.address, PRICE);
      await token.connect(s).approve(await hub.getAddress(), PRICE);
    }
    await expect(hub.connect(artist).subscribe(0, artist.address, 1))
      .to.be.revertedWithCustomError(hub, "HubSelfReferral")
      .withArgs(artist.address);
    for (const c of [0, 1, 3]) {
      await expect(hub.connect(payout).subscribe(0, artist.address, c))
        .to.be.revertedWithCustomError(hub, "HubSelfReferral")
        .withArgs(payout.address);
    }
  });

  it("only an enrolled artist registers campaigns while enrollment is required; zero payouts are refused", async function () {
    const { hub, owner, bob, artist } = await loadFixture(required);
    await expect(hub.connect(bob).registerCampaign(bob.address))
      .to.be.revertedWithCustomError(hub, "HubNotEnrolled")
      .withArgs(bob.address);
    await expect(hub.connect(artist).registerCampaign(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      hub,
      "HubZeroAddress",
    );
    await expect(hub.connect(owner).setEnrollmentRequired(false)).to.emit(hub, "EnrollmentRequiredSet").withArgs(false);
    await expect(hub.connect(bob).registerCampaign(bob.address))
      .to.emit(hub, "CampaignRegistered")
      .withArgs(bob.address, 1n, bob.address);
  });

  it("with enrollment off, any referrer binds (the platform's choice), and self-referral is still refused", async function () {
    const f = await deployFundedHub(ethers);
    expect(await f.hub.enrollmentRequired()).to.equal(false);
    await f.hub.connect(f.alice).subscribe(0, f.bob.address, 0);
    expect(await f.hub.referralBalanceOf(f.bob.address)).to.equal(referral);
    await expect(f.hub.connect(f.carol).subscribe(0, f.carol.address, 0))
      .to.be.revertedWithCustomError(f.hub, "HubSelfReferral")
      .withArgs(f.carol.address);
  });
});
