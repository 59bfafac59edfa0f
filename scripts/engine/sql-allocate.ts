// Rules v1 over the tables inputs.ts loads. SQL computes the payments side (pool share per
// subscriber, referrals per artist and campaign, period totals); the per-(subscriber, artist)
// arithmetic floor(pool_s × plays_sa / plays_s) runs in JS as the ~61M sorted pairs stream past once
// on their way to plays.csv (PairAllocator), with lib/'s exact integer helpers; lib/'s
// finishAllocation does the per-artist rest. A property test holds this equal to allocatePeriod(),
// and warehouse.ts's WAREHOUSE_USAGE_SQL is the all-SQL form for a warehouse.
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  finishAllocation,
  mulDivSmall,
  type ArtistPartial,
  type PartialTotals,
  type PeriodAllocation,
} from "../../lib/rules/index.ts";
import { numericColumns } from "./duckdb-vectors.ts";
import type { PlayTables } from "./inputs.ts";

const big = (v: unknown) => (v === null || v === undefined ? 0n : BigInt(v as bigint));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

// One statement over payments: kind 'referral' = per artist, 'campaign' = per (artist, campaign),
// 'totals' = one row of period figures.
const PAYMENTS_SQL = `
WITH referral AS (
  SELECT referrer_artist_id AS artist_id, campaign, grouping(campaign) AS whole,
    count(DISTINCT subscriber_id) AS subscribers, sum(amount) AS payments,
    sum(referral_share) FILTER (WHERE referral_paid_onchain) AS onchain,
    sum(referral_share) FILTER (WHERE NOT referral_paid_onchain) AS offchain
  FROM payments WHERE referrer_artist_id <> '' GROUP BY GROUPING SETS ((referrer_artist_id), (referrer_artist_id, campaign))),
paid AS (
  SELECT count(*) AS payments, count(DISTINCT subscriber_id) AS paying, sum(amount) AS amount,
    sum(pool_share) AS pool_shares,
    sum(referral_share) FILTER (WHERE referral_paid_onchain AND referrer_artist_id <> '') AS onchain,
    sum(referral_share) FILTER (WHERE NOT referral_paid_onchain AND referrer_artist_id <> '') AS offchain
  FROM payments)
SELECT CASE WHEN whole = 1 THEN 'referral' ELSE 'campaign' END AS kind, artist_id, campaign, subscribers AS n,
  payments AS a, onchain AS b, offchain AS c, NULL AS d, NULL AS f FROM referral
UNION ALL
SELECT 'totals', NULL, NULL, paid.payments, paid.amount, paid.pool_shares, paid.onchain, paid.offchain, paid.paying
FROM paid`;

/** Pool share per subscriber with plays (sid), from payments. */
const POOLS_SQL = `CREATE OR REPLACE TEMP TABLE pools AS
SELECT subs.sid, p.pool
FROM subs JOIN (SELECT subscriber_id, sum(pool_share) AS pool FROM payments GROUP BY subscriber_id) p ON p.subscriber_id = subs.s`;

/** Pool share per subscriber in `pool`: NONE (unpaid), BIG (take the bigint path) or the share. */
const NONE = -2;
const BIG = -1;

/**
 * The user-centric split over the pairs as plays-csv.ts streams them in (subscriber, artist) order:
 * each subscriber's run of pairs is held until the subscriber changes, then its pool share is split
 * by floor(pool × plays / plays_s) — lib/'s StreamingAllocator arithmetic on integer ids and
 * typed arrays. Numbers while exact, bigints otherwise.
 */
export class PairAllocator {
  private readonly artistIds: readonly string[];
  private readonly rest: {
    partials: Map<string, ArtistPartial>;
    totals: Omit<
      PartialTotals,
      "countedPlays" | "userCentric" | "playPairs" | "unplayedSubscribers" | "unplayedPoolShares"
    >;
  };
  private readonly pool: Float64Array;
  private readonly poolBig: Map<number, bigint>;
  private readonly playsA: Float64Array;
  private readonly userCentricSmall: Float64Array;
  private readonly userCentricBig: bigint[];
  private runArtists = new Int32Array(1024);
  private runPlays = new Int32Array(1024);
  private runLength = 0;
  private subscriber = -1;
  private countedPlays = 0;
  private playPairs = 0;
  private playedPaying = 0;
  private playedSharesSmall = 0;
  private playedSharesBig = 0n;
  private userCentric = 0n;

  constructor(
    artistIds: readonly string[],
    pool: Float64Array,
    poolBig: Map<number, bigint>,
    rest: PairAllocator["rest"],
  ) {
    this.artistIds = artistIds;
    this.rest = rest;
    this.pool = pool;
    this.poolBig = poolBig;
    this.playsA = new Float64Array(artistIds.length);
    this.userCentricSmall = new Float64Array(artistIds.length);
    this.userCentricBig = new Array<bigint>(artistIds.length).fill(0n);
  }

  /** Pairs in ascending (sid, aid) order, each once (plays-csv.ts's worker checks the order too). */
  add(sid: Int32Array, aid: Int32Array, plays: Int32Array, n: number): void {
    for (let i = 0; i < n; i++) {
      const s = sid[i];
      if (s !== this.subscriber) {
        if (s < this.subscriber) throw new Error("internal: pairs not in subscriber order");
        this.flush();
        this.subscriber = s;
      }
      if (this.runLength === this.runArtists.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.runArtists = grow(this.runArtists);
        this.runPlays = grow(this.runPlays);
      }
      this.runArtists[this.runLength] = aid[i];
      this.runPlays[this.runLength++] = plays[i];
    }
  }

  /** Closes the current subscriber: its pool share over the artists it played. */
  private flush(): void {
    const n = this.runLength;
    if (n === 0) return;
    const { runArtists: artists, runPlays: plays, playsA, userCentricSmall: small } = this;
    let playsS = 0;
    for (let i = 0; i < n; i++) {
      playsA[artists[i]] += plays[i];
      playsS += plays[i];
    }
    this.countedPlays += playsS;
    this.playPairs += n;
    this.runLength = 0;
    const share = this.pool[this.subscriber];
    if (share === NONE) return;
    this.playedPaying++;
    if (share === 0) return;
    if (share > 0 && share * playsS <= MAX_SAFE) {
      this.playedSharesSmall += share;
      if (this.playedSharesSmall > MAX_SAFE) {
        this.playedSharesBig += BigInt(this.playedSharesSmall - share);
        this.playedSharesSmall = share;
      }
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const a = artists[i];
        const amount = mulDivSmall(share, plays[i], playsS);
        if (small[a] + amount > MAX_SAFE) {
          this.userCentricBig[a] += BigInt(small[a]);
          small[a] = 0;
        }
        small[a] += amount;
        sum += amount; // ≤ share, so exact
      }
      this.userCentric += BigInt(sum);
    } else {
      const shareBig = share > 0 ? BigInt(share) : this.poolBig.get(this.subscriber)!;
      this.playedSharesBig += shareBig;
      const total = BigInt(playsS);
      for (let i = 0; i < n; i++) {
        const amount = (shareBig * BigInt(plays[i])) / total;
        this.userCentricBig[artists[i]] += amount;
        this.userCentric += amount;
      }
    }
  }

  finish(): PeriodAllocation {
    this.flush();
    const { partials, totals } = this.rest;
    this.artistIds.forEach((id, a) => {
      if (this.playsA[a] === 0) return;
      let p = partials.get(id);
      if (!p) {
        p = {
          artistId: id,
          countedPlays: 0,
          userCentric: 0n,
          referralOnchain: 0n,
          referralOffchain: 0n,
          subscribersAcquired: 0,
          acquiredPayments: 0n,
          campaigns: [],
        };
        partials.set(id, p);
      }
      p.countedPlays = this.playsA[a];
      p.userCentric = this.userCentricBig[a] + BigInt(this.userCentricSmall[a]);
    });
    const playedShares = this.playedSharesBig + BigInt(this.playedSharesSmall);
    return finishAllocation([...partials.values()], {
      ...totals,
      countedPlays: this.countedPlays,
      userCentric: this.userCentric,
      playPairs: this.playPairs,
      unplayedSubscribers: totals.payingSubscribers - this.playedPaying,
      unplayedPoolShares: totals.poolShares - playedShares,
    });
  }
}

/**
 * Runs the SQL side of the allocation (pool shares per subscriber, referrals, totals: payments only)
 * and returns the allocator that takes the pairs (plays-csv.ts streams them through it).
 */
export async function prepareAllocation(
  conn: DuckDBConnection,
  plays: Pick<PlayTables, "subscribers" | "artistIds">,
  carryIn: bigint,
): Promise<PairAllocator> {
  await conn.run(POOLS_SQL);
  // Shares up to 2^53 - 1 as doubles (BIG marks the rest), the rest as bigints.
  const pool = new Float64Array(plays.subscribers).fill(NONE);
  const [sid, share] = await numericColumns(
    conn,
    `SELECT sid, CASE WHEN pool <= ${MAX_SAFE} THEN pool::DOUBLE ELSE ${BIG} END FROM pools`,
    ["i32", "f64"],
  );
  for (let i = 0; i < sid.length; i++) pool[sid[i]] = share[i];
  const poolBig = new Map<number, bigint>();
  for (const r of await rows(conn, `SELECT sid, pool FROM pools WHERE pool > ${MAX_SAFE}`))
    poolBig.set(num(r.sid), big(r.pool));
  const all = await rows(conn, PAYMENTS_SQL);
  const referral = all
    .filter((r) => r.kind === "referral")
    .map((r) => ({ artist_id: r.artist_id, subscribers: r.n, payments: r.a, onchain: r.b, offchain: r.c }));
  const campaigns = all
    .filter((r) => r.kind === "campaign")
    .map((r) => ({
      artist_id: r.artist_id,
      campaign: r.campaign,
      subscribers: r.n,
      payments: r.a,
      onchain: r.b,
      offchain: r.c,
    }));
  const tr = all.find((r) => r.kind === "totals")!;
  const t = { payments: tr.n, amount: tr.a, pool_shares: tr.b, onchain: tr.c, offchain: tr.d, paying: tr.f };

  const partials = new Map<string, ArtistPartial>();
  const artist = (id: string): ArtistPartial => {
    let a = partials.get(id);
    if (!a) {
      a = {
        artistId: id,
        countedPlays: 0,
        userCentric: 0n,
        referralOnchain: 0n,
        referralOffchain: 0n,
        subscribersAcquired: 0,
        acquiredPayments: 0n,
        campaigns: [],
      };
      partials.set(id, a);
    }
    return a;
  };
  for (const r of referral) {
    const a = artist(String(r.artist_id));
    a.subscribersAcquired = num(r.subscribers);
    a.acquiredPayments = big(r.payments);
    a.referralOnchain = big(r.onchain);
    a.referralOffchain = big(r.offchain);
  }
  for (const r of campaigns) {
    artist(String(r.artist_id)).campaigns.push({
      campaign: String(r.campaign),
      subscribers: num(r.subscribers),
      payments: big(r.payments),
      referralOnchain: big(r.onchain),
      referralOffchain: big(r.offchain),
    });
  }
  return new PairAllocator(plays.artistIds, pool, poolBig, {
    partials,
    totals: {
      payments: num(t.payments),
      payingSubscribers: num(t.paying),
      amount: big(t.amount),
      poolShares: big(t.pool_shares),
      referralOnchain: big(t.onchain),
      referralOffchain: big(t.offchain),
      carryIn,
    },
  });
}
