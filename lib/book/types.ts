// The indexer API's answers (indexer/src/api), as the app and the CLIs read them. Amounts are base-unit decimal
// strings (exact; parse with BigInt), times unix seconds, addresses lowercase hex.

export type FanStatus = "active" | "cancelled" | "lapsed";
/** "cancelled"; why a renewal failed: the fan's allowance or balance was short, or the token refused the fan
 * (blocklisted); or "grace": a token-wide refusal outlasted the hub's grace period. */
export type EndReason = "cancelled" | "allowance" | "balance" | "refused" | "grace";

export interface Fan {
  subscriber: string;
  since: number;
  campaign: string;
  planId: string;
  price: string;
  period: number;
  payments: number;
  paidTotal: string;
  referralTotal: string;
  status: FanStatus;
  /** Paid through; for an active fan its next renewal. */
  paidThrough: number;
  endReason: EndReason | null;
  endedAt: number | null;
}

/** Fans by status, what they paid to date and the referral share of it. */
export interface BookTotals {
  fans: number;
  active: number;
  cancelled: number;
  lapsed: number;
  revenue: string;
  referral: string;
}

export interface ArtistSummary extends BookTotals {
  address: string;
  firstFanAt: number | null;
}

export interface FansPage {
  total: number;
  fans: Fan[];
}

export interface Cohort {
  /** UTC month of the first subscription, "YYYY-MM". */
  cohort: string;
  fans: number;
  /** retained[k]: fans whose payments covered month k of their subscription (k = 0 is the first month). */
  retained: number[];
}

export interface Campaign extends BookTotals {
  campaign: string;
  /** revenue / fans, rounded down (base units). */
  lifetimeValue: string;
  /** referral / fans, rounded down: what one fan of this campaign has earned the artist so far. */
  referralPerFan: string;
  cohorts: Cohort[];
}

export type AlertKind = "subscribed" | "renewed" | "deferred" | "failed" | "cancelled" | "root" | "growth" | "payout";

export interface Alert {
  id: string;
  kind: AlertKind;
  title: string;
  subscriber: string | null;
  amount: string | null;
  reason: string | null;
  timestamp: number;
  block: number;
  txHash: string;
}

export interface Payout {
  source: "hub" | "distributor" | "growth" | "split";
  account: string;
  amount: string;
  token: string;
  /** Who sent the transaction: a relayer when it is not the account (a gas-free payout). */
  sender: string;
  relayed: boolean;
  timestamp: number;
  txHash: string;
}

export interface DueSubscription {
  subscriber: string;
  hub: string;
  paidThrough: number;
  price: string;
}

export interface FanReminder {
  subscriber: string;
  hub: string;
  status: FanStatus;
  price: string;
  paidThrough: number;
  allowance: string;
  balance: string;
  /** Renewals the fan's allowance and balance cover now (min of both / price). */
  renewalsCovered: number;
  willRenew: boolean;
}

/** `GET /api/waterfalls`: a recoupment waterfall, the campaign that pays it and the referral payments it was paid. */
export interface WaterfallHistory {
  address: string;
  token: string;
  residual: string;
  salt: string;
  /** Packed tranches (`cap << 160 | recipient`), decimal strings, in order. */
  tranches: string[];
  registration: { artist: string; campaign: number } | null;
  payments: { subscriber: string; referralPart: string; paidThrough: number }[];
}
