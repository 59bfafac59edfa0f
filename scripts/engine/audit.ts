// CLI: npm run audit -- --period-dir out/2025-01 [--rpc URL --distributor 0x.. [--hub 0x.. [--from-block N --to-block M]]] [--veto]
import { cliArgs, type FlagSpec } from "./args.ts";
import { auditPeriod, formatChecklist, vetoRoot } from "./audit-period.ts";
import { Progress } from "./progress.ts";
import { explain, parseAddress, readerFor, writerFor } from "./chain.ts";

const FLAGS: FlagSpec[] = [
  { name: "period-dir", value: "dir|uri", help: "period folder, or its file:// or http(s):// URI" },
  {
    name: "previous",
    value: "dir|uri",
    help: "previous period's folder (default: sibling named after manifest.previous.period)",
  },
  {
    name: "rows",
    value: "dir",
    help: "committed mode: the per-fan rows (payments.csv, plays.csv) a registered auditor received",
  },
  { name: "rpc", value: "url", help: "JSON-RPC URL: with --distributor, check the chain too" },
  { name: "distributor", value: "address", help: "the platform's Distributor" },
  { name: "hub", value: "address", help: "the SubscriptionHub: its Paid events must sum to the pool" },
  {
    name: "from-block",
    value: "n",
    help: "with --hub: first block of the period's payments (default: the manifest's hub_events)",
  },
  { name: "to-block", value: "n", help: "with --hub: last block, inclusive (default: the manifest's hub_events)" },
  { name: "veto", help: "if any check fails and the root is pending, veto it (registered auditors)" },
  {
    name: "key",
    value: "env var",
    help: "with --veto: environment variable holding the auditor's private key",
    default: "GAPLESS_AUDITOR_KEY",
  },
];
const SUMMARY = `Verifies a published period from public data: recomputes the allocation from the folder's
payments.csv, plays.csv and artists.csv with the engine's shared code, compares every file byte for byte
and the root, and with --rpc/--distributor checks the chain: root proposed with sha256(manifest.json),
funded ≥ total, claims ≤ entitlements, and (with --hub) the hub's Paid events sum to the pool.
Prints a ✔/✘ checklist; exits 1 on any failure, naming the first differing file or leaf.`;

async function main(argv: string[]): Promise<number> {
  const parsed = cliArgs("audit", argv, FLAGS, SUMMARY);
  if (typeof parsed === "number") return parsed;
  const args = parsed;
  const need = (flags: string[], why: string) =>
    flags.filter((f) => typeof args[f] !== "string").map((f) => `--${f} ${why}`);
  const missing = [
    ...need(["period-dir"], "is required"),
    ...(args.distributor || args.veto ? need(["rpc", "distributor"], "is required to check the chain or veto") : []),
    ...(args.hub && (args["from-block"] || args["to-block"])
      ? need(["from-block", "to-block"], "goes with the other block flag")
      : []),
  ];
  if (missing.length > 0) {
    process.stderr.write(`audit: ${missing[0]} (see --help)\n`);
    return 2;
  }
  const t0 = performance.now();
  try {
    const rpc = typeof args.rpc === "string" ? args.rpc : undefined;
    const client = rpc ? readerFor(rpc) : undefined;
    const distributor = args.distributor ? parseAddress(args.distributor as string, "distributor") : undefined;
    const block = (f: string) => {
      if (!/^[0-9]{1,18}$/.test(args[f] as string)) throw new Error(`--${f} must be a block number`);
      return BigInt(args[f] as string);
    };
    const r = await auditPeriod({
      folder: args["period-dir"] as string,
      rows: typeof args.rows === "string" ? args.rows : undefined,
      previous: typeof args.previous === "string" ? args.previous : undefined,
      client,
      distributor,
      hub: args.hub
        ? {
            address: parseAddress(args.hub as string, "hub"),
            fromBlock: args["from-block"] ? block("from-block") : undefined,
            toBlock: args["to-block"] ? block("to-block") : undefined,
          }
        : undefined,
      progress: new Progress(process.stderr.isTTY === true, false, "audit"),
    });
    process.stdout.write(formatChecklist(r.checks));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.ok) {
      process.stdout.write(
        `audit: period ${r.manifest?.period} passed ${r.checks.length} checks in ${secs}s${distributor ? "" : " (files only: no --rpc/--distributor)"}\n`,
      );
      return 0;
    }
    process.stdout.write(`audit: period ${r.manifest?.period ?? "?"} FAILED in ${secs}s (details above)\n`);
    if (args.veto && client && distributor && r.manifest?.root) {
      const hash = await vetoRoot(client, writerFor(rpc!, args.key as string), distributor, r.manifest.root);
      process.stdout.write(`audit: vetoed ${r.manifest.root} in ${hash}\n`);
    }
    return 1;
  } catch (e) {
    process.stderr.write(`audit: error: ${explain(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
