// `node bench/write-files.ts [n]`: n (default 100,000) files of 1.5 kB into one folder, written one
// synchronous write after another and then through the thread pool 16 at a time — how the engine
// writes a period's statement and proof files (scripts/engine/folder.ts write).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const n = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(n) || n <= 0) {
  console.error(`bench/write-files: n must be a positive integer, got ${process.argv[2]}`);
  process.exit(2);
}
const data = new Uint8Array(1500).fill(65);
const work = mkdtempSync(join(tmpdir(), "gapless-files-"));
try {
  for (const mode of ["sync", "thread pool, 16 at a time"]) {
    const dir = join(work, mode === "sync" ? "a" : "b");
    mkdirSync(dir);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    if (mode === "sync") for (let i = 0; i < n; i++) writeFileSync(join(dir, `${i}.json`), data);
    else {
      let next = 0;
      const worker = async () => {
        while (next < n) await writeFile(join(dir, `${next++}.json`), data);
      };
      await Promise.all(Array.from({ length: 16 }, worker));
    }
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - t0) / 1000;
    console.log(
      `${n.toLocaleString("en-US")} files, ${mode}: ${wall.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
