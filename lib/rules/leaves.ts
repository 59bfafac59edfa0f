// Cumulative leaves: each payout address holds everything it was ever allocated.
import { campaignKey, compareStrings, type Artist, type CampaignPayouts, type PeriodAllocation } from "./types.ts";
import type { Leaf } from "../publication/merkle.ts";

export interface LeafRow extends Leaf {
  /** This period's increase. */
  period: bigint;
}

/**
 * previous cumulative + this period's allocation, per lowercase payout address, sorted by address.
 * Addresses absent this period keep their previous leaf; addresses whose cumulative is zero get no leaf.
 * The off-chain referral shares of a campaign in `campaigns` go to that campaign's payout address.
 */
export function cumulativeLeaves(
  allocation: PeriodAllocation,
  artists: ReadonlyMap<string, Artist>,
  previous: ReadonlyMap<string, bigint>,
  campaigns: CampaignPayouts = new Map(),
): LeafRow[] {
  const period = new Map<string, bigint>();
  const add = (address: string, amount: bigint) => {
    if (amount > 0n) period.set(address, (period.get(address) ?? 0n) + amount);
  };
  for (const a of allocation.artists) {
    const artist = artists.get(a.artistId);
    if (!artist) throw new Error(`unknown artist ${a.artistId}`);
    const routed = campaignReferrals(a.artistId, a.campaigns, campaigns);
    let own = a.userCentric + a.unplayed + a.referralOffchain;
    for (const r of routed) {
      add(r.payoutAddress, r.amount);
      own -= r.amount;
    }
    add(artist.payoutAddress, own);
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

/** The off-chain referral shares of `artistId`'s campaigns that have a payout address of their own. */
export function campaignReferrals(
  artistId: string,
  totals: readonly { campaign: string; referralOffchain: bigint }[],
  campaigns: CampaignPayouts,
): { campaign: string; payoutAddress: string; amount: bigint }[] {
  const out: { campaign: string; payoutAddress: string; amount: bigint }[] = [];
  for (const c of totals) {
    const payoutAddress = campaigns.get(campaignKey(artistId, c.campaign));
    if (payoutAddress !== undefined && c.referralOffchain > 0n)
      out.push({ campaign: c.campaign, payoutAddress, amount: c.referralOffchain });
  }
  return out;
}
