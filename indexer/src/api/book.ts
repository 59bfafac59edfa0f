// The book of business, read from the indexer's tables: an artist's totals, fans, campaigns with retention
// cohorts, payouts, and the subscriptions due for the keeper.
import { db } from "ponder:api";
import schema from "ponder:schema";
import { and, asc, desc, eq, gt, lte, or } from "ponder";
import type {
  ArtistSummary,
  Campaign,
  Cohort,
  DueSubscription,
  Fan,
  FansPage,
  Payout,
  WaterfallHistory,
} from "../../../lib/book/types.ts";

type Hex = `0x${string}`;
const s = schema.subscription;

export async function artistSummary(address: Hex): Promise<ArtistSummary> {
  const [row] = await db.select().from(schema.artist).where(eq(schema.artist.address, address));
  if (!row)
    return { address, fans: 0, active: 0, cancelled: 0, lapsed: 0, revenue: "0", referral: "0", firstFanAt: null };
  return { ...row, revenue: String(row.revenue), referral: String(row.referral), firstFanAt: Number(row.firstFanAt) };
}

export async function fans(
  address: Hex,
  o: { limit: number; offset: number; status?: string; campaign?: string },
): Promise<FansPage> {
  const where = and(
    eq(s.artist, address),
    o.status ? eq(s.status, o.status) : undefined,
    o.campaign !== undefined ? eq(s.campaign, BigInt(o.campaign)) : undefined,
  );
  // The total comes from the counters kept at index time, not from counting the artist's fans on every page; both
  // queries run at once.
  const [counters, rows] = await Promise.all([
    o.campaign !== undefined
      ? db
          .select()
          .from(schema.campaign)
          .where(and(eq(schema.campaign.artist, address), eq(schema.campaign.campaign, BigInt(o.campaign))))
          .then((r) => r[0])
      : db
          .select()
          .from(schema.artist)
          .where(eq(schema.artist.address, address))
          .then((r) => r[0]),
    db.select().from(s).where(where).orderBy(desc(s.since), asc(s.subscriber)).limit(o.limit).offset(o.offset),
  ]);
  const n = counters ? (o.status ? counters[o.status as "active" | "cancelled" | "lapsed"] : counters.fans) : 0;
  return {
    total: Number(n),
    fans: rows.map((r): Fan => ({
      subscriber: r.subscriber,
      since: Number(r.since),
      campaign: String(r.campaign),
      planId: String(r.planId),
      price: String(r.price),
      period: Number(r.period),
      payments: r.payments,
      paidTotal: String(r.paidTotal),
      referralTotal: String(r.referralTotal),
      status: r.status as Fan["status"],
      paidThrough: Number(r.paidThrough),
      endReason: r.endReason as Fan["endReason"],
      endedAt: r.endedAt === null ? null : Number(r.endedAt),
    })),
  };
}

export async function campaigns(address: Hex): Promise<Campaign[]> {
  const [rows, cohortFans] = await Promise.all([
    db.select().from(schema.campaign).where(eq(schema.campaign.artist, address)).orderBy(asc(schema.campaign.campaign)),
    // Cohort sizes are month 0 of the retention counters: every fan's first payment covers it.
    db.select().from(schema.retention).where(eq(schema.retention.artist, address)),
  ]);
  const cohorts = new Map<string, Map<string, number[]>>();
  for (const r of cohortFans) {
    const key = String(r.campaign);
    const byCohort = cohorts.get(key) ?? new Map<string, number[]>();
    cohorts.set(key, byCohort);
    const months = byCohort.get(r.cohort) ?? [];
    byCohort.set(r.cohort, months);
    months[r.month] = r.fans;
  }
  return rows.map((c) => {
    const byCohort = cohorts.get(String(c.campaign)) ?? new Map<string, number[]>();
    const list: Cohort[] = [...byCohort.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cohort, months]) => {
        const retainedCounts = Array.from({ length: months.length }, (_, k) => months[k] ?? 0);
        return { cohort, fans: retainedCounts[0] ?? 0, retained: retainedCounts };
      });
    const per = (v: bigint) => String(c.fans > 0 ? v / BigInt(c.fans) : 0n);
    return {
      campaign: String(c.campaign),
      fans: c.fans,
      active: c.active,
      cancelled: c.cancelled,
      lapsed: c.lapsed,
      revenue: String(c.revenue),
      referral: String(c.referral),
      lifetimeValue: per(c.revenue),
      referralPerFan: per(c.referral),
      cohorts: list,
    };
  });
}

/** Everything paid out to `address` (hub withdrawals, distributor claims, growth claims, Split releases). */
export async function payouts(address: Hex, limit = 200): Promise<Payout[]> {
  const w = schema.withdrawal;
  const r = schema.splitRelease;
  const [withdrawals, releases] = await Promise.all([
    db.select().from(w).where(eq(w.account, address)).orderBy(desc(w.timestamp)).limit(limit),
    db
      .select()
      .from(r)
      .where(and(eq(r.payee, address), eq(r.failed, false)))
      .orderBy(desc(r.timestamp))
      .limit(limit),
  ]);
  const out: Payout[] = [
    ...withdrawals.map((x) => ({
      source: x.source as Payout["source"],
      account: x.account,
      amount: String(x.amount),
      token: x.token,
      sender: x.sender,
      relayed: x.sender !== x.account,
      timestamp: Number(x.timestamp),
      txHash: x.txHash,
    })),
    ...releases.map((x) => ({
      source: "split" as const,
      account: x.payee,
      amount: String(x.amount),
      token: x.token,
      sender: x.sender,
      relayed: x.sender !== x.payee,
      timestamp: Number(x.timestamp),
      txHash: x.txHash,
    })),
  ];
  return out.sort((a, b) => b.timestamp - a.timestamp).slice(0, limit);
}

/** Splits `address` is a member of, with its share (the app proves its leaf from this config). */
export async function splitsOf(address: Hex) {
  const m = schema.splitMember;
  const rows = await db.select().from(m).where(eq(m.payee, address));
  const out = [];
  for (const row of rows) {
    const [split] = await db.select().from(schema.split).where(eq(schema.split.address, row.split));
    const members = await db.select().from(m).where(eq(m.split, row.split));
    out.push({
      split: row.split,
      share: String(row.share),
      totalShares: String(split.totalShares),
      salt: split.salt,
      payees: members.map((x) => ({ account: x.payee, share: String(x.share) })),
    });
  }
  return out;
}

/** Active subscriptions paid through at most `before`, oldest due first; `after` is the last subscriber of the
 * previous page (keyset pagination, stable while the keeper works). */
export async function due(
  before: bigint,
  limit: number,
  after?: { paidThrough: bigint; subscriber: Hex },
): Promise<DueSubscription[]> {
  const cursor = after
    ? or(
        gt(s.paidThrough, after.paidThrough),
        and(eq(s.paidThrough, after.paidThrough), gt(s.subscriber, after.subscriber)),
      )
    : undefined;
  const rows = await db
    .select({ subscriber: s.subscriber, hub: s.hub, paidThrough: s.paidThrough, price: s.price })
    .from(s)
    .where(and(eq(s.status, "active"), lte(s.paidThrough, before), cursor))
    .orderBy(asc(s.paidThrough), asc(s.subscriber))
    .limit(limit);
  return rows.map((r) => ({
    subscriber: r.subscriber,
    hub: r.hub,
    paidThrough: Number(r.paidThrough),
    price: String(r.price),
  }));
}

export async function subscriptionsOf(subscriber: Hex) {
  return db.select().from(s).where(eq(s.subscriber, subscriber));
}

/** Every account the chain may owe something: artists, campaign payouts (Splits, waterfalls), Split members,
 * growth-pool holders (for payouts). */
export async function accounts(): Promise<Hex[]> {
  const [artists, payouts, members, holders] = await Promise.all([
    db.select({ a: schema.artist.address }).from(schema.artist),
    db.selectDistinct({ a: schema.registeredCampaign.payout }).from(schema.registeredCampaign),
    db.selectDistinct({ a: schema.splitMember.payee }).from(schema.splitMember),
    db.selectDistinct({ a: schema.growthUnits.holder }).from(schema.growthUnits),
  ]);
  return [...new Set([...artists, ...payouts, ...members, ...holders].map((r) => r.a))].sort();
}

/** Every recoupment waterfall: its config, the artist campaign that pays it, and the referral payments it was paid
 * (the app's campaign view; what it holds and owes the app reads from the chain). */
export async function waterfalls(): Promise<WaterfallHistory[]> {
  const rows = await db.select().from(schema.waterfall).orderBy(asc(schema.waterfall.block));
  return Promise.all(
    rows.map(async (w) => {
      const [registered, paid] = await Promise.all([
        db.select().from(schema.registeredCampaign).where(eq(schema.registeredCampaign.payout, w.address)),
        db
          .select()
          .from(schema.payment)
          .where(eq(schema.payment.referrer, w.address))
          .orderBy(asc(schema.payment.block), asc(schema.payment.logIndex)),
      ]);
      return {
        address: w.address,
        token: w.token,
        residual: w.residual,
        salt: w.salt,
        tranches: w.tranches,
        registration: registered[0] ? { artist: registered[0].artist, campaign: Number(registered[0].campaign) } : null,
        payments: paid.map((p) => ({
          subscriber: p.subscriber,
          referralPart: String(p.referralPart),
          paidThrough: Number(p.paidThrough),
        })),
      };
    }),
  );
}
