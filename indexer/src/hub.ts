// SubscriptionHub: subscriptions, payments with each routed part, endings with their reason, withdrawals, periods,
// plans — and the per-artist and per-campaign totals and retention counters the dashboard reads. The book is the
// artist's (`ReferralBound.artist`), not the payout address's: a campaign paying a Split keeps its fans in the book of
// the artist who brought them. Money (withdrawals, exports, payouts) stays per payout address.
import { ponder, type Context } from "ponder:registry";
import schema from "ponder:schema";
import { at, paidOut } from "../book/rows.ts";
import { ABIS } from "../abis.ts";
import { ZERO_ADDRESS, cohortOf, lapseReason, monthsCovered, type EndReason } from "../book/rules.ts";

type Hex = `0x${string}`;
type Status = "active" | "cancelled" | "lapsed";
type Counts = { active: number; cancelled: number; lapsed: number };

const tokens = new Map<Hex, Hex>();
/** The hub's token (an immutable, read once per hub). */
async function tokenOf(context: Context, hub: Hex): Promise<Hex> {
  let token = tokens.get(hub);
  if (!token) {
    token = (await context.client.readContract({
      abi: ABIS.SubscriptionHub,
      address: hub,
      functionName: "TOKEN",
    })) as Hex;
    tokens.set(hub, token);
  }
  return token;
}

/** Moves one fan between status counters of its artist and campaign. */
async function countStatus(context: Context, artist: Hex, campaign: bigint, from: Status | null, to: Status) {
  const shift = (row: Counts): Counts => {
    const next = { active: row.active, cancelled: row.cancelled, lapsed: row.lapsed };
    if (from) next[from] -= 1;
    next[to] += 1;
    return next;
  };
  await context.db.update(schema.artist, { address: artist }).set(shift);
  await context.db.update(schema.campaign, { artist, campaign }).set(shift);
}

ponder.on("SubscriptionHub:Subscribed", async ({ event, context }) => {
  const { subscriber, referrer, planId, campaign, termsVersion, price, period } = event.args;
  const hub = event.log.address;
  const ts = event.block.timestamp;
  const found = await context.db.find(schema.subscription, { hub, subscriber });
  // A copy: the store may hand out the cached row that the update below changes.
  const existing = found ? { ...found } : null;
  const fields = {
    planId,
    termsVersion,
    price,
    period,
    subscribedTx: event.transaction.hash,
    status: "active",
    endReason: null,
    endedAt: null,
  };
  // `ReferralBound` comes first in the same transaction; a returning fan keeps the artist it was bound to.
  const artist = existing
    ? (existing.artist as Hex)
    : ((await context.db.find(schema.referral, { subscriber }))?.artist ?? referrer);
  if (existing) {
    await context.db.update(schema.subscription, { hub, subscriber }).set(fields);
  } else {
    await context.db.insert(schema.subscription).values({
      hub,
      subscriber,
      referrer,
      artist,
      campaign,
      since: ts,
      cohort: cohortOf(ts),
      paidThrough: ts,
      payments: 0,
      paidTotal: 0n,
      referralTotal: 0n,
      monthsCovered: -1,
      ...fields,
    });
  }
  if (referrer === ZERO_ADDRESS) return;
  const fan = existing ? 0 : 1;
  const zero = { active: 0, cancelled: 0, lapsed: 0, revenue: 0n, referral: 0n };
  await context.db
    .insert(schema.artist)
    .values({ address: artist, fans: 1, firstFanAt: ts, ...zero })
    .onConflictDoUpdate((row) => ({ fans: row.fans + fan }));
  const cohortCampaign = existing ? existing.campaign : campaign;
  await context.db
    .insert(schema.campaign)
    .values({ artist, campaign: cohortCampaign, fans: 1, ...zero })
    .onConflictDoUpdate((row) => ({ fans: row.fans + fan }));
  await countStatus(context, artist, cohortCampaign, existing ? (existing.status as Status) : null, "active");
  await context.db.insert(schema.alert).values({
    id: event.id,
    account: artist,
    kind: "subscribed",
    subscriber,
    amount: price,
    reason: existing ? "returned" : "new",
    timestamp: ts,
    block: event.block.number,
    txHash: event.transaction.hash,
  });
});

ponder.on("SubscriptionHub:Paid", async ({ event, context }) => {
  const { subscriber, referrer, period, campaign, amount, referralPart, poolPart, paidThrough } = event.args;
  const hub = event.log.address;
  const sub = { ...(await context.db.find(schema.subscription, { hub, subscriber }))! };
  const kind = sub.subscribedTx === event.transaction.hash ? "first" : "renewal";
  await context.db.insert(schema.payment).values({
    id: event.id,
    hub,
    subscriber,
    referrer,
    campaign,
    period,
    amount,
    referralPart,
    poolPart,
    platformPart: amount - referralPart - poolPart,
    paidThrough,
    kind,
    ...at(event),
    logIndex: event.log.logIndex,
  });
  const months = monthsCovered(BigInt(sub.payments + 1) * sub.period);
  await context.db.update(schema.subscription, { hub, subscriber }).set({
    paidThrough,
    payments: sub.payments + 1,
    paidTotal: sub.paidTotal + amount,
    referralTotal: sub.referralTotal + referralPart,
    monthsCovered: Math.max(months, sub.monthsCovered),
  });
  if (referrer === ZERO_ADDRESS) return;
  const add = (row: { revenue: bigint; referral: bigint }) => ({
    revenue: row.revenue + amount,
    referral: row.referral + referralPart,
  });
  const artist = sub.artist as Hex;
  await context.db.update(schema.artist, { address: artist }).set(add);
  await context.db
    .insert(schema.campaign)
    .values({
      artist,
      campaign,
      fans: 0,
      active: 0,
      cancelled: 0,
      lapsed: 0,
      revenue: amount,
      referral: referralPart,
    })
    .onConflictDoUpdate(add);
  for (let m = sub.monthsCovered + 1; m <= months; m++) {
    await context.db
      .insert(schema.retention)
      .values({ artist, campaign: sub.campaign, cohort: sub.cohort, month: m, fans: 1 })
      .onConflictDoUpdate((row) => ({ fans: row.fans + 1 }));
  }
  if (kind === "renewal") {
    await context.db.insert(schema.alert).values({
      id: event.id,
      account: artist,
      kind: "renewed",
      subscriber,
      amount: referralPart,
      reason: null,
      ...at(event),
    });
  }
});

ponder.on("SubscriptionHub:SubscriptionEnded", async ({ event, context }) => {
  const { subscriber, reason, paidThrough } = event.args;
  const hub = event.log.address;
  const sub = { ...(await context.db.find(schema.subscription, { hub, subscriber }))! };
  // EndReason: 0 Cancelled, 1 PaymentFailed (the fan's own failure), 2 GraceExpired (a token-wide refusal lasted).
  let why: EndReason = reason === 2 ? "grace" : "cancelled";
  if (reason === 1) {
    const token = await tokenOf(context, hub);
    // The failed pull moved nothing, so the token's state at this block is what the hub saw.
    const read = (functionName: "allowance" | "balanceOf", args: readonly Hex[]) =>
      context.client.readContract({
        abi: ABIS.Token,
        address: token,
        functionName,
        args: args as never,
      }) as Promise<bigint>;
    why = lapseReason(sub.price, await read("allowance", [subscriber, hub]), await read("balanceOf", [subscriber]));
  }
  const status: Status = why === "cancelled" ? "cancelled" : "lapsed";
  await context.db
    .update(schema.subscription, { hub, subscriber })
    .set({ status, endReason: why, endedAt: event.block.timestamp });
  await context.db.insert(schema.ending).values({
    id: event.id,
    hub,
    subscriber,
    referrer: sub.referrer,
    reason: why,
    paidThrough,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  if (sub.referrer === ZERO_ADDRESS) return;
  await countStatus(context, sub.artist as Hex, sub.campaign, sub.status as Status, status);
  await context.db.insert(schema.alert).values({
    id: event.id,
    account: sub.artist,
    kind: status === "cancelled" ? "cancelled" : "failed",
    subscriber,
    amount: sub.price,
    reason: why,
    ...at(event),
  });
});

ponder.on("SubscriptionHub:Withdrawn", async ({ event, context }) => {
  await context.db
    .insert(schema.withdrawal)
    .values(paidOut(event, "hub", event.args.account, await tokenOf(context, event.log.address), event.args.amount));
});

ponder.on("SubscriptionHub:PlatformWithdrawn", async ({ event, context }) => {
  await context.db
    .insert(schema.withdrawal)
    .values(paidOut(event, "platform", event.args.to, await tokenOf(context, event.log.address), event.args.amount));
});

ponder.on("SubscriptionHub:PeriodClosed", async ({ event, context }) => {
  await context.db.insert(schema.hubPeriod).values({
    hub: event.log.address,
    period: event.args.period,
    pool: event.args.pool,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("SubscriptionHub:PlanProposed", async ({ event, context }) => {
  const { planId, price, period, availableFrom } = event.args;
  await context.db.insert(schema.plan).values({ hub: event.log.address, planId, price, period, availableFrom });
});

ponder.on("SubscriptionHub:PlanRetirementProposed", async ({ event, context }) => {
  const key = { hub: event.log.address, planId: event.args.planId };
  await context.db.update(schema.plan, key).set({ retiredFrom: event.args.retiredFrom });
});

ponder.on("SubscriptionHub:ReferralBound", async ({ event, context }) => {
  const { subscriber, artist, campaign, payout, termsVersion } = event.args;
  await context.db
    .insert(schema.referral)
    .values({
      subscriber,
      artist,
      campaign,
      payout,
      termsVersion,
      timestamp: event.block.timestamp,
      txHash: event.transaction.hash,
    })
    .onConflictDoNothing();
});

ponder.on("SubscriptionHub:CampaignRegistered", async ({ event, context }) => {
  const { artist, campaign, payout } = event.args;
  await context.db
    .insert(schema.registeredCampaign)
    .values({ artist, campaign, payout, timestamp: event.block.timestamp, txHash: event.transaction.hash });
});

// A due renewal the token refused to everyone (paused, or the hub blocklisted): the fan is not at fault and the
// subscription stays active until the grace period ends.
ponder.on("SubscriptionHub:RenewalDeferred", async ({ event, context }) => {
  const { subscriber, graceEndsAt } = event.args;
  const sub = await context.db.find(schema.subscription, { hub: event.log.address, subscriber });
  if (!sub || sub.referrer === ZERO_ADDRESS) return;
  await context.db.insert(schema.alert).values({
    id: event.id,
    account: sub.artist,
    kind: "deferred",
    subscriber,
    amount: sub.price,
    reason: String(graceEndsAt),
    ...at(event),
  });
});
