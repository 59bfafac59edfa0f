// Input and output shapes of the attribution engine, rules version 1. Money is always bigint.

export const RULES_VERSION = "gapless-v1";
/** A play counts when it lasts at least this long. */
export const MIN_COUNTED_MS = 30_000;

/** One payment row of a period (payments file). */
export interface Payment {
  paymentId: string;
  subscriberId: string;
  amount: bigint;
  poolShare: bigint;
  referralShare: bigint;
  /** Empty when the subscriber was not referred. */
  referrerArtistId: string;
  /** True when the hub already paid the referral share on-chain; false for off-chain billing. */
  referralPaidOnchain: boolean;
  campaign: string;
  paidAt: number;
}

/** One raw play (plays file). */
export interface Play {
  subscriberId: string;
  artistId: string;
  msPlayed: number;
}

/** Counted plays of one subscriber for one artist (the published plays.csv rows). */
export interface CountedPlays {
  subscriberId: string;
  artistId: string;
  plays: number;
}

/** One artist of the registry; payoutAddress is lowercase. */
export interface Artist {
  artistId: string;
  payoutAddress: string;
  name: string;
}

/** Referral figures of one artist for one campaign ("" = no campaign). */
export interface CampaignTotals {
  campaign: string;
  /** Distinct referred subscribers with a payment this period. */
  subscribers: number;
  /** Σ amount of those subscribers' payments this period. */
  payments: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
}

/** What one artist gets this period, and the figures behind it. */
export interface ArtistAllocation {
  artistId: string;
  countedPlays: number;
  /** Σ over subscribers of floor(pool_s × plays_sa / plays_s). */
  userCentric: bigint;
  /** floor(unplayed pool × plays_a / total plays). */
  unplayed: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
  /** floor(pool funded × plays_a / total plays): what pro-rata streaming alone would pay. */
  proRata: bigint;
  subscribersAcquired: number;
  acquiredPayments: bigint;
  /** Sorted by campaign. */
  campaigns: CampaignTotals[];
}

export interface PeriodTotals {
  payments: number;
  /** Distinct subscribers with a payment. */
  payingSubscribers: number;
  /** Paying subscribers with no counted play (their pool shares form the unplayed pool). */
  unplayedSubscribers: number;
  amount: bigint;
  poolShares: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
  carryIn: bigint;
  /** Σ pool shares + carry-in: the pool funded this period. */
  pool: bigint;
  /** Pool shares of paying subscribers without counted plays, plus carry-in. */
  unplayedPool: bigint;
  countedPlays: number;
  /** Distinct (subscriber, artist) pairs with counted plays. */
  playPairs: number;
  userCentric: bigint;
  unplayed: bigint;
  /** userCentric + unplayed + referralOffchain: this period's increase of the leaves. */
  allocated: bigint;
  /** pool + referralOffchain: what the distributor receives for this period. */
  funded: bigint;
  /** funded − allocated: rounding remainder (or the whole pool when nothing was played). */
  carryOut: bigint;
}

export interface PeriodAllocation {
  totals: PeriodTotals;
  /** Artists with any plays or referrals this period, sorted by artistId. */
  artists: ArtistAllocation[];
}

/**
 * The one sort order of every published file and every check: UTF-8 byte order (the same as Unicode code
 * point order, and DuckDB's VARCHAR order), never locale or UTF-16 code units. It differs from JS's `<`
 * only where a surrogate pair (U+10000 and up) meets U+E000–U+FFFF, e.g. "\u{1F600}" sorts after "\uFF01".
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  let x = a.charCodeAt(i);
  let y = b.charCodeAt(i);
  // Code units D800–DFFF (surrogates, i.e. code points above FFFF) rank above E000–FFFF.
  if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
  if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
  return x < y ? -1 : 1;
}
