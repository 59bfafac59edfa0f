// The auditor's checks of a period against the chain, pure and browser-safe: the caller reads the
// facts (distributor roots, funding, claimed totals, hub events) and this decides pass or fail.
import type { AuditCheck, FilesAudit } from "./audit.ts";
import { aggregateHubPaid, firstDifferingAggregate, type HubPaid } from "./hub-aggregates.ts";

export interface ChainRoot {
  root: string;
  total: bigint;
  dataHash: string;
  uri: string;
  claimableAt: bigint;
}

export interface ChainFacts {
  /** The distributor's active and pending roots (null when zero). */
  active: ChainRoot | null;
  pending: ChainRoot | null;
  totalFunded: bigint;
  /** claimed(account) for every leaf address of the period (lowercase). */
  claimed: ReadonlyMap<string, bigint>;
  /** Whether the distributor vetoed this period's root (isVetoed). */
  vetoed?: boolean;
  /**
   * This period's root as it was proposed (its RootProposed event), for a past period whose root a later
   * cumulative root has since replaced (the fan's receipt of an earlier month). Not given by the auditor's
   * CLI, which audits the period the distributor holds.
   */
  proposed?: ChainRoot | null;
  /** The hub's Paid events in the audited block range, when a hub was given. */
  hub?: { payments: number; poolParts: bigint; paid?: readonly HubPaid[] };
}

const check = (name: string, ok: boolean, detail: string): AuditCheck => ({ name, ok, detail });

export function auditChain(files: FilesAudit, chain: ChainFacts): AuditCheck[] {
  const m = files.manifest;
  if (!m) return [check("chain", false, "no readable manifest.json to check against the chain")];
  const checks: AuditCheck[] = [];
  const root = m.root === null ? null : String(m.root).toLowerCase();
  const cumulative = BigInt(m.cumulative_total);
  const held = [chain.pending, chain.active].find((r) => r !== null && r.root.toLowerCase() === root);
  const earlier =
    held === undefined && !chain.vetoed && chain.proposed?.root.toLowerCase() === root ? chain.proposed : undefined;
  const on = held ?? earlier;
  const where =
    on === undefined
      ? undefined
      : on === earlier
        ? "proposed, since replaced by a later cumulative root"
        : on === chain.pending
          ? "pending"
          : "active";
  checks.push(
    check(
      "root proposed on the distributor",
      on !== undefined,
      on
        ? `${where}${where === "pending" ? `, claimable at ${on.claimableAt}` : ""}`
        : chain.vetoed
          ? `${root} was vetoed`
          : `${root} is neither active (${chain.active?.root ?? "none"}) nor pending (${chain.pending?.root ?? "none"})`,
    ),
  );
  if (on) {
    const hash = `0x${files.manifestSha256}`;
    checks.push(
      check(
        "data hash is sha256(manifest.json)",
        on.dataHash.toLowerCase() === hash,
        on.dataHash.toLowerCase() === hash ? hash : `chain ${on.dataHash}, folder ${hash}`,
      ),
    );
    checks.push(
      check("root total is the cumulative total", on.total === cumulative, `chain ${on.total}, manifest ${cumulative}`),
    );
  }
  checks.push(
    check("funded ≥ total", chain.totalFunded >= cumulative, `funded ${chain.totalFunded}, total ${cumulative}`),
  );

  let over: string | undefined;
  for (const [address, amount] of files.leaves) {
    const claimed = chain.claimed.get(address) ?? 0n;
    if (claimed > amount) {
      over = `${address} claimed ${claimed}, entitled to ${amount}`;
      break;
    }
  }
  checks.push(
    check("claimed ≤ entitlement for every leaf", over === undefined, over ?? `${files.leaves.size} leaves read`),
  );

  if (chain.hub) {
    const pool = BigInt(m.totals.pool_shares);
    const count = Number(m.totals.payments);
    const ok = chain.hub.poolParts === pool && chain.hub.payments === count;
    checks.push(
      check(
        "hub Paid events sum to the pool",
        ok,
        `${chain.hub.payments} events, pool parts ${chain.hub.poolParts}; manifest ${count} payments, pool shares ${pool}`,
      ),
    );
    if (chain.hub.paid && files.paymentAggregates && files.artists) {
      const hub = aggregateHubPaid(chain.hub.paid, files.artists);
      const diff = firstDifferingAggregate(hub, files.paymentAggregates);
      checks.push(
        check(
          "hub Paid events match the payments per referrer",
          diff === undefined,
          diff ?? `${hub.size} referrers (count, amount, pool and referral parts each)`,
        ),
      );
    }
  }
  return checks;
}
