// The indexer's tables. Amounts are token base units (numeric, exact); times are unix seconds; every row that
// comes from a log keeps its transaction hash so a statement line links to the chain.
import { index, onchainTable, primaryKey, type PgColumnsBuilders } from "ponder";

/** The totals an artist, and each of its campaigns, keeps: fans by status, what they paid, the referral share. */
const bookTotals = (t: PgColumnsBuilders) => ({
  fans: t.integer().notNull(),
  active: t.integer().notNull(),
  cancelled: t.integer().notNull(),
  lapsed: t.integer().notNull(),
  revenue: t.bigint().notNull(),
  referral: t.bigint().notNull(),
});

/** One row per (hub, subscriber): the fan's binding and where its subscription stands now. */
export const subscription = onchainTable(
  "subscription",
  (t) => ({
    hub: t.hex().notNull(),
    subscriber: t.hex().notNull(),
    /** The payout address the referral pays (`Paid.referrer`): the artist, its campaign's Split or waterfall. */
    referrer: t.hex().notNull(),
    /** The artist whose book the fan is in (`ReferralBound.artist`; the referrer when the hub bound none). */
    artist: t.hex().notNull(),
    /** Campaign of the first subscription: the fan's cohort belongs to it. */
    campaign: t.bigint().notNull(),
    planId: t.bigint().notNull(),
    termsVersion: t.bigint().notNull(),
    price: t.bigint().notNull(),
    period: t.bigint().notNull(),
    since: t.bigint().notNull(),
    /** UTC calendar month of `since`, "YYYY-MM". */
    cohort: t.text().notNull(),
    subscribedTx: t.hex().notNull(),
    paidThrough: t.bigint().notNull(),
    /** "active" | "cancelled" | "lapsed". */
    status: t.text().notNull(),
    /** For an ended subscription: "cancelled"; why the renewal failed: "allowance" | "balance" | "refused" (the fan
     * blocklisted); or "grace" (a token-wide refusal outlasted the hub's grace period). */
    endReason: t.text(),
    endedAt: t.bigint(),
    payments: t.integer().notNull(),
    paidTotal: t.bigint().notNull(),
    referralTotal: t.bigint().notNull(),
    /** The last 30-day month of the fan's paid time (payments × period) the retention counters count it in. */
    monthsCovered: t.integer().notNull(),
  }),
  (s) => ({
    pk: primaryKey({ columns: [s.hub, s.subscriber] }),
    // In the fans page's order (newest first, then by address; NULLS FIRST as ORDER BY … DESC implies, or the
    // planner cannot use it for the order), so a page is read off the index without a sort.
    byArtist: index().on(s.artist, s.since.desc().nullsFirst(), s.subscriber.asc()),
    byArtistStatus: index().on(s.artist, s.status, s.since.desc().nullsFirst(), s.subscriber.asc()),
    byDue: index().on(s.status, s.paidThrough),
  }),
);

/** Every `ReferralBound`: the artist and campaign a subscriber came through, and the address paid for it. */
export const referral = onchainTable("referral", (t) => ({
  subscriber: t.hex().primaryKey(),
  artist: t.hex().notNull(),
  campaign: t.bigint().notNull(),
  payout: t.hex().notNull(),
  termsVersion: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

/** Every `CampaignRegistered`: an artist's campaign and its payout address, fixed for good. */
export const registeredCampaign = onchainTable(
  "registered_campaign",
  (t) => ({
    artist: t.hex().notNull(),
    campaign: t.bigint().notNull(),
    payout: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.artist, s.campaign] }), byPayout: index().on(s.payout) }),
);

/** Every `Paid`: one payment and each routed part. */
export const payment = onchainTable(
  "payment",
  (t) => ({
    id: t.text().primaryKey(),
    hub: t.hex().notNull(),
    subscriber: t.hex().notNull(),
    referrer: t.hex().notNull(),
    campaign: t.bigint().notNull(),
    period: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    referralPart: t.bigint().notNull(),
    poolPart: t.bigint().notNull(),
    platformPart: t.bigint().notNull(),
    paidThrough: t.bigint().notNull(),
    /** "first" (same transaction as its `Subscribed`) or "renewal". */
    kind: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    block: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (s) => ({
    byReferrer: index().on(s.referrer, s.period),
    bySubscriber: index().on(s.subscriber),
  }),
);

/** Every `SubscriptionEnded`, with the reason read from the token at that block. */
export const ending = onchainTable(
  "ending",
  (t) => ({
    id: t.text().primaryKey(),
    hub: t.hex().notNull(),
    subscriber: t.hex().notNull(),
    referrer: t.hex().notNull(),
    reason: t.text().notNull(),
    paidThrough: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ byReferrer: index().on(s.referrer) }),
);

/** Per artist (fans of every campaign, whatever address each pays): the totals its dashboard shows without scanning
 * its fans. */
export const artist = onchainTable("artist", (t) => ({
  address: t.hex().primaryKey(),
  ...bookTotals(t),
  firstFanAt: t.bigint().notNull(),
}));

/** Per (artist, campaign): campaigns are numbered per artist. */
export const campaign = onchainTable(
  "campaign",
  (t) => ({
    artist: t.hex().notNull(),
    campaign: t.bigint().notNull(),
    ...bookTotals(t),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.artist, s.campaign] }) }),
);

/** Fans of a campaign whose payments reached month `month` of their subscription (month 0 = the first payment). */
export const retention = onchainTable(
  "retention",
  (t) => ({
    artist: t.hex().notNull(),
    campaign: t.bigint().notNull(),
    cohort: t.text().notNull(),
    month: t.integer().notNull(),
    fans: t.integer().notNull(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.artist, s.campaign, s.cohort, s.month] }) }),
);

/** What changed for an account (the alerts feed). `account` is the artist, or 0x0 for everyone (a root). */
export const alert = onchainTable(
  "alert",
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    /** "subscribed" | "renewed" | "deferred" | "failed" | "cancelled" | "root" | "growth" | "payout". */
    kind: t.text().notNull(),
    subscriber: t.hex(),
    amount: t.bigint(),
    reason: t.text(),
    timestamp: t.bigint().notNull(),
    block: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  // The feed's order (newest block first, then id), so the latest alerts are read off the index without a sort.
  (s) => ({ byAccount: index().on(s.account, s.block.desc().nullsFirst(), s.id.desc().nullsFirst()) }),
);

export const withdrawal = onchainTable(
  "withdrawal",
  (t) => ({
    id: t.text().primaryKey(),
    source: t.text().notNull(),
    contract: t.hex().notNull(),
    account: t.hex().notNull(),
    token: t.hex().notNull(),
    amount: t.bigint().notNull(),
    /** The transaction's sender: not the account when a relayer paid the gas. */
    sender: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    block: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ byAccount: index().on(s.account) }),
);

export const hubPeriod = onchainTable(
  "hub_period",
  (t) => ({
    hub: t.hex().notNull(),
    period: t.bigint().notNull(),
    pool: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.hub, s.period] }) }),
);

export const plan = onchainTable(
  "plan",
  (t) => ({
    hub: t.hex().notNull(),
    planId: t.bigint().notNull(),
    price: t.bigint().notNull(),
    period: t.bigint().notNull(),
    availableFrom: t.bigint().notNull(),
    retiredFrom: t.bigint(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.hub, s.planId] }) }),
);

/** Distributor and growth-pool roots: "pending" → "active", or "vetoed" / "replaced". */
export const root = onchainTable(
  "root",
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.hex().notNull(),
    kind: t.text().notNull(),
    root: t.hex().notNull(),
    total: t.bigint(),
    dataHash: t.hex().notNull(),
    uri: t.text().notNull(),
    claimableAt: t.bigint().notNull(),
    status: t.text().notNull(),
    vetoedBy: t.hex(),
    proposedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ byRoot: index().on(s.root) }),
);

export const funding = onchainTable("funding", (t) => ({
  id: t.text().primaryKey(),
  distributor: t.hex().notNull(),
  from: t.hex().notNull(),
  amount: t.bigint().notNull(),
  totalFunded: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

/** Cumulative claimed per (distributor, account), to turn `Claimed(cumulative)` into the amount paid. */
export const claimed = onchainTable(
  "claimed",
  (t) => ({
    distributor: t.hex().notNull(),
    account: t.hex().notNull(),
    cumulative: t.bigint().notNull(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.distributor, s.account] }) }),
);

export const split = onchainTable("split", (t) => ({
  address: t.hex().primaryKey(),
  root: t.hex().notNull(),
  totalShares: t.bigint().notNull(),
  salt: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

export const splitMember = onchainTable(
  "split_member",
  (t) => ({
    split: t.hex().notNull(),
    payee: t.hex().notNull(),
    share: t.bigint().notNull(),
  }),
  (s) => ({ pk: primaryKey({ columns: [s.split, s.payee] }), byPayee: index().on(s.payee) }),
);

export const splitRelease = onchainTable(
  "split_release",
  (t) => ({
    id: t.text().primaryKey(),
    split: t.hex().notNull(),
    token: t.hex().notNull(),
    payee: t.hex().notNull(),
    amount: t.bigint().notNull(),
    failed: t.boolean().notNull(),
    sender: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    block: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ byPayee: index().on(s.payee) }),
);

export const growthUnits = onchainTable(
  "growth_units",
  (t) => ({
    id: t.text().primaryKey(),
    pool: t.hex().notNull(),
    holder: t.hex().notNull(),
    added: t.bigint().notNull(),
    units: t.bigint().notNull(),
    totalUnits: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (s) => ({ byHolder: index().on(s.holder) }),
);

export const growthDeposit = onchainTable("growth_deposit", (t) => ({
  id: t.text().primaryKey(),
  pool: t.hex().notNull(),
  token: t.hex().notNull(),
  commitmentId: t.bigint().notNull(),
  ref: t.hex().notNull(),
  depositor: t.hex().notNull(),
  amount: t.bigint().notNull(),
  remainder: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
  block: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

export const routerSkip = onchainTable("router_skip", (t) => ({
  id: t.text().primaryKey(),
  account: t.hex().notNull(),
  kind: t.integer().notNull(),
  target: t.hex().notNull(),
  reason: t.hex().notNull(),
  timestamp: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));

/** Every `WaterfallCreated`: a recoupment campaign's waterfall and its full config (tranches packed as the factory
 * takes them, decimal strings). */
export const waterfall = onchainTable("waterfall", (t) => ({
  address: t.hex().primaryKey(),
  token: t.hex().notNull(),
  residual: t.hex().notNull(),
  salt: t.hex().notNull(),
  tranches: t.text().array().notNull(),
  timestamp: t.bigint().notNull(),
  block: t.bigint().notNull(),
  txHash: t.hex().notNull(),
}));
