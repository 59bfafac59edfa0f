// CLI: npm run engine -- --period 2025-01 --payments p.csv --plays plays.parquet --artists a.csv --out out/2025-01
//  or, for an on-chain platform: ... --rpc URL --hub 0x.. --from-block N --to-block M instead of --payments
import { cliArgs, type FlagSpec } from "./args.ts";
import { explain, parseAddress, readerFor } from "./chain.ts";
import { InputError } from "./errors.ts";
import { PSEUDONYM_KEY_VARIABLE, parsePseudonymKey } from "../../lib/publication/index.ts";
import { runEngineFromHub } from "./hub-events.ts";
import { Progress } from "./progress.ts";
import { runEngine, type EngineOptions } from "./run.ts";

const FLAGS: FlagSpec[] = [
  { name: "period", value: "id", help: "period id, e.g. 2025-01 (letters, digits, . _ -)" },
  { name: "payments", value: "file", help: "payments, .csv or .parquet (docs/engine-formats.md)" },
  { name: "rpc", value: "url", help: "instead of --payments: read the hub's Paid events over this RPC" },
  { name: "hub", value: "address", help: "with --rpc: the SubscriptionHub" },
  { name: "from-block", value: "n", help: "with --rpc: first block of the period's payments" },
  { name: "to-block", value: "n", help: "with --rpc: last block (inclusive)" },
  { name: "log-chunk", value: "n", help: "with --rpc: blocks per eth_getLogs request", default: "10000" },
  { name: "plays", value: "file", help: "raw plays, .csv or .parquet" },
  {
    name: "counted-plays",
    value: "file",
    help: "instead of --plays: counted plays per (subscriber, artist), plays.csv's columns (a warehouse's aggregation)",
  },
  { name: "artists", value: "file", help: "artist registry, .csv or .parquet" },
  {
    name: "campaigns",
    value: "file",
    help: "campaigns paid to their own payout address (a recoupment waterfall): artist_id,campaign,payout_address CSV",
  },
  { name: "out", value: "dir", help: "period folder to write (must not exist unless --force)" },
  {
    name: "previous",
    value: "dir",
    help: "previous period's folder (cumulative leaves, carry, lifetime totals)",
  },
  {
    name: "key",
    value: "VAR",
    help: "environment variable holding the pseudonym key (0x + 64 hex)",
    default: PSEUDONYM_KEY_VARIABLE,
  },
  {
    name: "ids-already-pseudonymous",
    help: "publish the input ids as they are (the platform pseudonymised them itself; not with --rpc)",
  },
  {
    name: "committed-rows",
    value: "dir",
    help: "committed mode: payments.csv and plays.csv go here (auditors only), the manifest commits to them",
  },
  { name: "rules", value: "version", help: "rules version", default: "gapless-v1" },
  { name: "force", help: "replace an existing --out folder" },
  { name: "threads", value: "n", help: "DuckDB threads", default: "2" },
  { name: "memory-limit", value: "size", help: "DuckDB memory limit", default: "2500MB" },
  { name: "temp-dir", value: "dir", help: "where DuckDB spills beyond the memory limit (default ./.tmp)" },
  { name: "quiet", help: "no progress or summary output" },
  { name: "timings", help: "print each phase's duration to stderr" },
];
/** Below this many look-alike fans the CLI warns that open mode can single a fan out. */
const SMALL_CROWD = 5;
const SUMMARY = `Computes one period of the Gapless attribution (rules gapless-v1) and writes its folder: manifest.json,
plays.csv, payments.csv, artists.csv, campaigns.csv (with --campaigns, or when the previous period had one), distribution.json (StandardMerkleTree dump), proofs/<prefix>.json,
statements/<artist_id>.json and statements.csv. Nothing is written when an input is rejected.
With --rpc/--hub/--from-block/--to-block the payments are the hub's Paid events in that block range.
Subscriber and payment ids are published as per-period pseudonyms under the key in $GAPLESS_PSEUDONYM_KEY
(or the variable named by --key); the key is never written anywhere.`;

async function main(argv: string[]): Promise<number> {
  const parsed = cliArgs("engine", argv, FLAGS, SUMMARY);
  if (typeof parsed === "number") return parsed;
  const args = parsed;
  const fromHub = typeof args.rpc === "string" || typeof args.hub === "string";
  const required = fromHub ? ["rpc", "hub", "from-block", "to-block"] : ["payments"];
  if (fromHub && typeof args.payments === "string") {
    process.stderr.write("engine: give either --payments or --rpc/--hub/--from-block/--to-block\n");
    return 2;
  }
  if (typeof args.plays === "string" && typeof args["counted-plays"] === "string") {
    process.stderr.write("engine: give either --plays or --counted-plays\n");
    return 2;
  }
  if (typeof args["counted-plays"] === "string") args.plays = args["counted-plays"];
  for (const f of ["period", ...required, "plays", "artists", "out"]) {
    if (typeof args[f] !== "string") {
      process.stderr.write(`engine: --${f} is required (see --help)\n`);
      return 2;
    }
  }
  let pseudonymKey: Uint8Array | undefined;
  if (args["ids-already-pseudonymous"] === true) {
    if (fromHub) {
      process.stderr.write("engine: --ids-already-pseudonymous cannot apply to the hub's wallet addresses\n");
      return 2;
    }
  } else {
    try {
      pseudonymKey = parsePseudonymKey(process.env[args.key as string], args.key as string);
    } catch (e) {
      process.stderr.write(`engine: ${(e as Error).message} (or pass --ids-already-pseudonymous)\n`);
      return 2;
    }
  }
  const progress = new Progress(!args.quiet && process.stderr.isTTY === true, args.timings === true);
  const t0 = performance.now();
  try {
    const common: Omit<EngineOptions, "payments"> = {
      period: args.period as string,
      plays: args.plays as string,
      counted: typeof args["counted-plays"] === "string",
      artists: args.artists as string,
      campaigns: typeof args.campaigns === "string" ? args.campaigns : undefined,
      out: args.out as string,
      previous: typeof args.previous === "string" ? args.previous : undefined,
      rules: args.rules as string,
      force: args.force === true,
      threads: Number(args.threads),
      memoryLimit: args["memory-limit"] as string,
      tempDirectory: typeof args["temp-dir"] === "string" ? args["temp-dir"] : undefined,
      progress,
      pseudonymKey,
      rowsOut: typeof args["committed-rows"] === "string" ? args["committed-rows"] : undefined,
    };
    const { manifest, smallestCrowd } = fromHub
      ? await runEngineFromHub({
          ...common,
          pseudonymKey: pseudonymKey!, // required above for --rpc
          client: readerFor(args.rpc as string),
          hub: parseAddress(args.hub as string, "hub"),
          fromBlock: blockNumber(args["from-block"] as string, "from-block"),
          toBlock: blockNumber(args["to-block"] as string, "to-block"),
          chunk: blockNumber(args["log-chunk"] as string, "log-chunk"),
        })
      : await runEngine({ ...common, payments: args.payments as string });
    if (!args.quiet) {
      const m = manifest as Record<string, any>;
      progress.done(
        `engine: period ${m.period} → ${args.out} in ${((performance.now() - t0) / 1000).toFixed(1)}s: ` +
          `${m.inputs.plays.rows} ${m.inputs.plays.counted ? "counted pairs" : "plays"}, ${m.totals.counted_plays} counted, ${m.leaves} leaves, ` +
          `allocated ${m.totals.allocated}, carry ${m.carry_out}, root ${m.root}`,
      );
      if (typeof smallestCrowd === "number" && smallestCrowd < SMALL_CROWD && args["committed-rows"] === undefined)
        process.stderr.write(
          `engine: privacy: as few as ${smallestCrowd} fan(s) share one (referrer, campaign, amount, day) pattern in ` +
            `payments.csv, so public payment records (on-chain: the hub's events) can single them out; ` +
            `consider --committed-rows (docs/privacy.md)\n`,
        );
    }
    return 0;
  } catch (e) {
    progress.done("");
    const message = e instanceof InputError ? e.message : explain(e);
    process.stderr.write(`engine: error: ${message}\n`);
    return 1;
  }
}

function blockNumber(value: string, flag: string): bigint {
  if (!/^[0-9]{1,18}$/.test(value)) throw new Error(`--${flag} must be a block number, got ${value}`);
  return BigInt(value);
}

process.exitCode = await main(process.argv.slice(2));
