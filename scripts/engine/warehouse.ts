// The SQL a platform runs where its plays already live (a warehouse or a cluster engine), in one place:
// every dialect below is derived from these strings, docs/engine-formats.md "Scale" prints them, and
// tests run them (DuckDB: test/ts/engine.counted.test.ts; ClickHouse, on a two-shard cluster:
// test/cluster/clickhouse.test.ts) and hold the docs to them.
//
// COUNTED_PLAYS_SQL is the heavy step: raw plays(subscriber_id, artist_id, ms_played) → counted plays
// per (subscriber, artist), the rows of the published plays.csv, which `npm run engine --
// --counted-plays` takes (in any order) instead of the raw plays. It is the same text in every dialect
// here; only the statement that writes its result to a file differs (exportSql).
// WAREHOUSE_USAGE_SQL goes one step further, the user-centric split itself (usageSql per dialect).
import { MIN_COUNTED_MS } from "../../lib/rules/index.ts";

export type Dialect = "duckdb" | "clickhouse" | "bigquery" | "spark";

/** Counted plays per (subscriber, artist) from the raw `plays` table; no order (the engine sorts). */
export const COUNTED_PLAYS_SQL = `SELECT subscriber_id, artist_id, count(*) AS plays
FROM plays
WHERE ms_played >= ${MIN_COUNTED_MS}
GROUP BY subscriber_id, artist_id`;

/** COUNTED_PLAYS_SQL over another table name (a ClickHouse Distributed table, a BigQuery dataset.table). */
export function countedPlaysSql(table = "plays"): string {
  return COUNTED_PLAYS_SQL.replace(/^FROM plays$/m, `FROM ${table}`);
}

/**
 * The statement that writes the counted plays to `target` in a form --counted-plays reads: one
 * Parquet or CSV file with a header. BigQuery and Spark write several part files: merge them into one
 * (docs/engine-formats.md "Scale").
 */
export function exportSql(dialect: Dialect, target: string, table = "plays"): string {
  const query = countedPlaysSql(table);
  switch (dialect) {
    case "duckdb":
      return `COPY (${query}) TO '${target}' (FORMAT parquet)`;
    case "clickhouse":
      // Sent over the HTTP interface; the response body is the file.
      return `${query}\nFORMAT CSVWithNames`;
    case "bigquery":
      return `EXPORT DATA OPTIONS (uri = '${target}', format = 'PARQUET', overwrite = true) AS\n${query}`;
    case "spark":
      return `INSERT OVERWRITE DIRECTORY '${target}' USING parquet\n${query}`;
  }
}

/** Integer division of exact integers, per dialect (`//` DuckDB, DIV() BigQuery, `div` Spark). */
const intDiv: Record<Exclude<Dialect, "clickhouse">, (a: string, b: string) => string> = {
  duckdb: (a, b) => `${a} // ${b}`,
  bigquery: (a, b) => `DIV(${a}, ${b})`,
  spark: (a, b) => `${a} div ${b}`,
};

/**
 * The user-centric split as one statement over raw `plays` and `payments`: per artist, its counted
 * plays and Σ floor(pool_s × plays_sa / plays_s). Feed the rows (with the referral sums of
 * sql-allocate.ts's PAYMENTS_SQL) to finishAllocation. Money must be exact integers: HUGEINT in DuckDB,
 * NUMERIC/BIGNUMERIC in BigQuery; Spark's `div` returns a BIGINT (exact while pool_s × plays_sa < 2^63).
 * ClickHouse 18.16 has no common table expressions (its WITH names scalars), so it runs only
 * COUNTED_PLAYS_SQL. A test holds the DuckDB form equal to the engine.
 */
export function usageSql(dialect: Exclude<Dialect, "clickhouse">): string {
  return `WITH pairs AS (
${COUNTED_PLAYS_SQL}),
pool AS (SELECT subscriber_id, sum(pool_share) AS pool FROM payments GROUP BY subscriber_id),
subplays AS (SELECT subscriber_id, sum(plays) AS plays_s FROM pairs GROUP BY subscriber_id)
SELECT p.artist_id, sum(p.plays) AS plays_a, coalesce(sum(${intDiv[dialect]("(pool.pool * p.plays)", "s.plays_s")}), 0) AS user_centric
FROM pairs p JOIN subplays s ON s.subscriber_id = p.subscriber_id
LEFT JOIN pool ON pool.subscriber_id = p.subscriber_id
GROUP BY p.artist_id`;
}

export const WAREHOUSE_USAGE_SQL = usageSql("duckdb");
