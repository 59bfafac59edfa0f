// The indexer (Ponder, indexer/) on the seeded demo chain, once on PGlite and once on a PostgreSQL server this
// test starts: both give the same answers, and the answers match the chain's logs and the published statements.
// Ponder fetches logs 7 blocks at a time here, so its backfill spans many eth_getLogs ranges.
import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseAbiItem,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { parseArtistExport } from "../../lib/book/export.ts";
import type { Alert, ArtistSummary, Campaign, FansPage, WaterfallHistory } from "../../lib/book/types.ts";
import { artifactAbi } from "../../scripts/lib/artifacts.ts";
import { startIndexer, type Indexer } from "../../scripts/lib/indexer.ts";
import { startPostgres, type Postgres } from "../../scripts/lib/postgres.ts";
import { activeLeaves, runPayout } from "../../scripts/lib/payout.ts";
import { seedDemo } from "../../scripts/lib/seed-demo.ts";
import {
  derivedAddress,
  devAccount,
  devAddress,
  fanAddress,
  PLATFORM,
  SOLO_ARTIST_ACCOUNTS,
} from "../../scripts/lib/seed-cast.ts";
import { buildSplitTree } from "../../lib/chain/split.ts";
import { privateKeyToAccount } from "viem/accounts";
import { PERIODS_DIR } from "../../scripts/lib/seed-period.ts";
import { freePort } from "../e2e/stack.ts";
import { serveRpc } from "./engine.rpc.helpers.ts";
import { newPseudonymKey, parsePseudonymKey } from "../../lib/publication/index.ts";

const connection = await network.create();
const DAY = 86_400;
const referralBoundEvent = parseAbiItem(
  "event ReferralBound(address indexed subscriber, address indexed artist, uint256 indexed campaign, address payout, uint256 termsVersion)",
);
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
  let deployed: Record<string, Address>;
  let common: { rpcUrl: string; env: Record<string, string> };
  let lite: string;
  const lapsedAllowance = fanAddress(0);
  const lapsedBalance = fanAddress(1);
  // A solo artist's campaign that pays a Split (the artist and a manager): its fans are in the artist's book.
  const soloArtist = devAddress(SOLO_ARTIST_ACCOUNTS[0]).toLowerCase() as Address;
  const splitFans = [derivedAddress("split-fan:0"), derivedAddress("split-fan:1")];
  let campaignSplit: Address;
  let splitCampaign: bigint;

  before(async function () {
    rpc = await serveRpc(connection.provider as never);
    const addresses = await seedDemo(connection, {
      rpcUrl: rpc.url,
      fans: 30,
      periods: 2,
      log: () => {},
      pseudonymKey: parsePseudonymKey(newPseudonymKey()),
    });
    hub = addresses.SubscriptionHub;
    deployed = addresses;
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

    const hubAbi = artifactAbi("SubscriptionHub") as never;
    const tree = buildSplitTree([
      { account: soloArtist, share: 70n },
      { account: devAddress(SOLO_ARTIST_ACCOUNTS[1]), share: 30n },
    ]);
    const factoryAbi = artifactAbi("SplitFactory") as never;
    [campaignSplit] = (await pub.readContract({
      address: addresses.SplitFactory,
      abi: factoryAbi,
      functionName: "predictSplit",
      args: [tree.packed, tree.salt],
    })) as [Address];
    campaignSplit = campaignSplit.toLowerCase() as Address;
    await send(soloArtist, addresses.SplitFactory, factoryAbi, "createSplit", [tree.packed, tree.salt]);
    await send(soloArtist, hub, hubAbi, "registerCampaign", [campaignSplit]);
    splitCampaign = (await pub.readContract({
      address: hub,
      abi: hubAbi,
      functionName: "campaignCount",
      args: [soloArtist],
    })) as bigint;
    for (const fan of splitFans) {
      await test.impersonateAccount({ address: fan });
      await test.setBalance({ address: fan, value: 10n ** 18n });
      await send(devAddress(PLATFORM), addresses.Token, token as never, "mint", [fan, 1_000_000_000n]);
      await send(fan, addresses.Token, token as never, "approve", [hub, 2n ** 256n - 1n]);
      await send(fan, hub, hubAbi, "subscribe", [0, soloArtist, splitCampaign]);
    }

    pg = startPostgres(await freePort());
    common = { rpcUrl: rpc.url, env: { GAPLESS_GETLOGS_RANGE: "7" } };
    lite = mkdtempSync(join(tmpdir(), "gapless-pglite-"));
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
    for (const a of new Set([...payoutAddresses(), soloArtist, campaignSplit])) {
      out[`${a}/summary`] = await get(base, `/api/artists/${a}`);
      out[`${a}/fans`] = await get(base, `/api/artists/${a}/fans?limit=1000`);
      out[`${a}/campaigns`] = await get(base, `/api/artists/${a}/campaigns`);
      out[`${a}/alerts`] = await get(base, `/api/artists/${a}/alerts?limit=1000`);
      out[`${a}/payouts`] = await get(base, `/api/artists/${a}/payouts`);
      for (const p of [1, 2]) out[`${a}/export/${p}`] = await get(base, `/api/artists/${a}/export/${p}`);
    }
    for (const p of [1, 2, 3]) out[`platform/${p}`] = await get(base, `/api/platform/export/${p}`);
    out.due = await get(base, `/api/subscriptions/due?before=${2 ** 40}&limit=10000`);
    out.waterfalls = await get(base, "/api/waterfalls");
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
    // The book is the artist's: each fan's artist is the one its ReferralBound names (its payout may be a Split).
    const bound = await pub.getLogs({ address: hub, event: referralBoundEvent, fromBlock: 0n });
    const artistOf = new Map(bound.map((l) => [l.args.subscriber!.toLowerCase(), l.args.artist!.toLowerCase()]));
    const base = indexers[0].url;
    let checked = 0;
    let throughAnotherPayout = 0;
    for (const a of new Set([...payoutAddresses(), soloArtist])) {
      const mine = logs.filter((l) => artistOf.get(l.args.subscriber!.toLowerCase()) === a);
      throughAnotherPayout += mine.filter((l) => l.args.referrer!.toLowerCase() !== a).length;
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
    expect(throughAnotherPayout).to.be.greaterThan(0);
  });

  it("serves every recoupment waterfall's config, registration and referral payments as the chain logged them", async function () {
    const pub = createPublicClient({ chain: hardhat, transport: http(rpc.url) });
    const created = await pub.getContractEvents({
      address: deployed.WaterfallFactory,
      abi: artifactAbi("WaterfallFactory"),
      eventName: "WaterfallCreated",
      fromBlock: 0n,
    });
    const paid = await pub.getLogs({ address: hub, event: paidEvent, fromBlock: 0n });
    const served = await get<WaterfallHistory[]>(indexers[1].url, "/api/waterfalls");
    expect(created.length).to.be.greaterThan(0);
    expect(served.map((w) => w.address)).to.deep.equal(
      created.map((e) => (e.args as { waterfall: string }).waterfall.toLowerCase()),
    );
    for (const [i, e] of created.entries()) {
      const a = e.args as { waterfall: Address; tranches: bigint[]; salt: Hex };
      expect(served[i].tranches).to.deep.equal(a.tranches.map(String));
      expect(served[i].salt).to.equal(a.salt);
      const mine = paid.filter((l) => l.args.referrer!.toLowerCase() === a.waterfall.toLowerCase());
      expect(served[i].payments.map((p) => [p.subscriber, p.referralPart])).to.deep.equal(
        mine.map((l) => [l.args.subscriber!.toLowerCase(), String(l.args.referralPart)]),
      );
    }
    expect(served.some((w) => w.registration !== null)).to.equal(true);
  });

  it("keeps the fans of a campaign that pays a Split in the book of the artist who brought them", async function () {
    for (const base of indexers.map((i) => i.url)) {
      const page = await get<FansPage>(base, `/api/artists/${soloArtist}/fans?limit=100&campaign=${splitCampaign}`);
      expect(page.total).to.equal(2);
      expect(page.fans.map((f) => f.subscriber).sort()).to.deep.equal(splitFans.map((f) => f.toLowerCase()).sort());
      const campaign = (await get<Campaign[]>(base, `/api/artists/${soloArtist}/campaigns`)).find(
        (c) => c.campaign === String(splitCampaign),
      )!;
      expect(campaign.fans).to.equal(2);
      expect(campaign.cohorts.reduce((t, c) => t + c.fans, 0)).to.equal(2);
      const referral = page.fans.reduce((t, f) => t + BigInt(f.referralTotal), 0n);
      expect(BigInt(campaign.referral)).to.equal(referral);
      const alerts = await get<Alert[]>(base, `/api/artists/${soloArtist}/alerts?limit=1000`);
      for (const fan of splitFans)
        expect(alerts.some((x) => x.kind === "subscribed" && x.subscriber === fan.toLowerCase())).to.equal(true);
      // The Split has no book of its own; it is paid the referral, so the payouts still visit it.
      expect((await get<ArtistSummary>(base, `/api/artists/${campaignSplit}`)).fans).to.equal(0);
      const accounts = await get<{ account: string }[]>(base, "/api/accounts");
      expect(accounts.some((x) => x.account === campaignSplit)).to.equal(true);
      const pub = createPublicClient({ chain: hardhat, transport: http(rpc.url) });
      const owed = (await pub.readContract({
        address: hub,
        abi: artifactAbi("SubscriptionHub"),
        functionName: "referralBalanceOf",
        args: [campaignSplit],
      })) as bigint;
      expect(owed).to.equal(referral);
    }
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

  it("pays every account above the threshold through the router, gas paid by a relayer, and shows it", async function () {
    const transport = http(rpc.url);
    const client = createPublicClient({ chain: hardhat, transport });
    const relayer = privateKeyToAccount(`0x${Buffer.from(devAccount(19).getHdKey().privateKey!).toString("hex")}`);
    const wallet = createWalletClient({ account: relayer, chain: hardhat, transport });
    const contracts = {
      hub,
      distributor: deployed.Distributor,
      router: deployed.ClaimRouter,
      growth: deployed.GrowthPool,
      token: deployed.Token,
    };
    const base = {
      client: client as never,
      wallet,
      relayer: relayer.address,
      contracts,
      indexerUrl: indexers[0].url,
      periodsDir: PERIODS_DIR,
      threshold: 1_000_000n,
      batch: 4,
      log: () => {},
    };
    const balanceOf = (a: Address) =>
      client.readContract({
        address: deployed.Token,
        abi: artifactAbi("TestToken"),
        functionName: "balanceOf",
        args: [a],
      }) as Promise<bigint>;

    const nonce = await client.getTransactionCount({ address: relayer.address });
    const plan = await runPayout({ ...base, gasBudget: 10n ** 9n, dryRun: true });
    expect(await client.getTransactionCount({ address: relayer.address })).to.equal(nonce);
    expect(plan.results.length).to.be.greaterThan(5);
    expect(plan.results.every((r) => r.status === "planned" && r.total >= 1_000_000n)).to.equal(true);

    // Batched: a Split wave and a member wave, each one transaction here (4 accounts at most per batch).
    expect(plan.batches.length).to.be.within(2, Math.ceil(plan.results.length / 4) + 1);
    expect(plan.batches.reduce((t, b) => t + b.accounts, 0)).to.equal(plan.results.length);
    expect(plan.batches.every((b) => b.accounts <= 4)).to.equal(true);

    // A budget for one batch: the rest is left for the next run.
    const tight = await runPayout({ ...base, gasBudget: plan.batches[0].gas + 1000n, dryRun: true });
    const planned = tight.results.filter((r) => r.status === "planned").length;
    expect(planned).to.be.within(1, plan.batches[0].accounts);
    expect(tight.leftForNextRun).to.equal(plan.results.length - planned);

    const [root] = (await client.readContract({
      address: deployed.Distributor,
      abi: artifactAbi("Distributor"),
      functionName: "activeRoot",
    })) as [Hex];
    const everyone = [
      ...(await get<{ account: Address }[]>(indexers[0].url, "/api/accounts")).map((a) => a.account),
      ...(activeLeaves(PERIODS_DIR, root).keys() as Iterable<Address>),
    ];
    const before = new Map(await Promise.all(everyone.map(async (a) => [a, await balanceOf(a)] as const)));
    const relayerBefore = await balanceOf(relayer.address);
    const run = await runPayout({ ...base, gasBudget: 10n ** 9n, dryRun: false });
    expect(run.results.every((r) => r.status === "paid")).to.equal(true);
    expect(run.batches.length).to.be.lessThan(run.results.length);
    for (const b of run.batches) {
      const receipt = await client.getTransactionReceipt({ hash: b.txHash! });
      expect(receipt.from).to.equal(relayer.address.toLowerCase());
      expect(receipt.gasUsed).to.equal(b.gas);
    }
    for (const r of run.results) {
      // A Split passes what it was paid on to its members in the same run: its own balance keeps only dust.
      const isSplit = (await client.getCode({ address: r.account })) !== undefined;
      if (!isSplit)
        expect((await balanceOf(r.account)) - before.get(r.account.toLowerCase() as Address)!).to.equal(r.total);
      // A Split member is paid more than planned: the first wave paid its Split, the second its new share.
      expect(r.total >= (plan.results.find((p) => p.account === r.account)?.total ?? 0n)).to.equal(true);
    }
    expect(await balanceOf(relayer.address)).to.equal(relayerBefore);
    // Nothing left above the threshold.
    const again = await runPayout({ ...base, gasBudget: 10n ** 9n, dryRun: true });
    expect(again.results).to.deep.equal([]);

    await indexers[0].synced();
    const artist = run.results.find((r) => r.legs.hub > 0n)!.account.toLowerCase();
    const payouts = await get<{ relayed: boolean; sender: string; source: string }[]>(
      indexers[0].url,
      `/api/artists/${artist}/payouts`,
    );
    expect(payouts.some((p) => p.relayed && p.sender === relayer.address.toLowerCase() && p.source === "hub")).to.equal(
      true,
    );
    const alerts = await get<Alert[]>(indexers[0].url, `/api/artists/${artist}/alerts`);
    expect(alerts.some((a) => a.kind === "payout")).to.equal(true);
  });

  it("restarts where it stopped: same database, same answers", async function () {
    const before = await answers(indexers[0].url);
    await indexers[0].stop();
    indexers[0] = startIndexer({ ...common, port: await freePort(), pgliteDir: lite, schema: "lite" });
    await indexers[0].synced();
    expect(await answers(indexers[0].url)).to.deep.equal(before);
  });
});
