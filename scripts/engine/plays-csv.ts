// Writes plays.csv (subscriber_id,artist_id,plays in (subscriber_id, artist_id) order) from the
// integer pair table `pk` (inputs.ts loadPlays), stored in k = (sid, aid) order, and returns its
// SHA-256. The main thread reads the pairs once, straight from DuckDB's result vectors, shows each
// batch to `onPairs` (the allocation) and hands it to a worker, which formats, hashes and writes
// the file while the main thread builds the tree and statements. sid and aid are ranks in ORDER BY
// subscriber_id / artist_id, so (sid, aid) order is the published order (the worker checks it row by
// row); ids are written with lib/'s csvField.
import { Worker } from "node:worker_threads";
import type { DuckDBConnection } from "@duckdb/node-api";
import { csvField } from "../../lib/publication/index.ts";
import { numericColumns } from "./duckdb-vectors.ts";

/** Ids in index order as UTF-8 `csvField(id) + ","`, id i at bytes[start[i], start[i + 1]). */
export interface Dictionary {
  bytes: Uint8Array;
  start: Int32Array;
}
export type WorkerMessage = { kind: "rows"; sid: Int32Array; aid: Int32Array; plays: Int32Array } | { kind: "end" };
export type WorkerDone =
  { kind: "written" } | { kind: "done"; sha256: string; rows: number } | { kind: "error"; message: string };

const BATCH = 1 << 20;
/** Batches sent to the worker and not yet written: past this the reader waits (12 MB a batch). */
const IN_FLIGHT = 4;

export function dictionary(ids: readonly string[]): Dictionary {
  const fields = ids.map((id) => csvField(id) + ",");
  const start = new Int32Array(fields.length + 1);
  const joined = new TextEncoder().encode(fields.join(""));
  // One encode for all; offsets from string lengths when every id is ASCII (bytes = UTF-16 units).
  for (let i = 0; i < fields.length; i++) start[i + 1] = start[i] + fields[i].length;
  if (start[fields.length] === joined.length) return { bytes: joined, start };
  const enc = new TextEncoder();
  const encoded = fields.map((f) => enc.encode(f));
  for (let i = 0; i < encoded.length; i++) start[i + 1] = start[i] + encoded[i].length;
  const bytes = new Uint8Array(start[encoded.length]);
  encoded.forEach((e, i) => bytes.set(e, start[i]));
  return { bytes, start };
}

export interface PlaysCsv {
  sha256: string;
  rows: number;
}

/**
 * Streams `pk` to `path`. Resolves once every pair has been read (and passed to `onPairs`) with
 * `finished`, which settles when the worker has written and hashed the file.
 */
export async function streamPlaysCsv(
  conn: DuckDBConnection,
  path: string,
  artistBits: number,
  artists: Dictionary,
  onPairs: (sid: Int32Array, aid: Int32Array, plays: Int32Array, n: number) => void,
): Promise<{ finished: Promise<PlaysCsv> }> {
  const ids = ((await conn.runAndReadAll("SELECT s FROM subs ORDER BY sid")).getColumnsJS()[0] ?? []) as string[];
  const subscribers = dictionary(ids);
  const worker = new Worker(new URL("./plays-csv.worker.ts", import.meta.url), {
    workerData: { path, subscribers, artists },
    transferList: [subscribers.bytes.buffer, subscribers.start.buffer] as ArrayBuffer[],
  });
  // Backpressure: a worker slower than DuckDB must not let the pairs pile up in its message queue
  // (a billion-play period has ~650M pairs, 8 GB as batches).
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const finished = new Promise<PlaysCsv>((resolve, reject) => {
    worker.on("message", (m: WorkerDone) => {
      if (m.kind === "written") {
        inFlight--;
        drained?.();
        drained = undefined;
        return;
      }
      void worker.terminate();
      drained?.();
      if (m.kind === "done") resolve({ sha256: m.sha256, rows: m.rows });
      else reject(new Error(`writing ${path}: ${m.message}`));
    });
    worker.on("error", (e) => {
      drained?.();
      reject(e);
    });
  });
  finished.catch(() => undefined); // the caller awaits it; this only keeps an early failure from going unhandled
  let batch = newBatch();
  let filled = 0;
  const send = () => {
    const m: WorkerMessage = {
      kind: "rows",
      sid: batch.sid.subarray(0, filled),
      aid: batch.aid.subarray(0, filled),
      plays: batch.plays.subarray(0, filled),
    };
    worker.postMessage(m, [batch.sid.buffer, batch.aid.buffer, batch.plays.buffer] as ArrayBuffer[]);
    inFlight++;
    batch = newBatch();
    filled = 0;
  };
  let failed = false;
  finished.catch(() => (failed = true));
  const scale = 2 ** artistBits;
  await numericColumns(
    conn,
    `SELECT (k // ${scale})::INTEGER AS sid, (k % ${scale})::INTEGER AS aid, c FROM pk`,
    ["i32", "i32", "i32"],
    (columns, n) => {
      const [sid, aid, plays] = columns as Int32Array[];
      onPairs(sid, aid, plays, n);
      const full = filled + n > BATCH;
      if (full) send();
      batch.sid.set(sid, filled);
      batch.aid.set(aid, filled);
      batch.plays.set(plays, filled);
      filled += n;
      if (full && inFlight > IN_FLIGHT && !failed) return new Promise<void>((r) => (drained = r));
    },
  );
  if (filled > 0) send();
  worker.postMessage({ kind: "end" } satisfies WorkerMessage);
  return { finished };
}

function newBatch() {
  return { sid: new Int32Array(BATCH), aid: new Int32Array(BATCH), plays: new Int32Array(BATCH) };
}
