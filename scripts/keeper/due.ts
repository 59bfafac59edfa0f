// What the keeper does with each subscription this cycle. Pure: the caller reads the hub's subscription slots
// and, for those due, whether the fan can pay (the hub's `renewable` view where it has one, else allowance and
// balance against the price, `covers`).
import type { Address } from "viem";
import { renewalsCovered } from "../../lib/chain/renewals.ts";

/** The hub's `Status` enum (ISubscriptionHub.Status). */
export const ACTIVE = 1;

export interface SubState {
  subscriber: Address;
  status: number;
  paidThrough: bigint;
  price: bigint;
}

export interface Funds {
  balance: bigint;
  allowance: bigint;
}

/** Whether allowance and balance cover one renewal at `price` (the hub's `renewable` rule, lib/chain/renewals.ts). */
export const covers = (f: Funds, price: bigint) => renewalsCovered(f.balance, f.allowance, price) >= 1n;

/**
 * - `renew`: due, and allowance and balance cover the price;
 * - `end`: due, cannot pay, and past the grace period: the hub's renewal ends it (`PaymentFailed`);
 * - `wait`: due, cannot pay yet, inside the grace period: skipped, so a fan who tops up keeps the subscription;
 * - `not-due`: active and paid beyond now; `inactive`: cancelled, lapsed or never started.
 */
export type Verdict = "renew" | "end" | "wait" | "not-due" | "inactive";

export const isDue = (s: SubState, now: bigint) => s.status === ACTIVE && s.paidThrough <= now;

export function verdict(s: SubState, canPay: boolean | undefined, now: bigint, graceSeconds: bigint): Verdict {
  if (s.status !== ACTIVE) return "inactive";
  if (s.paidThrough > now) return "not-due";
  if (canPay) return "renew";
  return now >= s.paidThrough + graceSeconds ? "end" : "wait";
}

/** The earliest time something changes for these subscriptions: a renewal or a grace period falls due. */
export function nextEventAt(subs: readonly SubState[], now: bigint, graceSeconds: bigint): bigint | undefined {
  let next: bigint | undefined;
  for (const s of subs) {
    if (s.status !== ACTIVE) continue;
    const at = s.paidThrough > now ? s.paidThrough : s.paidThrough + graceSeconds;
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
