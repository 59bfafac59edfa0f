// Atomic period folders: everything is written to a temporary sibling folder that is renamed into
// place at the end, so a failed run leaves nothing behind.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";

export class TempFolder {
  readonly target: string;
  readonly path: string;
  private readonly dirs = new Set<string>();

  constructor(target: string, force: boolean) {
    this.target = resolve(target);
    if (existsSync(this.target) && !force) throw new Error(`${target} exists (use --force to replace it)`);
    mkdirSync(dirname(this.target), { recursive: true });
    this.path = join(dirname(this.target), `.${basename(this.target)}.tmp-${process.pid}`);
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path);
  }

  write(relative: string, data: Uint8Array | string): void {
    const dir = dirname(relative);
    if (dir !== "." && !this.dirs.has(dir)) {
      mkdirSync(join(this.path, dir), { recursive: true });
      this.dirs.add(dir);
    }
    writeFileSync(join(this.path, relative), data);
  }

  /**
   * Writes many files through the thread pool, `parallel` at a time: a period has ~1 file per artist,
   * and one synchronous write after another leaves the disk and the other core idle.
   */
  async writeAll(files: Iterable<[string, Uint8Array]>, parallel = 16): Promise<void> {
    const queue = [...files];
    for (const [relative] of queue) {
      const dir = dirname(relative);
      if (dir !== "." && !this.dirs.has(dir)) {
        mkdirSync(join(this.path, dir), { recursive: true });
        this.dirs.add(dir);
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < queue.length) {
        const [relative, data] = queue[next++];
        await writeFile(join(this.path, relative), data);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  /** Moves the folder into place, replacing an existing target. */
  commit(): void {
    if (existsSync(this.target)) {
      const old = `${this.path}.old`;
      renameSync(this.target, old);
      renameSync(this.path, this.target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(this.path, this.target);
    }
  }

  discard(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
