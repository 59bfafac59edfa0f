// The aggregation on a real distributed engine: a generated period's raw plays split by subscriber over
// the two shards of a ClickHouse cluster (test/cluster/clickhouse.ts), COUNTED_PLAYS_SQL run through
// the Distributed table, its CSV fed to the engine's --counted-plays, and the folder compared with the
// one the engine builds from the raw plays: byte for byte, but for manifest.json's record of which plays
// file it read. A phase of `npm test` (scripts/test.ts); needs Debian's clickhouse-server.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../../scripts/engine/generate.ts";
import { q } from "../../scripts/engine/inputs.ts";
import { exportSql } from "../../scripts/engine/warehouse.ts";
import { expectSameFolderButPlaysInput } from "../ts/engine.helpers.ts";
import { distinctFreePorts, startCluster, type Cluster } from "./clickhouse.ts";

const NODE = join(process.cwd(), "node_modules/.bin/node");

function engine(args: string[]) {
  // Both runs pseudonymise the raw subscriber ids under the same platform key.
  const env = { ...process.env, GAPLESS_PSEUDONYM_KEY: `0x${"5a".repeat(32)}` };
  const r = spawnSync(NODE, ["scripts/engine/engine.ts", "--quiet", ...args], { encoding: "utf8", env });
  expect(r.status, r.stderr).to.equal(0);
}

describe("ClickHouse cluster: counted plays from two shards → the same period folder", function () {
  this.timeout(300_000);
  let dir: string;
  let cluster: Cluster | undefined;
  let files: Record<string, string>;
  let shardRows: number[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "gapless-clickhouse-"));
    files = await generate({
      seed: 16,
      period: 0,
      plays: 300_000,
      subscribers: 6_000,
      artists: 800,
      format: "csv",
      out: join(dir, "in"),
    });
    // Awkward ids must survive the round trip through ClickHouse's CSV: quotes, commas, non-ASCII.
    const odd = ['a,"1"', "é2", "\u{1D11E}"];
    writeFileSync(
      files.artists,
      readFileSync(files.artists, "utf8") +
        odd.map((id, i) => `"${id.replace(/"/g, '""')}",0x${(i + 1).toString(16).padStart(40, "0")},odd\n`).join(""),
    );
    writeFileSync(
      files.plays,
      readFileSync(files.plays, "utf8") +
        odd
          .flatMap((id, i) => [
            `"s,${i}",${JSON.stringify(id).replace(/\\"/g, '""')},40000`,
            `s1,${JSON.stringify(id).replace(/\\"/g, '""')},31000`,
            `"s""${i}",a1,30000`,
          ])
          .join("\n") +
        "\n",
    );
    cluster = await startCluster(join(dir, "cluster"));
    // Split the raw plays by subscriber, one file per shard, and load each into its shard's local table.
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    shardRows = [];
    try {
      for (let shard = 0; shard < 2; shard++) {
        const path = join(dir, `plays-shard${shard + 1}.csv`);
        await conn.run(
          `COPY (SELECT * FROM read_csv(${q(files.plays)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"') WHERE hash(subscriber_id) % 2 = ${shard}) TO ${q(path)} (HEADER, DELIMITER ',')`,
        );
        await cluster.query("INSERT INTO plays_local FORMAT CSVWithNames", { shard, file: path });
        shardRows.push(Number((await cluster.query("SELECT count() FROM plays_local", { shard })).trim()));
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  after(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_cluster_holdsEveryPlayOnce_splitBySubscriber", async () => {
    const rows = readFileSync(files.plays, "utf8").trimEnd().split("\n").length - 1;
    expect(shardRows[0]).to.be.greaterThan(0);
    expect(shardRows[1]).to.be.greaterThan(0);
    expect(shardRows[0] + shardRows[1]).to.equal(rows);
    expect(Number((await cluster!.query("SELECT count() FROM plays")).trim())).to.equal(rows);
    const both = await Promise.all(
      [0, 1].map((shard) => cluster!.query("SELECT DISTINCT subscriber_id FROM plays_local FORMAT TSV", { shard })),
    );
    const first = new Set(both[0].split("\n").filter(Boolean));
    expect(both[1].split("\n").filter((s) => s && first.has(s))).to.deep.equal([]);
  });

  it("test_countedPlaysThroughDistributedTable_engineFolderIdenticalToRawPlays", async () => {
    const counted = join(dir, "counted.csv");
    writeFileSync(counted, await cluster!.query(exportSql("clickhouse", "")));
    const common = ["--period", "c1", "--payments", files.payments, "--artists", files.artists];
    engine([...common, "--plays", files.plays, "--out", join(dir, "raw")]);
    engine([...common, "--counted-plays", counted, "--out", join(dir, "cluster-out")]);
    const { manifest, playsInput } = expectSameFolderButPlaysInput(join(dir, "raw"), join(dir, "cluster-out"));
    expect(playsInput).to.include({ file: "counted.csv", format: "csv" });
    expect(manifest.totals.counted_plays).to.be.greaterThan(200_000);
  });
});

describe("ClickHouse cluster start-up", function () {
  this.timeout(300_000);

  it("test_portTakenBeforeTheServerBindsIt_clusterStartsAgainOnNewPorts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gapless-clickhouse-ports-"));
    // Another process takes one of the six ports between the pick and the server's bind.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    const picks: number[][] = [];
    const pickPorts = async (n: number) => {
      const ports = await distinctFreePorts(n);
      if (picks.length === 0) ports[4] = takenPort; // shard 2's tcp port
      picks.push(ports);
      return ports;
    };
    let cluster: Cluster | undefined;
    try {
      cluster = await startCluster(dir, 60_000, pickPorts);
      expect(picks.length).to.equal(2);
      expect(picks[1]).to.not.include(takenPort);
      expect((await cluster.query("SELECT 1")).trim()).to.equal("1");
      expect(cluster.urls.map((u) => Number(new URL(u).port))).to.deep.equal([picks[1][0], picks[1][3]]);
    } finally {
      await cluster?.stop();
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("test_RevertWhen_portsAreTakenOnEveryAttempt_theErrorSaysAddressInUse", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gapless-clickhouse-ports-"));
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    let attempts = 0;
    const pickPorts = async (n: number) => {
      attempts++;
      const ports = await distinctFreePorts(n);
      ports[0] = takenPort; // shard 1's http port, every time
      return ports;
    };
    try {
      let error: Error | undefined;
      await startCluster(dir, 60_000, pickPorts).then(
        (c) => c.stop(),
        (e: Error) => (error = e),
      );
      expect(error?.message).to.match(/Address already in use/);
      expect(attempts).to.equal(3);
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
