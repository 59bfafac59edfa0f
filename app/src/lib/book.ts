// The book of business in words and numbers: fan status lines, retention shares, the indexer's URLs.
import type { Cohort, Fan } from "../../../lib/book/types.ts";
import { formatDate } from "./format.ts";

export const INDEXER_URL: string = import.meta.env.VITE_INDEXER_URL ?? "http://127.0.0.1:42069";

export const REASON_TEXT: Record<string, string> = {
  cancelled: "cancelled",
  allowance: "approval ran out",
  balance: "balance too low",
  refused: "token refused the transfer (blocklisted)",
  grace: "token refused everyone past the grace period",
};

/** "active — renews 2027-01-03 12:00 UTC", "lapsed: balance too low (2027-02-05 …)", "due now". */
export function fanStatus(f: Fan, now: bigint | undefined): string {
  if (f.status === "active") {
    if (now !== undefined && BigInt(f.paidThrough) <= now) return "active — renewal due now";
    return `active — renews ${formatDate(f.paidThrough)}`;
  }
  const why = REASON_TEXT[f.endReason ?? ""] ?? f.endReason ?? "";
  const when = f.endedAt ? ` (${formatDate(f.endedAt)})` : "";
  return f.status === "cancelled"
    ? `cancelled${when}, paid through ${formatDate(f.paidThrough)}`
    : `lapsed: ${why}${when}`;
}

/** Retention of a cohort per month as whole percent (rounded down): retained[k] / fans. */
export function retentionPercents(c: Cohort): number[] {
  return c.retained.map((n) => (c.fans > 0 ? Math.floor((n * 100) / c.fans) : 0));
}

export const artistApi = (account: string, path = "") => `${INDEXER_URL}/api/artists/${account.toLowerCase()}${path}`;
