import { DuckDBInstance } from "@duckdb/node-api";
const inst = await DuckDBInstance.create(":memory:", { threads: "2" });
const c = await inst.connect();
try {
  const r = await c.runAndReadAll(`SELECT * FROM read_csv('/tmp/eng/d/bad.csv', header=true, all_varchar=true, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR'}, delim=',', quote='"', escape='"')`);
  console.log(r.getRowObjectsJS());
} catch (e) { console.log("ERR", (e as Error).message); }
const r2 = await c.runAndReadAll(`SELECT 12345678901234567890123::HUGEINT * 3 AS x, 7::HUGEINT // 2 AS y`);
console.log(r2.getRowObjectsJS(), r2.getRowObjects());
