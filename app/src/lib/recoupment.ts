// A campaign's recoupment in numbers, from its waterfall's cap and the referral payments of the fans it brought:
// revenue to date, recouped, remaining, and the payback date projected from the campaign's observed retention.
// Money stays bigint; the projection steps the fans still paying forward cycle by cycle at the observed rate.

/** One referral payment of a fan the campaign brought (a hub `Paid` event with the campaign's payout). */
export interface CampaignPayment {
  subscriber: string;
  referralPart: bigint;
  /** The paid-through time this payment bought (unix seconds). */
  paidThrough: bigint;
}

export interface Recoupment {
  fans: number;
  revenue: bigint;
  recouped: bigint;
  remaining: bigint;
  /** Referral payments per billing cycle, oldest first (cycle 0 starts at the campaign's first payment). */
  cycles: { payers: number; revenue: bigint }[];
  projection: Projection;
}

export type Projection =
  { kind: "recouped" } | { kind: "projected"; cycles: number; at: bigint } | { kind: "not-projected"; reason: string };

/** Longest horizon a projection looks ahead (ten years of monthly cycles). */
export const MAX_CYCLES = 120;

/** The campaign's figures for a tranche capped at `cap`, given every referral payment and the billing `period`. */
export function recoupment(payments: readonly CampaignPayment[], cap: bigint, period: bigint): Recoupment {
  const revenue = payments.reduce((s, p) => s + p.referralPart, 0n);
  const recouped = revenue < cap ? revenue : cap;
  const cycles = byCycle(payments, period);
  return {
    fans: new Set(payments.map((p) => p.subscriber.toLowerCase())).size,
    revenue,
    recouped,
    remaining: cap - recouped,
    cycles,
    projection: project(cap - recouped, cycles, payments, period),
  };
}

function byCycle(payments: readonly CampaignPayment[], period: bigint) {
  if (payments.length === 0 || period <= 0n) return [];
  const start = payments.reduce((m, p) => (p.paidThrough < m ? p.paidThrough : m), payments[0].paidThrough);
  const cycles: { payers: Set<string>; revenue: bigint }[] = [];
  for (const p of payments) {
    const i = Number((p.paidThrough - start) / period);
    while (cycles.length <= i) cycles.push({ payers: new Set(), revenue: 0n });
    cycles[i].payers.add(p.subscriber.toLowerCase());
    cycles[i].revenue += p.referralPart;
  }
  return cycles.map((c) => ({ payers: c.payers.size, revenue: c.revenue }));
}

/**
 * Steps forward from the last complete cycle: each cycle keeps `retained / previous` of the payers (the rate
 * observed between the last two cycles, at most 1, rounded down), each paying the last cycle's average referral
 * part; the payback cycle is the first whose running total covers what remains.
 */
export function project(
  remaining: bigint,
  cycles: readonly { payers: number; revenue: bigint }[],
  payments: readonly CampaignPayment[],
  period: bigint,
): Projection {
  if (remaining === 0n) return { kind: "recouped" };
  if (cycles.length < 2) return { kind: "not-projected", reason: "needs two billing cycles of payments" };
  const last = cycles[cycles.length - 1];
  const previous = cycles[cycles.length - 2];
  if (last.payers === 0 || previous.payers === 0) return { kind: "not-projected", reason: "no fan paid last cycle" };
  const retained = BigInt(Math.min(last.payers, previous.payers));
  const base = BigInt(previous.payers);
  const perPayer = last.revenue / BigInt(last.payers);
  if (perPayer === 0n) return { kind: "not-projected", reason: "the referral part rounds to zero" };
  let payers = BigInt(last.payers);
  let total = 0n;
  for (let k = 1; k <= MAX_CYCLES; k++) {
    payers = (payers * retained) / base;
    if (payers === 0n) break;
    total += payers * perPayer;
    if (total >= remaining) {
      const lastPaidThrough = payments.reduce((m, p) => (p.paidThrough > m ? p.paidThrough : m), 0n);
      // The k-th future charge happens when the latest paid-through time (k − 1 periods on) is reached.
      return { kind: "projected", cycles: k, at: lastPaidThrough + BigInt(k - 1) * period };
    }
  }
  return { kind: "not-projected", reason: `not within ${MAX_CYCLES} cycles at the observed retention` };
}
