// Atomic period folders: everything is written to a temporary sibling folder that is renamed into
// place at the end, so a failed run leaves nothing behind.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

  /**
   * One synchronous write (a period has ~1 file per artist, each written as soon as it is built): the
   * simplest way, with less CPU than 16 at a time through the thread pool. Which is faster in wall
   * time varies from run to run on this VM (`node bench/write-files.ts`: 1.8–20 s synchronous,
   * 2.8–27 s pooled for 100k files); over three 100M-play engine runs each, the writing phase took
   * 3.3 / 4.8 / 12.1 s synchronously and 6.6 / 6.6 / 7.1 s pooled.
   */
  write(relative: string, data: Uint8Array | string): void {
    const dir = dirname(relative);
    if (dir !== "." && !this.dirs.has(dir)) {
      mkdirSync(join(this.path, dir), { recursive: true });
      this.dirs.add(dir);
    }
    writeFileSync(join(this.path, relative), data);
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
