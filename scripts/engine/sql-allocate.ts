// Rules v1 in SQL over the tables inputs.ts loads: the per-(subscriber, artist) arithmetic
// floor(pool_s × plays_sa / plays_s) runs in DuckDB, and only per-artist rows come back to JS, where
// lib/engine's finishAllocation does the per-artist rest. Plain SQL, so the same queries run on a
// warehouse engine. A property test holds this equal to allocatePeriod().
import type { DuckDBConnection } from "@duckdb/node-api";
import { finishAllocation, type ArtistPartial, type PeriodAllocation } from "../../lib/engine/index.ts";

const big = (v: unknown) => (v === null || v === undefined ? 0n : BigInt(v as bigint));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

/**
 * Per subscriber with counted plays: sid, counted plays, pairs and pool share (NULL when unpaid).
 * `pk` holds k = sid × 2^bits + aid (inputs.ts loadPlays).
 */
const subtotalsSql = (bits: number) => `CREATE OR REPLACE TEMP TABLE subt AS
SELECT p.sid, subs.s, p.plays_s, p.pairs, pool.pool
FROM (SELECT (k // ${2 ** bits})::INTEGER AS sid, sum(c) AS plays_s, count(*) AS pairs FROM pk GROUP BY 1) p
JOIN subs USING (sid)
LEFT JOIN (SELECT subscriber_id, sum(pool_share) AS pool FROM payments GROUP BY subscriber_id) pool ON pool.subscriber_id = subs.s`;

// One statement, so the engine plans one pass over `pk` and `payments` (the CTEs are shared):
// kind 'usage' = per-artist counted plays and user-centric sums, 'referral' = per artist,
// 'campaign' = per (artist, campaign), 'totals' = one row of period figures. `narrow`: every
// pool × plays fits a BIGINT, so the per-pair floor division runs on 64-bit integers (4× faster
// than HUGEINT at 61M pairs); otherwise HUGEINT.
const allocationSql = (bits: number, narrow: boolean) => `
WITH usage AS (
  SELECT arts.a AS artist_id, u.plays_a, u.user_centric FROM (
    SELECT (pk.k % ${2 ** bits})::INTEGER AS aid, sum(pk.c) AS plays_a,
      coalesce(sum(${narrow ? "(CAST(t.pool AS BIGINT) * pk.c) // CAST(t.plays_s AS BIGINT)" : "(t.pool * pk.c) // t.plays_s"}), 0) AS user_centric
    FROM pk JOIN subt t ON t.sid = (pk.k // ${2 ** bits})::INTEGER GROUP BY 1) u JOIN arts USING (aid)),
pool AS (SELECT subscriber_id, sum(pool_share) AS pool FROM payments GROUP BY subscriber_id),
referral AS (
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
  FROM payments),
unplayed AS (SELECT count(*) AS subscribers, sum(pool) AS shares FROM pool ANTI JOIN subt ON subt.s = pool.subscriber_id)
SELECT 'usage' AS kind, artist_id, NULL AS campaign, plays_a AS n, user_centric AS a,
  NULL AS b, NULL AS c, NULL AS d, NULL AS e, NULL AS f, NULL AS g, NULL AS h FROM usage
UNION ALL
SELECT CASE WHEN whole = 1 THEN 'referral' ELSE 'campaign' END, artist_id, campaign, subscribers, payments,
  onchain, offchain, NULL, NULL, NULL, NULL, NULL FROM referral
UNION ALL
SELECT 'totals', NULL, NULL, paid.payments, paid.amount, paid.pool_shares, paid.onchain, paid.offchain,
  unplayed.shares, paid.paying, (SELECT sum(pairs) FROM subt), unplayed.subscribers
FROM paid, unplayed`;

export async function allocateSql(
  conn: DuckDBConnection,
  artistBits: number,
  carryIn: bigint,
): Promise<PeriodAllocation> {
  await conn.run(subtotalsSql(artistBits));
  const [range] = await rows(conn, "SELECT max(pool) AS pool, max(plays_s) AS plays FROM subt");
  const narrow = big(range.pool) * big(range.plays) < 2n ** 63n;
  const all = await rows(conn, allocationSql(artistBits, narrow));
  const usage = all.filter((r) => r.kind === "usage").map((r) => ({ artist_id: r.artist_id, plays_a: r.n, user_centric: r.a })); // prettier-ignore
  const referral = all.filter((r) => r.kind === "referral").map((r) => ({ artist_id: r.artist_id, subscribers: r.n, payments: r.a, onchain: r.b, offchain: r.c })); // prettier-ignore
  const campaigns = all.filter((r) => r.kind === "campaign").map((r) => ({ artist_id: r.artist_id, campaign: r.campaign, subscribers: r.n, payments: r.a, onchain: r.b, offchain: r.c })); // prettier-ignore
  const tr = all.find((r) => r.kind === "totals")!;
  const t = { payments: tr.n, amount: tr.a, pool_shares: tr.b, onchain: tr.c, offchain: tr.d, paying: tr.f }; // prettier-ignore
  const u = { subscribers: tr.h, shares: tr.e };
  const pp = { pairs: tr.g };

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
  let countedPlays = 0;
  let userCentric = 0n;
  for (const r of usage) {
    const a = artist(String(r.artist_id));
    a.countedPlays = num(r.plays_a);
    a.userCentric = big(r.user_centric);
    countedPlays += a.countedPlays;
    userCentric += a.userCentric;
  }
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
  return finishAllocation([...partials.values()], {
    payments: num(t.payments),
    payingSubscribers: num(t.paying),
    unplayedSubscribers: num(u.subscribers),
    amount: big(t.amount),
    poolShares: big(t.pool_shares),
    referralOnchain: big(t.onchain),
    referralOffchain: big(t.offchain),
    carryIn,
    unplayedPoolShares: big(u.shares),
    countedPlays,
    playPairs: num(pp.pairs),
    userCentric,
  });
}
