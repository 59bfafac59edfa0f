// `npm run bench:gas`: deploys Gapless and the peers on Hardhat's in-process chain, runs the same work through
// each and writes the gas rows into bench/results.json and bench/results.md (engine figures are kept).
import { network } from "hardhat";
import { measureClaims } from "./gas/claims.ts";
import { measurePayouts } from "./gas/payouts.ts";
import { referenceRows } from "./gas/references.ts";
import { measureSplits } from "./gas/splits.ts";
import { measureSubscriptions } from "./gas/subscriptions.ts";
import { measureWaterfalls } from "./gas/waterfalls.ts";
import { readResults, writeResults } from "./results.ts";

export const CHAIN = "Hardhat 3 in-process chain (EDR, default hardfork), solc 0.8.30, optimizer 10,000 runs";
const fresh = async () => (await network.create()).ethers;

const step = async <T>(label: string, run: () => Promise<T>) => {
  const started = performance.now();
  process.stdout.write(`bench: ${label} … `);
  const result = await run();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
};

const gas = [
  ...(await step("splits (2 / 10 / 100 payees, 30 payments)", () => measureSplits(fresh, [2, 10, 100], true))),
  ...(await step("recoupment (waterfall vs 2-payee splitters)", () => measureWaterfalls(fresh))),
  ...(await step("claims (1,000 / 100,000 / 1,000,000 leaves)", () =>
    measureClaims(fresh, [1_000, 100_000, 1_000_000]),
  )),
  ...(await step("payouts (20 artists: one claimAllFor vs each alone)", () => measurePayouts(fresh))),
  ...(await step("subscriptions (alone, batch of 100)", () => measureSubscriptions(fresh, 100))),
  ...referenceRows(),
];
writeResults({ ...readResults(), chain: CHAIN, gas });
console.log(`bench: ${gas.length} gas rows written to bench/results.json and bench/results.md`);
