// The fan's receipt, rules v1: where one subscriber's payments of a period went, exact to the base
// unit — the referral part to the artist who brought them, the pool part split over the artists they
// played (floor(pool × plays_a / plays), the engine's user-centric split), the rounding remainder of
// that split (into the period's carry), and the platform's part. A fan with no counted play feeds the
// unplayed pool, which is split over everyone's plays.
import { compareStrings, type CountedPlays, type Payment } from "./types.ts";

export interface ReceiptArtist {
  artistId: string;
  plays: number;
  amount: bigint;
}

export interface FanReceipt {
  subscriber: string;
  payments: number;
  /** Σ amount of the fan's payments this period. */
  amount: bigint;
  /** Referral parts by referrer artist (sorted); onchain: the hub paid it in the same transaction. */
  referral: { artistId: string; amount: bigint; onchain: boolean }[];
  /** Σ pool shares. */
  pool: bigint;
  /** The user-centric split of the pool part over the artists played (sorted by artist id). */
  artists: ReceiptArtist[];
  /** Pool part that went to the unplayed pool (the fan had no counted play), else 0. */
  unplayed: bigint;
  /** pool − Σ artists when played: the split's rounding remainder, carried into the next period. */
  remainder: bigint;
  /** amount − pool − referral parts. */
  platform: bigint;
  countedPlays: number;
}

/** The receipt of `subscriber` from its own payment and play rows (others' rows are ignored). */
export function fanReceipt(
  subscriber: string,
  payments: readonly Payment[],
  plays: readonly CountedPlays[],
): FanReceipt {
  const mine = payments.filter((p) => p.subscriberId === subscriber);
  const played = plays.filter((p) => p.subscriberId === subscriber && p.plays > 0);
  let amount = 0n;
  let pool = 0n;
  let referralTotal = 0n;
  const referral = new Map<string, { artistId: string; amount: bigint; onchain: boolean }>();
  for (const p of mine) {
    amount += p.amount;
    pool += p.poolShare;
    if (p.referralShare === 0n && p.referrerArtistId === "") continue;
    referralTotal += p.referralShare;
    const key = `${p.referrerArtistId}\0${p.referralPaidOnchain}`;
    const r = referral.get(key) ?? { artistId: p.referrerArtistId, amount: 0n, onchain: p.referralPaidOnchain };
    r.amount += p.referralShare;
    referral.set(key, r);
  }
  const countedPlays = played.reduce((s, p) => s + p.plays, 0);
  const artists: ReceiptArtist[] = played
    .map((p) => ({
      artistId: p.artistId,
      plays: p.plays,
      amount: (pool * BigInt(p.plays)) / BigInt(countedPlays),
    }))
    .sort((a, b) => compareStrings(a.artistId, b.artistId));
  const split = artists.reduce((s, a) => s + a.amount, 0n);
  return {
    subscriber,
    payments: mine.length,
    amount,
    referral: [...referral.values()].sort((a, b) => compareStrings(a.artistId, b.artistId)),
    pool,
    artists,
    unplayed: countedPlays === 0 ? pool : 0n,
    remainder: countedPlays === 0 ? 0n : pool - split,
    platform: amount - pool - referralTotal,
    countedPlays,
  };
}
