import { expect } from "chai";
import { network } from "hardhat";
import {
  EndReason,
  GRACE,
  LIFETIME,
  MAX,
  MONTH,
  NOTICE,
  OVERDUE,
  POOL_BPS,
  PRICE,
  REFERRAL_BPS,
  Status,
  YEAR,
  YEARLY_PRICE,
  deployFundedHub,
  signPermit,
  split,
} from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const policy = { noticePeriod: NOTICE, gracePeriod: GRACE, enrollmentRequired: false, overdueAfter: OVERDUE };
const { time, loadFixture } = networkHelpers;

async function funded() {
  return deployFundedHub(ethers);
}

/** Pins the next block's timestamp so event arguments that depend on it can be asserted exactly. */
async function nextTimestamp(offset = 1n) {
  const ts = BigInt(await time.latest()) + offset;
  await time.setNextBlockTimestamp(ts);
  return ts;
}

describe("SubscriptionHub", function () {
  describe("deployment", function () {
    it("announces the initial terms and plans, effective at once, and opens period 1", async function () {
      const { hub, token, distributor, owner } = await loadFixture(funded);
      const deployTx = hub.deploymentTransaction()!;
      const block = await ethers.provider.getBlock((await deployTx.wait())!.blockNumber);
      const ts = BigInt(block!.timestamp);
      await expect(deployTx).to.emit(hub, "TermsProposed").withArgs(1n, REFERRAL_BPS, POOL_BPS, 0n, ts);
      await expect(deployTx).to.emit(hub, "PlanProposed").withArgs(0n, PRICE, MONTH, ts);
      await expect(deployTx).to.emit(hub, "PlanProposed").withArgs(1n, YEARLY_PRICE, YEAR, ts);
      expect(await hub.TOKEN()).to.equal(await token.getAddress());
      expect(await hub.DISTRIBUTOR()).to.equal(await distributor.getAddress());
      expect(await hub.NOTICE_PERIOD()).to.equal(NOTICE);
      expect(await hub.owner()).to.equal(owner.address);
      expect(await hub.ledger()).to.deep.equal([0n, 0n, 1n]);
      expect(await hub.planCount()).to.equal(2n);
      expect(await hub.termsCount()).to.equal(1n);
      expect(await hub.activeTermsVersion()).to.equal(1n);
    });

    it("reverts on a zero token, a zero distributor or a distributor on another token", async function () {
      const { token, distributor, owner } = await loadFixture(funded);
      const factory = await ethers.getContractFactory("SubscriptionHub");
      const plans = [{ price: PRICE, period: MONTH }];
      const other = await ethers.deployContract("TestToken", ["Other", "OTH", 6]);
      const otherDistributor = await ethers.deployContract("MockFundable", [await other.getAddress()]);
      const args = (t: string, d: string) => [t, d, owner.address, policy, REFERRAL_BPS, POOL_BPS, 0n, plans] as const;
      await expect(
        factory.deploy(...args(ethers.ZeroAddress, await distributor.getAddress())),
      ).to.be.revertedWithCustomError(factory, "HubZeroAddress");
      await expect(factory.deploy(...args(await token.getAddress(), ethers.ZeroAddress))).to.be.revertedWithCustomError(
        factory,
        "HubZeroAddress",
      );
      await expect(factory.deploy(...args(await token.getAddress(), await otherDistributor.getAddress())))
        .to.be.revertedWithCustomError(factory, "HubDistributorTokenMismatch")
        .withArgs(await token.getAddress(), await other.getAddress());
    });

    it("reverts on initial terms above 100 % or a plan with a zero price or period", async function () {
      const { token, distributor, owner } = await loadFixture(funded);
      const factory = await ethers.getContractFactory("SubscriptionHub");
      const t = await token.getAddress();
      const d = await distributor.getAddress();
      await expect(factory.deploy(t, d, owner.address, policy, 5_000n, 5_001n, 0n, []))
        .to.be.revertedWithCustomError(factory, "HubInvalidTerms")
        .withArgs(5_000n, 5_001n);
      await expect(factory.deploy(t, d, owner.address, policy, 1n, 1n, 0n, [{ price: 0n, period: MONTH }]))
        .to.be.revertedWithCustomError(factory, "HubInvalidPlan")
        .withArgs(0n, MONTH);
      await expect(factory.deploy(t, d, owner.address, policy, 1n, 1n, 0n, [{ price: PRICE, period: 0n }]))
        .to.be.revertedWithCustomError(factory, "HubInvalidPlan")
        .withArgs(PRICE, 0n);
    });
  });

  describe("subscribe", function () {
    it("binds the referrer and terms, and routes the first payment exactly to the wei", async function () {
      const { hub, token, alice, artist } = await loadFixture(funded);
      const ts = await nextTimestamp();
      const parts = split(PRICE, REFERRAL_BPS, POOL_BPS);
      expect(parts.referral + parts.pool + parts.platform).to.equal(PRICE);
      const tx = hub.connect(alice).subscribe(0, artist.address, 2);
      await expect(tx).to.emit(hub, "Subscribed").withArgs(alice.address, artist.address, 0n, 2n, 1n, PRICE, MONTH);
      await expect(tx)
        .to.emit(hub, "Paid")
        .withArgs(alice.address, artist.address, 1n, 2n, PRICE, parts.referral, parts.pool, ts + MONTH);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, hub], [-PRICE, PRICE]);
      expect(await hub.referralBalanceOf(artist.address)).to.equal(parts.referral);
      expect(await hub.ledger()).to.deep.equal([parts.pool, parts.platform, 1n]);
      const sub = await hub.subscriptionOf(alice.address);
      expect([sub.paidThrough, sub.price, sub.period, sub.planId, sub.status, sub.campaign]).to.deep.equal([
        ts + MONTH,
        PRICE,
        MONTH,
        0n,
        Status.Active,
        2n,
      ]);
      const bound = await hub.bindingOf(alice.address);
      expect([
        bound.referrer,
        bound.referralEndsAt,
        bound.referralBps,
        bound.poolBps,
        bound.termsVersion,
      ]).to.deep.equal([artist.address, LIFETIME, REFERRAL_BPS, POOL_BPS, 1n]);
    });

    it("routes an organic subscriber's referral part to the platform", async function () {
      const { hub, alice } = await loadFixture(funded);
      const parts = split(PRICE, REFERRAL_BPS, POOL_BPS, false);
      await expect(hub.connect(alice).subscribe(0, ethers.ZeroAddress, 0))
        .to.emit(hub, "Paid")
        .withArgs(alice.address, ethers.ZeroAddress, 1n, 0n, PRICE, 0n, parts.pool, (v: bigint) => v > 0n);
      expect(await hub.ledger()).to.deep.equal([parts.pool, parts.platform, 1n]);
      expect(parts.pool + parts.platform).to.equal(PRICE);
    });

    it("accepts a contract (a Split) as referrer and pays its balance to it", async function () {
      const { hub, token, alice, stranger } = await loadFixture(funded);
      const split_ = await ethers.deployContract("MockFundable", [await token.getAddress()]);
      await hub.connect(alice).subscribe(0, await split_.getAddress(), 0);
      const owed = split(PRICE, REFERRAL_BPS, POOL_BPS).referral;
      await expect(hub.connect(stranger).withdraw(await split_.getAddress()))
        .to.emit(hub, "Withdrawn")
        .withArgs(await split_.getAddress(), await split_.getAddress(), owed);
      expect(await token.balanceOf(await split_.getAddress())).to.equal(owed);
    });

    it("reverts on self-referral, an active subscription, an unknown plan or a failed pull", async function () {
      const { hub, token, alice, bob, artist, stranger } = await loadFixture(funded);
      await expect(hub.connect(alice).subscribe(0, alice.address, 0))
        .to.be.revertedWithCustomError(hub, "HubSelfReferral")
        .withArgs(alice.address);
      await expect(hub.connect(alice).subscribe(7, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubUnknownPlan")
        .withArgs(7n);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await expect(hub.connect(alice).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubAlreadyActive")
        .withArgs(alice.address, ts + MONTH);
      await expect(hub.connect(stranger).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubPaymentFailed")
        .withArgs(stranger.address, PRICE);
      await token.connect(bob).approve(await hub.getAddress(), PRICE - 1n);
      await expect(hub.connect(bob).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubPaymentFailed")
        .withArgs(bob.address, PRICE);
    });
  });

  describe("subscribeWithPermit", function () {
    it("subscribes in one transaction from a signed EIP-2612 permit", async function () {
      const { hub, token, stranger, artist } = await loadFixture(funded);
      await token.mint(stranger.address, PRICE * 3n);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(token, stranger, await hub.getAddress(), MAX, deadline);
      await expect(hub.connect(stranger).subscribeWithPermit(0, artist.address, 2, MAX, deadline, sig.v, sig.r, sig.s))
        .to.emit(hub, "Subscribed")
        .withArgs(stranger.address, artist.address, 0n, 2n, 1n, PRICE, MONTH);
      expect(await token.allowance(stranger.address, await hub.getAddress())).to.equal(MAX);
      expect(await token.balanceOf(stranger.address)).to.equal(PRICE * 2n);
    });

    it("still subscribes when the permit was front-run with the same signature", async function () {
      const { hub, token, stranger, artist, keeper } = await loadFixture(funded);
      await token.mint(stranger.address, PRICE);
      const deadline = BigInt(await time.latest()) + 3600n;
      const hubAddress = await hub.getAddress();
      const sig = await signPermit(token, stranger, hubAddress, PRICE, deadline);
      await token.connect(keeper).permit(stranger.address, hubAddress, PRICE, deadline, sig.v, sig.r, sig.s);
      await expect(
        hub.connect(stranger).subscribeWithPermit(0, artist.address, 0, PRICE, deadline, sig.v, sig.r, sig.s),
      ).to.emit(hub, "Paid");
      expect(await token.balanceOf(stranger.address)).to.equal(0n);
    });

    it("reverts with HubPaymentFailed when the permit is bad and there is no allowance", async function () {
      const { hub, token, stranger, artist } = await loadFixture(funded);
      await token.mint(stranger.address, PRICE);
      const deadline = BigInt(await time.latest()) + 3600n;
      const sig = await signPermit(token, stranger, await hub.getAddress(), PRICE, deadline);
      await expect(
        hub.connect(stranger).subscribeWithPermit(0, artist.address, 0, PRICE + 1n, deadline, sig.v, sig.r, sig.s),
      )
        .to.be.revertedWithCustomError(hub, "HubPaymentFailed")
        .withArgs(stranger.address, PRICE);
    });
  });

  describe("renew", function () {
    it("reverts when not due or not active", async function () {
      const { hub, alice, bob, artist } = await loadFixture(funded);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await expect(hub.renew(alice.address))
        .to.be.revertedWithCustomError(hub, "HubNotDue")
        .withArgs(alice.address, ts + MONTH);
      await expect(hub.renew(bob.address)).to.be.revertedWithCustomError(hub, "HubNotActive").withArgs(bob.address);
    });

    it("charges once per due renewal and extends from now when the keeper is late", async function () {
      const { hub, token, alice, artist, keeper } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 1);
      await time.increase(3n * MONTH);
      const ts = await nextTimestamp();
      const parts = split(PRICE, REFERRAL_BPS, POOL_BPS);
      const tx = hub.connect(keeper).renew(alice.address);
      await expect(tx)
        .to.emit(hub, "Paid")
        .withArgs(alice.address, artist.address, 1n, 1n, PRICE, parts.referral, parts.pool, ts + MONTH);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, hub, keeper], [-PRICE, PRICE, 0n]);
      expect(await hub.referralBalanceOf(artist.address)).to.equal(parts.referral * 2n);
      expect(await hub.ledger()).to.deep.equal([parts.pool * 2n, parts.platform * 2n, 1n]);
      await expect(hub.renew(alice.address)).to.be.revertedWithCustomError(hub, "HubNotDue");
    });

    it("ends the subscription instead of reverting when the pull fails", async function () {
      const { hub, token, alice, artist } = await loadFixture(funded);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await token.connect(alice).approve(await hub.getAddress(), 0n);
      await time.increase(MONTH);
      expect(await hub.renew.staticCall(alice.address)).to.equal(false);
      await expect(hub.renew(alice.address))
        .to.emit(hub, "SubscriptionEnded")
        .withArgs(alice.address, EndReason.PaymentFailed, ts + MONTH);
      expect((await hub.subscriptionOf(alice.address)).status).to.equal(Status.Lapsed);
      await expect(hub.renew(alice.address)).to.be.revertedWithCustomError(hub, "HubNotActive");
    });
  });

  describe("renewBatch", function () {
    it("renews the due, skips the rest and returns how many were renewed", async function () {
      const { hub, alice, bob, carol, artist, stranger } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await hub.connect(bob).subscribe(1, artist.address, 0); // Yearly: not due after a month.
      await hub.connect(carol).subscribe(0, ethers.ZeroAddress, 0);
      await hub.connect(carol).cancel();
      await time.increase(MONTH);
      const batch = [alice.address, bob.address, carol.address, stranger.address, alice.address];
      expect(await hub.renewBatch.staticCall(batch)).to.equal(1n);
      const receipt = await (await hub.renewBatch(batch)).wait();
      const paid = receipt!.logs.map((l) => hub.interface.parseLog(l)).filter((e) => e?.name === "Paid");
      expect(paid.map((e) => e!.args.subscriber)).to.deep.equal([alice.address]);
      const parts = split(PRICE, REFERRAL_BPS, POOL_BPS);
      const yearly = split(YEARLY_PRICE, REFERRAL_BPS, POOL_BPS);
      const organic = split(PRICE, REFERRAL_BPS, POOL_BPS, false);
      expect(await hub.ledger()).to.deep.equal([
        parts.pool * 2n + yearly.pool + organic.pool,
        parts.platform * 2n + yearly.platform + organic.platform,
        1n,
      ]);
    });

    it("books nothing for an empty batch", async function () {
      const { hub } = await loadFixture(funded);
      expect(await hub.renewBatch.staticCall([])).to.equal(0n);
      await hub.renewBatch([]);
      expect(await hub.ledger()).to.deep.equal([0n, 0n, 1n]);
    });
  });

  describe("cancel and resubscribe", function () {
    it("keeps the paid-through time, stops renewals and keeps the binding on return", async function () {
      const { hub, alice, artist, bob } = await loadFixture(funded);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 1);
      await expect(hub.connect(alice).cancel())
        .to.emit(hub, "SubscriptionEnded")
        .withArgs(alice.address, EndReason.Cancelled, ts + MONTH);
      expect((await hub.subscriptionOf(alice.address)).status).to.equal(Status.Cancelled);
      await expect(hub.connect(alice).cancel())
        .to.be.revertedWithCustomError(hub, "HubNotActive")
        .withArgs(alice.address);
      await time.increase(MONTH);
      await expect(hub.renew(alice.address)).to.be.revertedWithCustomError(hub, "HubNotActive");
      // Returning through another artist's link (and campaign) moves neither the attribution nor the campaign.
      await expect(hub.connect(alice).subscribe(0, bob.address, 2))
        .to.emit(hub, "Subscribed")
        .withArgs(alice.address, artist.address, 0n, 1n, 1n, PRICE, MONTH);
      expect((await hub.bindingOf(alice.address)).referrer).to.equal(artist.address);
    });

    it("extends from the old paid-through time when resubscribing before it runs out", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await hub.connect(alice).cancel();
      await expect(hub.connect(alice).subscribe(0, artist.address, 0))
        .to.emit(hub, "Paid")
        .withArgs(
          alice.address,
          artist.address,
          1n,
          0n,
          PRICE,
          (v: bigint) => v > 0n,
          (v: bigint) => v > 0n,
          ts + 2n * MONTH,
        );
    });
  });
});
