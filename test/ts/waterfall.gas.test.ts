// Gas bars for the Waterfall, measured as full-transaction gasUsed from receipts.
import { network } from "hardhat";
import { barTable, gasOf } from "./gasBars.js";
import { keccak256, toHex, type Address } from "viem";
import { recoupment, type WaterfallConfig } from "../../lib/chain/waterfall.js";
import { addresses } from "./splitFixture.js";
import { createWaterfall, deployWaterfallFactory } from "./waterfallFixture.js";

const { ethers } = await network.create();

// A realistic salt: 32 non-zero bytes (the worst case for calldata cost).
const SALT = keccak256(toHex("gapless waterfall salt"));
const USDC = 10n ** 6n;
const bars = barTable();
const { record } = bars;

/** A campaign's waterfall: the funder repaid 50,000 USDC, then the band's Split. */
async function campaign(tranches = 1) {
  const { factory } = await deployWaterfallFactory(ethers);
  const token: any = await ethers.deployContract("TestToken", ["USD", "USD", 6]);
  const tokenAddr = (await token.getAddress()) as Address;
  const [band, ...funders] = addresses(1 + tranches, "gas waterfall");
  const config: WaterfallConfig =
    tranches === 1
      ? recoupment(tokenAddr, funders[0], 50_000n * USDC, band, SALT)
      : {
          token: tokenAddr,
          tranches: funders.map((f) => ({ recipient: f, cap: 50_000n * USDC })),
          residual: band,
          salt: SALT,
        };
  const w = await createWaterfall(ethers, factory, config);
  const [payer] = await ethers.getSigners();
  await token.mint(payer.address, 10n ** 15n);
  return { ...w, token, tokenAddr, band, funders, payer };
}

describe("Waterfall gas bars", function () {
  after(() => bars.print());

  for (const [n, limit] of [
    [1, 75_500n],
    [4, 75_500n],
  ] as const) {
    it(`test_gas_createWaterfall_${n}Tranches`, async function () {
      const { receipt } = await campaign(n);
      record(`createWaterfall, ${n} tranche(s) + residual`, receipt.gasUsed, limit);
    });
  }

  it("test_gas_ethTransferIntoWaterfall", async function () {
    const { factory } = await deployWaterfallFactory(ethers);
    const [funder, band] = addresses(2, "eth waterfall");
    const w = await createWaterfall(
      ethers,
      factory,
      recoupment("0x0000000000000000000000000000000000000000", funder, 10n ** 18n, band, SALT),
    );
    const [sender] = await ethers.getSigners();
    const gas = await gasOf(sender.sendTransaction({ to: w.address, value: 10n ** 18n }));
    record("ETH into a Waterfall (above 21,000)", gas - 21_000n, 2_000n);
  });

  // Bars: a warm release as the Split's (55,000); the first release of a position pays for fresh storage
  // (its released slot and, with an OZ token, the recipient's balance slot) and is recorded with a loose ceiling.
  it("test_gas_releaseTranche_thenResidual", async function () {
    const { token, address, release, payer } = await campaign();
    // A renewal's referral share arrives, the funder is repaid it.
    await token.connect(payer).transfer(address, 1_000n * USDC);
    record("release the tranche, first", await gasOf(release(0)), 85_000n);
    await token.connect(payer).transfer(address, 1_000n * USDC);
    record("release the tranche, again (empties the balance)", await gasOf(release(0)), 55_000n);
    // The spend is recouped: the rest flows to the band's Split.
    await token.connect(payer).transfer(address, 60_000n * USDC);
    record("release the tranche, last part (balance left)", await gasOf(release(0)), 55_000n);
    record("release the residual, first", await gasOf(release(1)), 70_000n);
    await token.connect(payer).transfer(address, 1_000n * USDC);
    record("release the residual, again (empties the balance)", await gasOf(release(1)), 55_000n);
  });

  it("test_gas_releaseAll_acrossTheCapThenAfter", async function () {
    const { token, address, releaseAll, payer } = await campaign();
    await token.connect(payer).transfer(address, 49_000n * USDC);
    await releaseAll();
    // The payment that completes the recoupment pays the tranche its last 1,000 and the residual its first.
    await token.connect(payer).transfer(address, 3_000n * USDC);
    record("releaseAll across the cap (residual's first payment)", await gasOf(releaseAll()), 85_000n);
    await token.connect(payer).transfer(address, 2_000n * USDC);
    record("releaseAll after the cap (residual only), warm", await gasOf(releaseAll()), 55_000n);
  });
});
