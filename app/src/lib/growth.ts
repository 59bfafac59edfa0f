// Growth-pool display and the Claim-all growth leg. Shares are computed in integer basis points of a basis point
// (no floating point); commitment bases are short ASCII labels stored as bytes32.
import { hexToString, zeroAddress, type Address, type Hex } from "viem";

/** `units` out of `total` as a percentage with two decimals, truncated: 1 of 3 → "33.33%", 0 of 0 → "0.00%". */
export function formatShare(units: bigint, total: bigint): string {
  if (total <= 0n || units <= 0n) return "0.00%";
  const hundredths = (units * 10_000n) / total; // hundredths of a percent
  const s = hundredths.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}%`;
}

/** A commitment basis (bytes32, ASCII right-padded with zeros) as text: "ad-revenue"; unreadable bases as hex. */
export function basisLabel(basis: Hex): string {
  const text = hexToString(basis, { size: 32 }).replace(/\0+$/, "");
  return /^[\x20-\x7e]+$/.test(text) ? text : basis;
}

export interface TokenClaimable {
  token: Address;
  amount: bigint;
}

/** The router's growth leg: the tokens with something to claim, or no leg at all if there is none. */
export function growthLegs(pool: Address, claimables: TokenClaimable[]): { pool: Address; tokens: Address[] }[] {
  const tokens = claimables.filter((c) => c.amount > 0n).map((c) => c.token);
  return tokens.length ? [{ pool, tokens }] : [];
}

/** What is claimable in `token` (address(0) is ETH, which is not part of a token total). */
export const claimableIn = (claimables: TokenClaimable[], token: Address) =>
  claimables.find((c) => c.token.toLowerCase() === token.toLowerCase())?.amount ?? 0n;

export const isEth = (token: Address) => token === zeroAddress;
