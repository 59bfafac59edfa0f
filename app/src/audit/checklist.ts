// The pass/fail checklist: a recomputed period against its manifest and the chain. Kept small and
// separate so it can move to lib/engine/audit.ts (the shared audit checklist) later.
import type { Recomputed } from "./recompute.ts";

export interface ChainView {
  /** The root proposed on-chain for this period's folder (latest RootProposed with its uri), if any. */
  root: string | null;
  total: bigint | null;
  dataHash: string | null;
  totalFunded: bigint;
  vetoed: boolean;
}

export interface Check {
  id: string;
  label: string;
  pass: boolean;
  detail: string;
}

export function auditChecklist(r: Recomputed, chain: ChainView): Check[] {
  const m = r.manifest;
  const badFiles = Object.entries(r.files)
    .filter(([, [want, got]]) => want !== got)
    .map(([n]) => n);
  const checks: Check[] = [
    { id: "files", label: "Published files match the manifest's hashes", pass: badFiles.length === 0, detail: badFiles.length ? `changed: ${badFiles.join(", ")}` : `${Object.keys(r.files).length} files` }, // prettier-ignore
    { id: "conservation", label: "Allocated + carried remainder = pool funded", pass: r.allocated + r.carryOut === r.funded && String(r.carryOut) === String(m.carry_out), detail: `${r.allocated} + ${r.carryOut} = ${r.funded}` }, // prettier-ignore
    {
      id: "root",
      label: "Recomputed Merkle root = manifest root",
      pass: r.root === m.root,
      detail: `${r.root}`,
    },
    { id: "total", label: "Recomputed cumulative total = manifest total", pass: String(r.cumulativeTotal) === String(m.cumulative_total), detail: `${r.cumulativeTotal}` }, // prettier-ignore
    { id: "monotone", label: "No leaf decreased since the previous period", pass: r.decreasedLeaves.length === 0, detail: r.decreasedLeaves.join(", ") || "all leaves ≥ previous" }, // prettier-ignore
    { id: "onchain-root", label: "Root proposed on-chain = recomputed root", pass: chain.root !== null && chain.root === r.root, detail: chain.root ?? "not proposed" }, // prettier-ignore
    { id: "onchain-total", label: "Total proposed on-chain = recomputed total", pass: chain.total === r.cumulativeTotal, detail: String(chain.total) }, // prettier-ignore
    { id: "data-hash", label: "On-chain data hash = sha256 of manifest.json", pass: chain.dataHash === `0x${r.manifestSha256}`, detail: chain.dataHash ?? "—" }, // prettier-ignore
    { id: "funded", label: "Total ≤ everything funded into the distributor", pass: r.cumulativeTotal <= chain.totalFunded, detail: `${r.cumulativeTotal} ≤ ${chain.totalFunded}` }, // prettier-ignore
  ];
  return checks;
}

export const passed = (checks: readonly Check[]) => checks.every((c) => c.pass);
