// `npm run bench:engine`: attribution engine throughput and peak memory against the bare DuckDB aggregation
// of the same plays (bench/duckdb-aggregate.ts), the engine on pre-aggregated (counted) plays, the same
// aggregation on a two-shard ClickHouse cluster, and Merkle build time against @openzeppelin/merkle-tree;
// written into bench/results.json and bench/results.md (gas rows are kept).
//   node bench/engine.ts [--plays 1000000,10000000] [--with-100m] [--repeat 3] [--merkle 10000,100000,1000000] [--skip-oz-1m]
// Each size runs --repeat rounds of engine, bare DuckDB and counted input back to back; the figures are the
// medians, the ratio the median of the rounds' engine / DuckDB. 100M plays takes ~11 minutes and keeps six 1.5 GB
// period folders under /tmp until the end, so it only runs with --with-100m. OpenZeppelin's builder takes about 3 minutes at 1M
// leaves; --skip-oz-1m times only ours there.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { q } from "../scripts/engine/inputs.ts";
import { exportSql } from "../scripts/engine/warehouse.ts";
import { clickhouseServer, startCluster } from "../test/cluster/clickhouse.ts";
import { readResults, writeResults, type EngineRun, type MerkleRun } from "./results.ts";

const args = process.argv.slice(2);
const listFlag = (name: string, fallback: number[]) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const values = (args[i + 1] ?? "").split(",").map(Number);
  if (!values.length || values.some((v) => !Number.isSafeInteger(v) || v <= 0)) {
    console.error(`bench:engine: ${name} takes a comma-separated list of positive integers, got "${args[i + 1]}"`);
    process.exit(2);
  }
  return values;
};
const playSizes = [
  ...listFlag("--plays", [1_000_000, 10_000_000]),
  ...(args.includes("--with-100m") ? [100_000_000] : []),
];
const merkleSizes = listFlag("--merkle", [10_000, 100_000, 1_000_000]);
const [repeats] = listFlag("--repeat", [3]);
const skipOz1m = args.includes("--skip-oz-1m");
const NODE = process.execPath;

/** Runs a command, failing the benchmark with its output when it fails. */
function run(cmd: string, argv: string[]) {
  const result = spawnSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    console.error(`bench:engine: ${cmd} ${argv.join(" ")} failed:\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  return `${result.stdout}${result.stderr}`;
}

/**
 * Runs a command under /usr/bin/time -v: wall seconds and peak RSS. What earlier commands wrote is flushed
 * first (`sync`), so its writeback does not land in this one's timing.
 */
function timed(argv: string[]): { seconds: number; peakRssMB: number } {
  run("sync", []);
  const out = run("/usr/bin/time", ["-v", ...argv]);
  const wall = out.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/)!;
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const peakRssMB = Math.round(Number(out.match(/Maximum resident set size \(kbytes\): (\d+)/)![1]) / 1024);
  return { seconds, peakRssMB };
}

/**
 * The aggregation on a ClickHouse cluster of two shards (test/cluster/clickhouse.ts): the plays split by
 * subscriber into the shards' local tables (not timed), then COUNTED_PLAYS_SQL through the Distributed
 * table, its CSV downloaded in full (timed). Null when clickhouse-server is not installed.
 */
async function clickhouseSeconds(playsParquet: string, dir: string): Promise<number | null> {
  if (!clickhouseServer()) return null;
  const cluster = await startCluster(dir);
  try {
    const instance = await DuckDBInstance.create(":memory:", { threads: "2" });
    const conn = await instance.connect();
    try {
      for (let shard = 0; shard < 2; shard++) {
        const path = join(dir, `shard${shard}.csv`);
        await conn.run(
          `COPY (SELECT * FROM read_parquet(${q(playsParquet)}) WHERE hash(subscriber_id) % 2 = ${shard}) TO ${q(path)} (HEADER, DELIMITER ',')`,
        );
        await cluster.query("INSERT INTO plays_local FORMAT CSVWithNames", { shard, file: path });
        rmSync(path);
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    const out = join(dir, "counted.csv");
    const t0 = performance.now();
    await cluster.queryToFile(exportSql("clickhouse", ""), out);
    const seconds = (performance.now() - t0) / 1000;
    const header = '"subscriber_id","artist_id","plays"\n';
    const fd = openSync(out, "r");
    const head = Buffer.alloc(header.length);
    readSync(fd, head, 0, header.length, 0);
    closeSync(fd);
    if (head.toString() !== header) throw new Error("bench:engine: unexpected ClickHouse output");
    return seconds;
  } finally {
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Period folders (100k files each at 100M plays) are only deleted once everything is timed: ext4 without a
// journal (this VM's root file system) will not reuse an inode freed less than 60 s ago, or 360 s while its
// inode-table block is dirty, which creating files next to it makes it, and scans past every such inode for
// each file it creates (fs/ext4/ialloc.c, recently_deleted). `perf record` put 60 % of an engine run's
// statement-writing phase there right after a 100k-file folder was removed, making it 18-53 s instead of
// 5 s (`node bench/write-files.ts` shows the effect alone).
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const work = mkdtempSync(join(tmpdir(), "gapless-bench-"));
const runs: EngineRun[] = [];
try {
  for (const plays of playSizes) {
    const data = join(work, `in-${plays}`);
    process.stdout.write(`bench: engine, ${plays.toLocaleString("en-US")} plays: generating … `);
    // Spotify's ratio of plays per subscriber and per artist is not public; 50 and 500 keep every artist
    // played. The 100M row uses the issue's target shape instead: 1M subscribers, 100k artists.
    const subscribers = plays >= 100_000_000 ? 1_000_000 : plays / 50;
    const artists = plays >= 100_000_000 ? 100_000 : plays / 500;
    run(NODE, [
      "scripts/engine/generate.ts",
      ...["--seed", "1", "--period", "0", "--plays", String(plays), "--format", "parquet"],
      ...["--subscribers", String(subscribers), "--artists", String(artists), "--out", data],
    ]);
    const engineArgs = ["--period", "1", "--quiet", "--payments", join(data, "payments.parquet")];
    // Generated ids are synthetic already; the recorded rows predate pseudonymisation (its cost: docs/privacy.md).
    engineArgs.push("--ids-already-pseudonymous");
    engineArgs.push("--artists", join(data, "artists.parquet"));
    const engineRun = (playsFlag: string, plays: string, out: string) =>
      timed([NODE, "scripts/engine/engine.ts", ...engineArgs, playsFlag, plays, "--out", out]);
    const root = (d: string) => JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")).root;
    const rounds: { engine: ReturnType<typeof timed>; duckdb: number; counted: ReturnType<typeof timed> }[] = [];
    for (let round = 0; round < repeats; round++) {
      process.stdout.write(`\n  round ${round + 1}/${repeats}: engine … `);
      const outDir = join(work, `out-${plays}-${round}`);
      const engine = engineRun("--plays", join(data, "plays.parquet"), outDir);
      // The same plays through bare DuckDB: COUNTED_PLAYS_SQL, sorted, written as CSV.
      process.stdout.write(`${engine.seconds.toFixed(1)} s, ${engine.peakRssMB} MB; bare DuckDB … `);
      const duckdb = timed([NODE, "bench/duckdb-aggregate.ts", join(data, "plays.parquet"), join(work, "pairs.csv")]);
      rmSync(join(work, "pairs.csv"), { force: true });
      // The pre-aggregated path: the engine on the counted plays it published (plays.csv).
      process.stdout.write(`${duckdb.seconds.toFixed(1)} s; counted input … `);
      const countedDir = join(work, `counted-${plays}-${round}`);
      const counted = engineRun("--counted-plays", join(outDir, "plays.csv"), countedDir);
      if (root(countedDir) !== root(outDir)) throw new Error("bench:engine: counted input gave another root");
      if (round > 0 && root(outDir) !== root(join(work, `out-${plays}-0`)))
        throw new Error("bench:engine: a rerun gave another root");
      // outDir and countedDir stay until the end (above).
      process.stdout.write(
        `${counted.seconds.toFixed(1)} s; engine / DuckDB ${(engine.seconds / duckdb.seconds).toFixed(2)}`,
      );
      rounds.push({ engine, duckdb: duckdb.seconds, counted });
    }
    const seconds = median(rounds.map((r) => r.engine.seconds));
    const ratio = median(rounds.map((r) => r.engine.seconds / r.duckdb));
    process.stdout.write("\n  ClickHouse … ");
    const clickhouse = await clickhouseSeconds(join(data, "plays.parquet"), join(work, `clickhouse-${plays}`));
    runs.push({
      plays,
      subscribers,
      artists,
      seconds,
      rowsPerSecond: plays / seconds,
      peakRssMB: Math.max(...rounds.map((r) => r.engine.peakRssMB)),
      duckdbSeconds: median(rounds.map((r) => r.duckdb)),
      ratio,
      countedSeconds: median(rounds.map((r) => r.counted.seconds)),
      countedPeakRssMB: Math.max(...rounds.map((r) => r.counted.peakRssMB)),
      clickhouseSeconds: clickhouse,
      rounds: rounds.map((r) => ({ engine: r.engine.seconds, duckdb: r.duckdb, counted: r.counted.seconds })),
    });
    console.log(
      `${clickhouse === null ? "not installed" : `${clickhouse.toFixed(1)} s`}; medians: engine ${seconds.toFixed(1)} s, engine / DuckDB ${ratio.toFixed(2)}`,
    );
    rmSync(data, { recursive: true, force: true }); // three files
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const merkle: MerkleRun[] = [];
for (const leaves of merkleSizes) {
  const withOz = !(skipOz1m && leaves >= 1_000_000);
  process.stdout.write(`bench: Merkle, ${leaves.toLocaleString("en-US")} leaves${withOz ? " (ours and OZ)" : ""} … `);
  const out = run(NODE, [
    "--max-old-space-size=8000",
    "bench/engine-merkle.ts",
    String(leaves),
    ...(withOz ? [] : ["--no-oz"]),
  ]);
  const ours = Number(out.match(/built and dumped in ([\d.]+)s/)![1]);
  const oz = out.match(/oz:\s+([\d.]+)s, root \S+, identical dump: (true|false)/);
  merkle.push({
    leaves,
    oursSeconds: ours,
    ozSeconds: oz ? Number(oz[1]) : null,
    identicalDump: oz ? oz[2] === "true" : null,
  });
  console.log(`ours ${ours} s${oz ? `, OZ ${oz[1]} s` : ""}`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, DuckDB threads 2 (engine default)`;
const previous = readResults();
if (!previous) {
  console.error("bench:engine: run `npm run bench:gas` first (bench/results.json holds both)");
  process.exit(1);
}
writeResults({ ...previous, engine: { machine, runs, merkle, large: previous.engine?.large } });
console.log("bench: engine figures written to bench/results.json and bench/results.md");
