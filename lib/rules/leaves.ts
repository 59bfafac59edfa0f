// Cumulative leaves: each payout address holds everything it was ever allocated.
import { compareStrings, type Artist, type PeriodAllocation } from "./types.ts";
import type { Leaf } from "../publication/merkle.ts";

export interface LeafRow extends Leaf {
  /** This period's increase. */
  period: bigint;
}

/**
 * previous cumulative + this period's allocation, per lowercase payout address, sorted by address.
 * Addresses absent this period keep their previous leaf; addresses whose cumulative is zero get no leaf.
 */
export function cumulativeLeaves(
  allocation: PeriodAllocation,
  artists: ReadonlyMap<string, Artist>,
  previous: ReadonlyMap<string, bigint>,
): LeafRow[] {
  const period = new Map<string, bigint>();
  for (const a of allocation.artists) {
    const amount = a.userCentric + a.unplayed + a.referralOffchain;
    if (amount === 0n) continue;
    const artist = artists.get(a.artistId);
    if (!artist) throw new Error(`unknown artist ${a.artistId}`);
    period.set(artist.payoutAddress, (period.get(artist.payoutAddress) ?? 0n) + amount);
  }
  const addresses = new Set([...previous.keys(), ...period.keys()]);
  const rows: LeafRow[] = [];
  for (const address of [...addresses].sort(compareStrings)) {
    const p = period.get(address) ?? 0n;
    const amount = (previous.get(address) ?? 0n) + p;
    if (amount > 0n) rows.push({ address, amount, period: p });
  }
  return rows;
}
