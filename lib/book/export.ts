// The accountants' CSV (docs/exports.md): one artist's (payout address's) period, every line by source, amounts
// in token units and base units, with dates and transaction hashes; and the platform's period. The writer refuses
// a file whose lines do not add up to the period's published statement.
import { formatUnits } from "viem";
import { csvLine, parseCsvLine } from "../publication/csv.ts";

export const EXPORT_COLUMNS = [
  "row",
  "period",
  "date",
  "source",
  "account",
  "counterparty",
  "campaign",
  "amount",
  "amount_base_units",
  "token",
  "tx_hash",
  "detail",
] as const;

/** referral: a fan's on-chain payment; user-centric / unplayed-pool / referral-offchain: the period's allocation
 * (statement) paid through the distributor root; growth: earnings from a growth-pool deposit; split: a release
 * from a Split the account is a member of. */
export type ExportSource = "referral" | "referral-offchain" | "user-centric" | "unplayed-pool" | "growth" | "split";
export const EXPORT_SOURCES: readonly ExportSource[] = [
  "referral",
  "referral-offchain",
  "user-centric",
  "unplayed-pool",
  "growth",
  "split",
];

export interface ExportLine {
  source: ExportSource;
  /** Unix seconds. */
  timestamp: number;
  counterparty: string;
  campaign: string;
  amount: bigint;
  txHash: string;
  detail: string;
}

/** The statement figures an export must equal (lib/engine Statement, as published). */
export interface StatementTotals {
  referralOnchain: bigint;
  referralOffchain: bigint;
  userCentric: bigint;
  unplayedPool: bigint;
  earned: bigint;
}

export class ExportMismatchError extends Error {}

export function sumBySource(lines: readonly ExportLine[]): Record<ExportSource, bigint> {
  const sums = Object.fromEntries(EXPORT_SOURCES.map((s) => [s, 0n])) as Record<ExportSource, bigint>;
  for (const l of lines) sums[l.source] += l.amount;
  return sums;
}

/** Throws unless the lines of the statement's sources equal the statement, to the base unit. */
export function checkAgainstStatement(lines: readonly ExportLine[], s: StatementTotals): void {
  const sums = sumBySource(lines);
  const pairs: [ExportSource, bigint][] = [
    ["referral", s.referralOnchain],
    ["referral-offchain", s.referralOffchain],
    ["user-centric", s.userCentric],
    ["unplayed-pool", s.unplayedPool],
  ];
  for (const [source, expected] of pairs) {
    if (sums[source] !== expected)
      throw new ExportMismatchError(`${source} lines sum to ${sums[source]}, the statement says ${expected}`);
  }
  const earned = pairs.reduce((t, [source]) => t + sums[source], 0n);
  if (earned !== s.earned)
    throw new ExportMismatchError(`statement sources sum to ${earned}, the statement earned is ${s.earned}`);
}

const date = (t: number) => new Date(t * 1000).toISOString();

export interface ArtistExport {
  period: string;
  account: string;
  token: string;
  decimals: number;
  lines: ExportLine[];
  /** When the period is published: what the lines must equal. */
  statement: StatementTotals | null;
}

/** The CSV: line rows in time order, then one total row per source. */
export function artistExportCsv(e: ArtistExport): string {
  if (e.statement) checkAgainstStatement(e.lines, e.statement);
  const lines = [...e.lines].sort(
    (a, b) => a.timestamp - b.timestamp || a.txHash.localeCompare(b.txHash) || a.source.localeCompare(b.source),
  );
  const amount = (v: bigint) => formatUnits(v, e.decimals);
  let out = csvLine(EXPORT_COLUMNS);
  for (const l of lines) {
    out += csvLine([
      "line",
      e.period,
      date(l.timestamp),
      l.source,
      e.account,
      l.counterparty,
      l.campaign,
      amount(l.amount),
      l.amount,
      e.token,
      l.txHash,
      l.detail,
    ]);
  }
  const sums = sumBySource(lines);
  for (const source of EXPORT_SOURCES) {
    out += csvLine([
      "total",
      e.period,
      "",
      source,
      e.account,
      "",
      "",
      amount(sums[source]),
      sums[source],
      e.token,
      "",
      "",
    ]);
  }
  return out;
}

export const PLATFORM_COLUMNS = [
  "period",
  "date",
  "item",
  "count",
  "amount",
  "amount_base_units",
  "token",
  "tx_hash",
] as const;

export interface PlatformItem {
  timestamp: number;
  item: string;
  count: number;
  amount: bigint;
  txHash: string;
}

/** One platform period: what subscribers paid and where it went, what was funded, allocated and deposited. */
export function platformExportCsv(p: {
  period: string;
  token: string;
  decimals: number;
  items: PlatformItem[];
}): string {
  let out = csvLine(PLATFORM_COLUMNS);
  for (const i of p.items) {
    out += csvLine([
      p.period,
      i.timestamp ? date(i.timestamp) : "",
      i.item,
      i.count,
      formatUnits(i.amount, p.decimals),
      i.amount,
      p.token,
      i.txHash,
    ]);
  }
  return out;
}

/** Parses an export back into lines and totals (the check a test and an accountant can run). */
export function parseArtistExport(csv: string): { lines: ExportLine[]; totals: Record<ExportSource, bigint> } {
  const rows = csv
    .trimEnd()
    .split("\n")
    .map((l, i) => parseCsvLine(l, "export", i + 1));
  if (rows[0].join(",") !== EXPORT_COLUMNS.join(",")) throw new Error("not a Gapless artist export (header)");
  const col = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, i])) as Record<
    (typeof EXPORT_COLUMNS)[number],
    number
  >;
  const lines: ExportLine[] = [];
  const totals = Object.fromEntries(EXPORT_SOURCES.map((s) => [s, 0n])) as Record<ExportSource, bigint>;
  for (const r of rows.slice(1)) {
    const source = r[col.source] as ExportSource;
    const amount = BigInt(r[col.amount_base_units]);
    if (r[col.row] === "total") totals[source] = amount;
    else
      lines.push({
        source,
        amount,
        timestamp: Date.parse(r[col.date]) / 1000,
        counterparty: r[col.counterparty],
        campaign: r[col.campaign],
        txHash: r[col.tx_hash],
        detail: r[col.detail],
      });
  }
  return { lines, totals };
}
