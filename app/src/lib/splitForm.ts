// The Split form as data: one row per recipient (address, percentage with up to two decimals), the total held at
// exactly 100 %, shares in hundredths of a percent (10,000 = 100 %).
import { isAddress, type Address } from "viem";

export interface SplitRow {
  address: string;
  percent: string;
}

export const TOTAL_SHARES = 10_000n;

/** "33.33" → 3333 hundredths of a percent; null when it is not a percentage with at most two decimals. */
export function parsePercent(text: string): bigint | null {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0") || "0");
}

export const formatPercent = (shares: bigint) => `${shares / 100n}.${String(shares % 100n).padStart(2, "0")}%`;

export function checkRows(rows: SplitRow[]): {
  payees: { account: Address; share: bigint }[];
  total: bigint;
  errors: string[];
} {
  const errors: string[] = [];
  const payees: { account: Address; share: bigint }[] = [];
  let total = 0n;
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const share = parsePercent(r.percent);
    if (share !== null) total += share;
    if (!isAddress(r.address.trim(), { strict: false }))
      errors.push(`Recipient ${i + 1}: "${r.address}" is not an address.`);
    else if (BigInt(r.address.trim()) === 0n) errors.push(`Recipient ${i + 1}: the zero address would burn its share.`);
    else if (seen.has(r.address.trim().toLowerCase())) errors.push(`Recipient ${i + 1} is listed twice.`);
    if (share === null || share === 0n)
      errors.push(`Recipient ${i + 1}: the percentage must be above 0, with at most two decimals.`);
    seen.add(r.address.trim().toLowerCase());
    if (share && isAddress(r.address.trim(), { strict: false }))
      payees.push({ account: r.address.trim() as Address, share });
  });
  if (rows.length < 2) errors.push("A Split needs at least two recipients.");
  if (total !== TOTAL_SHARES)
    errors.push(`The percentages add up to ${formatPercent(total)}; they must add up to exactly 100%.`);
  return { payees, total, errors };
}
