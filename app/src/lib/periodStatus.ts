// A published period's payout status on the platform console, in words, and what the platform can do next.
export type PeriodState = "nothing" | "ready" | "pending" | "active" | "paid" | "vetoed-other" | "vetoed";

export interface ProposalLike {
  root: string;
  uri: string;
  vetoed: boolean;
  /** Became claimable at some point (RootActivated). */
  activated: boolean;
}

/** `entry`'s state given every proposal and the distributor's active and pending roots. */
export function periodState(
  entry: { root: string | null; uri: string },
  proposals: ProposalLike[],
  active: string | null,
  pending: string | null,
): PeriodState {
  if (!entry.root) return "nothing";
  const own = proposals.filter((p) => p.root === entry.root);
  if (own.some((p) => p.vetoed)) return "vetoed";
  if (pending === entry.root) return "pending";
  if (active === entry.root) return "active";
  if (own.some((p) => p.activated)) return "paid";
  // Never proposed, or replaced before it became claimable.
  return proposals.some((p) => p.uri === entry.uri && p.vetoed) ? "vetoed-other" : "ready";
}

export const STATE_WORDS: Record<PeriodState, string> = {
  nothing: "nothing to pay this period",
  ready: "ready to publish",
  pending: "pending: inside its challenge window",
  active: "claimable now (the latest payout)",
  paid: "paid (included in the later payouts)",
  "vetoed-other": "a wrong root for this period was stopped by an auditor: publish the engine's root",
  vetoed: "stopped by an auditor: fix the inputs, re-run the engine and publish the corrected root",
};
