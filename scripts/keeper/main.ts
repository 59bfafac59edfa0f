// `npm run keeper`: the platform's keeper. Renews due subscriptions in gas-sized batches, closes periods on the
// platform's schedule, syncs growth units, promotes matured roots, reports vetoes; long-running, or one cycle
// with --once (cron). `npm run keeper -- --help` lists the options.
import { parseArgs } from "node:util";
import { join } from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createWalletClient, http, isAddress, parseUnits, type Address, type Hex } from "viem";
import { testTokenAbi } from "../../lib/chain/abis.ts";
import { ROOT } from "../lib/artifacts.ts";
import { readDeployBlocks, readDeployments } from "../lib/deployments.ts";
import { runPayout } from "../lib/payout.ts";
import { viemChain, type KeeperAddresses } from "./chain.ts";
import { EventScanner } from "./discover.ts";
import { Keeper, TASKS, summary, type CycleReport, type Task } from "./keeper.ts";
import { KeeperLog } from "./log.ts";
import { KeeperMetrics } from "./metrics.ts";
import { backoffDelay } from "./retry.ts";
import { parseDuration, parseSchedule } from "./schedule.ts";
import { Sender } from "./sender.ts";
import { IndexerSource } from "./sources.ts";

const HELP = `npm run keeper -- [options]

Where:
  --rpc URL[,URL…]        JSON-RPC endpoint(s); several = fallback in order   (or --network)
  --network NAME          a network of hardhat.config.ts: its URL (configuration variable: Hardhat keystore or env)
  --hub / --distributor / --growth-pool ADDRESS
                          default: deployments/<chainId>.json (SubscriptionHub, Distributor, GrowthPool)
  --from-block N          the hub's deploy block (default: deployments/<chainId>.blocks.json, else eth_getCode bisection)
  --indexer URL           the indexer (npm run indexer; env KEEPER_INDEXER_URL): due subscriptions from its
                          GET /api/subscriptions/due instead of every subscriber in the hub's events; if it is
                          down or errs, the cycle logs indexer-fallback once and uses the events (nothing skipped)
  --indexer-page N        subscriptions per page of the indexer's due list (default 1000, at most 10000)
Key:
  --key-var NAME          configuration variable holding the keeper's private key (default KEEPER_PRIVATE_KEY):
                          the environment variable, else Hardhat's keystore (npx hardhat keystore set NAME)
Mode:
  --once                  one cycle, then exit (cron); a failed cycle is retried twice, then exit code 1
  --dry-run               simulate and print what would be sent; sends nothing (no key needed; --from ADDRESS)
  --tasks LIST            renew,close,sync,promote,payout (default: all; payout only with --payouts or --payout-command)
  --json                  log lines as JSON
Schedule:
  --close-every S         off | monthly (00:00 UTC on the 1st) | 30d | 7d@<unix anchor>   (default monthly)
  --grace D               leave a due subscription that cannot pay alone this long before ending it (default 0)
  --sync-every D          sync referrers' growth units at most this often, and after every close (default 1h)
  --poll D                longest sleep between cycles (default 30s)
Gas:
  --block-share PCT       share of the block gas limit one transaction may use (default 50)
  --gas-cap N             the platform's own per-transaction cap (always ≤ 16,777,216, EIP-7825)
  --gas-margin PCT        gas limit = estimate + PCT % (default 20)
  --max-batch N           subscribers per renewBatch at most (default 5000)
  --max-fee-gwei G        fee cap per gas (default 50)          --max-tip-gwei G   tip cap (default 2)
  --replace-after D       replace a transaction unmined this long, fees +12.5 % (default 60s)
RPC:
  --timeout D (default 15s)  --retries N (default 5, exponential backoff)  --log-chunk N blocks (default 10000)
                          --rpc-batch N requests per HTTP request (default 100; 1 = no batching)
Visible:
  --metrics-port N        serve /metrics (Prometheus text) and /health on 127.0.0.1:N (0 = any free port)
  --health-max-age D      /health is 503 when the last good cycle is older (default 10m)
Payouts:
  --payouts               after each promoted root (and the first cycle), run npm run payout's payouts in-process,
                          gas paid from the keeper's key (needs --indexer)
  --router ADDRESS        the ClaimRouter (default: deployments/<chainId>.json)
  --payout-threshold T    pay accounts owed at least T tokens (default 1)
  --payout-gas-budget N   gas one payout run may spend (default 30000000)
  --payout-periods DIR    published period folders with the proofs (default app/public/periods)
  --payout-command CMD    shell command run after each promoted root (e.g. "npm run payout -- …")`;

const { values: a } = parseArgs({
  options: {
    rpc: { type: "string" },
    network: { type: "string" },
    hub: { type: "string" },
    distributor: { type: "string" },
    "growth-pool": { type: "string" },
    "from-block": { type: "string" },
    "key-var": { type: "string", default: "KEEPER_PRIVATE_KEY" },
    from: { type: "string" },
    once: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
    tasks: { type: "string" },
    json: { type: "boolean", default: false },
    "close-every": { type: "string", default: "monthly" },
    grace: { type: "string", default: "0" },
    "sync-every": { type: "string", default: "1h" },
    poll: { type: "string", default: "30s" },
    "block-share": { type: "string", default: "50" },
    "gas-cap": { type: "string" },
    "gas-margin": { type: "string", default: "20" },
    "max-batch": { type: "string", default: "5000" },
    "max-fee-gwei": { type: "string", default: "50" },
    "max-tip-gwei": { type: "string", default: "2" },
    "replace-after": { type: "string", default: "60s" },
    timeout: { type: "string", default: "15s" },
    retries: { type: "string", default: "5" },
    "log-chunk": { type: "string", default: "10000" },
    "rpc-batch": { type: "string", default: "100" },
    "metrics-port": { type: "string" },
    "health-max-age": { type: "string", default: "10m" },
    "payout-command": { type: "string" },
    indexer: { type: "string", default: process.env.KEEPER_INDEXER_URL || undefined },
    "indexer-page": { type: "string", default: "1000" },
    payouts: { type: "boolean", default: false },
    "payout-threshold": { type: "string", default: "1" },
    router: { type: "string" },
    "payout-gas-budget": { type: "string", default: "30000000" },
    "payout-periods": { type: "string", default: join(ROOT, "app", "public", "periods") },
    help: { type: "boolean", default: false },
  },
});
if (a.help) {
  console.log(HELP);
  process.exit(0);
}

const fail = (message: string): never => {
  console.error(`keeper: ${message}`);
  process.exit(2);
};
const int = (name: string, v: string, min = 0) => {
  if (!/^\d+$/.test(v) || Number(v) < min) fail(`--${name} must be an integer ≥ ${min}, got ${v}`);
  return Number(v);
};
const gwei = (name: string, v: string) => {
  if (!/^\d+(\.\d{1,9})?$/.test(v)) fail(`--${name} must be a number of gwei, got ${v}`);
  const [whole, frac = ""] = v.split(".");
  return BigInt(whole) * 10n ** 9n + BigInt(frac.padEnd(9, "0"));
};
const address = (name: string, v: string | undefined): Address | undefined => {
  if (v === undefined) return undefined;
  if (!isAddress(v)) fail(`--${name} must be an address, got ${v}`);
  return v as Address;
};
const ms = (name: string, v: string) => Number(parseDuration(v, `--${name}`)) * 1000;

/** A Hardhat configuration variable: the environment first, then Hardhat's keystore (which may ask for its password). */
async function configVariable(name: string): Promise<string | undefined> {
  if (process.env[name]) return process.env[name];
  const [{ default: hre }, { configVariable: variable }] = await Promise.all([
    import("hardhat"),
    import("hardhat/config"),
  ]);
  try {
    return await hre.hooks.runHandlerChain("configurationVariables", "fetchValue", [variable(name)], async () => {
      throw new Error(`${name} is not set`);
    });
  } catch {
    return undefined;
  }
}

async function rpcUrls(): Promise<string[]> {
  if (a.rpc) return a.rpc.split(",").map((u) => u.trim());
  if (!a.network) return fail("give --rpc URL or --network NAME");
  const { default: hre } = await import("hardhat");
  const net = hre.config.networks[a.network];
  if (!net) return fail(`no network ${a.network} in hardhat.config.ts`);
  if (net.type !== "http") return fail(`network ${a.network} is in-process; give an HTTP network or --rpc`);
  return [await net.url.getUrl()];
}

const tasks = new Set<Task>((a.tasks ?? TASKS.join(",")).split(",").map((t) => t.trim() as Task));
for (const t of tasks) if (!TASKS.includes(t)) fail(`unknown task ${t}; tasks are ${TASKS.join(", ")}`);
if (!a["payout-command"] && !a.payouts) tasks.delete("payout");
if (a.payouts && !a.indexer) fail("--payouts needs --indexer URL (the accounts to pay come from the indexer)");
if (a.indexer !== undefined && !URL.canParse(a.indexer)) fail(`--indexer must be a URL, got ${a.indexer}`);

const log = new KeeperLog(a.json);
const metrics = new KeeperMetrics();
const urls = await rpcUrls();
const probe = viemChain(
  { hub: "0x0000000000000000000000000000000000000000" },
  {
    urls,
    timeoutMs: ms("timeout", a.timeout),
    retryCount: int("retries", a.retries),
    retryDelayMs: 250,
    batchSize: int("rpc-batch", a["rpc-batch"], 1),
  },
);
const chainId = await probe.chainId();
let recorded: Record<string, string> = {};
try {
  recorded = readDeployments(chainId);
} catch {
  if (!a.hub) fail(`no deployments/${chainId}.json: give --hub (and --distributor, --growth-pool)`);
}
const addresses: KeeperAddresses = {
  hub: (address("hub", a.hub) ?? recorded.SubscriptionHub) as Address,
  distributor: address("distributor", a.distributor) ?? (recorded.Distributor as Address | undefined),
  growthPool: address("growth-pool", a["growth-pool"]) ?? (recorded.GrowthPool as Address | undefined),
};
const blocks = readDeployBlocks(chainId);
const fromBlock =
  a["from-block"] !== undefined
    ? BigInt(int("from-block", a["from-block"]))
    : blocks.SubscriptionHub !== undefined && !a.hub
      ? BigInt(blocks.SubscriptionHub)
      : undefined;
const chain = viemChain(addresses, {
  urls,
  timeoutMs: ms("timeout", a.timeout),
  retryCount: int("retries", a.retries),
  retryDelayMs: 250,
  batchSize: int("rpc-batch", a["rpc-batch"], 1),
  fromBlock,
});

const key = await configVariable(a["key-var"]);
if (key !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(key.trim()))
  fail(`${a["key-var"]} is not a private key (0x + 64 hex)`);
if (key === undefined && !a["dry-run"])
  fail(`set ${a["key-var"]} (environment, or npx hardhat keystore set ${a["key-var"]}), or use --dry-run`);
const account = key ? privateKeyToAccount(key.trim() as Hex) : undefined;
const fees = {
  maxFeePerGas: gwei("max-fee-gwei", a["max-fee-gwei"]),
  maxPriorityFeePerGas: gwei("max-tip-gwei", a["max-tip-gwei"]),
  baseFeeHeadroomPercent: 200n,
  bumpBps: 1_250n,
};
const sender =
  account && !a["dry-run"]
    ? new Sender(
        chain,
        account,
        { fees, replaceAfterMs: ms("replace-after", a["replace-after"]), pollMs: 250, feeWaitMs: 10 * 60_000 },
        (action, f) => log.action(action, f),
      )
    : undefined;
const roles = await chain.hubRoles();
const from =
  address("from", a.from) ??
  account?.address ??
  (roles.periodCloser !== "0x0000000000000000000000000000000000000000" ? roles.periodCloser : roles.owner);

const scanner = new EventScanner(chain, { chunk: BigInt(int("log-chunk", a["log-chunk"], 1)), overlap: 12n });
const source = a.indexer
  ? new IndexerSource(
      {
        url: a.indexer,
        pageSize: Math.min(10_000, int("indexer-page", a["indexer-page"], 1)),
        timeoutMs: ms("timeout", a.timeout),
        onFallback: (e) => {
          metrics.errors.inc({ kind: "indexer" });
          log.action("indexer-fallback", { indexer: a.indexer, error: e.message.split("\n")[0], source: "events" });
        },
      },
      scanner,
    )
  : undefined;

/** npm run payout's run, in-process, from the keeper's key. */
async function payouts(): Promise<void> {
  if (!account) return;
  const token = roles.token;
  const router = address("router", a.router) ?? (recorded.ClaimRouter as Address | undefined);
  if (!router || !addresses.distributor || !addresses.growthPool)
    throw new Error(
      "the payouts need the ClaimRouter, Distributor and GrowthPool (--router, --distributor, --growth-pool)",
    );
  const decimals = Number(
    await chain.client.readContract({ address: token, abi: testTokenAbi, functionName: "decimals" }),
  );
  const wallet = createWalletClient({ account, chain: { ...hardhat, id: chainId }, transport: http(urls[0]) });
  const report = await runPayout({
    client: chain.client,
    wallet,
    relayer: account.address,
    contracts: { hub: addresses.hub, distributor: addresses.distributor, router, growth: addresses.growthPool, token },
    indexerUrl: a.indexer!,
    periodsDir: a["payout-periods"],
    threshold: parseUnits(a["payout-threshold"], decimals),
    gasBudget: BigInt(int("payout-gas-budget", a["payout-gas-budget"], 21_000)),
    dryRun: false,
    log: (line) => log.action("payout", { note: line }),
  });
  const paid = report.results.filter((r) => r.status === "paid").length;
  const failed = report.results.filter((r) => r.status === "failed").length;
  log.action("payouts", { paid, failed, amount: report.paid, gas: report.gasUsed, left: report.leftForNextRun });
  if (failed) throw new Error(`${failed} payouts failed`);
}
const keeper = new Keeper(
  chain,
  sender,
  from,
  scanner,
  {
    tasks,
    dryRun: a["dry-run"],
    graceSeconds: parseDuration(a.grace, "--grace"),
    blockShareBps: BigInt(int("block-share", a["block-share"], 1)) * 100n,
    gasCap: a["gas-cap"] !== undefined ? BigInt(int("gas-cap", a["gas-cap"], 21_000)) : undefined,
    marginBps: BigInt(int("gas-margin", a["gas-margin"])) * 100n,
    maxBatch: int("max-batch", a["max-batch"], 1),
    schedule: parseSchedule(a["close-every"]),
    syncEverySeconds: parseDuration(a["sync-every"], "--sync-every"),
    payoutCommand: a["payout-command"],
    payouts: a.payouts ? payouts : undefined,
    source,
  },
  log,
  metrics,
);

if (a["metrics-port"] !== undefined) {
  const { url } = await metrics.serve(
    int("metrics-port", a["metrics-port"]),
    ms("health-max-age", a["health-max-age"]) / 1000,
  );
  log.action("metrics", { url: `${url}/metrics`, health: `${url}/health` });
}
log.action("start", {
  chain: chainId,
  hub: addresses.hub,
  keeper: from,
  dry_run: a["dry-run"],
  once: a.once,
  tasks: [...tasks],
  source: a.indexer ? "indexer" : "events",
  indexer: a.indexer,
});

let wake: (() => void) | undefined;
const stop = () => {
  if (keeper.stopping) process.exit(130);
  keeper.stopping = true;
  log.action("stopping", { note: "after the transaction in flight; Ctrl-C again to quit now (safe too)" });
  wake?.();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

const totals = { cycles: 0, failed: 0, renewed: 0, ended: 0, gas: 0n, closed: 0, synced: 0, promoted: 0 };
const pollMs = ms("poll", a.poll);
const ONCE_ATTEMPTS = 3;
let failures = 0;
for (;;) {
  const t0 = performance.now();
  let report: CycleReport | undefined;
  try {
    report = await keeper.cycle();
    failures = 0;
    metrics.lastSuccess.setToCurrentTime();
    metrics.cycles.inc({ outcome: "ok" });
    const busy =
      report.due + report.txs + report.synced + report.promoted + report.vetoed > 0 ||
      report.closedPeriod !== undefined;
    if (busy || a.once) log.action("cycle", { summary: summary(report, (performance.now() - t0) / 1000) });
    totals.renewed += report.renewed;
    totals.ended += Object.values(report.ended).reduce((x, y) => x + y, 0);
    totals.gas += report.gasUsed;
    totals.closed += report.closedPeriod !== undefined ? 1 : 0;
    totals.synced += report.synced;
    totals.promoted += report.promoted;
  } catch (e) {
    failures++;
    totals.failed++;
    metrics.cycles.inc({ outcome: "failed" });
    metrics.errors.inc({ kind: "cycle" });
    log.action("cycle-failed", { error: (e as Error).message.split("\n")[0], attempt: failures });
    if (process.env.KEEPER_DEBUG) console.error(e);
  }
  totals.cycles++;
  // --once is one successful cycle: a failed one (an RPC outage outlasting the per-request retries) is retried.
  if (a.once && (failures === 0 || failures >= ONCE_ATTEMPTS)) break;
  if (keeper.stopping) break;
  let delay = pollMs;
  if (failures > 0) delay = backoffDelay(failures - 1, { baseMs: 1_000, maxMs: 60_000 });
  else if (report?.nextAt !== undefined) {
    const head = await chain.head().catch(() => undefined);
    if (head) delay = Math.max(1_000, Math.min(pollMs, Number(report.nextAt - head.timestamp) * 1000));
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, delay);
    wake = () => (clearTimeout(timer), resolve());
  });
  if (keeper.stopping) break;
}
log.action("run-summary", {
  cycles: totals.cycles,
  failed: totals.failed,
  renewed: totals.renewed,
  ended: totals.ended,
  closed: totals.closed,
  synced: totals.synced,
  promoted: totals.promoted,
  gas: totals.gas,
});
process.exit(a.once && failures > 0 ? 1 : 0);
