// The exact BigInt reference of rules v1, written plainly from DESIGN.md for the tests to hold every
// path to (the engine's DuckDB path, lib/rules' streaming kernel, the audit): no number fast paths, no
// streaming, one BigInt division per (subscriber, artist). Only the payments pass and finishAllocation's
// per-artist bookkeeping are shared with lib/rules.
import {
  MIN_COUNTED_MS,
  artistPartials,
  compareStrings,
  finishAllocation,
  paymentsPass,
  type CountedPlays,
  type Payment,
  type PeriodAllocation,
  type Play,
} from "../../lib/rules/index.ts";

/** Counted plays per (subscriber, artist) from raw plays, sorted by subscriber then artist. */
export function aggregatePlays(plays: Iterable<Play>): CountedPlays[] {
  const counts = new Map<string, CountedPlays>();
  for (const p of plays) {
    if (p.msPlayed < MIN_COUNTED_MS) continue;
    const key = JSON.stringify([p.subscriberId, p.artistId]);
    const row = counts.get(key);
    if (row) row.plays++;
    else counts.set(key, { subscriberId: p.subscriberId, artistId: p.artistId, plays: 1 });
  }
  return [...counts.values()].sort(
    (a, b) => compareStrings(a.subscriberId, b.subscriberId) || compareStrings(a.artistId, b.artistId),
  );
}

/** Allocates one period from counted plays per (subscriber, artist), each pair once. */
export function referenceAllocation(
  payments: readonly Payment[],
  plays: readonly CountedPlays[],
  carryIn: bigint,
): PeriodAllocation {
  const pass = paymentsPass(payments);
  const { pool, artist } = pass;

  const playsOfSubscriber = new Map<string, number>();
  let countedPlays = 0;
  for (const r of plays) {
    playsOfSubscriber.set(r.subscriberId, (playsOfSubscriber.get(r.subscriberId) ?? 0) + r.plays);
    artist(r.artistId).countedPlays += r.plays;
    countedPlays += r.plays;
  }

  // User-centric: each paying subscriber's pool share over the artists it played.
  let userCentric = 0n;
  for (const r of plays) {
    const share = pool.get(r.subscriberId);
    if (share === undefined || share === 0n) continue;
    const amountSa = (share * BigInt(r.plays)) / BigInt(playsOfSubscriber.get(r.subscriberId)!);
    artist(r.artistId).userCentric += amountSa;
    userCentric += amountSa;
  }

  // Paying subscribers without counted plays go to the unplayed pool.
  let unplayedPoolShares = 0n;
  let unplayedSubscribers = 0;
  for (const [subscriber, share] of pool) {
    if (playsOfSubscriber.has(subscriber)) continue;
    unplayedSubscribers++;
    unplayedPoolShares += share;
  }
  return finishAllocation(artistPartials(pass.artists), {
    payments: pass.payments,
    payingSubscribers: pool.size,
    unplayedSubscribers,
    amount: pass.amount,
    poolShares: pass.poolShares,
    referralOnchain: pass.referralOnchain,
    referralOffchain: pass.referralOffchain,
    carryIn,
    unplayedPoolShares,
    countedPlays,
    playPairs: plays.length,
    userCentric,
  });
}
