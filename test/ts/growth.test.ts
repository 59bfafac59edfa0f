// GrowthPool: units from the hub and from audited publications, O(1) deposits shared pro rata by units at deposit
// time, remainders carried, commitments with notice, claims paid to the holder only.
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";
import type { Address } from "viem";
import { buildTree, getClaim } from "../../scripts/lib/merkle.js";
import { MAX, NOTICE } from "./hub.fixture.js";
import {
  AD,
  AD_REVENUE,
  DELAY,
  ETH,
  EXIT_PROCEEDS,
  UnitSource,
  WINDOW,
  activate as activateUnits,
  deployPool,
} from "./growth.fixture.js";

const { ethers, networkHelpers } = await network.create();

async function setup() {
  const [owner, alice, bob, carol, relayer] = await ethers.getSigners();
  const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
  const { pool, hubAddress, auditor } = await deployPool(ethers, { tokens: [await token.getAddress()] });
  const hub = await ethers.getContractAt("MockUnitsHub", hubAddress);
  await token.mint(owner.address, 10n ** 30n);
  await token.approve(await pool.getAddress(), MAX);
  /** Gives `holder` `units` hub units in total, syncs them into the pool and waits until they earn. */
  const credit = async (holder: string, units: bigint) => {
    await hub.setUnits(holder, units);
    await pool.sync(holder);
    await activate();
  };
  return { owner, alice, bob, carol, relayer, auditor, token, pool, hub, credit };
}

const ref = (s: string) => ethers.id(s);
const activate = () => activateUnits(networkHelpers.time);

describe("GrowthPool", function () {
  describe("units", function () {
    it("test_sync_creditsNewHubUnitsOnce", async function () {
      const { pool, hub, alice } = await networkHelpers.loadFixture(setup);
      await hub.setUnits(alice.address, 300n);
      expect(await pool.pendingHubUnits(alice.address)).to.equal(300n);
      await expect(pool.sync(alice.address))
        .to.emit(pool, "UnitsCredited")
        .withArgs(alice.address, UnitSource.Hub, 300n, 300n, 300n, anyValue);
      await expect(pool.sync(alice.address)).to.not.emit(pool, "UnitsCredited");
      await hub.setUnits(alice.address, 500n);
      await expect(pool.syncMany([alice.address]))
        .to.emit(pool, "UnitsCredited")
        .withArgs(alice.address, UnitSource.Hub, 200n, 500n, 500n, anyValue);
      expect(await pool.unitsOf(alice.address)).to.deep.equal([500n, 0n]);
      expect(await pool.totalUnits()).to.equal(500n);
    });

    it("test_sync_withoutHubCreditsNothing", async function () {
      const [owner, alice] = await ethers.getSigners();
      const pool = await ethers.deployContract("GrowthPool", [
        ethers.ZeroAddress,
        owner,
        owner,
        [NOTICE, WINDOW, DELAY],
        [],
        [],
        [],
        [],
      ]);
      await expect(pool.sync(alice.address)).to.not.emit(pool, "UnitsCredited");
      expect(await pool.pendingHubUnits(alice.address)).to.equal(0n);
    });

    it("test_creditUnits_countsAnAuditedRootOnlyAfterItsWindow", async function () {
      const { pool, owner, alice, bob, auditor } = await networkHelpers.loadFixture(setup);
      const period1 = buildTree([
        { account: alice.address as Address, cumulativeAmount: 1_000n },
        { account: bob.address as Address, cumulativeAmount: 3_000n },
      ]);
      const bad = buildTree([{ account: owner.address as Address, cumulativeAmount: 10n ** 24n }]);
      const a1 = getClaim(period1, alice.address as Address)!;

      await pool.propose(bad.root, 10n ** 24n, ref("bad"), "ipfs://bad");
      await expect(pool.connect(alice).veto(bad.root))
        .to.be.revertedWithCustomError(pool, "AuditedRootsNotAuditor")
        .withArgs(alice.address);
      await expect(pool.connect(auditor).veto(bad.root))
        .to.emit(pool, "RootVetoed")
        .withArgs(bad.root, auditor.address);
      await expect(pool.connect(auditor).veto(bad.root))
        .to.be.revertedWithCustomError(pool, "AuditedRootsNotVetoable")
        .withArgs(bad.root);

      const tx = pool.propose(period1.root, 4_000n, ref("units-1"), "ipfs://units-1");
      await expect(tx).to.emit(pool, "RootProposed");
      expect((await pool.pendingRoot())[0]).to.equal(period1.root);
      await expect(pool.creditUnits(alice.address, a1.cumulativeAmount, a1.proof))
        .to.be.revertedWithCustomError(pool, "GrowthInvalidProof")
        .withArgs(alice.address, 1_000n);

      await networkHelpers.time.increase(WINDOW);
      await expect(pool.connect(auditor).veto(period1.root)).to.be.revertedWithCustomError(
        pool,
        "AuditedRootsNotVetoable",
      );
      expect((await pool.activeRoot())[0]).to.equal(period1.root);
      await expect(pool.creditUnits(alice.address, a1.cumulativeAmount, a1.proof))
        .to.emit(pool, "UnitsCredited")
        .withArgs(alice.address, UnitSource.Publication, 1_000n, 1_000n, 1_000n, anyValue);
      await expect(pool.creditUnits(alice.address, a1.cumulativeAmount, a1.proof))
        .to.be.revertedWithCustomError(pool, "GrowthNothingToCredit")
        .withArgs(alice.address, 1_000n);

      // The next period's cumulative leaf credits only the increase.
      const period2 = buildTree([{ account: alice.address as Address, cumulativeAmount: 1_600n }]);
      await pool.propose(period2.root, 1_600n + 3_000n, ref("units-2"), "ipfs://units-2");
      await networkHelpers.time.increase(WINDOW);
      const a2 = getClaim(period2, alice.address as Address)!;
      await expect(pool.creditUnits(alice.address, a2.cumulativeAmount, a2.proof))
        .to.emit(pool, "UnitsCredited")
        .withArgs(alice.address, UnitSource.Publication, 600n, 1_600n, 1_600n, anyValue);
      expect(await pool.unitsOf(alice.address)).to.deep.equal([0n, 1_600n]);
    });

    // L-02: a units root counts for `creditUnits` from the moment its window passes, whoever promotes it (the rules
    // themselves are the Distributor's: test/ts/auditedRoots.test.ts runs one suite against both).
    it("test_creditUnits_promotesAMaturedRoot_proposedByThePublisherNamedAtDeployment", async function () {
      const { pool, owner, alice } = await networkHelpers.loadFixture(setup);
      expect(await pool.publisher()).to.equal(owner.address);
      const good = buildTree([{ account: alice.address as Address, cumulativeAmount: 5n }]);
      await pool.propose(good.root, 5n, ref("good"), "ipfs://good");
      await networkHelpers.time.increase(WINDOW);
      const leaf = getClaim(good, alice.address as Address)!;
      await expect(pool.creditUnits(alice.address, leaf.cumulativeAmount, leaf.proof))
        .to.emit(pool, "RootActivated")
        .withArgs(good.root);
      await expect(pool.promote()).to.be.revertedWithCustomError(pool, "AuditedRootsNothingToPromote");
    });

    it("test_RevertWhen_noticeOrDelayOutOfBounds_andOwnershipIsNeverRenounced", async function () {
      const { pool, owner } = await networkHelpers.loadFixture(setup);
      const factory = await ethers.getContractFactory("GrowthPool");
      const MIN = 3_600n;
      const MAX_D = 3_650n * 86_400n;
      for (const d of [
        [0n, WINDOW, DELAY],
        [NOTICE, WINDOW, 0n],
        [2n ** 64n, WINDOW, DELAY],
        [NOTICE, WINDOW, MAX_D + 1n],
      ]) {
        const bad = d.find((x) => x < MIN || x > MAX_D)!;
        await expect(ethers.deployContract("GrowthPool", [ethers.ZeroAddress, owner, owner, d, [], [], [], []]))
          .to.be.revertedWithCustomError(factory, "GrowthInvalidDuration")
          .withArgs(bad, MIN, MAX_D);
      }
      await expect(pool.renounceOwnership()).to.be.revertedWithCustomError(pool, "GrowthRenounceDisabled");
    });
  });

  describe("deposits and claims", function () {
    it("test_deposit_sharesProRataByUnitsAtDepositTime", async function () {
      const { pool, token, credit, owner, alice, bob } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 3n);
      await credit(bob.address, 1n);
      await expect(pool.deposit(token, 1_000n, AD, ref("ad 2026-10")))
        .to.emit(pool, "Deposited")
        .withArgs(await token.getAddress(), AD, ref("ad 2026-10"), owner.address, 1_000n, 0n);
      expect(await pool.claimable(alice.address, token)).to.equal(750n);
      expect(await pool.claimable(bob.address, token)).to.equal(250n);
      await expect(pool.claim(alice.address, [token]))
        .to.emit(pool, "Claimed")
        .withArgs(alice.address, await token.getAddress(), 750n);
      expect(await token.balanceOf(alice.address)).to.equal(750n);
      await expect(pool.claim(alice.address, [token]))
        .to.be.revertedWithCustomError(pool, "GrowthNothingToClaim")
        .withArgs(alice.address);
    });

    it("test_lateUnits_earnNothingFromEarlierDeposits", async function () {
      const { pool, token, credit, alice, bob } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      await pool.deposit(token, 600n, AD, ref("first"));
      await credit(bob.address, 2n);
      expect(await pool.claimable(bob.address, token)).to.equal(0n);
      await pool.deposit(token, 300n, AD, ref("second"));
      expect(await pool.claimable(alice.address, token)).to.equal(600n + 100n);
      expect(await pool.claimable(bob.address, token)).to.equal(200n);
    });

    it("test_unitChange_booksEarningsAtTheOldUnits", async function () {
      const { pool, token, credit, alice, bob } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      await credit(bob.address, 1n);
      await pool.deposit(token, 100n, AD, ref("first"));
      await credit(alice.address, 3n); // books alice's 50 at 1 unit, then holds 3 of 4
      await pool.deposit(token, 100n, AD, ref("second"));
      await expect(pool.claim(alice.address, [token]))
        .to.emit(pool, "Claimed")
        .withArgs(alice.address, await token.getAddress(), 50n + 75n);
      expect(await pool.claimable(bob.address, token)).to.equal(50n + 25n);
    });

    it("test_remainders_areCarriedIntoTheNextDeposit", async function () {
      const { pool, token, credit, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      for (const h of [alice, bob, carol]) await credit(h.address, 1n);
      // 10 over 3 units: the index takes 10e18 / 3 per unit, assigning 9; 1 is carried.
      await expect(pool.deposit(token, 10n, AD, ref("a")))
        .to.emit(pool, "Deposited")
        .withArgs(await token.getAddress(), AD, ref("a"), anyAddress(), 10n, 1n);
      expect((await pool.tokenState(token))[1]).to.equal(1n);
      await pool.deposit(token, 2n, AD, ref("b")); // 2 + 1 carried = 3, exactly 1 each
      expect((await pool.tokenState(token))[1]).to.equal(0n);
      let paid = 0n;
      for (const h of [alice, bob, carol]) {
        const before = await token.balanceOf(h.address);
        await pool.claim(h.address, [token]);
        paid += (await token.balanceOf(h.address)) - before;
      }
      expect(paid).to.equal(12n);
      expect(await token.balanceOf(pool)).to.equal(0n);
    });

    it("test_depositETH_isSharedAndClaimedInEther", async function () {
      const { pool, credit, alice, bob, relayer } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      await credit(bob.address, 4n);
      await expect(pool.depositETH(AD, ref("exit"), { value: 5n * 10n ** 18n }))
        .to.emit(pool, "Deposited")
        .withArgs(ETH, AD, ref("exit"), anyAddress(), 5n * 10n ** 18n, 0n);
      const before = await ethers.provider.getBalance(alice.address);
      // A relayer pays the gas; the money goes to the holder.
      await expect(pool.connect(relayer).claim(alice.address, [ETH]))
        .to.emit(pool, "Claimed")
        .withArgs(alice.address, ETH, 10n ** 18n);
      expect((await ethers.provider.getBalance(alice.address)) - before).to.equal(10n ** 18n);
    });

    it("test_claim_paysEveryTokenAskedAndSkipsEmptyOnes", async function () {
      const { pool, token, credit, alice } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      await pool.deposit(token, 7n, AD, ref("a"));
      const amounts = await pool.claim.staticCall(alice.address, [ETH, token]);
      expect(amounts).to.deep.equal([0n, 7n]);
      await pool.claim(alice.address, [ETH, token]);
      expect(await token.balanceOf(alice.address)).to.equal(7n);
    });

    it("test_RevertWhen_depositIsInvalid", async function () {
      const { pool, token, credit, owner, alice } = await networkHelpers.loadFixture(setup);
      await expect(pool.deposit(token, 1n, AD, ref("x"))).to.be.revertedWithCustomError(pool, "GrowthNoUnits");
      await credit(alice.address, 1n);
      await expect(pool.deposit(token, 0n, AD, ref("x"))).to.be.revertedWithCustomError(pool, "GrowthZeroAmount");
      await expect(pool.deposit(ETH, 1n, AD, ref("x"))).to.be.revertedWithCustomError(pool, "GrowthUseDepositETH");
      await expect(pool.deposit(token, 1n, 9n, ref("x")))
        .to.be.revertedWithCustomError(pool, "GrowthUnknownCommitment")
        .withArgs(9n);
      const other = await ethers.deployContract("TestToken", ["Other", "OTH", 18]);
      await expect(pool.deposit(other, 1n, AD, ref("x")))
        .to.be.revertedWithCustomError(pool, "GrowthTokenNotAllowed")
        .withArgs(await other.getAddress());
      await token.mint(owner.address, 2n ** 128n);
      await expect(pool.deposit(token, 2n ** 128n, AD, ref("x")))
        .to.be.revertedWithCustomError(pool, "GrowthOverflow")
        .withArgs(2n ** 128n);
      await expect(alice.sendTransaction({ to: await pool.getAddress(), value: 1n })).to.be.revert(ethers);
    });

    it("test_RevertWhen_unitsOrIndexWouldOverflow", async function () {
      const { pool, hub, token, credit, alice, bob, carol } = await networkHelpers.loadFixture(setup);
      await hub.setUnits(alice.address, 2n ** 128n);
      await expect(pool.sync(alice.address))
        .to.be.revertedWithCustomError(pool, "GrowthOverflow")
        .withArgs(2n ** 128n);
      const huge = buildTree([{ account: alice.address as Address, cumulativeAmount: 2n ** 128n }]);
      await pool.propose(huge.root, 2n ** 128n, ref("huge"), "ipfs://huge");
      await networkHelpers.time.increase(WINDOW);
      const leaf = getClaim(huge, alice.address as Address)!;
      await expect(pool.creditUnits(alice.address, leaf.cumulativeAmount, leaf.proof))
        .to.be.revertedWithCustomError(pool, "GrowthOverflow")
        .withArgs(2n ** 128n);
      // Units credited in one epoch wait in a 112-bit bucket.
      await hub.setUnits(alice.address, 2n ** 112n);
      await expect(pool.sync(alice.address))
        .to.be.revertedWithCustomError(pool, "GrowthOverflow")
        .withArgs(2n ** 112n);
      await credit(alice.address, 2n ** 112n - 1n);
      await hub.setUnits(bob.address, 2n ** 112n - 1n);
      await pool.sync(bob.address); // the next epoch's bucket
      await hub.setUnits(carol.address, 1n);
      await expect(pool.sync(carol.address))
        .to.be.revertedWithCustomError(pool, "GrowthOverflow")
        .withArgs(2n ** 112n);
      // One unit and a deposit worth more than 2**127 * 1e-18 base units per unit: the index would not fit.
      const { pool: small, hubAddress } = await deployPool(ethers, { tokens: [await token.getAddress()] });
      await (await ethers.getContractAt("MockUnitsHub", hubAddress)).setUnits(alice.address, 1n);
      await small.sync(alice.address);
      await activate();
      await token.approve(await small.getAddress(), MAX);
      await expect(small.deposit(token, 2n ** 98n, AD, ref("x"))).to.be.revertedWithCustomError(
        small,
        "GrowthOverflow",
      );
    });

    it("test_removedToken_takesNoDepositsButStillPays", async function () {
      const { pool, token, credit, alice, bob } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      await pool.deposit(token, 100n, AD, ref("a"));
      await expect(pool.setTokenAllowed(token, false))
        .to.emit(pool, "TokenAllowed")
        .withArgs(await token.getAddress(), false);
      await expect(pool.deposit(token, 1n, AD, ref("b"))).to.be.revertedWithCustomError(pool, "GrowthTokenNotAllowed");
      await credit(alice.address, 2n); // a unit change still settles the removed token
      await pool.claim(alice.address, [token]);
      expect(await token.balanceOf(alice.address)).to.equal(100n);
      await pool.setTokenAllowed(token, true);
      expect(await pool.tokens()).to.deep.equal([ETH, await token.getAddress()]);
      await expect(pool.connect(bob).setTokenAllowed(token, false))
        .to.be.revertedWithCustomError(pool, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("test_RevertWhen_allowListIsFull", async function () {
      const { pool } = await networkHelpers.loadFixture(setup);
      const max = await pool.MAX_TOKENS();
      for (let i = 2n; i < max; i++) await pool.setTokenAllowed(ethers.toBeHex(1000n + i, 20), true);
      await expect(pool.setTokenAllowed(ethers.toBeHex(999, 20), true))
        .to.be.revertedWithCustomError(pool, "GrowthTooManyTokens")
        .withArgs(max);
    });
  });

  describe("commitments", function () {
    it("test_commitment_takesEffectOnlyAfterNotice", async function () {
      const { pool, token, credit, alice } = await networkHelpers.loadFixture(setup);
      await credit(alice.address, 1n);
      const initial = await pool.commitment(AD);
      expect([initial.basis, initial.bps]).to.deep.equal([AD_REVENUE, 2_000n]);
      const tx = pool.proposeCommitment(EXIT_PROCEEDS, 500);
      await expect(tx).to.emit(pool, "CommitmentProposed");
      const id = await pool.commitmentCount();
      const { effectiveAt } = await pool.commitment(id);
      await expect(pool.deposit(token, 1n, id, ref("exit")))
        .to.be.revertedWithCustomError(pool, "GrowthCommitmentNotEffective")
        .withArgs(id, effectiveAt);
      await networkHelpers.time.increaseTo(effectiveAt);
      await expect(pool.deposit(token, 1n, id, ref("exit"))).to.emit(pool, "Deposited");
    });

    it("test_RevertWhen_commitmentIsInvalid", async function () {
      const { pool, alice } = await networkHelpers.loadFixture(setup);
      await expect(pool.proposeCommitment(ethers.ZeroHash, 100)).to.be.revertedWithCustomError(
        pool,
        "GrowthInvalidCommitment",
      );
      await expect(pool.proposeCommitment(AD_REVENUE, 0)).to.be.revertedWithCustomError(
        pool,
        "GrowthInvalidCommitment",
      );
      await expect(pool.proposeCommitment(AD_REVENUE, 10_001))
        .to.be.revertedWithCustomError(pool, "GrowthInvalidCommitment")
        .withArgs(AD_REVENUE, 10_001n);
      await expect(pool.connect(alice).proposeCommitment(AD_REVENUE, 1)).to.be.revertedWithCustomError(
        pool,
        "OwnableUnauthorizedAccount",
      );
      await expect(pool.commitment(99n)).to.be.revertedWithCustomError(pool, "GrowthUnknownCommitment").withArgs(99n);
    });

    it("test_RevertWhen_constructorArgumentsAreInvalid", async function () {
      const [owner] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("GrowthPool");
      await expect(
        ethers.deployContract("GrowthPool", [
          ethers.ZeroAddress,
          owner,
          owner,
          [NOTICE, WINDOW, DELAY],
          [],
          [],
          [AD_REVENUE],
          [],
        ]),
      ).to.be.revertedWithCustomError(factory, "GrowthInvalidCommitment");
      await expect(
        ethers.deployContract("GrowthPool", [
          ethers.ZeroAddress,
          owner,
          owner,
          [NOTICE, WINDOW, DELAY],
          [],
          [ETH],
          [],
          [],
        ]),
      ).to.be.revertedWithCustomError(factory, "GrowthZeroAddress");
    });
  });
});

/** Matches any address argument (the depositor is checked elsewhere). */
function anyAddress() {
  return (v: unknown) => typeof v === "string" && ethers.isAddress(v);
}
