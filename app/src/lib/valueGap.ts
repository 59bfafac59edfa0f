// The value gap, per period and in total: what an artist earned through Gapless (referral share, user-centric
// usage, and growth-pool earnings in the total) against what pro-rata streaming alone would have paid.
import type { Statement } from "./periods.ts";

export type PayoutStatus = "paid" | "pending" | "vetoed" | "unpublished";

export interface GapRow {
  period: string;
  referral: bigint;
  usage: bigint;
  earned: bigint;
  proRata: bigint;
  gap: bigint;
  status: PayoutStatus;
}

export function gapRows(periods: { period: string; statements: Statement[]; status: PayoutStatus }[]): GapRow[] {
  const sum = (ss: Statement[], f: (s: Statement) => string) => ss.reduce((t, s) => t + BigInt(f(s)), 0n);
  return periods.map((p) => {
    const referral = sum(p.statements, (s) => s.referral.total);
    const usage = sum(p.statements, (s) => s.usage.total);
    const proRata = sum(p.statements, (s) => s.pro_rata);
    return {
      period: p.period,
      referral,
      usage,
      earned: referral + usage,
      proRata,
      gap: referral + usage - proRata,
      status: p.status,
    };
  });
}

/** Totals over the periods, with the growth pool's earnings to date (claimed and claimable) added to what Gapless paid. */
export function gapTotal(rows: GapRow[], growth: bigint) {
  const t = rows.reduce(
    (a, r) => ({ referral: a.referral + r.referral, usage: a.usage + r.usage, proRata: a.proRata + r.proRata }),
    { referral: 0n, usage: 0n, proRata: 0n },
  );
  const earned = t.referral + t.usage + growth;
  return { ...t, growth, earned, gap: earned - t.proRata };
}
