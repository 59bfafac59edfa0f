// Rules v1 around the split kernel (split.ts): the payments pass (pool share per subscriber, referrals
// per artist and campaign) and finishAllocation, the per-artist rest that both engine paths and the
// audit share — the unplayed pool and the pro-rata comparison split over all counted plays, then carry.
import { splitByPlays } from "./split.ts";
import {
  compareStrings,
  type ArtistAllocation,
  type Payment,
  type PeriodAllocation,
  type PeriodTotals,
} from "./types.ts";

/** Per-artist accumulator of the payments pass and the plays pass. */
export interface ArtistAcc {
  countedPlays: number;
  userCentric: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
  subscribers: Set<string>;
  acquiredPayments: bigint;
  campaigns: Map<string, { subscribers: Set<string>; payments: bigint; on: bigint; off: bigint }>;
}

/** What the payments pass yields; the plays pass (here or streamed) adds usage to `artists`. */
export interface PaymentsPass {
  /** Pool share per paying subscriber. */
  pool: Map<string, bigint>;
  artists: Map<string, ArtistAcc>;
  artist: (id: string) => ArtistAcc;
  payments: number;
  amount: bigint;
  poolShares: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
}

/** Pool shares per subscriber and referral figures per artist and campaign. */
export function paymentsPass(payments: Iterable<Payment>): PaymentsPass {
  const r = emptyPaymentsPass();
  for (const p of payments) addPayment(r, p);
  return r;
}

/** A payments pass with no payment yet: addPayment takes them one at a time (a reader need not hold them). */
export function emptyPaymentsPass(): PaymentsPass {
  const artists = new Map<string, ArtistAcc>();
  const artist = (id: string): ArtistAcc => {
    let a = artists.get(id);
    if (!a) {
      a = {
        countedPlays: 0,
        userCentric: 0n,
        referralOnchain: 0n,
        referralOffchain: 0n,
        subscribers: new Set(),
        acquiredPayments: 0n,
        campaigns: new Map(),
      };
      artists.set(id, a);
    }
    return a;
  };
  return {
    pool: new Map(),
    artists,
    artist,
    payments: 0,
    amount: 0n,
    poolShares: 0n,
    referralOnchain: 0n,
    referralOffchain: 0n,
  };
}

/** One payment into the pass. */
export function addPayment(r: PaymentsPass, p: Payment): void {
  r.payments++;
  r.amount += p.amount;
  r.poolShares += p.poolShare;
  r.pool.set(p.subscriberId, (r.pool.get(p.subscriberId) ?? 0n) + p.poolShare);
  if (p.referrerArtistId === "") return;
  const a = r.artist(p.referrerArtistId);
  a.subscribers.add(p.subscriberId);
  a.acquiredPayments += p.amount;
  let c = a.campaigns.get(p.campaign);
  if (!c) a.campaigns.set(p.campaign, (c = { subscribers: new Set(), payments: 0n, on: 0n, off: 0n }));
  c.subscribers.add(p.subscriberId);
  c.payments += p.amount;
  if (p.referralPaidOnchain) {
    a.referralOnchain += p.referralShare;
    c.on += p.referralShare;
    r.referralOnchain += p.referralShare;
  } else {
    a.referralOffchain += p.referralShare;
    c.off += p.referralShare;
    r.referralOffchain += p.referralShare;
  }
}

/** The per-artist partials of a finished payments + plays pass. */
export function artistPartials(artists: ReadonlyMap<string, ArtistAcc>): ArtistPartial[] {
  return [...artists.entries()].map(([artistId, a]) => ({
    artistId,
    countedPlays: a.countedPlays,
    userCentric: a.userCentric,
    referralOnchain: a.referralOnchain,
    referralOffchain: a.referralOffchain,
    subscribersAcquired: a.subscribers.size,
    acquiredPayments: a.acquiredPayments,
    campaigns: [...a.campaigns.entries()].map(([campaign, c]) => ({
      campaign,
      subscribers: c.subscribers.size,
      payments: c.payments,
      referralOnchain: c.on,
      referralOffchain: c.off,
    })),
  }));
}

/** Per-artist figures that need a pass over subscribers (computed here or in SQL). */
export type ArtistPartial = Omit<ArtistAllocation, "unplayed" | "proRata">;

/** Period figures that need a pass over payments and plays (computed here or in SQL). */
export type PartialTotals = Pick<
  PeriodTotals,
  | "payments"
  | "payingSubscribers"
  | "unplayedSubscribers"
  | "amount"
  | "poolShares"
  | "referralOnchain"
  | "referralOffchain"
  | "carryIn"
  | "countedPlays"
  | "playPairs"
  | "userCentric"
> & {
  /** Σ pool shares of paying subscribers without counted plays. */
  unplayedPoolShares: bigint;
};

/**
 * The per-artist arithmetic both paths share: the unplayed pool (its subscribers' pool shares plus
 * the carry-in) and the pro-rata comparison, split over all counted plays; then carry.
 */
export function finishAllocation(partials: readonly ArtistPartial[], t: PartialTotals): PeriodAllocation {
  const unplayedPool = t.unplayedPoolShares + t.carryIn;
  const pool = t.poolShares + t.carryIn;
  const total = BigInt(t.countedPlays);
  let unplayed = 0n;
  const artists: ArtistAllocation[] = [...partials]
    .sort((x, y) => compareStrings(x.artistId, y.artistId))
    .map((a) => {
      const playsA = BigInt(a.countedPlays);
      const unplayedA = total > 0n ? splitByPlays(unplayedPool, playsA, total) : 0n;
      unplayed += unplayedA;
      return {
        ...a,
        unplayed: unplayedA,
        proRata: total > 0n ? splitByPlays(pool, playsA, total) : 0n,
        campaigns: [...a.campaigns].sort((x, y) => compareStrings(x.campaign, y.campaign)),
      };
    });
  const allocated = t.userCentric + unplayed + t.referralOffchain;
  const funded = pool + t.referralOffchain;
  return {
    totals: {
      payments: t.payments,
      payingSubscribers: t.payingSubscribers,
      unplayedSubscribers: t.unplayedSubscribers,
      amount: t.amount,
      poolShares: t.poolShares,
      referralOnchain: t.referralOnchain,
      referralOffchain: t.referralOffchain,
      carryIn: t.carryIn,
      pool,
      unplayedPool,
      countedPlays: t.countedPlays,
      playPairs: t.playPairs,
      userCentric: t.userCentric,
      unplayed,
      allocated,
      funded,
      carryOut: funded - allocated,
    },
    artists,
  };
}
