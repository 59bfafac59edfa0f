// The engine's pre-aggregated input (--counted-plays): counted plays per (subscriber, artist), the
// published plays.csv form, from a warehouse. The folder equals the raw-plays one; bad input is
// rejected as strictly as raw plays (file, line or row, column; nothing written); and the SQL the
// docs show is the SQL scripts/engine/warehouse.ts holds.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { q } from "../../scripts/engine/inputs.ts";
import { COUNTED_PLAYS_SQL, WAREHOUSE_USAGE_SQL, exportSql, usageSql } from "../../scripts/engine/warehouse.ts";
import { expectSameFolderButPlaysInput, randomPeriod, writePeriodCsv } from "./engine.helpers.ts";

const NODE = join(process.cwd(), "node_modules/.bin/node");

function engine(args: string[]) {
  const r = spawnSync(NODE, ["scripts/engine/engine.ts", ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("engine: counted plays (pre-aggregated input)", function () {
  this.timeout(120_000);
  let dir: string;
  let files: { payments: string; plays: string; artists: string };
  let common: string[];
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "engine-counted-"));
    files = writePeriodCsv(join(dir, "in"), randomPeriod(11));
    // The published plays.csv is fed back as counted input, so every run keeps the generated ids as they are.
    common = [
      ...["--period", "k", "--payments", files.payments, "--artists", files.artists],
      ...["--quiet", "--ids-already-pseudonymous"],
    ];
    const r = engine([...common, "--plays", files.plays, "--out", join(dir, "raw")]);
    expect(r.code, r.stderr).to.equal(0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs --counted-plays on `content` (a CSV string) or an existing file. */
  function counted(content: string | { file: string }) {
    const file = typeof content === "string" ? join(dir, `counted${n++}.csv`) : content.file;
    if (typeof content === "string") writeFileSync(file, content);
    const out = join(dir, `out${n++}`);
    return { ...engine([...common, "--counted-plays", file, "--out", out]), out, file };
  }

  function expectRejected(r: ReturnType<typeof counted>, pattern: RegExp) {
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.include(r.file);
    expect(r.stderr).to.match(pattern);
    expect(existsSync(r.out)).to.equal(false);
  }

  const published = () => readFileSync(join(dir, "raw", "plays.csv"), "utf8");
  const rows = () => published().trimEnd().split("\n").slice(1);
  const HEADER = "subscriber_id,artist_id,plays\n";

  it("test_publishedPlaysCsv_asCountedInput_sameFolder", () => {
    const r = counted(published());
    expect(r.code, r.stderr).to.equal(0);
    expectSameFolderButPlaysInput(join(dir, "raw"), r.out);
  });

  it("test_countedPairsInAnyOrder_sameFolder", () => {
    const r = counted(HEADER + [...rows()].reverse().join("\n") + "\n");
    expect(r.code, r.stderr).to.equal(0);
    expectSameFolderButPlaysInput(join(dir, "raw"), r.out);
  });

  it("test_countedPlaysSql_inDuckDb_parquet_sameFolder", async () => {
    // The warehouse's statement itself (DuckDB dialect) over the raw plays, written as Parquet.
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const file = join(dir, "counted.parquet");
    try {
      await conn.run(
        `CREATE TABLE plays AS SELECT subscriber_id, artist_id, CAST(ms_played AS BIGINT) AS ms_played FROM read_csv(${q(files.plays)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`,
      );
      await conn.run(exportSql("duckdb", file));
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    const r = counted({ file });
    expect(r.code, r.stderr).to.equal(0);
    const { playsInput } = expectSameFolderButPlaysInput(join(dir, "raw"), r.out);
    expect(playsInput.format).to.equal("parquet");
  });

  it("test_RevertWhen_pairIsGivenTwice", () => {
    const [first, ...rest] = rows();
    const r = counted(HEADER + [first, ...rest, first].join("\n") + "\n");
    const pair = first.split(",");
    expectRejected(
      r,
      new RegExp(
        `line ${rows().length + 2}, column artist_id: duplicate pair \\(subscriber_id "${pair[0]}", artist_id "${pair[1]}"\\)`,
      ),
    );
  });

  it("test_RevertWhen_playsIsNotAPositiveInteger", () => {
    for (const bad of ["0", "-3", "1.5", "", "x", "2147483648", "00"]) {
      const r = counted(`${HEADER}s1,a0,2\ns2,a0,${bad}\n`);
      expectRejected(r, new RegExp(`line 3, column plays: plays "${bad}" is not a positive integer`));
    }
  });

  it("test_RevertWhen_countedArtistIsUnknownOrIdsAreEmpty", () => {
    expectRejected(counted(`${HEADER}s1,a0,2\ns2,ghost,1\n`), /line 3, column artist_id: unknown artist "ghost"/);
    expectRejected(counted(`${HEADER}s1,a0,2\ns2,,1\n`), /line 3, column artist_id: empty artist_id/);
    expectRejected(counted(`${HEADER}s1,a0,2\n,a0,1\n`), /line 3, column subscriber_id: empty subscriber_id/);
  });

  it("test_RevertWhen_rawPlaysAreGivenAsCounted", () => {
    const r = counted({ file: files.plays });
    expectRejected(r, /line 1, column plays: missing column plays \(expected subscriber_id,artist_id,plays\)/);
  });

  it("test_RevertWhen_parquetCountIsZero_namesTheRow", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const file = join(dir, "zero.parquet");
    try {
      await conn.run(
        `COPY (SELECT * FROM (VALUES ('s1', 'a0', 2::BIGINT), ('s2', 'a0', 0::BIGINT)) t(subscriber_id, artist_id, plays)) TO ${q(file)} (FORMAT parquet)`,
      );
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
    expectRejected(counted({ file }), /row 2, column plays: plays "0" is not a positive integer/);
  });

  it("test_RevertWhen_bothPlaysFlagsAreGiven", () => {
    const r = engine([...common, "--plays", files.plays, "--counted-plays", files.plays, "--out", join(dir, "both")]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("either --plays or --counted-plays");
  });

  it("test_docs_showTheSqlOfWarehouseTs", () => {
    const docs = readFileSync("docs/engine-formats.md", "utf8");
    const shown = [
      COUNTED_PLAYS_SQL,
      WAREHOUSE_USAGE_SQL,
      usageSql("bigquery"),
      usageSql("spark"),
      exportSql("clickhouse", ""),
      exportSql("duckdb", "counted.parquet"),
      exportSql("bigquery", "gs://bucket/counted-*.parquet", "dataset.plays"),
      exportSql("spark", "/data/counted"),
    ];
    for (const sql of shown) expect(docs, sql).to.include(sql);
  });
});
