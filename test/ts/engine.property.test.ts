// Properties over random periods: the SQL path equals the TS reference, conservation is exact,
// leaves never decrease, and two runs give byte-identical folders.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { parsePublishedPlays } from "../../lib/publication/index.ts";
import { Progress } from "../../scripts/engine/progress.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { WAREHOUSE_USAGE_SQL } from "../../scripts/engine/warehouse.ts";
import { DuckDBInstance } from "@duckdb/node-api";
import { generate } from "../../scripts/engine/generate.ts";
import { randomPeriod, readTree, writePeriodCsv } from "./engine.helpers.ts";
import { aggregatePlays, referenceAllocation } from "./rules.reference.ts";

const quiet = new Progress(false);
const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));

describe("engine properties", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "engine-prop-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("testFuzz_sqlPath_equalsTsReference_andConservesExactly", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const p = randomPeriod(seed);
      const files = writePeriodCsv(join(dir, `in${seed}`), p);
      const carryIn = 0n;
      const { allocation } = await runEngine({
        ...files,
        period: `s${seed}`,
        out: join(dir, `out${seed}`),
        progress: quiet,
      });
      const reference = referenceAllocation(p.payments, aggregatePlays(p.plays), carryIn);
      expect(json(allocation), `seed ${seed}`).to.equal(json(reference));
      const t = allocation.totals;
      expect(t.allocated + t.carryOut).to.equal(t.pool + t.referralOffchain);
      expect(t.carryOut >= 0n).to.equal(true);
    }
  });

  it("testFuzz_sqlPath_bigPoolsAndOddIds_equalTsReference_andPlaysCsvIsTheAggregation", async () => {
    // Pool shares far beyond 2^53 take the allocator's bigint path; ids with commas, quotes and
    // non-ASCII characters take the dictionary's per-id encoding and csvField quoting.
    const odd = (id: string) => `${id}${["", ",x", 'q"', "é", "\u{1D11E}"][id.length % 5]}`;
    for (let seed = 40; seed < 46; seed++) {
      const p = randomPeriod(seed);
      const scale = seed % 2 === 0 ? 10n ** 18n : 1n;
      const period = {
        artists: p.artists.map((a) => ({ ...a, artistId: odd(a.artistId) })),
        payments: p.payments.map((x) => ({
          ...x,
          subscriberId: odd(x.subscriberId),
          referrerArtistId: x.referrerArtistId === "" ? "" : odd(x.referrerArtistId),
          amount: x.amount * scale,
          poolShare: x.poolShare * scale,
          referralShare: x.referralShare * scale,
        })),
        plays: p.plays.map((x) => ({ ...x, subscriberId: odd(x.subscriberId), artistId: odd(x.artistId) })),
      };
      const files = writePeriodCsv(join(dir, `odd${seed}`), period);
      const out = join(dir, `odd-out${seed}`);
      const { allocation } = await runEngine({ ...files, period: `o${seed}`, out, progress: quiet });
      const pairs = aggregatePlays(period.plays);
      expect(json(allocation), `seed ${seed}`).to.equal(json(referenceAllocation(period.payments, pairs, 0n)));
      const published = parsePublishedPlays(
        readFileSync(join(out, "plays.csv")),
        new Map(period.artists.map((a) => [a.artistId, a])),
      );
      const key = (x: { subscriberId: string; artistId: string; plays: number }) =>
        `${x.subscriberId}\u0000${x.artistId}\u0000${x.plays}`;
      expect(published.map(key).sort(), `seed ${seed}`).to.deep.equal(pairs.map(key).sort());
    }
  });

  it("testFuzz_warehouseUsageSql_equalsTheEngine", async () => {
    // The documented all-SQL form (docs/engine-formats.md, "Scale") over the raw inputs.
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      for (let seed = 60; seed < 66; seed++) {
        const p = randomPeriod(seed);
        const files = writePeriodCsv(join(dir, `wh${seed}`), p);
        const { allocation } = await runEngine({
          ...files,
          period: `w${seed}`,
          out: join(dir, `wh-out${seed}`),
          progress: quiet,
        });
        await conn.run(`CREATE OR REPLACE TABLE plays AS SELECT * FROM read_csv('${files.plays}', all_varchar = true)`);
        await conn.run(
          `CREATE OR REPLACE TABLE payments AS SELECT subscriber_id, CAST(pool_share AS HUGEINT) AS pool_share FROM read_csv('${files.payments}', all_varchar = true)`,
        );
        await conn.run("ALTER TABLE plays ALTER ms_played TYPE BIGINT");
        const rows = (await conn.runAndReadAll(WAREHOUSE_USAGE_SQL)).getRowObjects();
        const sql = rows.map((r) => `${r.artist_id}:${r.plays_a}:${r.user_centric}`).sort();
        const engine = allocation.artists
          .filter((a) => a.countedPlays > 0)
          .map((a) => `${a.artistId}:${a.countedPlays}:${a.userCentric}`)
          .sort();
        expect(sql, `seed ${seed}`).to.deep.equal(engine);
      }
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it("testFuzz_periods_leavesNeverDecreaseAndCarryChains", async () => {
    for (let seed = 20; seed < 24; seed++) {
      let previous: string | undefined;
      let prevLeaves = new Map<string, bigint>();
      let prevCarry = 0n;
      for (let k = 0; k < 3; k++) {
        const files = writePeriodCsv(join(dir, `chain${seed}-${k}`), randomPeriod(seed, k));
        const out = join(dir, `chain-out${seed}-${k}`);
        const { manifest, allocation } = await runEngine({ ...files, period: `p${k}`, out, previous, progress: quiet });
        expect(allocation.totals.carryIn).to.equal(prevCarry);
        const m = manifest as Record<string, any>;
        const leaves = new Map<string, bigint>();
        if (m.root !== null) {
          const tree = StandardMerkleTree.load(JSON.parse(readFileSync(join(out, "distribution.json"), "utf8")));
          expect(tree.root).to.equal(m.root);
          for (const [, [address, amount]] of tree.entries()) leaves.set(address as string, BigInt(amount as string));
        }
        for (const [address, amount] of prevLeaves) expect(leaves.get(address)! >= amount).to.equal(true);
        const sum = [...leaves.values()].reduce((a, b) => a + b, 0n);
        const prevSum = [...prevLeaves.values()].reduce((a, b) => a + b, 0n);
        expect(sum).to.equal(prevSum + allocation.totals.allocated);
        prevLeaves = leaves;
        prevCarry = allocation.totals.carryOut;
        previous = out;
      }
    }
  });

  it("test_determinism_twoRunsGiveByteIdenticalFolders", async () => {
    const gen = join(dir, "gen");
    await generate({
      seed: 3,
      period: 0,
      plays: 20_000,
      subscribers: 800,
      artists: 300,
      format: "parquet",
      out: gen,
    });
    const files = {
      payments: join(gen, "payments.parquet"),
      plays: join(gen, "plays.parquet"),
      artists: join(gen, "artists.parquet"),
    };
    await runEngine({ ...files, period: "d", out: join(dir, "d1"), progress: quiet });
    await runEngine({ ...files, period: "d", out: join(dir, "d2"), progress: quiet, threads: 1 });
    const a = readTree(join(dir, "d1"));
    const b = readTree(join(dir, "d2"));
    expect([...a.keys()]).to.deep.equal([...b.keys()]);
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).to.equal(true);
    expect(a.size).to.be.greaterThan(300);
  });

  it("test_generate_isDeterministicPerSeed", async () => {
    const options = {
      seed: 9,
      period: 1,
      plays: 5_000,
      subscribers: 300,
      artists: 50,
      format: "csv",
    } as const;
    await generate({ ...options, out: join(dir, "g1") });
    await generate({ ...options, out: join(dir, "g2") });
    const a = readTree(join(dir, "g1"));
    const b = readTree(join(dir, "g2"));
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).to.equal(true);
  });
});
