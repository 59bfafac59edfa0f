// Atomic period folders: everything is written to a temporary sibling folder that is renamed into
// place at the end, so a failed run leaves nothing behind. The files are written by a writer thread
// (folder.worker.ts) while the engine builds the next ones, at most `maxPendingBytes` handed over and
// not yet written at any time, so a period of a million artists is never held in memory whole.
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";

/** Files go over in batches (one message per ~1 MB or 256 files: a message per file costs more than its write). */
export type FolderMessage =
  { kind: "files"; paths: string[]; files: Uint8Array[]; bytes: number } | { kind: "flush"; id: number };
const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
type FolderReply = { kind: "flushed"; id: number };

/** What the writer may be behind by, by default: 64 MB, a few thousand statements. */
const MAX_PENDING_BYTES = 64 << 20;

export interface TempFolderOptions {
  /** Bytes handed to the writer thread and not yet written past which write() waits (one file always goes). */
  maxPendingBytes?: number;
}

export class TempFolder {
  readonly target: string;
  readonly path: string;
  private readonly maxPending: bigint;
  /** [0]: bytes handed over and not yet written; [1]: 1 once a write failed. */
  private readonly pending: BigInt64Array;
  private readonly worker: Worker;
  private readonly errors: MessagePort;
  private readonly flushed = new Map<number, () => void>();
  private nextFlush = 0;
  private failure: Error | undefined;
  private stopped = false;
  private peak = 0n;
  private batch: Extract<FolderMessage, { kind: "files" }> = { kind: "files", paths: [], files: [], bytes: 0 };
  private batchMoved: ArrayBuffer[] = [];

  constructor(target: string, force: boolean, options: TempFolderOptions = {}) {
    this.target = resolve(target);
    if (existsSync(this.target) && !force) throw new Error(`${target} exists (use --force to replace it)`);
    mkdirSync(dirname(this.target), { recursive: true });
    this.path = join(dirname(this.target), `.${basename(this.target)}.tmp-${process.pid}`);
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path);
    this.maxPending = BigInt(options.maxPendingBytes ?? MAX_PENDING_BYTES);
    const state = new SharedArrayBuffer(16);
    this.pending = new BigInt64Array(state);
    const { port1, port2 } = new MessageChannel();
    this.errors = port1;
    this.worker = new Worker(new URL("./folder.worker.ts", import.meta.url), {
      workerData: { root: this.path, state, errors: port2 },
      transferList: [port2],
    });
    this.worker.on("message", (m: FolderReply) => {
      this.flushed.get(m.id)?.();
      this.flushed.delete(m.id);
      if (this.flushed.size === 0) this.worker.unref();
    });
    this.worker.on("error", (e) => {
      this.failure ??= e;
      for (const done of this.flushed.values()) done();
      this.flushed.clear();
      this.worker.unref();
    });
    this.worker.unref();
  }

  /**
   * Hands one file to the writer thread, which gets a copy of it (the caller's bytes stay its own).
   * Waits while the writer is more than maxPendingBytes behind, and throws once a write has failed,
   * naming its path.
   */
  write(relative: string, data: Uint8Array | string): void {
    this.throwIfFailed();
    if (this.stopped) throw new Error(`${this.target}: the folder was already committed or discarded`);
    // A copy of our own, made now (the batch goes later), is moved to the writer.
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data.slice();
    const size = BigInt(bytes.byteLength);
    for (;;) {
      const behind = Atomics.load(this.pending, 0);
      if (behind === 0n || behind + size <= this.maxPending) break;
      this.send(); // what the writer waits for may be in the batch
      Atomics.wait(this.pending, 0, behind, 1000);
      this.throwIfFailed();
    }
    const behind = Atomics.add(this.pending, 0, size) + size;
    if (behind > this.peak) this.peak = behind;
    this.batch.paths.push(relative);
    this.batch.files.push(bytes);
    this.batch.bytes += bytes.byteLength;
    this.batchMoved.push(bytes.buffer as ArrayBuffer);
    if (this.batch.bytes >= BATCH_BYTES || this.batch.paths.length >= BATCH_FILES) this.send();
  }

  private send(): void {
    if (this.batch.paths.length === 0) return;
    this.worker.postMessage(this.batch, this.batchMoved);
    this.batch = { kind: "files", paths: [], files: [], bytes: 0 };
    this.batchMoved = [];
  }

  /** The most bytes handed over and not yet written at one time. */
  get peakPendingBytes(): number {
    return Number(this.peak);
  }

  /** Resolves once every file handed over is on disk; rejects with the first failed write. */
  async flush(): Promise<void> {
    this.throwIfFailed();
    const id = this.nextFlush++;
    this.send();
    await new Promise<void>((done) => {
      this.flushed.set(id, done);
      this.worker.ref(); // a reply awaited keeps the process alive (the writer is unref'd otherwise)
      this.worker.postMessage({ kind: "flush", id } satisfies FolderMessage);
    });
    this.throwIfFailed();
  }

  /** Writes what is pending, then moves the folder into place, replacing an existing target. */
  async commit(): Promise<void> {
    await this.flush();
    await this.stop();
    if (existsSync(this.target)) {
      const old = `${this.path}.old`;
      renameSync(this.target, old);
      renameSync(this.path, this.target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(this.path, this.target);
    }
  }

  /** Stops the writer (what it has not written is dropped) and removes the temporary folder. */
  async discard(): Promise<void> {
    await this.stop();
    rmSync(this.path, { recursive: true, force: true });
  }

  private async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
    this.errors.close();
  }

  private throwIfFailed(): void {
    if (this.failure === undefined && Atomics.load(this.pending, 1) !== 0n) {
      const m = receiveMessageOnPort(this.errors);
      this.failure = new Error(m ? String(m.message) : `${this.target}: a write failed`);
    }
    if (this.failure) throw this.failure;
  }
}
