// bench/results.json (what each part of `npm run bench` measured) and bench/results.md rendered from it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { GAPLESS_BARS } from "./gas/bars.ts";
import { GAPLESS, rowKey, type GasRow } from "./gas/rows.ts";

export const RESULTS_JSON = new URL("./results.json", import.meta.url);
const RESULTS_MD = new URL("./results.md", import.meta.url);

export interface EngineRun {
  plays: number;
  /** Generated subscribers and artists (absent in older results). */
  subscribers?: number;
  artists?: number;
  /** Wall time: the median of the rounds (the one run in older results). */
  seconds: number;
  rowsPerSecond: number;
  /** The highest of the rounds. */
  peakRssMB: number;
  /** bench/duckdb-aggregate.ts on the same plays: aggregate, sort, write the pairs (absent in older results). */
  duckdbSeconds?: number;
  /** The median of the rounds' engine / DuckDB (absent in older results: seconds / duckdbSeconds). */
  ratio?: number;
  /** Each round's wall times, run back to back in this order (absent in older results). */
  rounds?: { engine: number; duckdb: number; counted: number }[];
  /** The engine on its own plays.csv given as --counted-plays. */
  countedSeconds?: number;
  countedPeakRssMB?: number;
  /** COUNTED_PLAYS_SQL through a two-shard ClickHouse cluster's Distributed table; null: not installed. */
  clickhouseSeconds?: number | null;
}
/** A run too heavy for `npm run bench:engine`, recorded with the command that made it. */
export interface LargeRun {
  what: string;
  command: string;
  wall: string;
  peakRss: string;
  outcome: string;
}
export interface MerkleRun {
  leaves: number;
  oursSeconds: number;
  ozSeconds: number | null;
  identicalDump: boolean | null;
}
export interface Results {
  chain: string;
  gas: GasRow[];
  engine?: { machine: string; runs: EngineRun[]; merkle: MerkleRun[]; large?: LargeRun[] };
}

export function readResults(): Results | undefined {
  return existsSync(RESULTS_JSON) ? (JSON.parse(readFileSync(RESULTS_JSON, "utf8")) as Results) : undefined;
}

export function writeResults(results: Results) {
  writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(RESULTS_MD, render(results));
}

const fmt = (n: number | null | undefined) => (n == null ? "—" : n.toLocaleString("en-US"));

const SECTIONS: Record<GasRow["section"], string> = {
  splits: "Splitting (ERC-20 TestToken unless marked ETH)",
  recoupment:
    "Recoupment: a funder's tranche capped at the spend, then the residual (ERC-20 TestToken unless marked ETH)",
  claims: "Claims (Merkle distributor, synthetic proofs of the tree's depth)",
  subscriptions: "Subscriptions (10 % referrer fee, same ERC-20 and price)",
  crediting: "Crediting many recipients",
};

function gasSection(section: GasRow["section"], rows: GasRow[]): string {
  const mine = rows.filter((r) => r.section === section);
  const systems = [...new Set(mine.map((r) => r.system))];
  const groups = [...new Set(mine.map((r) => `${r.operation}\u0000${r.size}`))];
  const lines = [
    `### ${SECTIONS[section]}`,
    "",
    `| operation | size | ${systems.join(" | ")} | Gapless bar | Gapless / best measured peer |`,
    `|---|---|${systems.map(() => "--:|").join("")}--:|--:|`,
  ];
  for (const group of groups) {
    const [operation, size] = group.split("\u0000");
    const cells = systems.map((s) => mine.find((r) => r.system === s && r.operation === operation && r.size === size));
    const gapless = cells[systems.indexOf(GAPLESS)]?.gas;
    const peers = cells.filter((c) => c && c.system !== GAPLESS && c.source === "measured" && c.gas != null);
    const best = peers.length ? Math.min(...peers.map((c) => c!.gas!)) : undefined;
    const ratio = gapless != null && best ? (gapless / best).toFixed(2) : "—";
    const bar = GAPLESS_BARS[rowKey({ section, operation, size, system: GAPLESS })];
    lines.push(`| ${operation} | ${size} | ${cells.map((c) => fmt(c?.gas)).join(" | ")} | ${fmt(bar)} | ${ratio} |`);
  }
  // One line per system and note: the same note on every size is said once.
  const notes = new Set(
    mine
      .filter((r) => r.note || r.source !== "measured")
      .map(
        (r) =>
          `- ${r.system}, ${r.operation}: ${[r.note, r.source === "measured" ? "" : r.source].filter(Boolean).join("; ")}`,
      ),
  );
  if (notes.size) lines.push("", ...notes);
  return lines.join("\n");
}

function engineSection(engine: NonNullable<Results["engine"]>): string {
  const lines = [
    "### Attribution engine (`npm run generate` + `npm run engine`, peak RSS from /usr/bin/time -v)",
    "",
    `Machine: ${engine.machine}`,
    "",
    "| plays | subscribers | artists | wall time (s) | plays/s | peak memory (MB) | bare DuckDB aggregation (s) | engine / DuckDB | counted input (s) | ClickHouse, 2 shards (s) |",
    "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...engine.runs.map(
      (r) =>
        `| ${fmt(r.plays)} | ${r.subscribers === undefined ? "" : fmt(r.subscribers)} | ${r.artists === undefined ? "" : fmt(r.artists)} | ${r.seconds.toFixed(1)} | ${fmt(Math.round(r.rowsPerSecond))} | ${fmt(r.peakRssMB)} | ${r.duckdbSeconds?.toFixed(1) ?? "—"} | ${r.duckdbSeconds ? (r.ratio ?? r.seconds / r.duckdbSeconds).toFixed(2) : "—"} | ${r.countedSeconds?.toFixed(1) ?? "—"} | ${r.clickhouseSeconds == null ? "—" : r.clickhouseSeconds.toFixed(1)} |`,
    ),
    ...(engine.runs.some((r) => r.rounds?.length)
      ? [
          "",
          "Times are medians over rounds of engine, bare DuckDB and counted input run back to back (each after `sync`);",
          "the ratio is the median of the rounds' engine / DuckDB. The rounds (s):",
          "",
          ...engine.runs
            .filter((r) => r.rounds?.length)
            .map(
              (r) =>
                `- ${fmt(r.plays)} plays: ${r
                  .rounds!.map(
                    (x) =>
                      `engine ${x.engine.toFixed(1)}, DuckDB ${x.duckdb.toFixed(1)} (${(x.engine / x.duckdb).toFixed(2)}), counted ${x.counted.toFixed(1)}`,
                  )
                  .join("; ")}`,
            ),
        ]
      : []),
    ...(engine.large?.length
      ? [
          "",
          "### Runs too heavy for `npm run bench:engine` (once each, the command given)",
          "",
          "| run | command | wall | peak RSS | outcome |",
          "|---|---|--:|--:|---|",
          ...engine.large.map((l) => `| ${l.what} | \`${l.command}\` | ${l.wall} | ${l.peakRss} | ${l.outcome} |`),
        ]
      : []),
    "",
    "### Merkle build + dump: lib/publication/merkle.ts vs @openzeppelin/merkle-tree on the same leaves",
    "",
    "| leaves | ours (s) | OpenZeppelin (s) | ours / OZ | identical dump |",
    "|--:|--:|--:|--:|:-:|",
    ...engine.merkle.map(
      (m) =>
        `| ${fmt(m.leaves)} | ${m.oursSeconds.toFixed(2)} | ${m.ozSeconds == null ? "skipped" : m.ozSeconds.toFixed(2)} | ${m.ozSeconds ? (m.oursSeconds / m.ozSeconds).toFixed(3) : "—"} | ${m.identicalDump == null ? "—" : m.identicalDump ? "yes" : "NO"} |`,
    ),
  ];
  return lines.join("\n");
}

export function render(results: Results): string {
  const parts = [
    "# Benchmarks: Gapless side by side with the peers",
    "",
    "Generated by `npm run bench` (bench/README.md); do not edit by hand. Gas is full-transaction gasUsed",
    `from receipts (21,000 intrinsic + calldata + execution) on ${results.chain}. A ratio below 1 means Gapless`,
    "costs less than the cheapest measured peer; published figures are shown but not used in the ratio.",
    "",
    ...(["splits", "recoupment", "claims", "subscriptions", "crediting"] as const).flatMap((s) => [
      gasSection(s, results.gas),
      "",
    ]),
  ];
  if (results.engine) parts.push(engineSection(results.engine), "");
  else parts.push("Engine figures: not run yet (`npm run bench:engine`).", "");
  return parts.join("\n");
}
