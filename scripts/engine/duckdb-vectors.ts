// Numeric query results straight from DuckDB's result vectors (@duckdb/node-bindings): no per-value
// conversion and no node-api vector wrapper per chunk (the engine reads 61M pairs, 30k chunks).
import type { DuckDBConnection } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";

/**
 * Runs `sql`, whose columns are INTEGER ("i32") or DOUBLE ("f64") without NULLs. With `onChunk`, each
 * chunk's columns are handed over as views (valid only until `onChunk` returns or its promise
 * settles: the next chunk waits for it) and nothing is kept; without it, the columns are returned whole.
 */
export async function numericColumns(
  conn: DuckDBConnection,
  sql: string,
  kinds: readonly ("i32" | "f64")[],
  onChunk?: (columns: (Int32Array | Float64Array)[], rows: number) => void | Promise<void>,
): Promise<(Int32Array | Float64Array)[]> {
  const result = await conn.stream(sql);
  const parts: (Int32Array | Float64Array)[][] = kinds.map(() => []);
  for (;;) {
    const chunk = await result.fetchChunk();
    const n = chunk?.rowCount ?? 0;
    if (n === 0) break;
    const columns = kinds.map((kind, i) => {
      const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk!.chunk, i), n * (kind === "i32" ? 4 : 8));
      return kind === "i32"
        ? new Int32Array(data.buffer, data.byteOffset, n)
        : new Float64Array(data.buffer, data.byteOffset, n);
    });
    if (onChunk) await onChunk(columns, n);
    else columns.forEach((c, i) => parts[i].push(c.slice()));
  }
  return parts.map((list, i) => {
    const out =
      kinds[i] === "i32"
        ? new Int32Array(list.reduce((n, c) => n + c.length, 0))
        : new Float64Array(list.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of list) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  });
}
