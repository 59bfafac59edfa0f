// Conservation, the invariant every writer of a period folder and every auditor checks: the period's
// allocation plus its carry is exactly the pool funded, the carry is never negative, and each total is
// the sum of its parts. A folder that fails this is never written, and fails the audit.

/** The period figures conservation relates (PeriodTotals, or a manifest's totals as bigints). */
export interface ConservedTotals {
  poolShares: bigint;
  carryIn: bigint;
  pool: bigint;
  unplayedPool: bigint;
  referralOffchain: bigint;
  userCentric: bigint;
  unplayed: bigint;
  allocated: bigint;
  funded: bigint;
  carryOut: bigint;
}

/** The first conservation rule `t` breaks, as a sentence naming the figures; undefined when it conserves. */
export function conservationProblem(t: ConservedTotals): string | undefined {
  if (t.carryOut < 0n) return `carry_out ${t.carryOut} is negative: ${t.allocated} allocated of ${t.funded} funded`;
  if (t.allocated + t.carryOut !== t.funded)
    return `allocated ${t.allocated} + carry_out ${t.carryOut} ≠ funded ${t.funded}`;
  if (t.pool !== t.poolShares + t.carryIn)
    return `pool ${t.pool} ≠ pool_shares ${t.poolShares} + carry_in ${t.carryIn}`;
  if (t.funded !== t.pool + t.referralOffchain)
    return `funded ${t.funded} ≠ pool ${t.pool} + referral_offchain ${t.referralOffchain}`;
  if (t.allocated !== t.userCentric + t.unplayed + t.referralOffchain) {
    return `allocated ${t.allocated} ≠ user_centric ${t.userCentric} + unplayed ${t.unplayed} + referral_offchain ${t.referralOffchain}`;
  }
  if (t.unplayed > t.unplayedPool) return `unplayed ${t.unplayed} exceeds the unplayed pool ${t.unplayedPool}`;
  if (t.userCentric > t.pool - t.unplayedPool) {
    return `user_centric ${t.userCentric} exceeds the played subscribers' pool shares ${t.pool - t.unplayedPool}`;
  }
  return undefined;
}

/** Per-artist sums that must equal the totals: the allocation's parts add up to its whole. */
export function artistSumsProblem(
  t: Pick<ConservedTotals, "userCentric" | "unplayed" | "referralOffchain">,
  artists: readonly { artistId: string; userCentric: bigint; unplayed: bigint; referralOffchain: bigint }[],
): string | undefined {
  let userCentric = 0n;
  let unplayed = 0n;
  let off = 0n;
  for (const a of artists) {
    if (a.userCentric < 0n || a.unplayed < 0n || a.referralOffchain < 0n)
      return `artist ${JSON.stringify(a.artistId)} has a negative amount`;
    userCentric += a.userCentric;
    unplayed += a.unplayed;
    off += a.referralOffchain;
  }
  if (userCentric !== t.userCentric) return `artists' user-centric amounts sum to ${userCentric}, not ${t.userCentric}`;
  if (unplayed !== t.unplayed) return `artists' unplayed-pool amounts sum to ${unplayed}, not ${t.unplayed}`;
  if (off !== t.referralOffchain) return `artists' off-chain referrals sum to ${off}, not ${t.referralOffchain}`;
  return undefined;
}
