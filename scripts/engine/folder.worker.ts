// Worker for folder.ts: writes the files it is sent into the temporary folder, in the order sent,
// and gives their bytes back to the pending count the sender waits on. After a failure it writes
// nothing more, but still counts what it is sent, so the sender never waits for it.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { FolderMessage } from "./folder.ts";

const { root, state, errors } = workerData as { root: string; state: SharedArrayBuffer; errors: MessagePort };
const pending = new BigInt64Array(state);
const dirs = new Set<string>();
let failed = false;

parentPort!.on("message", (m: FolderMessage) => {
  if (m.kind === "flush") {
    parentPort!.postMessage({ kind: "flushed", id: m.id });
    return;
  }
  for (let i = 0; i < m.paths.length && !failed; i++) {
    const path = m.paths[i];
    try {
      const dir = dirname(path);
      if (dir !== "." && !dirs.has(dir)) {
        mkdirSync(join(root, dir), { recursive: true });
        dirs.add(dir);
      }
      writeFileSync(join(root, path), m.files[i]);
    } catch (e) {
      failed = true;
      errors.postMessage(`writing ${path}: ${(e as Error).message}`);
      Atomics.store(pending, 1, 1n);
    }
  }
  Atomics.sub(pending, 0, BigInt(m.bytes));
  Atomics.notify(pending, 0);
});
