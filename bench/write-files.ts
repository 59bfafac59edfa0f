// `node bench/write-files.ts [n]`: n (default 100,000) files of 1.5 kB written into one fresh folder the way
// the engine writes a period's statements (scripts/engine/folder.ts: one synchronous write after another, in
// its writer thread), twice: on a quiet file system, and right after deleting the first n files. On ext4
// without a journal (this VM's root file system) the second is the slow one, and stays slow for up to 6
// minutes: an inode freed less than 60 s ago (360 s while its inode-table block is dirty, which creating
// files next to it makes it) is not reused, and every file created scans past each such inode
// (fs/ext4/ialloc.c, recently_deleted). Hence `npm run bench:engine` deletes no folder before it is done.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const n = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(n) || n <= 0) {
  console.error(`bench/write-files: n must be a positive integer, got ${process.argv[2]}`);
  process.exit(2);
}
const data = new Uint8Array(1500).fill(65);
const work = mkdtempSync(join(tmpdir(), "gapless-files-"));

function writeFolder(name: string, when: string): void {
  const dir = join(work, name);
  mkdirSync(dir);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `${i}.json`), data);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  console.log(
    `${n.toLocaleString("en-US")} files, ${when}: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (${(cpu.system / 1e6).toFixed(2)} s in the kernel)`,
  );
}

try {
  writeFolder("a", "fresh");
  rmSync(join(work, "a"), { recursive: true });
  writeFolder("b", "right after deleting the first folder");
} finally {
  rmSync(work, { recursive: true, force: true });
}
