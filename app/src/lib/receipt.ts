// The receipt page's pure parts: which period to show, the lines of "where your money went", and the
// text a fan shares. Money stays bigint; formatting is lib-free string work (format.ts).
import type { ReceiptPeriod } from "../../../lib/chain/siwe.ts";
import type { FanReceipt } from "../../../lib/rules/receipt.ts";
import { formatAmount } from "./format.ts";

export interface Token {
  symbol: string;
  decimals: number;
}

/** Exact to the base unit: every decimal the token has. */
export const exact = (amount: bigint, t: Token) => `${formatAmount(amount, t.decimals, t.decimals)} ${t.symbol}`;
/** Short form for headlines and sharing: two places, trailing zeros kept. */
export const short = (amount: bigint, t: Token) => `${formatAmount(amount, t.decimals, Math.min(2, t.decimals))}`;

/** The period to show: the requested one if the fan has rows in it, else the last published one they have. */
export function pickPeriod(
  periods: readonly ReceiptPeriod[],
  published: readonly { period: string }[],
  wanted?: string,
): ReceiptPeriod | undefined {
  const mine = new Map(periods.map((p) => [p.period, p]));
  if (wanted && mine.has(wanted)) return mine.get(wanted);
  for (let i = published.length - 1; i >= 0; i--) {
    const p = mine.get(published[i].period);
    if (p) return p;
  }
  return undefined;
}

export interface ReceiptLine {
  key: string;
  label: string;
  amount: bigint;
  plays?: number;
  artistId?: string;
  /** Set on the first line of each artist: the artist whose whole part a share button shares. */
  share?: string;
}

/** The receipt as display lines whose amounts add up to what the fan paid. */
export function receiptLines(r: FanReceipt, name: (artistId: string) => string): ReceiptLine[] {
  const lines: ReceiptLine[] = [];
  if (r.referral.length === 0)
    lines.push({ key: "referral", label: "Nobody brought you: no referral share", amount: 0n });
  for (const x of r.referral)
    lines.push({
      key: `referral-${x.artistId}`,
      label: `To ${name(x.artistId)}, who brought you (referral share${x.onchain ? ", paid on-chain at once" : ""})`,
      amount: x.amount,
      artistId: x.artistId,
    });
  for (const a of r.artists)
    lines.push({
      key: `artist-${a.artistId}`,
      label: `To ${name(a.artistId)}`,
      amount: a.amount,
      plays: a.plays,
      artistId: a.artistId,
    });
  if (r.unplayed > 0n)
    lines.push({
      key: "unplayed",
      label: "No counted play of yours: to the pool shared by everyone's plays",
      amount: r.unplayed,
    });
  if (r.remainder > 0n)
    lines.push({ key: "remainder", label: "Rounding remainder, carried into next period's pool", amount: r.remainder });
  lines.push({ key: "platform", label: "To the platform", amount: r.platform });
  const seen = new Set<string>();
  for (const l of lines) if (l.artistId !== undefined && !seen.has(l.artistId)) seen.add((l.share = l.artistId));
  return lines;
}

/** "I paid Nova 4.12 USDC this month" — the artist's whole part of the fan's fee (referral + plays). */
export function shareText(r: FanReceipt, artistId: string, artistName: string, t: Token): string {
  const amount =
    r.artists.filter((a) => a.artistId === artistId).reduce((s, a) => s + a.amount, 0n) +
    r.referral.filter((x) => x.artistId === artistId).reduce((s, x) => s + x.amount, 0n);
  return `I paid ${artistName} ${short(amount, t)} ${t.symbol} this month, verified with Gapless.`;
}
