// The indexer (Ponder, indexer/) on the seeded demo chain, once on PGlite and once on a PostgreSQL server this
// test starts: both give the same answers, and the answers match the chain's logs and the published statements.
// Ponder fetches logs 7 blocks at a time here, so its backfill spans many eth_getLogs ranges.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { createPublicClient, createTestClient, createWalletClient, http, parseAbiItem, type Address } from "viem";
import { hardhat } from "viem/chains";
import { parseArtistExport } from "../../lib/book/export.ts";
import type { Alert, ArtistSummary, Campaign, FansPage } from "../../lib/book/types.ts";
import { artifactAbi } from "../../scripts/lib/artifacts.ts";
import { startIndexer, type Indexer } from "../../scripts/lib/indexer.ts";
import { startPostgres, type Postgres } from "../../scripts/lib/postgres.ts";
import { seedDemo } from "../../scripts/lib/seed-demo.ts";
import { fanAddress, devAddress, PLATFORM } from "../../scripts/lib/seed-cast.ts";
import { PERIODS_DIR } from "../../scripts/lib/seed-period.ts";
import { freePort } from "../e2e/stack.ts";
import { serveRpc } from "./engine.rpc.helpers.ts";

const connection = await network.create();
const DAY = 86_400;
const paidEvent = parseAbiItem(
  "event Paid(address indexed subscriber, address indexed referrer, uint256 indexed period, uint256 campaign, uint256 amount, uint256 referralPart, uint256 poolPart, uint256 paidThrough)",
);

async function get<T>(base: string, path: string): Promise<T> {
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (r.headers.get("content-type") ?? "").includes("json") ? ((await r.json()) as T) : ((await r.text()) as T);
}

describe("indexer on PGlite and PostgreSQL", function () {
  this.timeout(600_000);
  let rpc: { url: string; close: () => Promise<void> };
  let pg: Postgres;
  const indexers: Indexer[] = [];
  const dirs: string[] = [];
  let hub: Address;
  const lapsedAllowance = fanAddress(0);
  const lapsedBalance = fanAddress(1);

  before(async function () {
    rpc = await serveRpc(connection.provider as never);
    const addresses = await seedDemo(connection, { rpcUrl: rpc.url, fans: 30, periods: 2, log: () => {} });
    hub = addresses.SubscriptionHub;
    // Two fans whose next renewal fails: one withdrew its approval, one spent its balance.
    const transport = http(rpc.url);
    const wallet = createWalletClient({ chain: hardhat, transport });
    const test = createTestClient({ chain: hardhat, mode: "hardhat", transport });
    const pub = createPublicClient({ chain: hardhat, transport });
    const token = artifactAbi("TestToken");
    const send = async (account: Address, address: Address, abi: never, functionName: string, args: unknown[]) =>
      pub.waitForTransactionReceipt({
        hash: await wallet.writeContract({ account, chain: hardhat, address, abi, functionName, args } as never),
      });
    await send(lapsedAllowance, addresses.Token, token as never, "approve", [hub, 0n]);
    const balance = (await pub.readContract({
      address: addresses.Token,
      abi: token,
      functionName: "balanceOf",
      args: [lapsedBalance],
    })) as bigint;
    await send(lapsedBalance, addresses.Token, token as never, "transfer", [devAddress(PLATFORM), balance]);
    await test.increaseTime({ seconds: 31 * DAY });
    await test.mine({ blocks: 1 });
    await send(devAddress(PLATFORM), hub, artifactAbi("SubscriptionHub") as never, "renewBatch", [
      [lapsedAllowance, lapsedBalance],
    ]);

    pg = startPostgres(await freePort());
    const common = { rpcUrl: rpc.url, env: { GAPLESS_GETLOGS_RANGE: "7" } };
    const lite = mkdtempSync(join(tmpdir(), "gapless-pglite-"));
    dirs.push(lite);
    indexers.push(startIndexer({ ...common, port: await freePort(), pgliteDir: lite, schema: "lite" }));
    indexers.push(startIndexer({ ...common, port: await freePort(), databaseUrl: pg.url, schema: "pg" }));
    await Promise.all(indexers.map((i) => i.synced()));
  });

  after(async function () {
    await Promise.all(indexers.map((i) => i.stop()));
    pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await rpc?.close();
  });

  const payoutAddresses = () =>
    readFileSync(join(PERIODS_DIR, "1", "statements.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .filter((l) => l.startsWith("artist,"))
      .map((l) => l.split(",")[4].toLowerCase());

  /** Every answer the app and the CLIs read, for every artist. */
  async function answers(base: string) {
    const out: Record<string, unknown> = {};
    for (const a of payoutAddresses()) {
      out[`${a}/summary`] = await get(base, `/api/artists/${a}`);
      out[`${a}/fans`] = await get(base, `/api/artists/${a}/fans?limit=1000`);
      out[`${a}/campaigns`] = await get(base, `/api/artists/${a}/campaigns`);
      out[`${a}/alerts`] = await get(base, `/api/artists/${a}/alerts?limit=1000`);
      out[`${a}/payouts`] = await get(base, `/api/artists/${a}/payouts`);
      for (const p of [1, 2]) out[`${a}/export/${p}`] = await get(base, `/api/artists/${a}/export/${p}`);
    }
    for (const p of [1, 2, 3]) out[`platform/${p}`] = await get(base, `/api/platform/export/${p}`);
    out.due = await get(base, `/api/subscriptions/due?before=${2 ** 40}&limit=10000`);
    return out;
  }

  it("gives identical answers on PGlite and on PostgreSQL", async function () {
    const [lite, postgres] = await Promise.all(indexers.map((i) => answers(i.url)));
    expect(Object.keys(lite).length).to.be.greaterThan(50);
    expect(postgres).to.deep.equal(lite);
  });

  it("matches the chain: every artist's fans and referral earnings equal the hub's Paid logs", async function () {
    const pub = createPublicClient({ chain: hardhat, transport: http(rpc.url) });
    const logs = await pub.getLogs({ address: hub, event: paidEvent, fromBlock: 0n });
    const base = indexers[0].url;
    let checked = 0;
    for (const a of payoutAddresses()) {
      const mine = logs.filter((l) => l.args.referrer!.toLowerCase() === a);
      const summary = await get<ArtistSummary>(base, `/api/artists/${a}`);
      expect(BigInt(summary.referral)).to.equal(mine.reduce((t, l) => t + l.args.referralPart!, 0n));
      expect(BigInt(summary.revenue)).to.equal(mine.reduce((t, l) => t + l.args.amount!, 0n));
      expect(summary.fans).to.equal(new Set(mine.map((l) => l.args.subscriber)).size);
      const campaigns = await get<Campaign[]>(base, `/api/artists/${a}/campaigns`);
      expect(campaigns.reduce((t, c) => t + c.fans, 0)).to.equal(summary.fans);
      for (const c of campaigns) for (const cohort of c.cohorts) expect(cohort.retained[0]).to.equal(cohort.fans);
      checked += mine.length;
    }
    expect(checked).to.be.greaterThan(30);
  });

  it("says why each lapsed fan lapsed, and alerts its artist", async function () {
    const base = indexers[1].url;
    for (const [fan, reason] of [
      [lapsedAllowance, "allowance"],
      [lapsedBalance, "balance"],
    ] as const) {
      const [{ referrer }] = (await createPublicClient({ chain: hardhat, transport: http(rpc.url) })
        .readContract({ address: hub, abi: artifactAbi("SubscriptionHub"), functionName: "bindingOf", args: [fan] })
        .then((b) => [b])) as [{ referrer: Address }];
      const a = referrer.toLowerCase();
      const page = await get<FansPage>(base, `/api/artists/${a}/fans?status=lapsed&limit=1000`);
      const row = page.fans.find((f) => f.subscriber === fan.toLowerCase());
      expect(row, `${fan} among ${a}'s lapsed fans`).to.not.equal(undefined);
      expect(row!.endReason).to.equal(reason);
      const alerts = await get<Alert[]>(base, `/api/artists/${a}/alerts`);
      const failed = alerts.find((x) => x.kind === "failed" && x.subscriber === fan.toLowerCase());
      expect(failed?.reason).to.equal(reason);
      const atom = await get<string>(base, `/api/artists/${a}/alerts.atom`);
      expect(atom)
        .to.include('<feed xmlns="http://www.w3.org/2005/Atom">')
        .and.include(failed!.title.replace(/&/g, "&amp;"));
    }
  });

  it("exports every published period with totals equal to the statements", async function () {
    const base = indexers[0].url;
    for (const period of ["1", "2"]) {
      const rows = readFileSync(join(PERIODS_DIR, period, "statements.csv"), "utf8")
        .trim()
        .split("\n");
      const header = rows[0].split(",");
      const col = (n: string) => header.indexOf(n);
      for (const line of rows.slice(1).filter((l) => l.startsWith("artist,"))) {
        const r = line.split(",");
        const { totals } = parseArtistExport(
          await get<string>(base, `/api/artists/${r[col("payout_address")].toLowerCase()}/export/${period}`),
        );
        expect(totals.referral).to.equal(BigInt(r[col("referral_onchain")]));
        expect(totals["user-centric"]).to.equal(BigInt(r[col("user_centric")]));
        expect(totals["unplayed-pool"]).to.equal(BigInt(r[col("unplayed_pool")]));
        expect(
          totals.referral + totals["referral-offchain"] + totals["user-centric"] + totals["unplayed-pool"],
        ).to.equal(BigInt(r[col("earned")]));
      }
    }
  });

  it("lists the subscriptions due before a time for keepers, oldest first, without the ended ones", async function () {
    const base = indexers[0].url;
    const { subscriptions } = await get<{ subscriptions: { subscriber: string; paidThrough: number }[] }>(
      base,
      `/api/subscriptions/due?before=${2 ** 40}&limit=10000`,
    );
    const subs = subscriptions.map((s) => s.subscriber);
    expect(subs).to.not.include(lapsedAllowance.toLowerCase());
    expect(subs.length).to.be.greaterThan(10);
    const times = subscriptions.map((s) => s.paidThrough);
    expect(times).to.deep.equal([...times].sort((x, y) => x - y));
    const page = await get<{ subscriptions: unknown[]; next: { subscriber: string; paidThrough: number } }>(
      base,
      `/api/subscriptions/due?before=${2 ** 40}&limit=5`,
    );
    const rest = await get<{ subscriptions: { subscriber: string }[] }>(
      base,
      `/api/subscriptions/due?before=${2 ** 40}&limit=10000&afterSubscriber=${page.next.subscriber}&afterPaidThrough=${page.next.paidThrough}`,
    );
    expect([
      ...page.subscriptions.map((s) => (s as { subscriber: string }).subscriber),
      ...rest.subscriptions.map((s) => s.subscriber),
    ]).to.deep.equal(subs);
  });
});
