// The keeper's renewals with the indexer as the source of due subscriptions (`--indexer URL`): on one planted
// chain, with some subscriptions due and some not, it renews or ends exactly the due set the indexer lists, the
// same set (and the same outcomes) as the event-scan source from the same snapshot; with the indexer down it logs
// the fallback once per cycle and still renews everything due. The source's paging and answer checks are unit
// tests at the end.
import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { IndexerSource, dueUrl, parseDuePage } from "../../scripts/keeper/sources.ts";
import { startIndexer, type Indexer } from "../../scripts/lib/indexer.ts";
import { freePort } from "../e2e/stack.ts";
import { DAY, advance, outcomes, plantedChain, runKeeper, type PlantedChain } from "./keeper.helpers.ts";

const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase()).sort();
const RENEW = ["--once", "--tasks", "renew", "--close-every", "off"];

describe("keeper with the indexer as its source", function () {
  this.timeout(240_000);
  let c: PlantedChain;
  let indexer: Indexer | undefined;
  let dir: string;
  let snapshot: string;
  let head: number;
  let late: string[];

  const provider = () => c.connection.provider;
  const takeSnapshot = async () =>
    (snapshot = (await provider().request({ method: "evm_snapshot", params: [] })) as string);
  const revert = async () => {
    expect(await provider().request({ method: "evm_revert", params: [snapshot] })).to.equal(true);
    await takeSnapshot();
  };
  /** Per subscriber that paid or was ended: "paid" or "ended:<reason>"; fails on anyone charged or ended twice. */
  const result = async () => {
    const by = await outcomes(c, head + 1);
    const out: Record<string, string> = {};
    for (const [a, o] of by) {
      expect(o.paid + o.ended, a).to.equal(1);
      out[a] = o.paid ? "paid" : `ended:${o.reason}`;
    }
    return out;
  };

  before(async function () {
    c = await plantedChain(await network.create(), 40);
    await advance(c.connection, 31 * DAY);
    // Four fans who subscribe now: not due, so a source that lists everyone would differ from the due list.
    const { ethers } = c.connection;
    const signers = await ethers.getSigners();
    const token = await ethers.getContractAt("TestToken", c.addresses.Token);
    const price = (await c.hub.plan(0)).price;
    late = signers.slice(16, 20).map((s) => s.address);
    for (const s of signers.slice(16, 20)) {
      await (await (token.connect(s) as any).mint(s.address, price * 10n)).wait();
      await (await (token.connect(s) as any).approve(c.addresses.SubscriptionHub, price * 10n)).wait();
      await (await (c.hub.connect(s) as any).subscribe(0, signers[10].address, 0)).wait();
    }
    dir = mkdtempSync(join(tmpdir(), "gapless-keeper-indexer-"));
    const { chainId } = await ethers.provider.getNetwork();
    writeFileSync(join(dir, `${chainId}.json`), JSON.stringify(c.addresses, null, 2));
    indexer = startIndexer({
      rpcUrl: c.rpc.url,
      port: await freePort(),
      pgliteDir: join(dir, "pglite"),
      env: { GAPLESS_DEPLOYMENTS_DIR: dir },
    });
    await indexer.synced();
    head = await ethers.provider.getBlockNumber();
    await takeSnapshot();
  });
  after(async () => {
    await indexer?.stop();
    await c?.rpc.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("test_indexerSource_renewsExactlyTheDueSetItLists_sameAsTheEventScan", async () => {
    const now = (await c.connection.ethers.provider.getBlock("latest"))!.timestamp;
    const listed = await new IndexerSource(
      { url: indexer!.url, pageSize: 7, timeoutMs: 5_000, onFallback: (e) => expect.fail(e.message) },
      { candidates: async () => expect.fail("no fallback") },
    ).due(BigInt(now));
    // Paged by 7: all 40 planted fans are due, none of the four who just subscribed.
    expect(lower(listed)).to.deep.equal(lower(c.fans.map((f) => f.address)));
    for (const a of late) expect(lower(listed)).to.not.include(a.toLowerCase());

    const viaIndexer = await runKeeper(c, c.rpc.url, [...RENEW, "--indexer", indexer!.url, "--indexer-page", "7"]);
    expect(viaIndexer.code, viaIndexer.stdout + viaIndexer.stderr).to.equal(0);
    expect(viaIndexer.stdout).to.match(/source=indexer/);
    expect(viaIndexer.stdout).to.not.match(/indexer-fallback/);
    expect(viaIndexer.stdout).to.match(/due due=40 /);
    const a = await result();
    expect(lower(Object.keys(a))).to.deep.equal(lower(listed));
    expect(Object.values(a).filter((v) => v === "paid")).to.have.length(32);

    // The gas-free payouts, in-process from the keeper's key: every referrer's hub balance paid to itself.
    await indexer!.synced();
    const referrers = (await c.connection.ethers.getSigners()).slice(10, 15).map((s) => s.address);
    const token = await c.connection.ethers.getContractAt("TestToken", c.addresses.Token);
    const owed = await Promise.all(referrers.map((r) => c.hub.referralBalanceOf(r)));
    const held = await Promise.all(referrers.map((r) => token.balanceOf(r)));
    expect(owed.every((x) => x > 0n)).to.equal(true);
    const keeperHeld = await token.balanceOf(c.keeper);
    const periods = join(dir, "periods");
    mkdirSync(periods);
    const paid = await runKeeper(c, c.rpc.url, [
      ...["--once", "--tasks", "payout", "--payouts", "--indexer", indexer!.url],
      ...["--router", c.addresses.ClaimRouter],
      ...["--payout-threshold", "0.000001", "--payout-periods", periods],
    ]);
    expect(paid.code, paid.stdout + paid.stderr).to.equal(0);
    expect(paid.stdout, paid.stdout + paid.stderr).to.match(/payouts paid=[1-9]\d* failed=0 /);
    for (const [i, r] of referrers.entries()) {
      expect(await c.hub.referralBalanceOf(r), r).to.equal(0n);
      expect((await token.balanceOf(r)) - held[i], r).to.be.greaterThanOrEqual(owed[i]);
    }
    expect(await token.balanceOf(c.keeper)).to.equal(keeperHeld);

    await indexer!.stop();
    indexer = undefined;
    await revert();
    const viaEvents = await runKeeper(c, c.rpc.url, RENEW);
    expect(viaEvents.code, viaEvents.stdout + viaEvents.stderr).to.equal(0);
    expect(viaEvents.stdout).to.match(/source=events/);
    expect(await result()).to.deep.equal(a);
  });

  it("test_indexerDown_logsTheFallbackOncePerCycle_andStillRenewsEverythingDue", async () => {
    await revert();
    const expected = await (async () => {
      const run = await runKeeper(c, c.rpc.url, RENEW);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      return result();
    })();
    await revert();
    const dead = `http://127.0.0.1:${await freePort()}`;
    const run = await runKeeper(c, c.rpc.url, [...RENEW, "--indexer", dead]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout.match(/indexer-fallback/g)).to.have.length(1);
    expect(await result()).to.deep.equal(expected);
    expect(Object.keys(expected)).to.have.length(40);
  });

  describe("IndexerSource", () => {
    const page = (subs: string[], next: unknown = null) => ({
      ok: true,
      status: 200,
      json: async () => ({ before: 0, subscriptions: subs.map((subscriber) => ({ subscriber })), next }),
    });
    const A = "0x" + "a".repeat(40);
    const B = "0x" + "b".repeat(40);

    it("test_pagesWithTheCursor_untilNextIsNull", async () => {
      const urls: string[] = [];
      const answers = [page([A], { subscriber: A, paidThrough: 5 }), page([B])];
      const source = new IndexerSource(
        {
          url: "http://indexer.test",
          pageSize: 1,
          timeoutMs: 1_000,
          onFallback: (e) => expect.fail(e.message),
          fetch: (async (u: string) => (urls.push(u), answers.shift())) as never,
        },
        { candidates: async () => expect.fail("no fallback") },
      );
      expect(await source.candidates(99n)).to.deep.equal([A, B]);
      expect(urls).to.deep.equal([
        dueUrl("http://indexer.test", 99n, 1, null),
        dueUrl("http://indexer.test", 99n, 1, { subscriber: A as never, paidThrough: 5 }),
      ]);
      expect(urls[1]).to.contain("afterPaidThrough=5").and.contain(`afterSubscriber=${A}`);
    });

    it("test_errorsBadAnswersAndEndlessCursors_fallBackToTheEvents_onceEach", async () => {
      const events = [B as never];
      for (const answer of [
        { ok: false, status: 500, json: async () => ({}) },
        page(["not an address"]),
        { ok: true, status: 200, json: async () => ({ error: "x" }) },
        page([A], { subscriber: A, paidThrough: "soon" }),
      ]) {
        const fallbacks: string[] = [];
        const source = new IndexerSource(
          {
            url: "http://indexer.test",
            pageSize: 1,
            timeoutMs: 1_000,
            onFallback: (e) => fallbacks.push(e.message),
            fetch: (async () => answer) as never,
          },
          { candidates: async () => events },
        );
        expect(await source.candidates(1n)).to.deep.equal(events);
        expect(fallbacks).to.have.length(1);
      }
      const endless = new IndexerSource(
        {
          url: "http://indexer.test",
          pageSize: 1,
          timeoutMs: 1_000,
          maxPages: 3,
          onFallback: () => {},
          fetch: (async () => page([A], { subscriber: A, paidThrough: 1 })) as never,
        },
        { candidates: async () => events },
      );
      expect(await endless.candidates(1n)).to.deep.equal(events);
      expect(() => parseDuePage({ subscriptions: [{ subscriber: A }], next: null })).to.not.throw();
    });
  });
});
