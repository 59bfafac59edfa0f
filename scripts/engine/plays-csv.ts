// Writes plays.csv (subscriber_id,artist_id,plays in (subscriber_id, artist_id) order) from the
// integer pair table `pk` (inputs.ts loadPlays) and returns its SHA-256. The main thread reads
// DuckDB's result vectors directly and hands batches to a worker that formats, hashes and writes
// them, so building the tree and statements overlaps it. Ids are written with lib/engine's csvField;
// `pk` is stored in k order (sid then aid, i.e. ORDER BY subscriber_id, artist_id), which the worker
// checks row by row.
import { Worker } from "node:worker_threads";
import type { DuckDBConnection } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";
import { csvField } from "../../lib/engine/index.ts";

/** Ids in index order as UTF-8 `csvField(id) + ","`, id i at bytes[start[i], start[i + 1]). */
export interface Dictionary {
  bytes: Uint8Array;
  start: Int32Array;
}
export type WorkerMessage =
  { kind: "rows"; sid: Int32Array; aid: Int32Array; plays: Int32Array } | { kind: "end" };
export type WorkerDone = { kind: "done"; sha256: string; rows: number } | { kind: "error"; message: string };

const BATCH = 1 << 20;

async function dictionary(conn: DuckDBConnection, sql: string): Promise<Dictionary> {
  const ids = ((await conn.runAndReadAll(sql)).getColumnsJS()[0] ?? []) as string[];
  const enc = new TextEncoder();
  const encoded = ids.map((id) => enc.encode(csvField(id) + ","));
  const start = new Int32Array(encoded.length + 1);
  for (let i = 0; i < encoded.length; i++) start[i + 1] = start[i] + encoded[i].length;
  const bytes = new Uint8Array(start[encoded.length]);
  encoded.forEach((e, i) => bytes.set(e, start[i]));
  return { bytes, start };
}

/** A result column of INTEGERs without NULLs, as a view on DuckDB's vector. */
function int32Column(chunk: duckdb.DataChunk, column: number, rows: number): Int32Array {
  const data = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk, column), rows * 4);
  return new Int32Array(data.buffer, data.byteOffset, rows);
}

export interface PlaysCsv {
  sha256: string;
  rows: number;
}

/**
 * Streams `pk` to `path`. Resolves once every row is read from DuckDB with `finished`, which
 * settles when the worker has written and hashed the file — so the caller can build the tree while
 * the worker catches up.
 */
export async function streamPlaysCsv(
  conn: DuckDBConnection,
  path: string,
  artistBits: number,
): Promise<{ finished: Promise<PlaysCsv> }> {
  const subscribers = await dictionary(conn, "SELECT s FROM subs ORDER BY sid");
  const artists = await dictionary(conn, "SELECT a FROM arts ORDER BY aid");
  const worker = new Worker(new URL("./plays-csv.worker.ts", import.meta.url), {
    workerData: { path, subscribers, artists },
    transferList: [subscribers.bytes.buffer, subscribers.start.buffer, artists.bytes.buffer, artists.start.buffer] as ArrayBuffer[], // prettier-ignore
  });
  const finished = new Promise<PlaysCsv>((resolve, reject) => {
    worker.on("message", (m: WorkerDone) => {
      void worker.terminate();
      if (m.kind === "done") resolve({ sha256: m.sha256, rows: m.rows });
      else reject(new Error(`writing ${path}: ${m.message}`));
    });
    worker.on("error", reject);
  });
  finished.catch(() => undefined); // the caller awaits it; this only keeps an early failure from going unhandled
  const result = await conn.stream(
    `SELECT (k // ${2 ** artistBits})::INTEGER AS sid, (k % ${2 ** artistBits})::INTEGER AS aid, c FROM pk`,
  );
  let batch = newBatch();
  let filled = 0;
  const send = () => {
    const m: WorkerMessage = { kind: "rows", sid: batch.sid.subarray(0, filled), aid: batch.aid.subarray(0, filled), plays: batch.plays.subarray(0, filled) }; // prettier-ignore
    worker.postMessage(m, [batch.sid.buffer, batch.aid.buffer, batch.plays.buffer] as ArrayBuffer[]);
    batch = newBatch();
    filled = 0;
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    const n = chunk?.rowCount ?? 0;
    if (n === 0) break;
    if (filled + n > BATCH) send();
    batch.sid.set(int32Column(chunk!.chunk, 0, n), filled);
    batch.aid.set(int32Column(chunk!.chunk, 1, n), filled);
    batch.plays.set(int32Column(chunk!.chunk, 2, n), filled);
    filled += n;
  }
  if (filled > 0) send();
  worker.postMessage({ kind: "end" } satisfies WorkerMessage);
  return { finished };
}

function newBatch() {
  return { sid: new Int32Array(BATCH), aid: new Int32Array(BATCH), plays: new Int32Array(BATCH) };
}
