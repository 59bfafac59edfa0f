// `node bench/duckdb-aggregate.ts plays.parquet out.csv`: the bare DuckDB baseline of `npm run
// bench:engine` — warehouse.ts's COUNTED_PLAYS_SQL over the raw plays, sorted and written as CSV (what the
// engine's aggregation, sort and plays.csv amount to, without validation, allocation or the rest), with
// the engine's DuckDB settings (2 threads, memory_limit 2500MB, insertion order kept).
import { DuckDBInstance } from "@duckdb/node-api";
import { q } from "../scripts/engine/inputs.ts";
import { countedPlaysSql } from "../scripts/engine/warehouse.ts";

const [plays, out] = process.argv.slice(2);
if (!plays || !out) {
  console.error("usage: node bench/duckdb-aggregate.ts plays.parquet out.csv");
  process.exit(2);
}
const instance = await DuckDBInstance.create(":memory:", {
  threads: "2",
  memory_limit: "2500MB",
  preserve_insertion_order: "true",
});
const conn = await instance.connect();
const t0 = performance.now();
await conn.run(
  `COPY (${countedPlaysSql(`read_parquet(${q(plays)})`)} ORDER BY subscriber_id, artist_id) TO ${q(out)} (HEADER, DELIMITER ',')`,
);
console.log(`duckdb aggregation: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
conn.closeSync();
instance.closeSync();
