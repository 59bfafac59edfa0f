// A proposed root, distribution or growth units (both contracts emit the same AuditedRoots events): one row per
// contract and root. A replaced (never vetoed) root may be proposed again; its row then takes the new proposal
// instead of failing on the primary key.
interface ProposalEvent {
  log: { address: `0x${string}` };
  block: { timestamp: bigint };
  transaction: { hash: `0x${string}` };
}

/** The row of `root` proposed on the contract that emitted `event`. */
export const rootId = (event: { log: { address: `0x${string}` } }, root: `0x${string}`) =>
  `${event.log.address}:${root}`;

export function proposedRoot(
  event: ProposalEvent,
  r: { kind: string; root: `0x${string}`; total?: bigint; dataHash: `0x${string}`; uri: string; claimableAt: bigint },
) {
  const row = {
    id: rootId(event, r.root),
    contract: event.log.address,
    ...r,
    status: "pending",
    proposedAt: event.block.timestamp,
    txHash: event.transaction.hash,
  };
  const update = { status: "pending", claimableAt: r.claimableAt, proposedAt: row.proposedAt, txHash: row.txHash };
  return { row, update };
}
