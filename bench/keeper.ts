// `npm run bench:keeper`: renewals per minute and gas per renewal, the keeper (`npm run keeper -- --once`, gas-sized
// renewBatch transactions) against renewing one by one (`renew(subscriber)`, one signed transaction each, waiting
// for each receipt), on the same chain in the same run: one planted chain of N funded subscribers, snapshotted, and
// each method run from the same snapshot R times. Writes bench/keeper.md.
//   [GAPLESS_BENCH_FANS=2000] [GAPLESS_BENCH_RUNS=3] npm run bench:keeper
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { createPublicClient, encodeFunctionData, http, keccak256, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { subscriptionHubAbi } from "../lib/chain/abis.ts";
import { decodeLogs } from "../scripts/keeper/chain.ts";
import { sleep } from "../scripts/keeper/retry.ts";
import { DAY, Funding, advance, keeperKey, plantedChain, runKeeper } from "../test/ts/keeper.helpers.ts";

// `hardhat run` passes no arguments to the script: the sizes come from the environment.
const FANS = Number(process.env.GAPLESS_BENCH_FANS ?? 2_000);
const RUNS = Number(process.env.GAPLESS_BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const connection = await network.create();
const c = await plantedChain(connection, FANS, { funding: () => Funding.Full });
await advance(connection, 30 * DAY + 1);
const snapshot = async () => (await connection.provider.request({ method: "evm_snapshot", params: [] })) as string;
const revert = (id: string) => connection.provider.request({ method: "evm_revert", params: [id] });
const client = createPublicClient({ transport: http(c.rpc.url) });
const account = privateKeyToAccount(keeperKey() as Hex);

/** Gas of the keeper's transactions mined after block `from`, and how many `Paid` events they carry. */
async function mined(from: bigint) {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  let gas = 0n;
  let renewals = 0;
  let txs = 0;
  for (let n = from + 1n; n <= head; n++) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true });
    for (const tx of block.transactions) {
      if (tx.from.toLowerCase() !== account.address.toLowerCase()) continue;
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      gas += receipt.gasUsed;
      txs++;
      renewals += decodeLogs(receipt.logs, c.addresses.SubscriptionHub).filter((e) => e.name === "Paid").length;
    }
  }
  return { gas, renewals, txs };
}

/** The naive keeper: one `renew` per subscriber, signed locally, sent, receipt awaited, next. */
async function oneByOne() {
  const chainId = await client.getChainId();
  let nonce = await client.getTransactionCount({ address: account.address, blockTag: "pending" });
  const fees = { maxFeePerGas: 50n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n };
  for (const fan of c.fans) {
    const data = encodeFunctionData({ abi: subscriptionHubAbi, functionName: "renew", args: [fan.address as Hex] });
    const raw = await account.signTransaction({
      type: "eip1559",
      chainId,
      nonce: nonce++,
      to: c.addresses.SubscriptionHub,
      data,
      gas: 120_000n,
      ...fees,
    });
    await client.request({ method: "eth_sendRawTransaction", params: [raw] });
    const hash = keccak256(raw);
    while (!(await client.getTransactionReceipt({ hash }).catch(() => undefined))) await sleep(5);
  }
}

type Row = { seconds: number; gas: bigint; renewals: number; txs: number };
const rows: Record<"keeper" | "oneByOne", Row[]> = { keeper: [], oneByOne: [] };
let base = await snapshot();
for (let r = 0; r < RUNS; r++) {
  for (const method of ["keeper", "oneByOne"] as const) {
    const from = await client.getBlockNumber({ cacheTime: 0 });
    const t0 = performance.now();
    if (method === "keeper") {
      const run = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off", "--tasks", "renew"]);
      if (run.code !== 0) throw new Error(`keeper failed:\n${run.stdout}\n${run.stderr}`);
    } else {
      await oneByOne();
    }
    const seconds = (performance.now() - t0) / 1000;
    const m = await mined(from);
    if (m.renewals !== FANS) throw new Error(`${method} renewed ${m.renewals} of ${FANS}`);
    rows[method].push({ seconds, ...m });
    console.log(`run ${r + 1} ${method}: ${FANS} renewals in ${seconds.toFixed(2)} s, ${m.txs} txs, ${m.gas} gas`);
    await revert(base);
    base = await snapshot();
  }
}
await c.rpc.close();

const summary = (xs: Row[]) => {
  const seconds = median(xs.map((x) => x.seconds));
  const gasPer = median(xs.map((x) => Number(x.gas / BigInt(x.renewals))));
  return { seconds, perMinute: Math.round((FANS / seconds) * 60), gasPer, txs: xs[0].txs };
};
const k = summary(rows.keeper);
const o = summary(rows.oneByOne);
const fmt = (n: number) => n.toLocaleString("en");
const md = `# Keeper benchmark

\`GAPLESS_BENCH_FANS=${FANS} GAPLESS_BENCH_RUNS=${RUNS} npm run bench:keeper\` on Hardhat's in-process chain (automine, one block per
transaction), served over HTTP to the keeper process: ${fmt(FANS)} funded subscribers (FanFarm), all due, renewed
from the same snapshot by each method, ${RUNS} runs each, medians. Generated ${new Date().toISOString().slice(0, 10)}.

| method | transactions | wall time | renewals per minute | gas per renewal |
|---|--:|--:|--:|--:|
| keeper (\`npm run keeper -- --once\`, gas-sized \`renewBatch\`) | ${k.txs} | ${k.seconds.toFixed(2)} s | ${fmt(k.perMinute)} | ${fmt(k.gasPer)} |
| one by one (\`renew(subscriber)\`, each receipt awaited) | ${o.txs} | ${o.seconds.toFixed(2)} s | ${fmt(o.perMinute)} | ${fmt(o.gasPer)} |

Keeper / one by one: ${(k.perMinute / o.perMinute).toFixed(1)}× the renewals per minute, ${(k.gasPer / o.gasPer).toFixed(2)}× the gas per renewal.

The keeper's time includes its start (process, event scan from block 0, reading every subscription, estimates).
On a live chain the block time dominates: the keeper puts ${fmt(Math.round(FANS / k.txs))} renewals in each
transaction under the 16,777,216-gas cap, so one block renews what one-by-one renewing needs ${fmt(Math.round(FANS / k.txs))}
transactions for (one per block when each waits for its receipt). Gas is from receipts (21,000 intrinsic +
calldata + execution) and is deterministic; wall times vary with the machine's load.
`;
writeFileSync(join(import.meta.dirname, "keeper.md"), md);
console.log(md);
process.exit(0);
