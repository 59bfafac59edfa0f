// Listener privacy: published ids are per-period pseudonyms (no wallet address, transaction hash or
// input id in any published file), committed mode keeps per-fan rows to auditors with a commitment the
// audit and each fan check, and the fan's receipt equals the engine's allocation.
import { expect } from "chai";
import { createHmac, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  auditFiles,
  checkReceipt,
  aggregateHubPaid,
  aggregatePayments,
  firstDifferingAggregate,
} from "../../lib/audit/index.ts";
import {
  PSEUDONYM,
  Pseudonyms,
  fanRowsOf,
  FanRowsTree,
  hmacSha256,
  parsePublishedArtists,
  parsePublishedPayments,
  parsePublishedPlays,
  verifyFanRows,
} from "../../lib/publication/index.ts";
import { RULES_VERSION, fanReceipt, type PeriodAllocation } from "../../lib/rules/index.ts";
import { nodeHmac } from "../../scripts/engine/pseudonymise.ts";
import { sha256 } from "../../scripts/engine/previous.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { randomPeriod, readTree, writePeriodCsv, type Period } from "./engine.helpers.ts";

const KEY = new Uint8Array(32).fill(0x42);
const enc = new TextEncoder();

/** A random period whose subscriber ids are wallet addresses and payment ids `<tx hash>-<log index>`. */
export function walletPeriod(seed: number, wallets: string[], k = 0): Period {
  const p = randomPeriod(seed, k);
  const wallet = (s: string) => wallets[Number(s.slice(1)) % wallets.length];
  return {
    artists: p.artists,
    payments: p.payments.map((x, i) => ({
      ...x,
      subscriberId: wallet(x.subscriberId),
      paymentId: `0x${createHmac("sha256", "tx").update(`${k}-${i}`).digest("hex")}-${i}`,
    })),
    plays: p.plays.map((x) => ({ ...x, subscriberId: wallet(x.subscriberId) })),
  };
}

const wallets = Array.from({ length: 14 }, (_, i) => `0x${(i + 1).toString(16).padStart(2, "0").repeat(20)}`);

function auditOf(dir: string, previous?: string, rows?: string) {
  const files = readTree(dir);
  return auditFiles({
    files,
    previous: previous ? readTree(previous) : null,
    rows: rows ? readTree(rows) : undefined,
    sha256,
  });
}

const failed = (a: { checks: { ok: boolean; name: string; detail: string }[] }) => a.checks.filter((c) => !c.ok);

describe("privacy: pseudonyms, committed mode, receipts", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "privacy-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("test_hmacSha256_matchesRfc4231AndNodeCrypto", () => {
    // RFC 4231 test case 2.
    const mac = hmacSha256(enc.encode("Jefe"), enc.encode("what do ya want for nothing?"));
    expect(Buffer.from(mac).toString("hex")).to.equal(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(1 + ((i * 7) % 130));
      const message = randomBytes(i * 13);
      expect(Buffer.from(hmacSha256(key, message)).toString("hex")).to.equal(
        Buffer.from(nodeHmac(key, message)).toString("hex"),
      );
    }
  });

  it("test_pseudonyms_differAcrossPeriodsKeysAndKinds", () => {
    const fan = wallets[0];
    const a = new Pseudonyms(KEY, RULES_VERSION, "7").subscriber(fan);
    expect(a).to.match(PSEUDONYM);
    expect(new Pseudonyms(KEY, RULES_VERSION, "8").subscriber(fan)).to.not.equal(a);
    expect(new Pseudonyms(new Uint8Array(32).fill(1), RULES_VERSION, "7").subscriber(fan)).to.not.equal(a);
    expect(new Pseudonyms(KEY, RULES_VERSION, "7").payment(fan)).to.not.equal(a);
    expect(new Pseudonyms(KEY, RULES_VERSION, "7", nodeHmac).subscriber(fan)).to.equal(a);
  });

  it("test_engine_withKey_publishesNoSubscriberAddressTxHashOrInputId", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const period = walletPeriod(seed, wallets);
      const inputs = writePeriodCsv(join(dir, `in-${seed}`), period);
      const out = join(dir, `open-${seed}`);
      await runEngine({ ...inputs, period: `p${seed}`, out, pseudonymKey: KEY });
      const files = readTree(out);
      const secrets = [
        ...wallets,
        ...period.payments.map((p) => p.paymentId),
        ...period.payments.map((p) => p.paymentId.split("-")[0]),
      ].map((s) => s.toLowerCase());
      for (const [name, bytes] of files) {
        const text = bytes.toString("utf8").toLowerCase();
        for (const s of secrets) expect(text.includes(s), `${name} holds ${s}`).to.equal(false);
        // Nor the bare hex of an address or hash (e.g. a checksummed copy).
        for (const s of secrets) expect(text.includes(s.slice(2, 42)), `${name} holds ${s}`).to.equal(false);
      }
      const artists = parsePublishedArtists(files.get("artists.csv")!);
      const payments = parsePublishedPayments(files.get("payments.csv")!, artists);
      for (const p of payments) {
        expect(p.subscriberId).to.match(PSEUDONYM);
        expect(p.paymentId).to.match(PSEUDONYM);
        expect(p.paidAt % 86_400).to.equal(0);
      }
      const ids = new Pseudonyms(KEY, RULES_VERSION, `p${seed}`);
      for (const p of parsePublishedPlays(files.get("plays.csv")!, artists)) expect(p.subscriberId).to.match(PSEUDONYM);
      expect(new Set(payments.map((p) => p.subscriberId))).to.deep.equal(
        new Set(period.payments.map((p) => ids.subscriber(p.subscriberId))),
      );
      expect(failed(auditOf(out))).to.deep.equal([]);
    }
  });

  it("test_engine_reportsTheSmallestCrowdOfLookAlikeFans", async () => {
    const base = {
      paymentId: "",
      subscriberId: "",
      amount: 9_990_000n,
      poolShare: 6_993_000n,
      referralShare: 0n,
      referrerArtistId: "",
      referralPaidOnchain: true,
      campaign: "",
      paidAt: 1_700_000_000,
    };
    const period: Period = {
      artists: [{ artistId: "nova", payoutAddress: wallets[13], name: "Nova" }],
      // Three unreferred fans pay alike on one day; one fan alone was brought by Nova.
      payments: [0, 1, 2, 3].map((i) => ({
        ...base,
        paymentId: `pay${i}`,
        subscriberId: wallets[i],
        ...(i === 3 ? { referralShare: 999_000n, referrerArtistId: "nova" } : {}),
      })),
      plays: [{ subscriberId: wallets[0], artistId: "nova", msPlayed: 60_000 }],
    };
    const inputs = writePeriodCsv(join(dir, "crowd-in"), period);
    const lone = await runEngine({ ...inputs, period: "k", out: join(dir, "crowd"), pseudonymKey: KEY });
    expect(lone.smallestCrowd).to.equal(1);
    period.payments.pop();
    const crowd = writePeriodCsv(join(dir, "crowd-in-2"), period);
    expect(
      (await runEngine({ ...crowd, period: "k", out: join(dir, "crowd-2"), pseudonymKey: KEY })).smallestCrowd,
    ).to.equal(3);
  });

  it("test_engine_sameFan_differentIdsInTwoPeriods", async () => {
    const p1 = writePeriodCsv(join(dir, "two-1"), walletPeriod(3, wallets.slice(0, 4), 1));
    const p2 = writePeriodCsv(join(dir, "two-2"), walletPeriod(3, wallets.slice(0, 4), 2));
    const out1 = join(dir, "two-out-1");
    const out2 = join(dir, "two-out-2");
    await runEngine({ ...p1, period: "1", out: out1, pseudonymKey: KEY });
    await runEngine({ ...p2, period: "2", out: out2, previous: out1, pseudonymKey: KEY });
    const idsOf = (out: string) =>
      new Set(
        readFileSync(join(out, "plays.csv"), "utf8")
          .trim()
          .split("\n")
          .slice(1)
          .map((l) => l.split(",")[0]),
      );
    const [one, two] = [idsOf(out1), idsOf(out2)];
    expect(one.size).to.be.greaterThan(0);
    expect([...one].filter((s) => two.has(s))).to.deep.equal([]);
    const fan = wallets[0];
    const in1 = new Pseudonyms(KEY, RULES_VERSION, "1").subscriber(fan);
    const in2 = new Pseudonyms(KEY, RULES_VERSION, "2").subscriber(fan);
    expect(in1).to.not.equal(in2);
    expect(failed(auditOf(out2, out1))).to.deep.equal([]);
  });

  it("test_receipt_amountsEqualTheEngineAllocation", async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const period = walletPeriod(seed + 20, wallets);
      const inputs = writePeriodCsv(join(dir, `rc-in-${seed}`), period);
      const out = join(dir, `rc-${seed}`);
      const { allocation } = await runEngine({ ...inputs, period: `r${seed}`, out, pseudonymKey: KEY });
      const files = readTree(out);
      const artists = parsePublishedArtists(files.get("artists.csv")!);
      const payments = parsePublishedPayments(files.get("payments.csv")!, artists);
      const plays = parsePublishedPlays(files.get("plays.csv")!, artists);
      const perArtist = new Map<string, bigint>();
      let unplayed = 0n;
      const ids = new Pseudonyms(KEY, RULES_VERSION, `r${seed}`);
      for (const wallet of wallets) {
        const subscriber = ids.subscriber(wallet);
        const r = fanReceipt(subscriber, payments, plays);
        // Exact to the base unit: every part of the fan's payments is accounted for.
        const referral = r.referral.reduce((s, x) => s + x.amount, 0n);
        const split = r.artists.reduce((s, x) => s + x.amount, 0n);
        expect(referral + split + r.remainder + r.unplayed + r.platform).to.equal(r.amount);
        // The raw inputs, independently: this wallet's payments.
        const mine = period.payments.filter((p) => p.subscriberId === wallet);
        expect(r.amount).to.equal(mine.reduce((s, p) => s + p.amount, 0n));
        expect(r.payments).to.equal(mine.length);
        for (const a of r.artists) perArtist.set(a.artistId, (perArtist.get(a.artistId) ?? 0n) + a.amount);
        unplayed += r.unplayed;
        // The receipt check over the published folder agrees.
        const checked = checkReceipt({ files, previous: null, sha256, subscriber });
        expect(checked.receipt).to.deep.equal(r);
        if (r.payments > 0) expect(failed(checked)).to.deep.equal([]);
      }
      const engine = (a: PeriodAllocation) =>
        new Map(a.artists.filter((x) => x.userCentric > 0n).map((x) => [x.artistId, x.userCentric]));
      expect(new Map([...perArtist].filter(([, v]) => v > 0n))).to.deep.equal(engine(allocation));
      expect(unplayed + allocation.totals.carryIn).to.equal(allocation.totals.unplayedPool);
    }
  });

  it("test_audit_openMode_failsOnATamperedPerFanRow", async () => {
    const inputs = writePeriodCsv(join(dir, "tamper-in"), walletPeriod(5, wallets));
    const out = join(dir, "tamper-open");
    await runEngine({ ...inputs, period: "t", out, pseudonymKey: KEY });
    const copy = join(dir, "tamper-open-copy");
    cpSync(out, copy, { recursive: true });
    const plays = readFileSync(join(copy, "plays.csv"), "utf8").split("\n");
    const [s, a, n] = plays[1].split(",");
    plays[1] = [s, a, String(Number(n) + 1)].join(",");
    writeFileSync(join(copy, "plays.csv"), plays.join("\n"));
    const bad = failed(auditOf(copy));
    expect(bad.map((c) => c.name)).to.include("folder matches manifest.json");
    expect(bad[0].detail).to.match(/plays\.csv/);
  });

  it("test_committedMode_auditPassesWithRows_failsWithoutThemAndOnATamperedRow", async () => {
    const period = walletPeriod(9, wallets);
    const inputs = writePeriodCsv(join(dir, "cm-in"), period);
    const out = join(dir, "cm-public");
    const rows = join(dir, "cm-auditors");
    const inside = await runEngine({
      ...inputs,
      period: "c",
      out: join(dir, "x"),
      rowsOut: join(dir, "x", "rows"),
      pseudonymKey: KEY,
    }).then(
      () => "written",
      (e: Error) => e.message,
    );
    expect(inside).to.match(/outside the published folder/);
    await runEngine({ ...inputs, period: "c", out, rowsOut: rows, pseudonymKey: KEY });
    expect(existsSync(join(out, "payments.csv"))).to.equal(false);
    expect(existsSync(join(out, "plays.csv"))).to.equal(false);
    expect(existsSync(join(rows, "payments.csv")) && existsSync(join(rows, "plays.csv"))).to.equal(true);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.fan_rows.mode).to.equal("committed");

    expect(failed(auditOf(out, undefined, rows))).to.deep.equal([]);
    const without = failed(auditOf(out));
    expect(without.map((c) => c.name)).to.deep.equal(["per-fan rows match the manifest's commitment"]);

    // Each fan verifies their own rows against the commitment.
    const fans = fanRowsOf(readFileSync(join(rows, "payments.csv")), readFileSync(join(rows, "plays.csv")));
    const tree = new FanRowsTree(fans);
    expect(tree.root).to.equal(manifest.fan_rows.root);
    const ids = new Pseudonyms(KEY, RULES_VERSION, "c");
    const fan = ids.subscriber(period.payments[0].subscriberId);
    const proof = tree.proofOf(fan)!;
    expect(verifyFanRows(manifest.fan_rows.root, proof)).to.equal(true);
    const checked = checkReceipt({ files: readTree(out), previous: null, sha256, subscriber: fan, fanProof: proof });
    expect(failed(checked)).to.deep.equal([]);
    const full = parsePublishedArtists(readFileSync(join(rows, "../cm-public/artists.csv")));
    expect(checked.receipt).to.deep.equal(
      fanReceipt(
        fan,
        parsePublishedPayments(readFileSync(join(rows, "payments.csv")), full),
        parsePublishedPlays(readFileSync(join(rows, "plays.csv")), full),
      ),
    );
    // A tampered row: the fan's proof fails, and so does the auditor's recompute.
    const forged = {
      ...proof,
      rows: { ...proof.rows, plays: proof.rows.plays.map((l) => l.replace(/,(\d+)$/, (_, n) => `,${Number(n) + 1}`)) },
    };
    if (proof.rows.plays.length > 0) expect(verifyFanRows(manifest.fan_rows.root, forged)).to.equal(false);
    const tampered = join(dir, "cm-auditors-tampered");
    cpSync(rows, tampered, { recursive: true });
    const pay = readFileSync(join(tampered, "payments.csv"), "utf8").split("\n");
    const f = pay[1].split(",");
    f[3] = String(BigInt(f[3]) > 0n ? BigInt(f[3]) - 1n : 0n); // pool_share
    f[2] = String(BigInt(f[2]) + 1n); // amount, so the row stays valid
    pay[1] = f.join(",");
    writeFileSync(join(tampered, "payments.csv"), pay.join("\n"));
    const bad = failed(auditOf(out, undefined, tampered)).map((c) => c.name);
    expect(bad).to.include("folder matches manifest.json");
    expect(bad).to.include("per-fan rows match the manifest's commitment");
  });

  it("test_hubAggregates_perReferrer_nameTheFirstDifference", () => {
    const artists = new Map([["nova", { artistId: "nova", payoutAddress: wallets[1], name: "Nova" }]]);
    const events = [
      { referrer: wallets[1], amount: 9_990_000n, poolPart: 6_993_000n, referralPart: 999_000n },
      { referrer: `0x${"0".repeat(40)}`, amount: 9_990_000n, poolPart: 6_993_000n, referralPart: 0n },
    ];
    const published = events.map((e, i) => ({
      paymentId: `x${i}`,
      subscriberId: `s${i}`,
      amount: e.amount,
      poolShare: e.poolPart,
      referralShare: e.referralPart,
      referrerArtistId: i === 0 ? "nova" : "",
      referralPaidOnchain: true,
      campaign: "",
      paidAt: 0,
    }));
    expect(firstDifferingAggregate(aggregateHubPaid(events, artists), aggregatePayments(published))).to.equal(
      undefined,
    );
    // A payment moved from Nova's referrals to nobody's: totals still match, the per-referrer check does not.
    const moved = published.map((p, i) => (i === 0 ? { ...p, referrerArtistId: "", referralShare: 0n } : p));
    expect(firstDifferingAggregate(aggregateHubPaid(events, artists), aggregatePayments(moved))).to.match(
      /^referrer \(none\)/,
    );
  });
});
