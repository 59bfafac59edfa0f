// Rules v1 in SQL over the tables inputs.ts loads: the per-(subscriber, artist) arithmetic
// floor(pool_s × plays_sa / plays_s) runs in DuckDB with HUGEINT, and only per-artist rows come back
// to JS, where lib/engine's finishAllocation does the per-artist rest. Plain SQL, so the same
// queries run on a warehouse engine. A property test holds this equal to allocatePeriod().
import type { DuckDBConnection } from "@duckdb/node-api";
import { finishAllocation, type ArtistPartial, type PeriodAllocation } from "../../lib/engine/index.ts";

const big = (v: unknown) => (v === null || v === undefined ? 0n : BigInt(v as bigint));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[];
}

export async function allocateSql(conn: DuckDBConnection, carryIn: bigint): Promise<PeriodAllocation> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE pool AS
    SELECT subscriber_id, sum(pool_share) AS pool FROM payments GROUP BY subscriber_id`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE subplays AS
    SELECT subscriber_id, sum(plays) AS plays_s FROM pairs GROUP BY subscriber_id`);

  const usage = await rows(
    conn,
    `SELECT p.artist_id, sum(p.plays) AS plays_a,
       coalesce(sum((pool.pool * p.plays) // s.plays_s), 0) AS user_centric
     FROM pairs p JOIN subplays s USING (subscriber_id) LEFT JOIN pool USING (subscriber_id)
     GROUP BY p.artist_id`,
  );
  const referral = await rows(
    conn,
    `SELECT referrer_artist_id AS artist_id, count(DISTINCT subscriber_id) AS subscribers, sum(amount) AS payments,
       sum(referral_share) FILTER (WHERE referral_paid_onchain) AS onchain,
       sum(referral_share) FILTER (WHERE NOT referral_paid_onchain) AS offchain
     FROM payments WHERE referrer_artist_id <> '' GROUP BY 1`,
  );
  const campaigns = await rows(
    conn,
    `SELECT referrer_artist_id AS artist_id, campaign, count(DISTINCT subscriber_id) AS subscribers,
       sum(amount) AS payments,
       sum(referral_share) FILTER (WHERE referral_paid_onchain) AS onchain,
       sum(referral_share) FILTER (WHERE NOT referral_paid_onchain) AS offchain
     FROM payments WHERE referrer_artist_id <> '' GROUP BY 1, 2`,
  );
  const [t] = await rows(
    conn,
    `SELECT count(*) AS payments, count(DISTINCT subscriber_id) AS paying, sum(amount) AS amount,
       sum(pool_share) AS pool_shares,
       sum(referral_share) FILTER (WHERE referral_paid_onchain AND referrer_artist_id <> '') AS onchain,
       sum(referral_share) FILTER (WHERE NOT referral_paid_onchain AND referrer_artist_id <> '') AS offchain
     FROM payments`,
  );
  const [u] = await rows(
    conn,
    `SELECT count(*) AS subscribers, sum(pool) AS shares FROM pool ANTI JOIN subplays USING (subscriber_id)`,
  );
  const [pp] = await rows(conn, `SELECT count(*) AS pairs FROM pairs`);

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
  await conn.run("DROP TABLE pool; DROP TABLE subplays;");
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
