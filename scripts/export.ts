// CLI: npm run export -- --period N [--account 0x…] [--out DIR] [--indexer URL]
// Writes the accountants' CSVs of a hub period from the indexer: one per account (every referrer, Split member and
// growth holder, or just --account) and one for the platform. Columns: docs/exports.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, usage, type FlagSpec } from "./engine/args.ts";

const FLAGS: FlagSpec[] = [
  { name: "period", value: "n", help: "hub period" },
  { name: "account", value: "address", help: "only this account (default: every account the indexer knows)" },
  { name: "out", value: "dir", help: "output folder", default: "exports" },
  { name: "indexer", value: "url", help: "the indexer's URL", default: "http://127.0.0.1:42069" },
];
const SUMMARY = `Writes <out>/<period>/<account>.csv for each account and <out>/<period>/platform.csv. The indexer refuses
(and this command fails) when an account's lines do not add up to the period's published statement.`;

async function get(url: string): Promise<string> {
  const r = await fetch(url);
  const body = await r.text();
  if (!r.ok) throw new Error(`${url}: ${r.status} ${body}`);
  return body;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (args.help) return (void process.stdout.write(usage("npm run export --", SUMMARY, FLAGS)), 0);
  if (typeof args.period !== "string" || !/^\d+$/.test(args.period)) throw new Error("--period N is required");
  const base = String(args.indexer);
  const accounts =
    typeof args.account === "string"
      ? [args.account.toLowerCase()]
      : ((JSON.parse(await get(`${base}/api/accounts`)) as { account: string }[]).map((a) => a.account) ?? []);
  const dir = join(String(args.out), args.period);
  mkdirSync(dir, { recursive: true });
  let failed = 0;
  for (const a of accounts) {
    try {
      writeFileSync(join(dir, `${a}.csv`), await get(`${base}/api/artists/${a}/export/${args.period}`));
    } catch (e) {
      failed++;
      process.stderr.write(`export: ${a}: ${(e as Error).message}\n`);
    }
  }
  writeFileSync(join(dir, "platform.csv"), await get(`${base}/api/platform/export/${args.period}`));
  process.stdout.write(`wrote ${accounts.length - failed} account files and platform.csv to ${dir}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`export: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
