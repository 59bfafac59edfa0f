import { expect } from "chai";
import { network } from "hardhat";
import {
  DAY,
  LIFETIME,
  MONTH,
  NOTICE,
  POOL_BPS,
  PRICE,
  REFERRAL_BPS,
  Status,
  deployFundedHub,
  split,
} from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function funded() {
  return deployFundedHub(ethers);
}

async function nextTimestamp(offset = 1n) {
  const ts = BigInt(await time.latest()) + offset;
  await time.setNextBlockTimestamp(ts);
  return ts;
}

const NEW_REFERRAL_BPS = 2_500n;
const NEW_POOL_BPS = 5_000n;

describe("SubscriptionHub terms and plans", function () {
  describe("proposeTerms", function () {
    it("announces a version effective after the notice period, owner only, within 100 %", async function () {
      const { hub, alice } = await loadFixture(funded);
      await expect(hub.connect(alice).proposeTerms(1n, 1n, 0n))
        .to.be.revertedWithCustomError(hub, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(hub.proposeTerms(10_000n, 1n, 0n))
        .to.be.revertedWithCustomError(hub, "HubInvalidTerms")
        .withArgs(10_000n, 1n);
      const ts = await nextTimestamp();
      await expect(hub.proposeTerms(NEW_REFERRAL_BPS, NEW_POOL_BPS, 30n * DAY))
        .to.emit(hub, "TermsProposed")
        .withArgs(2n, NEW_REFERRAL_BPS, NEW_POOL_BPS, 30n * DAY, ts + NOTICE);
      const t = await hub.terms(2n);
      expect([t.referralBps, t.poolBps, t.referralDuration, t.effectiveAt]).to.deep.equal([
        NEW_REFERRAL_BPS,
        NEW_POOL_BPS,
        30n * DAY,
        ts + NOTICE,
      ]);
      expect(await hub.termsCount()).to.equal(2n);
      // 100 % in total is allowed: the platform then keeps nothing.
      await expect(hub.proposeTerms(4_000n, 6_000n, 0n)).to.emit(hub, "TermsProposed");
    });

    it("binds joiners to the old terms until the notice ends, and the new terms only after", async function () {
      const { hub, alice, bob, artist } = await loadFixture(funded);
      const proposedAt = await nextTimestamp();
      await hub.proposeTerms(NEW_REFERRAL_BPS, NEW_POOL_BPS, 0n);
      await time.setNextBlockTimestamp(proposedAt + NOTICE - 1n);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      expect((await hub.bindingOf(alice.address)).termsVersion).to.equal(1n);
      await time.setNextBlockTimestamp(proposedAt + NOTICE);
      const p = split(PRICE, NEW_REFERRAL_BPS, NEW_POOL_BPS);
      await expect(hub.connect(bob).subscribe(0, artist.address, 0))
        .to.emit(hub, "Paid")
        .withArgs(bob.address, artist.address, 1n, 0n, PRICE, p.referral, p.pool, proposedAt + NOTICE + MONTH);
      const bound = await hub.bindingOf(bob.address);
      expect([bound.referralBps, bound.poolBps, bound.termsVersion]).to.deep.equal([
        NEW_REFERRAL_BPS,
        NEW_POOL_BPS,
        2n,
      ]);
      expect(await hub.activeTermsVersion()).to.equal(2n);
    });

    it("never changes an existing subscriber's split (not retroactive)", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const before = await hub.bindingOf(alice.address);
      await hub.proposeTerms(NEW_REFERRAL_BPS, NEW_POOL_BPS, 1n);
      await time.increase(NOTICE + MONTH);
      const old = split(PRICE, REFERRAL_BPS, POOL_BPS);
      await expect(hub.renew(alice.address))
        .to.emit(hub, "Paid")
        .withArgs(alice.address, artist.address, 1n, 0n, PRICE, old.referral, old.pool, (v: bigint) => v > 0n);
      await hub.connect(alice).cancel();
      await time.increase(MONTH);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      expect(await hub.bindingOf(alice.address)).to.deep.equal(before);
    });

    it("takes the newest effective version when several are pending", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      await hub.proposeTerms(2_000n, 2_000n, 0n);
      await time.increase(DAY);
      await hub.proposeTerms(3_000n, 3_000n, 0n);
      expect(await hub.activeTermsVersion()).to.equal(1n);
      await time.increase(NOTICE - DAY);
      expect(await hub.activeTermsVersion()).to.equal(2n);
      await time.increase(DAY);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      expect((await hub.bindingOf(alice.address)).termsVersion).to.equal(3n);
    });
  });

  describe("referral duration", function () {
    it("pays the referrer until the referral ends, then routes the referral part to the platform", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      await hub.proposeTerms(REFERRAL_BPS, POOL_BPS, 45n * DAY);
      await time.increase(NOTICE);
      const ts = await nextTimestamp();
      await hub.connect(alice).subscribe(0, artist.address, 0);
      expect((await hub.bindingOf(alice.address)).referralEndsAt).to.equal(ts + 45n * DAY);
      await time.increase(MONTH);
      const p = split(PRICE, REFERRAL_BPS, POOL_BPS);
      await expect(hub.renew(alice.address))
        .to.emit(hub, "Paid")
        .withArgs(alice.address, artist.address, 1n, 0n, PRICE, p.referral, p.pool, (v: bigint) => v > 0n);
      await time.increase(MONTH);
      const [, platformBefore] = await hub.ledger();
      const organic = split(PRICE, REFERRAL_BPS, POOL_BPS, false);
      await expect(hub.renew(alice.address))
        .to.emit(hub, "Paid")
        .withArgs(alice.address, artist.address, 1n, 0n, PRICE, 0n, organic.pool, (v: bigint) => v > 0n);
      expect((await hub.ledger())[1] - platformBefore).to.equal(organic.platform);
      expect(await hub.referralBalanceOf(artist.address)).to.equal(p.referral * 2n);
      expect(await hub.previewSplit(PRICE, alice.address, ethers.ZeroAddress)).to.deep.equal([
        0n,
        organic.pool,
        organic.platform,
      ]);
    });

    it("treats a zero duration as lifetime", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      expect((await hub.bindingOf(alice.address)).referralEndsAt).to.equal(LIFETIME);
    });
  });

  describe("plans", function () {
    it("announces a plan available after the notice period, owner only, with a price and period", async function () {
      const { hub, alice, artist } = await loadFixture(funded);
      await expect(hub.connect(alice).proposePlan(1n, 1n))
        .to.be.revertedWithCustomError(hub, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(hub.proposePlan(0n, MONTH)).to.be.revertedWithCustomError(hub, "HubInvalidPlan").withArgs(0n, MONTH);
      const ts = await nextTimestamp();
      await expect(hub.proposePlan(4_990_000n, 7n * DAY))
        .to.emit(hub, "PlanProposed")
        .withArgs(2n, 4_990_000n, 7n * DAY, ts + NOTICE);
      const plan = await hub.plan(2);
      expect([plan.price, plan.period, plan.availableFrom, plan.retiredFrom]).to.deep.equal([
        4_990_000n,
        7n * DAY,
        ts + NOTICE,
        LIFETIME,
      ]);
      await expect(hub.connect(alice).subscribe(2, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubPlanUnavailable")
        .withArgs(2n);
      await time.setNextBlockTimestamp(ts + NOTICE);
      await expect(hub.connect(alice).subscribe(2, artist.address, 0))
        .to.emit(hub, "Subscribed")
        .withArgs(alice.address, artist.address, 2n, 0n, 1n, 4_990_000n, 7n * DAY);
      await expect(hub.plan(9)).to.be.revertedWithCustomError(hub, "HubUnknownPlan").withArgs(9n);
    });

    it("retires a plan for new subscribers after notice, while existing ones keep their price", async function () {
      const { hub, alice, bob, carol, artist } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await expect(hub.connect(alice).proposePlanRetirement(0))
        .to.be.revertedWithCustomError(hub, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(hub.proposePlanRetirement(5)).to.be.revertedWithCustomError(hub, "HubUnknownPlan").withArgs(5n);
      const ts = await nextTimestamp();
      await expect(hub.proposePlanRetirement(0))
        .to.emit(hub, "PlanRetirementProposed")
        .withArgs(0n, ts + NOTICE);
      await expect(hub.proposePlanRetirement(0))
        .to.be.revertedWithCustomError(hub, "HubPlanAlreadyRetired")
        .withArgs(0n, ts + NOTICE);
      await time.setNextBlockTimestamp(ts + NOTICE - 1n);
      await hub.connect(bob).subscribe(0, artist.address, 0);
      await time.setNextBlockTimestamp(ts + NOTICE);
      await expect(hub.connect(carol).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubPlanUnavailable")
        .withArgs(0n);
      // Grandfathered: renewals and a return on the same plan keep the snapshot.
      await time.increase(MONTH);
      await expect(hub.renew(alice.address)).to.emit(hub, "Paid");
      await hub.connect(alice).cancel();
      await time.increase(MONTH);
      await expect(hub.connect(alice).subscribe(0, artist.address, 0))
        .to.emit(hub, "Subscribed")
        .withArgs(alice.address, artist.address, 0n, 0n, 1n, PRICE, MONTH);
    });

    it("keeps the binding when a returning subscriber switches plan", async function () {
      const { hub, alice, artist, bob } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const bound = await hub.bindingOf(alice.address);
      await hub.connect(alice).cancel();
      await hub.proposeTerms(NEW_REFERRAL_BPS, NEW_POOL_BPS, 0n);
      await hub.proposePlanRetirement(0);
      await time.increase(NOTICE + MONTH);
      await hub.connect(alice).subscribe(1, bob.address, 3);
      expect(await hub.bindingOf(alice.address)).to.deep.equal(bound);
      const sub = await hub.subscriptionOf(alice.address);
      expect([sub.planId, sub.price, sub.status, sub.campaign]).to.deep.equal([
        1n,
        99_990_000n,
        Status.Active,
        0n, // the campaign is bound with the referrer at the first subscription
      ]);
      // Switching back to the retired plan is not possible any more.
      await hub.connect(alice).cancel();
      await expect(hub.connect(alice).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubPlanUnavailable")
        .withArgs(0n);
    });
  });
});
