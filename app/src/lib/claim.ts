// Claim all as data: what an account is owed from each source, what its Splits hold for it (and what is still
// waiting upstream for the Split: its referral balance, its distributor leaf, its growth earnings), and the router
// calls that collect everything — the band's earnings into each Split first, then the account's own legs.
import type { Address, Hex } from "viem";
import { owedAmount, type SplitTree } from "../../../lib/chain/split.ts";
import { growthLegs, type TokenClaimable } from "./growth.ts";

export interface Leaf {
  cumulative: bigint;
  proof: Hex[];
}

/** What one Gapless account (an artist, or a Split) can collect itself. */
export interface Sources {
  referral: bigint;
  leaf: Leaf | null;
  usage: bigint;
  growth: TokenClaimable[];
}

export interface Membership {
  split: Address;
  tree: SplitTree;
  share: bigint;
  /** The Split's balance, totalReleased and this member's released, in the platform token. */
  balance: bigint;
  totalReleased: bigint;
  released: bigint;
  /** What is waiting for the Split itself before it can be released. */
  upstream: Sources;
}

export const upstreamTotal = (s: Sources, token: Address) =>
  s.referral + s.usage + (s.growth.find((g) => g.token.toLowerCase() === token.toLowerCase())?.amount ?? 0n);

/** The member's part now (in the Split) and after the band's earnings are collected into it — the Split's own rounding. */
export function memberOwed(m: Membership, token: Address): { now: bigint; afterCollect: bigint } {
  const now = owedAmount(m.share, m.tree.totalShares, m.balance, m.totalReleased, m.released);
  const afterCollect = owedAmount(
    m.share,
    m.tree.totalShares,
    m.balance + upstreamTotal(m.upstream, token),
    m.totalReleased,
    m.released,
  );
  return { now, afterCollect };
}

export interface Contracts {
  router: Address;
  hub: Address;
  distributor: Address;
  growth: Address;
  token: Address;
}

export interface RouterCall {
  functionName: "claimAll" | "claimAllWithGrowth";
  args: readonly unknown[];
}

/** One router call collecting `account`'s own sources (and `releases`), or null when there is nothing. */
export function collectCall(
  c: Contracts,
  account: Address,
  s: Sources,
  releases: readonly unknown[] = [],
): RouterCall | null {
  const hubs = s.referral > 0n ? [c.hub] : [];
  const claims =
    s.usage > 0n && s.leaf
      ? [{ distributor: c.distributor, cumulativeAmount: s.leaf.cumulative, proof: s.leaf.proof }]
      : [];
  const growth = growthLegs(c.growth, s.growth);
  if (!hubs.length && !claims.length && !releases.length && !growth.length) return null;
  return growth.length
    ? { functionName: "claimAllWithGrowth", args: [account, hubs, claims, releases, growth, true] }
    : { functionName: "claimAll", args: [account, hubs, claims, releases, true] };
}

/** The whole Claim all: first each Split's upstream into the Split (where a member is owed from it), then the account's own call. */
export function claimPlan(c: Contracts, account: Address, own: Sources, memberships: Membership[]): RouterCall[] {
  const calls: RouterCall[] = [];
  const releases = [];
  for (const m of memberships) {
    const { afterCollect } = memberOwed(m, c.token);
    if (afterCollect === 0n) continue;
    const band = collectCall(c, m.split, m.upstream);
    if (band) calls.push(band);
    releases.push({
      split: m.split,
      tokens: [c.token],
      share: m.share,
      totalShares: m.tree.totalShares,
      salt: m.tree.salt,
      proof: m.tree.proof(account),
    });
  }
  const mine = collectCall(c, account, own, releases);
  if (mine) calls.push(mine);
  return calls;
}
