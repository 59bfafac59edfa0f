// CLI: npm run payout -- [--threshold 1] [--batch 100] [--tx-gas 10000000] [--leg-gas 500000] [--gas-budget 30000000]
//   [--dry-run] [--report FILE]
// Claims through the ClaimRouter for every account whose claimable is at least the threshold, paid to each account;
// the relayer only pays gas. See docs/indexer.md "Payouts without gas".
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, createWalletClient, http, parseUnits, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { toJson } from "../lib/book/json.ts";
import { testTokenAbi } from "../lib/chain/abis.ts";
import { ROOT } from "./lib/artifacts.ts";
import { readDeployments } from "./lib/deployments.ts";
import { runPayout } from "./lib/payout.ts";
import { devAccount } from "./lib/seed-cast.ts";
import { parseArgs, usage, type FlagSpec } from "./engine/args.ts";

const FLAGS: FlagSpec[] = [
  { name: "rpc", value: "url", help: "JSON-RPC URL", default: process.env.GAPLESS_RPC_URL ?? "http://127.0.0.1:8545" },
  { name: "indexer", value: "url", help: "the indexer's URL", default: "http://127.0.0.1:42069" },
  { name: "periods", value: "dir", help: "published period folders", default: join(ROOT, "app", "public", "periods") },
  { name: "threshold", value: "tokens", help: "pay accounts owed at least this much (token units)", default: "1" },
  { name: "batch", value: "n", help: "most accounts paid in one router transaction", default: "100" },
  { name: "tx-gas", value: "gas", help: "gas one batch transaction may use", default: "10000000" },
  {
    name: "leg-gas",
    value: "gas",
    help: "gas one leg may use (a payee burning more fails only its leg)",
    default: "500000",
  },
  { name: "gas-budget", value: "gas", help: "gas this run may spend", default: "30000000" },
  {
    name: "key",
    value: "env var",
    help: "variable holding the relayer's key (local chain: dev account #0)",
    default: "GAPLESS_RELAYER_KEY",
  },
  { name: "report", value: "file", help: "write the run's report as JSON" },
  { name: "dry-run", help: "plan and estimate; send nothing" },
];

const SUMMARY = `Pays every account (referrers, Split members, growth holders, leaves of the active root) whose claimable
is at least --threshold, through the ClaimRouter (hub balance, distributor claim, Split shares, growth earnings),
each leg paid to the account itself, many accounts per transaction (claimAllFor, up to --batch accounts and
--tx-gas gas each). Stops before --gas-budget would be exceeded; the rest waits for the next run.`;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.help) return (void process.stdout.write(usage("npm run payout --", SUMMARY, FLAGS)), 0);
  const transport = http(String(args.rpc));
  const client = createPublicClient({ transport });
  const chainId = await client.getChainId();
  const d = readDeployments(chainId);
  const keyVar = String(args.key);
  const key = process.env[keyVar] as Hex | undefined;
  if (!key && chainId !== hardhat.id) throw new Error(`set ${keyVar} to the relayer's private key`);
  const account = key
    ? privateKeyToAccount(key)
    : privateKeyToAccount(`0x${Buffer.from(devAccount(0).getHdKey().privateKey!).toString("hex")}`);
  const chain = { ...hardhat, id: chainId };
  const wallet = createWalletClient({ account, chain, transport });
  const decimals = Number(
    await client.readContract({ address: d.Token as Address, abi: testTokenAbi, functionName: "decimals" }),
  );
  const report = await runPayout({
    client: client as never,
    wallet,
    relayer: account.address,
    contracts: {
      hub: d.SubscriptionHub,
      distributor: d.Distributor,
      router: d.ClaimRouter,
      growth: d.GrowthPool,
      token: d.Token as Address,
    },
    indexerUrl: String(args.indexer),
    periodsDir: String(args.periods),
    threshold: parseUnits(String(args.threshold), decimals),
    batch: Number(args.batch),
    txGas: BigInt(String(args["tx-gas"])),
    legGas: BigInt(String(args["leg-gas"])),
    gasBudget: BigInt(String(args["gas-budget"])),
    dryRun: args["dry-run"] === true,
    log: (l) => process.stderr.write(`payout: ${l}\n`),
  });
  for (const r of report.results) {
    process.stdout.write(
      `${r.status.padEnd(11)} ${r.account} ${r.total} (hub ${r.legs.hub}, distributor ${r.legs.distributor}, split ${r.legs.split}, growth ${r.legs.growth}) gas ${r.gas}${r.skippedLegs ? `, ${r.skippedLegs} legs skipped` : ""}${r.txHash ? ` ${r.txHash}` : ""}${r.error ? `: ${r.error}` : ""}\n`,
    );
  }
  const paidCount = report.results.filter((r) => r.status === "paid").length;
  process.stdout.write(
    `${report.dryRun ? "dry run: " : ""}${paidCount} paid in ${report.batches.length} transactions, ${report.paid} base units, gas ${report.gasUsed}, ${report.leftForNextRun} left for the next run\n`,
  );
  if (typeof args.report === "string") writeFileSync(args.report, toJson(report));
  return report.results.some((r) => r.status === "failed") ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`payout: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
