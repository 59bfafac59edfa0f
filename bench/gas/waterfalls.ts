// Recoupment: the Gapless Waterfall (one funder tranche capped at the campaign's spend, then the band as
// residual) vs the closest contracts that install from the npm registry. No waterfall is published there, so the
// peers are the two-payee splitters of bench/gas/splits.ts doing the same transactions: create, pay in, release
// the funder (first, again) and the band (first, again). 0xSplits' Waterfall has no npm package and publishes
// no per-operation figures (bench/gas/references.ts says so in its row).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Address } from "viem";
import { configArgs, recoupment } from "../../lib/chain/waterfall.ts";
import { OZ, SYSTEMS, THIRDWEB, type Splitter } from "./splits.ts";
import { addressOf, gasOf, GAPLESS, word, type Fresh, type GasRow } from "./rows.ts";

const SIZE = "1 tranche + residual";
const USDC = 10n ** 6n;
/** The campaign's spend: the funder's cap. */
const SPEND = 50_000n * USDC;
const SALT = word("gapless bench waterfall salt");
const ETH = "0x0000000000000000000000000000000000000000" as Address;

interface Recoupment {
  create(token: Address, funder: Address, band: Address): Promise<{ gas: number; address: string; splitter: Splitter }>;
}

async function gaplessWaterfall(ethers: HardhatEthers): Promise<Recoupment> {
  const factory: any = await ethers.deployContract("WaterfallFactory");
  return {
    async create(token, funder, band) {
      const args = configArgs(recoupment(token, funder, SPEND, band, SALT));
      const gas = await gasOf(factory.createWaterfall(...args));
      const [address] = await factory.predictWaterfall(...args);
      const waterfall: any = await ethers.getContractAt("Waterfall", address);
      return {
        gas,
        address,
        splitter: {
          address,
          release: (_token, payee) => waterfall.release(...args, payee === funder ? 0 : 1),
          payEveryone: () => [() => waterfall.releaseAll(...args)],
        },
      };
    },
  };
}

/** A splitter peer with equal shares: the closest fixed-rule payout contract on npm. */
async function splitterPeer(ethers: HardhatEthers, name: string): Promise<Recoupment> {
  const system = await SYSTEMS[name](ethers);
  return {
    async create(_token, funder, band) {
      const { gas, splitter } = await system.create([funder, band].sort() as Address[], [1n, 1n]);
      return { gas, address: splitter.address, splitter };
    },
  };
}

const MAKERS: Record<string, (ethers: HardhatEthers) => Promise<Recoupment>> = {
  [GAPLESS]: gaplessWaterfall,
  [OZ]: (ethers) => splitterPeer(ethers, OZ),
  [THIRDWEB]: (ethers) => splitterPeer(ethers, THIRDWEB),
};

/** Measures every recoupment row; each system on a fresh chain. */
export async function measureWaterfalls(fresh: Fresh): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  const add = (operation: string, system: string, gas: number, note?: string) =>
    rows.push({ section: "recoupment", operation, size: SIZE, system, gas, source: "measured", note });
  for (const [name, make] of Object.entries(MAKERS)) {
    const ethers = await fresh();
    const system = await make(ethers);
    const [payer] = await ethers.getSigners();
    const token: any = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const tokenAddress = (await token.getAddress()) as Address;
    await token.mint(payer.address, 10n ** 30n);
    const funder = addressOf(`bench recoupment funder ${name}`);
    const band = addressOf(`bench recoupment band ${name}`);
    const peerNote =
      name === GAPLESS ? undefined : "splitter at 1:1 (no waterfall on npm): same transactions, not the same rule";

    const { gas, address, splitter } = await system.create(tokenAddress, funder, band);
    add("create", name, gas, peerNote);
    const eth = await system.create(ETH, addressOf(`bench eth funder ${name}`), addressOf(`bench eth band ${name}`));
    add(
      "pay in (ETH, plain transfer)",
      name,
      await gasOf(payer.sendTransaction({ to: eth.address, value: 10n ** 15n })),
    );
    add("pay in (ERC-20 transfer)", name, await gasOf(token.transfer(address, 1_000n * USDC)));
    add("release the funder's tranche, first", name, await gasOf(splitter.release(tokenAddress, funder)));
    await token.transfer(address, 1_000n * USDC);
    add(
      "release the funder's tranche, again",
      name,
      await gasOf(splitter.release(tokenAddress, funder)),
      name === GAPLESS
        ? "the whole payment was the funder's, so the Waterfall's balance empties (a storage refund the splitters, holding the band's half, do not get)"
        : undefined,
    );
    // The spend is recouped (Gapless) / the band's half has piled up (peers): the band is paid.
    await token.transfer(address, 60_000n * USDC);
    add("release the residual (band), first", name, await gasOf(splitter.release(tokenAddress, band)));
    await token.transfer(address, 1_000n * USDC);
    add("release the residual (band), again", name, await gasOf(splitter.release(tokenAddress, band)));
    if ((await token.balanceOf(funder)) === 0n || (await token.balanceOf(band)) === 0n)
      throw new Error(`${name}: a recipient was not paid`);
  }
  return rows;
}
