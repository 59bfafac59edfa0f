// Display of money, addresses and time. Money stays bigint: formatting is string work, never floating point.
import type { Say } from "../../../lib/chain/errors.ts";

/** `amount` in base units as a decimal with `decimals` places, trimmed to `shown` places, with thousands separators. */
export function formatAmount(amount: bigint, decimals = 6, shown = 2): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const base = 10n ** BigInt(decimals);
  const whole = (abs / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = (abs % base).toString().padStart(decimals, "0").slice(0, shown);
  return `${negative ? "-" : ""}${whole}${shown > 0 ? `.${fraction}` : ""}`;
}

/** Parses a user-typed decimal amount into base units; throws a readable error on bad input. */
export function parseAmount(text: string, decimals = 6): bigint {
  const t = text.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) throw new Error(`"${text}" is not an amount (digits with an optional decimal point)`);
  const fraction = m[2] ?? "";
  if (fraction.length > decimals) throw new Error(`"${text}" has more than ${decimals} decimal places`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

export const shortAddress = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** "2d 3h 4m" style countdown; "now" at or below zero. */
export function formatDuration(seconds: number | bigint): string {
  let s = Number(seconds);
  if (s <= 0) return "now";
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3_600);
  s -= h * 3_600;
  const m = Math.floor(s / 60);
  const parts = [d && `${d}d`, h && `${h}h`, `${m}m`, d === 0 && h === 0 ? `${s - m * 60}s` : ""];
  return parts.filter(Boolean).join(" ");
}

export const formatDate = (unixSeconds: number | bigint) =>
  new Date(Number(unixSeconds) * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** Basis points as a percentage string: 1500 → "15%", 1250 → "12.5%". */
export function formatBps(bps: number | bigint): string {
  const n = Number(bps);
  return `${n % 100 === 0 ? n / 100 : (n / 100).toFixed(2).replace(/0$/, "")}%`;
}

/** How the app renders amounts, accounts and times inside error sentences (lib/chain/errors.ts). */
export const SAY: Say = {
  amount: (v) => `${formatAmount(v)} tokens`,
  account: (v) => shortAddress(v),
  date: (v) => formatDate(v),
};
