// The hub on a token that behaves like Circle's USDC: a paused token or a blocklisted hub never ends a subscription
// (only the grace period does), a fan's own failure does; withdrawals name the token and the account they fail on.
import { expect } from "chai";
import { network } from "hardhat";
import {
  EndReason,
  GRACE,
  MAX,
  MONTH,
  NOTICE,
  OVERDUE,
  POOL_BPS,
  PRICE,
  REFERRAL_BPS,
  Status,
  deployFundedHub,
  split,
} from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function usdc() {
  const f = await deployFundedHub(ethers, { tokenName: "UsdcLikeToken" });
  const admin = await ethers.getContractAt("UsdcLikeToken", await f.token.getAddress());
  for (const s of [f.alice, f.bob, f.carol]) await f.hub.connect(s).subscribe(0, f.artist.address, 0);
  const paidThrough = (await f.hub.subscriptionOf(f.alice.address)).paidThrough;
  return { ...f, admin, paidThrough, fans: [f.alice.address, f.bob.address, f.carol.address] };
}

async function events(tx: Promise<any>, hub: any) {
  const receipt = await (await tx).wait();
  return receipt.logs.map((l: any) => hub.interface.parseLog(l)).filter(Boolean);
}

describe("SubscriptionHub on a USDC-like token", function () {
  it("while the token is paused, renew and renewBatch end nobody; after the unpause all renew", async function () {
    const { hub, admin, alice, carol, fans, paidThrough } = await loadFixture(usdc);
    await time.increaseTo((await hub.subscriptionOf(carol.address)).paidThrough);
    await admin.pause();
    expect(await hub.renew.staticCall(alice.address)).to.equal(false);
    await expect(hub.renew(alice.address))
      .to.emit(hub, "RenewalDeferred")
      .withArgs(alice.address, paidThrough, paidThrough + GRACE)
      .and.not.to.emit(hub, "SubscriptionEnded");
    const logs = await events(hub.renewBatch(fans), hub);
    expect(logs.map((e: any) => e.name)).to.deep.equal(["RenewalDeferred", "RenewalDeferred", "RenewalDeferred"]);
    for (const f of fans) expect((await hub.subscriptionOf(f)).status).to.equal(Status.Active);
    await admin.unpause();
    const after = await events(hub.renewBatch(fans), hub);
    expect(after.filter((e: any) => e.name === "Paid").length).to.equal(3);
  });

  it("while the token blocklists the hub, renewals are deferred, not ended", async function () {
    const { hub, admin, carol, fans } = await loadFixture(usdc);
    await time.increaseTo((await hub.subscriptionOf(carol.address)).paidThrough);
    await admin.blacklist(await hub.getAddress());
    const logs = await events(hub.renewBatch(fans), hub);
    expect(logs.map((e: any) => e.name)).to.deep.equal(["RenewalDeferred", "RenewalDeferred", "RenewalDeferred"]);
    await admin.unBlacklist(await hub.getAddress());
    expect(await hub.renewBatch.staticCall(fans)).to.equal(3n);
  });

  it("a subscription still uncharged at the end of the grace period ends then, as GraceExpired", async function () {
    const { hub, admin, alice, carol, fans, paidThrough } = await loadFixture(usdc);
    await admin.pause();
    await time.setNextBlockTimestamp(paidThrough + GRACE - 1n);
    await expect(hub.renew(alice.address)).to.emit(hub, "RenewalDeferred");
    const last = (await hub.subscriptionOf(carol.address)).paidThrough;
    await time.setNextBlockTimestamp(last + GRACE);
    await expect(hub.renewBatch(fans))
      .to.emit(hub, "SubscriptionEnded")
      .withArgs(alice.address, EndReason.GraceExpired, paidThrough);
    for (const f of fans) expect((await hub.subscriptionOf(f)).status).to.equal(Status.Lapsed);
  });

  it("the fan's own failure still ends at once: blocklisted fan, allowance short, balance short", async function () {
    const { hub, token, admin, alice, bob, carol, artist, fans } = await loadFixture(usdc);
    await admin.blacklist(alice.address);
    await token.connect(bob).approve(await hub.getAddress(), PRICE - 1n);
    await token.connect(carol).transfer(artist.address, (await token.balanceOf(carol.address)) - PRICE + 1n);
    await time.increaseTo((await hub.subscriptionOf(carol.address)).paidThrough);
    const logs = await events(hub.renewBatch(fans), hub);
    expect(logs.map((e: any) => [e.name, e.args.reason])).to.deep.equal(
      fans.map(() => ["SubscriptionEnded", EndReason.PaymentFailed]),
    );
  });

  it("renewable reports due date, whether the next charge is covered, and how many charges are", async function () {
    const { hub, token, alice, bob, stranger, paidThrough } = await loadFixture(usdc);
    expect(await hub.renewable(stranger.address)).to.deep.equal([false, false, 0n, 0n]);
    const balance = await token.balanceOf(alice.address);
    expect(await hub.renewable(alice.address)).to.deep.equal([false, true, paidThrough, balance / PRICE]);
    await token.connect(bob).approve(await hub.getAddress(), PRICE * 2n + 1n);
    const bobDue = (await hub.subscriptionOf(bob.address)).paidThrough;
    await time.increaseTo(bobDue);
    expect(await hub.renewable(bob.address)).to.deep.equal([true, true, bobDue, 2n]);
    await token.connect(bob).approve(await hub.getAddress(), PRICE - 1n);
    expect(await hub.renewable(bob.address)).to.deep.equal([true, false, bobDue, 0n]);
    await hub.connect(alice).cancel();
    expect(await hub.renewable(alice.address)).to.deep.equal([false, false, 0n, 0n]);
  });

  it("withdraw, withdrawPlatform revert naming the token and the blocklisted account; the balance stays", async function () {
    const { hub, token, admin, owner, artist } = await loadFixture(usdc);
    const owed = await hub.referralBalanceOf(artist.address);
    await admin.blacklist(artist.address);
    await expect(hub.withdraw(artist.address))
      .to.be.revertedWithCustomError(hub, "HubTransferFailed")
      .withArgs(await token.getAddress(), artist.address, owed);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(owed);
    const [, platformBalance] = await hub.ledger();
    await admin.blacklist(owner.address);
    await expect(hub.withdrawPlatform(owner.address))
      .to.be.revertedWithCustomError(hub, "HubTransferFailed")
      .withArgs(await token.getAddress(), owner.address, platformBalance);
    await admin.unBlacklist(artist.address);
    await expect(hub.withdraw(artist.address)).to.changeTokenBalances(ethers, token, [artist], [owed]);
  });
});

describe("SubscriptionHub deployment bounds and ownership", function () {
  async function deployWith(noticePeriod: bigint, gracePeriod: bigint, overdueAfter = OVERDUE) {
    const f = await deployFundedHub(ethers);
    const factory = await ethers.getContractFactory("SubscriptionHub");
    const [token, distributor] = [await f.token.getAddress(), await f.distributor.getAddress()];
    const policy = { noticePeriod, gracePeriod, enrollmentRequired: false, overdueAfter };
    const plans = [{ price: PRICE, period: MONTH }];
    const deploy = () => factory.deploy(token, distributor, f.owner.address, policy, REFERRAL_BPS, POOL_BPS, 0n, plans);
    return { factory, deploy };
  }

  it("refuses a notice or grace period below an hour or above ten years (no silent uint40 truncation)", async function () {
    const MIN = 3_600n;
    const MAX_D = 3_650n * 86_400n;
    for (const [n, g, bad] of [
      [0n, GRACE, 0n],
      [MIN - 1n, GRACE, MIN - 1n],
      [2n ** 64n, GRACE, 2n ** 64n],
      [2n ** 40n, GRACE, 2n ** 40n],
      [NOTICE, 0n, 0n],
      [NOTICE, MAX_D + 1n, MAX_D + 1n],
    ]) {
      const { factory, deploy } = await deployWith(n, g);
      await expect(deploy()).to.be.revertedWithCustomError(factory, "HubInvalidDuration").withArgs(bad, MIN, MAX_D);
    }
    const { deploy } = await deployWith(MAX_D, MIN);
    const hub = await deploy();
    expect(await hub.NOTICE_PERIOD()).to.equal(MAX_D);
    expect(await hub.GRACE_PERIOD()).to.equal(MIN);
    // The longest notice still lands in the future, as announced.
    const tx = await hub.proposeTerms(1n, 1n, 0n);
    const at = BigInt((await tx.getBlock())!.timestamp) + MAX_D;
    await expect(tx).to.emit(hub, "TermsProposed").withArgs(2n, 1n, 1n, 0n, at);
    expect((await hub.terms(2n)).effectiveAt).to.equal(at);
  });

  it("refuses an overdue bound below an hour or above ten years, and keeps one inside exactly", async function () {
    const MIN = 3_600n;
    const MAX_D = 3_650n * 86_400n;
    for (const bad of [0n, MIN - 1n, MAX_D + 1n, 2n ** 40n, 2n ** 64n]) {
      const { factory, deploy } = await deployWith(NOTICE, GRACE, bad);
      await expect(deploy()).to.be.revertedWithCustomError(factory, "HubInvalidDuration").withArgs(bad, MIN, MAX_D);
    }
    for (const ok of [MIN, MAX_D]) {
      const { deploy } = await deployWith(NOTICE, GRACE, ok);
      const hub = await deploy();
      expect(await hub.OVERDUE_AFTER()).to.equal(ok);
      const opened = BigInt((await hub.deploymentTransaction()!.getBlock())!.timestamp);
      expect(await hub.periodOpenedAt()).to.equal(opened);
    }
  });

  it("renounceOwnership reverts, so periods can always be closed; two-step transfer still works", async function () {
    const { hub, owner, stranger } = await loadFixture(usdc);
    await expect(hub.connect(owner).renounceOwnership()).to.be.revertedWithCustomError(hub, "HubRenounceDisabled");
    await expect(hub.connect(stranger).renounceOwnership()).to.be.revertedWithCustomError(
      hub,
      "OwnableUnauthorizedAccount",
    );
    await hub.connect(owner).transferOwnership(stranger.address);
    await hub.connect(stranger).acceptOwnership();
    await expect(hub.connect(stranger).closePeriod()).to.emit(hub, "PeriodClosed");
    expect(MAX).to.equal(2n ** 256n - 1n);
  });
});

// Kept next to the rest: the routing of one payment on this token is the same as on any other.
describe("SubscriptionHub on a USDC-like token routes exactly", function () {
  it("first payment and renewal split to the wei", async function () {
    const { hub, artist } = await loadFixture(usdc);
    const p = split(PRICE, REFERRAL_BPS, POOL_BPS);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(p.referral * 3n);
    expect(await hub.ledger()).to.deep.equal([p.pool * 3n, p.platform * 3n, 1n]);
  });
});
