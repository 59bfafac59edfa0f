// Rules v1 over the tables inputs.ts loads. SQL computes the payments side (pool share per
// subscriber, referrals per artist and campaign, period totals); the per-(subscriber, artist)
// arithmetic floor(pool_s × plays_sa / plays_s) runs in JS as the ~61M sorted pairs stream past once
// on their way to plays.csv (PairAllocator), through lib/rules' split kernel (UsageSplit); lib/rules'
// finishAllocation does the per-artist rest. A property test holds this equal to the BigInt reference,
// and warehouse.ts's WAREHOUSE_USAGE_SQL is the all-SQL form for a warehouse.
import type { DuckDBConnection } from "@duckdb/node-api";
import {
  UsageSplit,
  finishAllocation,
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

/** Pool share per subscriber in `pool`: NONE (unpaid), BIG (in poolBig) or the share as an exact double. */
const NONE = -2;
const BIG = -1;

/**
 * The user-centric split over the pairs as plays-csv.ts streams them in (subscriber, artist) order, on
 * integer ids: each subscriber's run of pairs goes to lib/rules' UsageSplit (the one split kernel, which
 * the audit's StreamingAllocator runs too), closed with the subscriber's pool share when the subscriber
 * changes.
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
  private readonly split: UsageSplit;
  private subscriber = -1;

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
    this.split = new UsageSplit(artistIds.length);
  }

  /** Pairs in ascending (sid, aid) order, each once (plays-csv.ts's worker checks the order too). */
  add(sid: Int32Array, aid: Int32Array, plays: Int32Array, n: number): void {
    const split = this.split;
    for (let i = 0; i < n; i++) {
      const s = sid[i];
      if (s !== this.subscriber) {
        if (s < this.subscriber) throw new Error("internal: pairs not in subscriber order");
        this.close();
        this.subscriber = s;
      }
      split.push(aid[i], plays[i]);
    }
  }

  private close(): void {
    if (this.subscriber < 0) return;
    const share = this.pool[this.subscriber];
    this.split.close(share === NONE ? undefined : share === BIG ? this.poolBig.get(this.subscriber)! : share);
  }

  finish(): PeriodAllocation {
    this.close();
    const { partials, totals } = this.rest;
    const split = this.split;
    split.forEachPlayed((a, countedPlays, userCentric) => {
      const p = partialOf(partials, this.artistIds[a]);
      p.countedPlays = countedPlays;
      p.userCentric = userCentric;
    });
    return finishAllocation([...partials.values()], {
      ...totals,
      countedPlays: split.countedPlays,
      userCentric: split.userCentric.value(),
      playPairs: split.playPairs,
      unplayedSubscribers: totals.payingSubscribers - split.playedPaying,
      unplayedPoolShares: totals.poolShares - split.playedShares.value(),
    });
  }
}

/** The partial of artist `id` in `partials`, created empty on first use. */
function partialOf(partials: Map<string, ArtistPartial>, id: string): ArtistPartial {
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
  return p;
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
  const artist = (id: string): ArtistPartial => partialOf(partials, id);
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
