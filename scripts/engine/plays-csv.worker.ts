// Worker for plays-csv.ts: formats the (sid, aid, plays) batches it is sent, in (subscriber, artist)
// order, as plays.csv lines from the two dictionaries, hashing and writing as it goes.
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PLAYS_COLUMNS } from "../../lib/publication/published.ts";
import type { Dictionary, WorkerDone, WorkerMessage } from "./plays-csv.ts";

const { path, subscribers, artists } = workerData as {
  path: string;
  subscribers: Dictionary;
  artists: Dictionary;
};
const fd = openSync(path, "wx");
const hash = createHash("sha256");
const buf = Buffer.allocUnsafe(1 << 22);
let pos = buf.write(`${PLAYS_COLUMNS.join(",")}\n`, "latin1");
let rows = 0;
let prevSid = -1;
let prevAid = -1;

function flush(): void {
  const out = buf.subarray(0, pos);
  hash.update(out);
  for (let off = 0; off < out.length;) off += writeSync(fd, out, off);
  pos = 0;
}

function format(sid: Int32Array, aid: Int32Array, plays: Int32Array): void {
  const { bytes: sb, start: ss } = subscribers;
  const { bytes: ab, start: as } = artists;
  for (let i = 0; i < sid.length; i++) {
    const s = sid[i];
    const a = aid[i];
    // The rows arrive in the table's insertion order; never publish them in any other order.
    if (s < prevSid || (s === prevSid && a <= prevAid))
      throw new Error("internal: pairs not in (subscriber, artist) order");
    prevSid = s;
    prevAid = a;
    if (pos + (ss[s + 1] - ss[s]) + (as[a + 1] - as[a]) + 12 > buf.length) flush();
    for (let j = ss[s], e = ss[s + 1]; j < e; j++) buf[pos++] = sb[j];
    for (let j = as[a], e = as[a + 1]; j < e; j++) buf[pos++] = ab[j];
    const v = plays[i];
    if (v < 10) buf[pos++] = 48 + v;
    else {
      const d = String(v);
      for (let j = 0; j < d.length; j++) buf[pos++] = d.charCodeAt(j);
    }
    buf[pos++] = 10;
  }
  rows += sid.length;
}

parentPort!.on("message", (m: WorkerMessage) => {
  try {
    if (m.kind === "rows") {
      format(m.sid, m.aid, m.plays);
      parentPort!.postMessage({ kind: "written" } satisfies WorkerDone);
    } else {
      flush();
      closeSync(fd);
      parentPort!.postMessage({ kind: "done", sha256: hash.digest("hex"), rows } satisfies WorkerDone);
    }
  } catch (e) {
    closeSync(fd);
    parentPort!.postMessage({ kind: "error", message: (e as Error).message } satisfies WorkerDone);
  }
});
