// `node bench/duckdb-time.ts "SQL" ["SQL" …]`: runs the statements in order on one in-memory DuckDB
// with the engine's settings (2 threads, memory_limit 2500MB or $MEMORY_LIMIT) and prints each one's
// wall time and first rows — for timing a query variant against the generated Parquet files.
import { DuckDBInstance } from "@duckdb/node-api";

const statements = process.argv.slice(2);
if (statements.length === 0) {
  console.error('usage: node bench/duckdb-time.ts "SQL" ["SQL" …]');
  process.exit(2);
}
const instance = await DuckDBInstance.create(":memory:", {
  threads: "2",
  memory_limit: process.env.MEMORY_LIMIT ?? "2500MB",
  preserve_insertion_order: "true",
});
const conn = await instance.connect();
for (const sql of statements) {
  const t0 = performance.now();
  const rows = (await conn.runAndReadAll(sql)).getRowObjectsJS().slice(0, 3);
  const shown = JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  console.log(
    `${((performance.now() - t0) / 1000).toFixed(2)} s  ${sql.slice(0, 80)}${sql.length > 80 ? "…" : ""}  ${shown}`,
  );
}
conn.closeSync();
instance.closeSync();
