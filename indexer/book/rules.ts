// Small pure rules the indexing functions and the API share.

/** A retention month: 30 days from the fan's first subscription (the demo's and the default plan's period). */
export const MONTH = 2_592_000n;

/** Why a renewal pull failed, judged from the fan's allowance and balance at that block. */
export type LapseReason = "allowance" | "balance" | "refused";
export type EndReason = "cancelled" | "grace" | LapseReason;

export function lapseReason(price: bigint, allowance: bigint, balance: bigint): LapseReason {
  if (allowance < price) return "allowance";
  if (balance < price) return "balance";
  // Enough of both: the token refused the transfer (the fan blocklisted, or a token-wide refusal).
  return "refused";
}

/** UTC calendar month "YYYY-MM" of a unix time in seconds. */
export function cohortOf(timestamp: bigint): string {
  return new Date(Number(timestamp) * 1000).toISOString().slice(0, 7);
}

/** The last month (0 = the first) that `paidSeconds` of subscription time cover, counted from the first payment:
 * renewals that run late do not stretch a fan's months, and an annual payment covers twelve at once. */
export function monthsCovered(paidSeconds: bigint): number {
  return paidSeconds <= 0n ? -1 : Number((paidSeconds - 1n) / MONTH);
}

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as const;
