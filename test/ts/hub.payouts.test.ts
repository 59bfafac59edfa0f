import { expect } from "chai";
import { network } from "hardhat";
import { MONTH, OVERDUE, POOL_BPS, PRICE, REFERRAL_BPS, YEARLY_PRICE, deployFundedHub, split } from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function funded() {
  return deployFundedHub(ethers);
}

describe("SubscriptionHub payouts", function () {
  describe("withdrawals", function () {
    it("pays a referral balance only to its account, whoever calls", async function () {
      const { hub, token, alice, artist, stranger } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const owed = split(PRICE, REFERRAL_BPS, POOL_BPS).referral;
      const tx = hub.connect(stranger).withdraw(artist.address);
      await expect(tx).to.emit(hub, "Withdrawn").withArgs(artist.address, artist.address, owed);
      await expect(tx).to.changeTokenBalances(ethers, token, [artist, stranger, hub], [owed, 0n, -owed]);
      expect(await hub.referralBalanceOf(artist.address)).to.equal(0n);
      await expect(hub.withdraw(artist.address))
        .to.be.revertedWithCustomError(hub, "HubNothingToWithdraw")
        .withArgs(artist.address);
    });

    it("lets only the owner withdraw the platform balance, to a nonzero address", async function () {
      const { hub, token, owner, alice, artist, stranger } = await loadFixture(funded);
      const hubAddress = await hub.getAddress();
      await expect(hub.withdrawPlatform(stranger.address))
        .to.be.revertedWithCustomError(hub, "HubNothingToWithdraw")
        .withArgs(hubAddress);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const { pool, platform } = split(PRICE, REFERRAL_BPS, POOL_BPS);
      await expect(hub.connect(stranger).withdrawPlatform(stranger.address))
        .to.be.revertedWithCustomError(hub, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(hub.connect(owner).withdrawPlatform(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        hub,
        "HubZeroAddress",
      );
      const tx = hub.connect(owner).withdrawPlatform(stranger.address);
      await expect(tx).to.emit(hub, "PlatformWithdrawn").withArgs(stranger.address, platform);
      await expect(tx).to.changeTokenBalances(ethers, token, [stranger, hub], [platform, -platform]);
      expect(await hub.ledger()).to.deep.equal([pool, 0n, 1n]);
    });
  });

  describe("closePeriod", function () {
    it("funds the distributor with the exact pool and opens the next period", async function () {
      const { hub, token, distributor, alice, bob, artist } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await hub.connect(bob).subscribe(1, ethers.ZeroAddress, 0);
      const pool = split(PRICE, REFERRAL_BPS, POOL_BPS).pool + split(YEARLY_PRICE, REFERRAL_BPS, POOL_BPS).pool;
      const [, platformBefore] = await hub.ledger();
      const tx = hub.closePeriod();
      await expect(tx).to.emit(hub, "PeriodClosed").withArgs(1n, pool);
      await expect(tx)
        .to.emit(distributor, "Funded")
        .withArgs(await hub.getAddress(), pool);
      await expect(tx).to.changeTokenBalances(ethers, token, [hub, distributor], [-pool, pool]);
      expect(await distributor.totalFunded()).to.equal(pool);
      expect(await hub.ledger()).to.deep.equal([0n, platformBefore, 2n]);
      expect(await token.allowance(await hub.getAddress(), await distributor.getAddress())).to.equal(0n);
      await time.increase(MONTH);
      await expect(hub.renew(alice.address))
        .to.emit(hub, "Paid")
        .withArgs(
          alice.address,
          artist.address,
          2n,
          0n,
          PRICE,
          (v: bigint) => v > 0n,
          (v: bigint) => v > 0n,
          (v: bigint) => v > 0n,
        );
    });

    it("advances an empty period without calling the distributor", async function () {
      const { hub, distributor } = await loadFixture(funded);
      await expect(hub.closePeriod()).to.emit(hub, "PeriodClosed").withArgs(1n, 0n);
      expect(await distributor.fundCalls()).to.equal(0n);
      expect(await hub.ledger()).to.deep.equal([0n, 0n, 2n]);
    });

    it("is open to the owner and the named period closer only, until the period is overdue", async function () {
      const { hub, alice, keeper, stranger } = await loadFixture(funded);
      const openedAt = await hub.periodOpenedAt();
      expect(await hub.OVERDUE_AFTER()).to.equal(OVERDUE);
      await expect(hub.connect(stranger).closePeriod())
        .to.be.revertedWithCustomError(hub, "HubNotPeriodCloser")
        .withArgs(stranger.address, openedAt + OVERDUE);
      await expect(hub.connect(alice).setPeriodCloser(keeper.address))
        .to.be.revertedWithCustomError(hub, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(hub.setPeriodCloser(keeper.address)).to.emit(hub, "PeriodCloserSet").withArgs(keeper.address);
      expect(await hub.periodCloser()).to.equal(keeper.address);
      await expect(hub.connect(keeper).closePeriod()).to.emit(hub, "PeriodClosed").withArgs(1n, 0n);
    });

    // L-03: with no owner action at all (a lost key, no period closer) the pool still reaches the distributor.
    it("lets anyone close a period once it is overdue, and restarts the clock at every close", async function () {
      const { hub, token, distributor, alice, artist, stranger } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const pool = split(PRICE, REFERRAL_BPS, POOL_BPS).pool;
      const overdueAt = (await hub.periodOpenedAt()) + OVERDUE;
      // Mined at exact timestamps (a fixed gas limit skips the estimate, which would run at another time).
      const strangerCloseAt = async (t: bigint) => {
        await time.setNextBlockTimestamp(t);
        return hub.connect(stranger).closePeriod({ gasLimit: 300_000n });
      };
      await expect(strangerCloseAt(overdueAt - 1n))
        .to.be.revertedWithCustomError(hub, "HubNotPeriodCloser")
        .withArgs(stranger.address, overdueAt);
      const tx = strangerCloseAt(overdueAt);
      await expect(tx).to.emit(hub, "PeriodClosed").withArgs(1n, pool);
      await expect(tx).to.changeTokenBalances(ethers, token, [hub, distributor], [-pool, pool]);
      expect(await hub.periodOpenedAt()).to.equal(overdueAt);
      // The next period is not overdue yet: a stranger cannot close two in a row.
      await expect(strangerCloseAt(overdueAt + 1n))
        .to.be.revertedWithCustomError(hub, "HubNotPeriodCloser")
        .withArgs(stranger.address, overdueAt + OVERDUE);
      // An owner's close restarts the clock as well.
      await time.setNextBlockTimestamp(overdueAt + OVERDUE / 2n);
      await hub.closePeriod();
      const reopened = overdueAt + OVERDUE / 2n;
      expect(await hub.periodOpenedAt()).to.equal(reopened);
      await expect(strangerCloseAt(reopened + OVERDUE - 1n))
        .to.be.revertedWithCustomError(hub, "HubNotPeriodCloser")
        .withArgs(stranger.address, reopened + OVERDUE);
      await expect(strangerCloseAt(reopened + OVERDUE))
        .to.emit(hub, "PeriodClosed")
        .withArgs(3n, 0n);
    });

    it("reverts when the distributor takes less than the pool", async function () {
      const { hub, distributor, alice, artist } = await loadFixture(funded);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      const pool = split(PRICE, REFERRAL_BPS, POOL_BPS).pool;
      await distributor.setTakeBps(5_000n);
      await expect(hub.closePeriod())
        .to.be.revertedWithCustomError(hub, "HubFundingShortfall")
        .withArgs(pool, pool / 2n);
    });
  });

  describe("previewSplit and ownership", function () {
    it("previews a new subscriber's split and a bound subscriber's split", async function () {
      const { hub, alice, bob, artist } = await loadFixture(funded);
      const p = split(1_000_001n, REFERRAL_BPS, POOL_BPS);
      expect(await hub.previewSplit(1_000_001n, alice.address, artist.address)).to.deep.equal([
        p.referral,
        p.pool,
        p.platform,
      ]);
      const organic = split(1_000_001n, REFERRAL_BPS, POOL_BPS, false);
      expect(await hub.previewSplit(1_000_001n, alice.address, alice.address)).to.deep.equal([
        0n,
        organic.pool,
        organic.platform,
      ]);
      await hub.connect(bob).subscribe(0, artist.address, 0);
      expect(await hub.previewSplit(1_000_001n, bob.address, ethers.ZeroAddress)).to.deep.equal([
        p.referral,
        p.pool,
        p.platform,
      ]);
    });

    it("transfers ownership in two steps", async function () {
      const { hub, owner, stranger } = await loadFixture(funded);
      await hub.connect(owner).transferOwnership(stranger.address);
      expect(await hub.owner()).to.equal(owner.address);
      await expect(hub.connect(stranger).acceptOwnership())
        .to.emit(hub, "OwnershipTransferred")
        .withArgs(owner.address, stranger.address);
      expect(await hub.owner()).to.equal(stranger.address);
    });
  });
});
