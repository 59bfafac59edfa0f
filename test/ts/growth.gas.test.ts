// Growth pool gas bars: a deposit costs the same with 10 or 100,000 holders, a holder's claim is cheap, and a hub
// payment that accrues units costs little more than one that does not.
import { expect } from "chai";
import hre, { network } from "hardhat";
import { MAX, MONTH } from "./hub.fixture.js";
import { AD, activate, deployPool } from "./growth.fixture.js";

const { ethers, networkHelpers } = await network.create();

const DEPOSIT_BAR = 60_000n;
// 55,000 until M-01 (issue #11): a claim now also reads the holder's word of units still waiting out their delay.
const CLAIM_BAR = 57_000n;
const ACCRUAL_BAR = 8_000n;
const SYNC_BATCH = 150;
// Explicit, so the setup skips gas estimation (which would run each batch twice).
const SYNC_GAS = 16_000_000n;
// Coverage instruments the bytecode, so gas is only held to the bars in a plain run.
const MEASURING = hre.globalOptions.coverage !== true;

const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) =>
  (await (await tx).wait())!.gasUsed;

/** Holder addresses 1..n (no keys needed: they only hold units). */
const holders = (from: number, n: number) => Array.from({ length: n }, (_, i) => ethers.toBeHex(from + i, 20));

// Steady state as the bars define it: OZ ERC-20 TestToken, unlimited allowance, the pool already holds the token
// and has carried a remainder, the claiming holder already holds the token.
async function poolWith(count: number) {
  const [owner, holder] = await ethers.getSigners();
  const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
  const { pool, hubAddress } = await deployPool(ethers, { tokens: [await token.getAddress()] });
  const hub = await ethers.getContractAt("MockUnitsHub", hubAddress);
  await hub.setDefaultUnits(9_990_001n);
  await hub.setUnits(holder.address, 29_970_003n);
  await pool.sync(holder.address);
  for (let i = 0; i < count - 1; i += SYNC_BATCH) {
    await pool.syncMany(holders(1_000 + i, Math.min(SYNC_BATCH, count - 1 - i)), { gasLimit: SYNC_GAS });
  }
  await activate(networkHelpers.time); // every unit earns, as in steady state
  await token.mint(owner.address, 10n ** 30n);
  await token.mint(holder.address, 1n);
  await token.approve(await pool.getAddress(), MAX);
  await pool.deposit(token, 1_000_000_007n, AD, ethers.id("warm-up"));
  return { pool, token, holder };
}

describe("GrowthPool gas bars", function () {
  this.timeout(600_000);

  for (const count of [10, 100_000]) {
    it(`deposits within the bar with ${count.toLocaleString("en")} holders`, async function () {
      const { pool, token } = await poolWith(count);
      const total = await pool.totalUnits();
      expect(total).to.equal(29_970_003n + BigInt(count - 1) * 9_990_001n);
      const tx = pool.deposit(token, 123_456_789n, AD, ethers.id("ad-revenue 2026-10"));
      await expect(tx).to.emit(pool, "Deposited");
      const gas = await gasOf(tx);
      console.log(`      deposit (${count} holders): ${gas} gas (bar ${DEPOSIT_BAR})`);
      if (MEASURING) expect(gas).to.be.lessThanOrEqual(DEPOSIT_BAR);
    });
  }

  it("pays a holder's claim within the bar", async function () {
    const { pool, token, holder } = await poolWith(10);
    await pool.claim(holder.address, [token]);
    await pool.deposit(token, 123_456_789n, AD, ethers.id("ad-revenue 2026-11"));
    const owed = await pool.claimable(holder.address, token);
    expect(owed).to.be.greaterThan(0n);
    const tx = pool.connect(holder).claim(holder.address, [token]);
    await expect(tx)
      .to.emit(pool, "Claimed")
      .withArgs(holder.address, await token.getAddress(), owed);
    const gas = await gasOf(tx);
    console.log(`      claim (one token): ${gas} gas (bar ${CLAIM_BAR})`);
    if (MEASURING) expect(gas).to.be.lessThanOrEqual(CLAIM_BAR);
  });

  it("reports what a sync costs (no bar: paid once per holder per deposit cycle)", async function () {
    const { pool, holder } = await poolWith(10);
    const hub = await ethers.getContractAt("MockUnitsHub", await pool.HUB());
    await hub.setUnits(holder.address, 39_960_004n);
    const tx = pool.sync(holder.address);
    await expect(tx).to.emit(pool, "UnitsCredited");
    console.log(`      sync (existing holder, ETH + 1 token listed): ${await gasOf(tx)} gas`);
  });

  it("accrues units on a hub payment within the bar", async function () {
    // A hub with no referral share, so the referrer's word is written for the units alone: the whole cost of
    // accruing them is the difference between a referred and an organic renewal.
    const [owner, referrer, referred, organic, keeper] = await ethers.getSigners();
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const distributor = await ethers.deployContract("MockFundable", [token]);
    const hub = await ethers.deployContract("SubscriptionHub", [
      token,
      distributor,
      owner.address,
      { noticePeriod: 3_600n, gracePeriod: 3_600n, enrollmentRequired: false, overdueAfter: 3_600n },
      0n,
      6_000n,
      0n,
      [{ price: 9_990_001n, period: MONTH }],
    ]);
    for (const s of [referred, organic]) {
      await token.mint(s.address, 10n ** 12n);
      await token.connect(s).approve(hub, MAX);
    }
    await hub.connect(referred).subscribe(0, referrer.address, 0);
    await hub.connect(organic).subscribe(0, ethers.ZeroAddress, 0);
    await networkHelpers.time.increase(MONTH);
    const withUnits = await gasOf(hub.connect(keeper).renew(referred.address));
    const without = await gasOf(hub.connect(keeper).renew(organic.address));
    expect(await hub.unitsOf(referrer.address)).to.equal(2n * 9_990_001n);
    const added = withUnits - without;
    console.log(
      `      renew with units ${withUnits}, organic ${without}: accrual adds ${added} gas (bar ${ACCRUAL_BAR})`,
    );
    if (MEASURING) expect(added).to.be.lessThanOrEqual(ACCRUAL_BAR);
  });
});
