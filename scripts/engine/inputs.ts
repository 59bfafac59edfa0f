// Reads and validates a period's inputs with DuckDB (CSV or Parquet) into tables:
// artists(artist_id, payout_address, name), payments(... typed, HUGEINT money), and for the plays the
// ranks subs(s, sid) / arts(a, aid) and pk(k, c): counted plays per (subscriber, artist) on integer
// keys (loadPlays). Every rejected input names the file, the line (CSV, header = line 1) or row
// (Parquet, first row = 1) and the column.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import { MIN_COUNTED_MS, type Artist } from "../../lib/rules/index.ts";
import { BOM_PROBLEM, CsvError, forEachCsvRecord, parseCsvLine } from "../../lib/publication/index.ts";
import { normalizeAddress } from "../../lib/chain/index.ts";
import { PAYMENT_COLUMNS, PLAYS_COLUMNS } from "../../lib/publication/published.ts";
import { InputError } from "./errors.ts";
import type { Progress } from "./progress.ts";

export const COLUMNS = {
  payments: PAYMENT_COLUMNS,
  plays: ["subscriber_id", "artist_id", "ms_played"],
  /** Counted plays already aggregated per (subscriber, artist): the published plays.csv form. */
  counted: PLAYS_COLUMNS,
  artists: ["artist_id", "payout_address", "name"],
} as const;
export type Kind = keyof typeof COLUMNS;

/** Money: up to 24 decimal digits, so sums and products stay inside HUGEINT. */
const AMOUNT = "[0-9]{1,24}";
const INTEGER_TYPES = new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "HUGEINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER",
  "UBIGINT",
  "UHUGEINT",
]);

export const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface Source {
  kind: Kind;
  path: string;
  format: "csv" | "parquet";
  /** DuckDB column types (all VARCHAR for CSV). */
  types: Map<string, string>;
  /** Table expression reading the file. */
  scan: string;
  /** Table expression with a 1-based row number column `rn` (single-threaded for CSV). */
  numbered: string;
}

export function formatOf(path: string): "csv" | "parquet" | undefined {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(parquet|pq)$/i.test(path)) return "parquet";
  return undefined;
}

/**
 * Checks a CSV input against the project's one dialect (lib/publication/csv.ts) before DuckDB reads it,
 * and returns its header. DuckDB accepts a byte order mark and a stray quote inside an unquoted field;
 * this refuses both, naming the line and column. Files without quotes or carriage returns (the common
 * case: plain ids and numbers) need only the scan for those bytes; others are read once by the reader.
 */
function checkCsv(path: string): string[] {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(1 << 22);
  let first: Buffer | undefined;
  let special = false;
  try {
    for (let offset = 0; ;) {
      const n = readSync(fd, buf, 0, buf.length, offset);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      if (!first) first = Buffer.from(chunk.subarray(0, 65536));
      if (chunk.indexOf(34) >= 0 || chunk.indexOf(13) >= 0) {
        special = true;
        break;
      }
      offset += n;
    }
  } finally {
    closeSync(fd);
  }
  if (!first || first.length === 0)
    throw new InputError(path, "empty file (expected a header line)", { location: "line 1" });
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf)
    throw new InputError(path, BOM_PROBLEM, { location: "line 1" });
  let header: string[] | undefined;
  try {
    if (special) {
      forEachCsvRecord(path, readFileSync(path), () => undefined);
    }
    header = parseCsvLine(first.toString("utf8"), path, 1);
  } catch (e) {
    if (e instanceof CsvError) {
      throw new InputError(path, e.problem, {
        location: `line ${e.line}`,
        column: e.column === undefined ? undefined : String(e.column),
      });
    }
    throw e;
  }
  return header;
}

/** Turns DuckDB's errors on a file into InputErrors naming the file (and line, when DuckDB knows it). */
export function asInputError(path: string, e: unknown): Error {
  if (e instanceof InputError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const line = /CSV Error on Line: (\d+)/.exec(message);
  const detail = message.split("\n").filter((l) => l && !l.startsWith("Possible fixes"))[line ? 2 : 0] ?? message;
  return new InputError(path, detail.trim(), line ? { location: `line ${line[1]}` } : {});
}

export async function openSource(conn: DuckDBConnection, kind: Kind, path: string): Promise<Source> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new InputError(path, `${kind} file not found`);
  const format = formatOf(path);
  if (!format) throw new InputError(path, "unknown format: expected a .csv or .parquet file");
  const types = new Map<string, string>();
  let scan: string;
  let numbered: string;
  if (format === "csv") {
    const header = checkCsv(path);
    if (header.length === 1 && header[0] === "")
      throw new InputError(path, "empty file (expected a header line)", { location: "line 1" });
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) throw new InputError(path, `duplicate column ${h}`, { location: "line 1", column: h });
      seen.add(h);
      types.set(h, "VARCHAR");
    }
    const cols = header.map((h) => `${q(h)}: 'VARCHAR'`).join(", ");
    scan = `read_csv(${q(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${cols}})`;
    numbered = `(SELECT row_number() OVER () + 1 AS rn, * FROM ${scan})`;
  } else {
    scan = `read_parquet(${q(path)})`;
    try {
      const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${scan}`);
      for (const row of r.getRowObjectsJS()) types.set(String(row.column_name), String(row.column_type));
    } catch (e) {
      throw asInputError(path, e);
    }
    numbered = `(SELECT file_row_number + 1 AS rn, * FROM read_parquet(${q(path)}, file_row_number = true))`;
  }
  for (const c of COLUMNS[kind]) {
    if (!types.has(c)) {
      throw new InputError(path, `missing column ${c} (expected ${COLUMNS[kind].join(",")})`, {
        location: format === "csv" ? "line 1" : undefined,
        column: c,
      });
    }
  }
  return { kind, path, format, types, scan, numbered };
}

/** A column as text, '' for NULL. */
const text = (c: string) => `coalesce(CAST(${ident(c)} AS VARCHAR), '')`;

interface Check {
  column: string;
  /** SQL condition over the source's columns that is true for a bad row. */
  bad: string;
  /** Message, given the offending value. */
  detail: (value: string) => string;
}

/** Runs `sql` (which reads `src`), converting DuckDB errors into InputErrors naming the file. */
async function onFile<T>(src: Source, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw asInputError(src.path, e);
  }
}

/** Finds the first row (in file order) failing `check` and throws an InputError for it. */
async function reject(conn: DuckDBConnection, src: Source, check: Check): Promise<never> {
  await onFile(src, async () => {
    if (src.format === "csv") await conn.run("SET threads = 1");
    try {
      const r = await conn.runAndReadAll(
        `SELECT rn, ${text(check.column)} AS v FROM ${src.numbered} WHERE ${check.bad} ORDER BY rn LIMIT 1`,
      );
      const row = r.getRowObjectsJS()[0];
      if (row) {
        throw new InputError(src.path, check.detail(String(row.v)), {
          location: `${src.format === "csv" ? "line" : "row"} ${row.rn}`,
          column: check.column,
        });
      }
    } finally {
      if (src.format === "csv") await conn.run("RESET threads");
    }
  });
  throw new InputError(src.path, `invalid ${check.column}`, { column: check.column });
}

/** Throws for the first row that fails the first failing check. */
async function runChecks(conn: DuckDBConnection, src: Source, checks: Check[]): Promise<void> {
  const cases = checks.map((c, i) => `WHEN ${c.bad} THEN ${i}`).join(" ");
  const r = await onFile(src, () => conn.runAndReadAll(`SELECT min(CASE ${cases} END) AS failed FROM ${src.scan}`));
  const failed = r.getRowObjectsJS()[0]?.failed;
  if (failed !== null && failed !== undefined) await reject(conn, src, checks[Number(failed)]);
}

const amountCheck = (column: string): Check => ({
  column,
  bad: `NOT regexp_full_match(${text(column)}, '${AMOUNT}')`,
  detail: (v) =>
    /^[0-9]+$/.test(v)
      ? `amount ${v} has more than 24 digits (the limit of every money column: 24 decimal digits, < 10^24 base units)`
      : `negative or non-integer amount ${JSON.stringify(v)} (money is in base units: digits only, at most 24)`,
});

/** Loads the registry into table `artists` and returns it (payout addresses lowercase). */
export async function loadArtists(conn: DuckDBConnection, src: Source): Promise<Map<string, Artist>> {
  if (src.format === "csv") await conn.run("SET threads = 1");
  let rows: Record<string, unknown>[];
  try {
    const r = await onFile(src, () =>
      conn.runAndReadAll(
        `SELECT rn, ${text("artist_id")} AS id, ${text("payout_address")} AS addr, ${text("name")} AS name FROM ${src.numbered} ORDER BY rn`,
      ),
    );
    rows = r.getRowObjectsJS();
  } finally {
    if (src.format === "csv") await conn.run("RESET threads");
  }
  const where = (rn: unknown) => `${src.format === "csv" ? "line" : "row"} ${rn}`;
  const artists = new Map<string, Artist>();
  for (const row of rows) {
    const id = String(row.id);
    if (id === "") throw new InputError(src.path, "empty artist_id", { location: where(row.rn), column: "artist_id" });
    if (artists.has(id)) {
      throw new InputError(src.path, `duplicate artist_id ${JSON.stringify(id)}`, {
        location: where(row.rn),
        column: "artist_id",
      });
    }
    const a = normalizeAddress(String(row.addr));
    if ("error" in a) throw new InputError(src.path, a.error, { location: where(row.rn), column: "payout_address" });
    artists.set(id, { artistId: id, payoutAddress: a.address, name: String(row.name) });
  }
  await conn.run(
    `CREATE OR REPLACE TABLE artists AS SELECT ${text("artist_id")} AS artist_id, lower(${text("payout_address")}) AS payout_address, ${text("name")} AS name FROM ${src.scan}`,
  );
  return artists;
}

/** Validates payments and loads them into table `payments`; returns the row count. */
export async function loadPayments(conn: DuckDBConnection, src: Source): Promise<number> {
  const big = (c: string) => `TRY_CAST(${text(c)} AS HUGEINT)`;
  await runChecks(conn, src, [
    { column: "payment_id", bad: `${text("payment_id")} = ''`, detail: () => "empty payment_id" },
    { column: "subscriber_id", bad: `${text("subscriber_id")} = ''`, detail: () => "empty subscriber_id" },
    amountCheck("amount"),
    amountCheck("pool_share"),
    amountCheck("referral_share"),
    {
      column: "referral_paid_onchain",
      bad: `${text("referral_paid_onchain")} NOT IN ('true', 'false')`,
      detail: (v) => `expected true or false, got ${JSON.stringify(v)}`,
    },
    {
      column: "paid_at",
      bad: `NOT regexp_full_match(${text("paid_at")}, '[0-9]{1,12}')`,
      detail: (v) => `expected unix seconds, got ${JSON.stringify(v)}`,
    },
    {
      column: "pool_share",
      bad: `${big("pool_share")} + ${big("referral_share")} > ${big("amount")}`,
      detail: () => "pool_share + referral_share exceeds amount",
    },
    {
      column: "referral_share",
      bad: `${text("referrer_artist_id")} = '' AND ${big("referral_share")} > 0`,
      detail: () => "referral_share without a referrer_artist_id",
    },
    {
      column: "referrer_artist_id",
      bad: `${text("referrer_artist_id")} <> '' AND ${text("referrer_artist_id")} NOT IN (SELECT artist_id FROM artists)`,
      detail: (v) => `unknown artist ${JSON.stringify(v)} (not in the artist registry)`,
    },
  ]);
  const dup = await onFile(src, () =>
    conn.runAndReadAll(
      `SELECT ${text("payment_id")} AS id FROM ${src.scan} GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 1`,
    ),
  );
  const dupId = dup.getRowObjectsJS()[0]?.id;
  if (dupId !== undefined) {
    await reject(conn, src, {
      column: "payment_id",
      bad: `${text("payment_id")} = ${q(String(dupId))} AND rn > (SELECT min(rn) FROM ${src.numbered} WHERE ${text("payment_id")} = ${q(String(dupId))})`,
      detail: (v) => `duplicate payment_id ${JSON.stringify(v)}`,
    });
  }
  await onFile(src, () =>
    conn.run(`CREATE OR REPLACE TABLE payments AS SELECT
      ${text("payment_id")} AS payment_id, ${text("subscriber_id")} AS subscriber_id,
      CAST(${text("amount")} AS HUGEINT) AS amount, CAST(${text("pool_share")} AS HUGEINT) AS pool_share,
      CAST(${text("referral_share")} AS HUGEINT) AS referral_share, ${text("referrer_artist_id")} AS referrer_artist_id,
      ${text("referral_paid_onchain")} = 'true' AS referral_paid_onchain, ${text("campaign")} AS campaign,
      CAST(${text("paid_at")} AS BIGINT) AS paid_at
      FROM ${src.scan}`),
  );
  const n = await conn.runAndReadAll("SELECT count(*) AS n FROM payments");
  return Number(n.getRowObjectsJS()[0].n);
}

/** The integer form of the plays, for the allocation SQL and the plays.csv writer. */
export interface PlayTables {
  /** Raw play rows read. */
  rows: number;
  /** Bits of `pk.k` that hold the artist index: k = sid × 2^artistBits + aid. */
  artistBits: number;
  /** Registry artist ids by aid. */
  artistIds: string[];
  /** Distinct subscribers in the plays (sids 0 … subscribers − 1). */
  subscribers: number;
}

/** Most counted plays one (subscriber, artist) pair may carry: the engine's pair counts are INTEGER. */
export const MAX_PAIR_PLAYS = 2 ** 31 - 1;

/**
 * Aggregates raw plays (`src.kind` "plays"), or takes plays already counted per pair ("counted":
 * the published plays.csv form, from a warehouse), validating on the way, into three temp tables, all
 * in sort order: `subs(s, sid)` ranks the distinct subscriber ids (sid = 0, 1, … in `ORDER BY s`),
 * `arts(a, aid)` ranks the registry's artist ids the same way, and `pk(k, c)` holds the counted plays
 * per pair, k = sid × 2^artistBits + aid, stored in k order — which is (subscriber_id, artist_id) order.
 * Integer keys keep the 100M-play aggregation, the allocation joins and the sorted plays.csv cheap
 * (docs/engine-formats.md "Speed"); the same GROUP BY runs on the strings on a warehouse
 * (scripts/engine/warehouse.ts). Counted pairs may come in any order, each pair once.
 */
export async function loadPlays(
  conn: DuckDBConnection,
  src: Source,
  progress: Progress,
  /** Given the table of distinct raw subscriber ids (`raw`), creates `pseud(raw, p)`: ids are then published as p. */
  pseudonymise?: (rawIds: string) => Promise<void>,
): Promise<PlayTables> {
  const counted = src.kind === "counted";
  const column = counted ? "plays" : "ms_played";
  const valueType = src.types.get(column)!;
  const v = ident(column);
  // value: the column as an integer; bad: true for a row whose value fails the check.
  const min = counted ? 1 : 0;
  const above = counted ? ` OR ${v} > ${MAX_PAIR_PLAYS}` : "";
  let value: string;
  let bad: string;
  if (INTEGER_TYPES.has(valueType)) {
    value = v;
    bad = `${v} IS NULL OR ${v} < ${min}${above}`;
  } else if (valueType === "VARCHAR") {
    value = `TRY_CAST(${v} AS BIGINT)`;
    bad = counted
      ? `NOT regexp_full_match(coalesce(${v}, ''), '[1-9][0-9]{0,9}') OR ${value} > ${MAX_PAIR_PLAYS}`
      : `NOT regexp_full_match(coalesce(${v}, ''), '[0-9]{1,12}')`;
  } else {
    value = v;
    bad = `${v} IS NULL OR ${v} < ${min}${above} OR ${v} <> trunc(${v})`;
  }
  const badDetail = counted
    ? (x: string) => `plays ${JSON.stringify(x)} is not a positive integer (at most ${MAX_PAIR_PLAYS} per pair)`
    : (x: string) =>
        /^[0-9]+$/.test(x)
          ? `ms_played ${x} has more than 12 digits (the limit: < 10^12 ms, about 31 years)`
          : `negative or non-integer ms_played ${JSON.stringify(x)}`;
  const subscriber = `CAST(${ident("subscriber_id")} AS VARCHAR)`;
  const counts = `SELECT ${subscriber} AS raw, count(*) AS n FROM ${src.scan} GROUP BY 1`;
  await progress.track(`ranking subscribers (${src.path})`, conn, async () => {
    if (!pseudonymise) {
      await onFile(src, () =>
        conn.run(`CREATE OR REPLACE TEMP TABLE subs AS
          SELECT raw AS s, raw, (row_number() OVER (ORDER BY raw) - 1)::INTEGER AS sid, n FROM (${counts})`),
      );
      return;
    }
    // Published ids are pseudonyms (scripts/engine/pseudonymise.ts): rank by them, join plays on the raw id.
    await onFile(src, () => conn.run(`CREATE OR REPLACE TEMP TABLE subs_raw AS ${counts}`));
    await pseudonymise("subs_raw");
    await conn.run(`CREATE OR REPLACE TEMP TABLE subs AS
      SELECT s, raw, (row_number() OVER (ORDER BY s) - 1)::INTEGER AS sid, n
      FROM (SELECT coalesce(pseud.p, r.raw) AS s, r.raw, r.n FROM subs_raw r LEFT JOIN pseud ON pseud.raw = r.raw)`);
    await conn.run("DROP TABLE subs_raw");
  });
  const subs = (
    await conn.runAndReadAll(`SELECT count(*) AS subscribers, coalesce(sum(n), 0) AS n,
      count(*) FILTER (WHERE coalesce(s, '') = '') AS empty_s FROM subs`)
  ).getRowObjectsJS()[0];
  if (Number(subs.empty_s) > 0) {
    await reject(conn, src, {
      column: "subscriber_id",
      bad: `${text("subscriber_id")} = ''`,
      detail: () => "empty subscriber_id",
    });
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE arts AS
    SELECT artist_id AS a, (row_number() OVER (ORDER BY artist_id) - 1)::INTEGER AS aid FROM artists`);
  const artistIds = ((await conn.runAndReadAll("SELECT a FROM arts ORDER BY aid")).getColumnsJS()[0] ?? []) as string[];
  const artistCount = artistIds.length;
  // The all-ones artist index marks a play whose artist is not in the registry (or empty).
  const artistBits = Math.max(1, Math.ceil(Math.log2(artistCount + 1)));
  const unknown = 2 ** artistBits - 1;
  if (Math.ceil(Math.log2(Number(subs.subscribers) + 1)) + artistBits > 62) {
    throw new InputError(
      src.path,
      `too many subscribers and artists for one period (${subs.subscribers} × ${artistCount})`,
    );
  }
  // Kept rows: counted plays, plus any row that fails a check (k = -1: bad value; artist index
  // `unknown`: not in the registry), so one pass both aggregates and validates. Counted input is
  // kept whole; a pair given twice gets c = -1.
  const c = counted
    ? `CASE WHEN count(*) = 1 THEN TRY_CAST(min(${value}) AS INTEGER) ELSE -1 END`
    : "count(*)::INTEGER";
  const where = counted ? "" : `WHERE ${value} >= ${MIN_COUNTED_MS} OR (${bad}) OR aid IS NULL`;
  await progress.track(`${counted ? "ordering counted plays" : "aggregating plays"} (${src.path})`, conn, () =>
    onFile(src, () =>
      conn.run(`CREATE OR REPLACE TEMP TABLE pk AS
        SELECT CASE WHEN ${bad} THEN -1 ELSE sid::BIGINT * ${2 ** artistBits} + coalesce(aid, ${unknown}) END AS k,
          ${c} AS c
        FROM ${src.scan} p JOIN subs ON ${subscriber} = subs.raw LEFT JOIN arts ON CAST(p.${ident("artist_id")} AS VARCHAR) = arts.a
        ${where}
        GROUP BY k ORDER BY k`),
    ),
  );
  const stats = (
    await conn.runAndReadAll(`SELECT count(*) FILTER (WHERE k = -1) AS bad,
      count(*) FILTER (WHERE k >= 0 AND k % ${2 ** artistBits} = ${unknown}) AS unknown,
      min(k) FILTER (WHERE k >= 0 AND c < 0) AS duplicate FROM pk`)
  ).getRowObjectsJS()[0];
  if (Number(stats.bad) > 0) await reject(conn, src, { column, bad, detail: badDetail });
  if (Number(stats.unknown) > 0) {
    const empty = await conn.runAndReadAll(`SELECT 1 FROM ${src.scan} WHERE ${text("artist_id")} = '' LIMIT 1`);
    if (empty.currentRowCount > 0) {
      await reject(conn, src, {
        column: "artist_id",
        bad: `${text("artist_id")} = ''`,
        detail: () => "empty artist_id",
      });
    }
    const first = await conn.runAndReadAll(
      `SELECT min(${text("artist_id")}) AS a FROM ${src.scan} WHERE ${text("artist_id")} NOT IN (SELECT artist_id FROM artists)`,
    );
    await reject(conn, src, {
      column: "artist_id",
      bad: `${text("artist_id")} = ${q(String(first.getRowObjectsJS()[0].a))}`,
      detail: (v) => `unknown artist ${JSON.stringify(v)} (not in the artist registry)`,
    });
  }
  if (stats.duplicate !== null && stats.duplicate !== undefined) {
    // The pair's later rows (after its first) are the duplicates; the first of them is reported.
    const k = BigInt(stats.duplicate as bigint);
    const sid = Number(k / BigInt(2 ** artistBits));
    const s = String((await conn.runAndReadAll(`SELECT s FROM subs WHERE sid = ${sid}`)).getRowObjectsJS()[0].s);
    const a = artistIds[Number(k % BigInt(2 ** artistBits))];
    const pair = `${text("subscriber_id")} = ${q(s)} AND ${text("artist_id")} = ${q(a)}`;
    await reject(conn, src, {
      column: "artist_id",
      bad: `${pair} AND rn > (SELECT min(rn) FROM ${src.numbered} WHERE ${pair})`,
      detail: () =>
        `duplicate pair (subscriber_id ${JSON.stringify(s)}, artist_id ${JSON.stringify(a)}): each pair once`,
    });
  }
  return { rows: Number(subs.n), artistBits, artistIds, subscribers: Number(subs.subscribers) };
}
