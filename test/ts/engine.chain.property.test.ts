// The issue-#10 property: random valid periods — ids across Unicode planes with commas, quotes and line
// breaks, amounts over the whole range (1 base unit to 10^24 − 1, odd values, tiny and huge mixed), silent
// subscribers (paying, no counted play), players who pay nothing, artists added to and removed from the
// registry between periods, chains of three periods — go through the engine and then the audit: every
// folder the engine writes passes the audit and equals the exact BigInt reference allocation.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditFiles } from "../../lib/audit/index.ts";
import type { Artist, Payment, Play } from "../../lib/rules/index.ts";
import { Progress } from "../../scripts/engine/progress.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { readTree, rng, writePeriodCsv } from "./engine.helpers.ts";
import { aggregatePlays, referenceAllocation } from "./rules.reference.ts";

const sha256 = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");
const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
const PIECES = [
  "a",
  "Z",
  "7",
  ",",
  '"',
  '""',
  "\n",
  "\r\n",
  " ",
  "é",
  "\u00e9\u0301",
  "\uFF01",
  "\uFFFD",
  "\u4E2D",
  "\u{1F600}",
  "\u{10FFFD}",
  "'",
  ";",
];

function generator(seed: number) {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)];
  /** A unique id: a plain prefix (uniqueness) and 0–5 awkward pieces. */
  const id = (prefix: string, i: number) => {
    let s = `${prefix}${i}`;
    for (let k = int(6); k > 0; k--) s += pick(PIECES);
    return s;
  };
  /** 1 … 10^24 − 1: small, around 2^53, 18-decimal, and up to 24 digits, mostly odd. */
  const amount = (): bigint => {
    const kind = int(5);
    let v: bigint;
    if (kind === 0) v = BigInt(1 + int(1000));
    else if (kind === 1) v = 2n ** 53n + BigInt(int(2001)) - 1000n;
    else if (kind === 2) v = BigInt(1 + int(1_000_000)) * 10n ** 18n + BigInt(int(1000));
    else if (kind === 3) v = BigInt(Math.floor(r() * 2 ** 52)) * BigInt(1 + int(2 ** 20));
    else {
      let d = String(1 + int(9));
      for (let k = int(24); k > 0; k--) d += String(int(10));
      v = BigInt(d.slice(0, 24));
    }
    if (v < 1n) v = 1n;
    return r() < 0.7 ? v | 1n : v;
  };
  return { r, int, pick, id, amount };
}

/** Three periods over one artist pool: each period's registry is a random subset (artists leave and come back). */
function randomChain(seed: number) {
  const g = generator(seed);
  const pool: Artist[] = Array.from({ length: 2 + g.int(7) }, (_, i) => ({
    artistId: g.id("a", i),
    payoutAddress: "0x" + (1 + (i % 6)).toString(16).repeat(40),
    name: g.id("Name ", i),
  }));
  return [0, 1, 2].map((k) => {
    const artists = pool.filter(() => g.r() < 0.8);
    if (artists.length === 0) artists.push(pool[0]);
    const subscribers = Array.from({ length: 1 + g.int(10) }, (_, i) => g.id(`s${k}-`, i));
    const payments: Payment[] = [];
    let n = 0;
    for (const s of subscribers) {
      for (let j = g.int(3); j > 0; j--) {
        const amount = g.amount();
        const poolShare = g.r() < 0.1 ? 0n : (amount * BigInt(g.int(10_001))) / 10_000n;
        const referred = g.r() < 0.5;
        payments.push({
          paymentId: g.id(`p${k}-`, n++),
          subscriberId: s,
          amount,
          poolShare,
          referralShare: referred ? (amount - poolShare) / BigInt(1 + g.int(3)) : 0n,
          referrerArtistId: referred ? g.pick(artists).artistId : "",
          referralPaidOnchain: g.r() < 0.5,
          campaign: referred && g.r() < 0.5 ? g.pick(["tour", 'launch, "2"', "\u{1F3B8}\nlive"]) : "",
          paidAt: 1_700_000_000 + g.int(1000),
        });
      }
    }
    // Some subscribers stay silent; others play, among them a few who paid nothing.
    const players = [...subscribers.filter(() => g.r() < 0.7), g.id(`free${k}-`, 0)];
    const plays: Play[] = [];
    for (let i = g.int(50); i > 0; i--) {
      plays.push({
        subscriberId: g.pick(players),
        artistId: g.pick(artists).artistId,
        msPlayed: g.r() < 0.2 ? g.int(30_000) : 30_000 + g.int(10 ** 9),
      });
    }
    return { artists, payments, plays };
  });
}

describe("engine then audit over random chains of periods", function () {
  this.timeout(300_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "engine-chain-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("testFuzz_chainsOfThreePeriods_everyFolderPassesTheAudit_andEqualsTheBigIntReference", async () => {
    for (let seed = 1; seed <= 8; seed++) {
      let previous: string | undefined;
      let carry = 0n;
      for (const [k, period] of randomChain(seed).entries()) {
        const out = join(dir, `c${seed}-${k}`);
        const files = writePeriodCsv(join(dir, `c${seed}-${k}-in`), period);
        const label = `seed ${seed}, period ${k}`;
        const { allocation } = await runEngine({
          ...files,
          period: `p${k}`,
          out,
          previous,
          progress: new Progress(false),
        });
        expect(json(allocation), label).to.equal(
          json(referenceAllocation(period.payments, aggregatePlays(period.plays), carry)),
        );
        const t = allocation.totals;
        expect(t.allocated + t.carryOut, label).to.equal(t.funded);
        expect(t.carryOut >= 0n, label).to.equal(true);
        const audit = auditFiles({ files: readTree(out), previous: previous ? readTree(previous) : null, sha256 });
        expect(
          audit.checks.filter((c) => !c.ok),
          label,
        ).to.deep.equal([]);
        previous = out;
        carry = t.carryOut;
      }
    }
  });
});
