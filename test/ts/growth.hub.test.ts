// Growth pool on a real hub: payments accrue units to the referrer, the pool syncs them, a deposit is shared by
// them, and artists collect it with everything else through the router's "claim all".
import { expect } from "chai";
import { network } from "hardhat";
import { MONTH, deployFundedHub, split, REFERRAL_BPS, POOL_BPS } from "./hub.fixture.js";
import { AD, DELAY, SCALE, activate, deployHubAndPool } from "./growth.fixture.js";

const { ethers, networkHelpers } = await network.create();
const hubAndPool = () => deployHubAndPool(ethers);

describe("GrowthPool with the SubscriptionHub", function () {
  it("test_hubPayments_accrueUnitsToTheReferrerOnly", async function () {
    const { hub, pool, alice, bob, carol, artist, keeper, price } = await networkHelpers.loadFixture(hubAndPool);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    await hub.connect(bob).subscribe(0, artist.address, 0);
    await hub.connect(carol).subscribe(0, ethers.ZeroAddress, 0);
    await networkHelpers.time.increase(MONTH);
    await hub.connect(keeper).renewBatch([alice.address, bob.address, carol.address]);
    expect(await hub.unitsOf(artist.address)).to.equal(4n * price);
    expect(await hub.unitsOf(ethers.ZeroAddress)).to.equal(0n);
    // Withdrawing the referral balance leaves the units.
    await hub.withdraw(artist.address);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(0n);
    expect(await hub.unitsOf(artist.address)).to.equal(4n * price);
    expect(await pool.pendingHubUnits(artist.address)).to.equal(4n * price);
  });

  it("test_hubUnits_stopWhenTheReferralEnds", async function () {
    const f = await deployFundedHub(ethers, { referralDuration: MONTH });
    await f.hub.connect(f.alice).subscribe(0, f.artist.address, 0);
    await networkHelpers.time.increase(MONTH);
    await f.hub.connect(f.keeper).renew(f.alice.address);
    expect(await f.hub.unitsOf(f.artist.address)).to.equal(f.price);
  });

  // M-01: an artist sybil-subscribes to itself in the block before a large deposit. Its new units wait an epoch and
  // more, so the deposit goes to the units the honest artist's audience earned; the sybil units earn only later.
  it("test_justInTimeUnits_earnNothingFromTheDepositTheyWereBoughtFor", async function () {
    const {
      hub,
      pool,
      token,
      owner,
      alice,
      bob,
      carol,
      artist,
      stranger: farmer,
    } = await networkHelpers.loadFixture(hubAndPool);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    await hub.connect(bob).subscribe(0, artist.address, 0);
    await pool.sync(artist.address);
    await activate(networkHelpers.time);

    await hub.connect(carol).subscribe(0, farmer.address, 0); // the sybil wallet, through the farmer's own link
    await expect(pool.sync(farmer.address)).to.emit(pool, "UnitsCredited");
    const [active, waiting, activeFrom] = await pool.activeUnitsOf(farmer.address);
    expect([active, waiting]).to.deep.equal([0n, await hub.unitsOf(farmer.address)]);
    const now = BigInt(await networkHelpers.time.latest());
    expect(activeFrom - now >= DELAY).to.equal(true);
    const exitProceeds = 10n ** 12n;
    await pool.connect(owner).deposit(token, exitProceeds, AD, ethers.id("exit proceeds"));
    expect(await pool.claimable(farmer.address, token)).to.equal(0n);
    const honest = await pool.claimable(artist.address, token);
    expect(exitProceeds - honest <= 1n).to.equal(true); // all of it, but the floor of a base unit
    expect(await pool.totalActiveUnits()).to.equal(await hub.unitsOf(artist.address));

    // From its epoch on, the farmer's units earn like any others.
    await networkHelpers.time.increaseTo(activeFrom);
    await pool.connect(owner).deposit(token, 3_000n, AD, ethers.id("ad revenue"));
    const farmed = await pool.claimable(farmer.address, token);
    expect(1_000n - farmed <= 1n).to.equal(true); // one unit in three, floored
    expect((await pool.claimable(artist.address, token)) - honest >= 1_999n).to.equal(true);
    await expect(pool.claim(farmer.address, [token]))
      .to.emit(pool, "Claimed")
      .withArgs(farmer.address, await token.getAddress(), farmed);
  });

  it("test_story_unitsDepositAndClaimAllThroughTheRouter", async function () {
    const { hub, pool, token, owner, alice, bob, carol, artist, keeper, stranger, price } =
      await networkHelpers.loadFixture(hubAndPool);
    const router = await ethers.deployContract("ClaimRouter");
    const other = stranger; // a second artist
    await hub.connect(alice).subscribe(0, artist.address, 0);
    await hub.connect(bob).subscribe(0, artist.address, 0);
    await hub.connect(carol).subscribe(0, other.address, 0);

    // Before the deposit the platform syncs every referrer that was paid for (from the hub's Paid events).
    await pool.syncMany([artist.address, other.address]);
    await activate(networkHelpers.time);
    const adRevenue = 3_000_000_001n;
    await pool.connect(owner).deposit(token, adRevenue, AD, ethers.id("ad revenue 2026-10"));

    // Units added after the deposit (a renewal synced by the router) earn nothing from it.
    await networkHelpers.time.increase(MONTH);
    await hub.connect(keeper).renew(alice.address);
    const before = await token.balanceOf(artist.address);
    await router.claimAllWithGrowth(artist.address, [hub], [], [], [{ pool, tokens: [token] }], true);
    const referral = split(price, REFERRAL_BPS, POOL_BPS).referral;
    const growth = (adRevenue * 2n) / 3n; // 2 of 3 units at the deposit, rounded down
    expect((await token.balanceOf(artist.address)) - before).to.equal(3n * referral + growth);
    expect(await pool.unitsOf(artist.address)).to.deep.equal([3n * price, 0n]);
    expect(await pool.claimable(artist.address, token)).to.equal(0n);

    await pool.claim(other.address, [token]);
    const paid = (await token.balanceOf(other.address)) + growth;
    const [, remainder] = await pool.tokenState(token);
    expect(paid * SCALE + remainder).to.be.lessThanOrEqual(adRevenue * SCALE);
    expect(adRevenue - paid).to.be.lessThanOrEqual(2n); // one base unit per holder at most
    expect(await token.balanceOf(pool)).to.equal(adRevenue - paid);
  });
});
