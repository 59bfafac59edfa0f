// The hub's `Paid` events against the published payments, without the link between them: published
// rows carry pseudonyms and opaque ids, so the audit compares aggregates — count and sums of amount,
// pool part and referral part per referrer — over the period's block range.
import { referrerArtists } from "../chain/hub-payments.ts";
import { compareStrings, type Artist, type Payment } from "../rules/types.ts";

/** The fields of one `Paid` log the aggregate check needs. */
export interface HubPaid {
  referrer: string;
  amount: bigint;
  poolPart: bigint;
  referralPart: bigint;
}

export interface PaymentAggregate {
  payments: number;
  amount: bigint;
  pool: bigint;
  referral: bigint;
}

function add(into: Map<string, PaymentAggregate>, key: string, amount: bigint, pool: bigint, referral: bigint): void {
  const a = into.get(key) ?? { payments: 0, amount: 0n, pool: 0n, referral: 0n };
  a.payments++;
  a.amount += amount;
  a.pool += pool;
  a.referral += referral;
  into.set(key, a);
}

export function aggregateHubPaid(
  events: readonly HubPaid[],
  artists: ReadonlyMap<string, Artist>,
): Map<string, PaymentAggregate> {
  const artistOf = referrerArtists(artists);
  const out = new Map<string, PaymentAggregate>();
  for (const e of events) add(out, artistOf(e.referrer), e.amount, e.poolPart, e.referralPart);
  return out;
}

export function aggregatePayments(payments: readonly Payment[]): Map<string, PaymentAggregate> {
  const out = new Map<string, PaymentAggregate>();
  for (const p of payments) addPaymentAggregate(out, p);
  return out;
}

/** One published payment into its referrer's aggregate. */
export function addPaymentAggregate(into: Map<string, PaymentAggregate>, p: Payment): void {
  add(into, p.referrerArtistId, p.amount, p.poolShare, p.referralShare);
}

/** The first referrer whose aggregate differs, as a sentence; undefined when all agree. */
export function firstDifferingAggregate(
  hub: ReadonlyMap<string, PaymentAggregate>,
  published: ReadonlyMap<string, PaymentAggregate>,
): string | undefined {
  const show = (a: PaymentAggregate | undefined) =>
    a ? `${a.payments} payments, amount ${a.amount}, pool ${a.pool}, referral ${a.referral}` : "none";
  for (const key of [...new Set([...hub.keys(), ...published.keys()])].sort(compareStrings)) {
    const h = hub.get(key);
    const p = published.get(key);
    if (show(h) !== show(p)) return `referrer ${key || "(none)"}: hub ${show(h)}; published ${show(p)}`;
  }
  return undefined;
}
