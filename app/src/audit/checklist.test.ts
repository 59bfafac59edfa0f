import { describe, expect, it } from "vitest";
import { auditChecklist, passed } from "./checklist.ts";
import type { Recomputed } from "./recompute.ts";

const root = `0x${"ab".repeat(32)}`;
const recomputed = (over: Partial<Recomputed> = {}): Recomputed => ({
  manifestSha256: "cd".repeat(32),
  manifest: { root, cumulative_total: "100", carry_out: "1" },
  files: { "plays.csv": ["h", "h"] },
  root,
  cumulativeTotal: 100n,
  allocated: 99n,
  funded: 100n,
  carryOut: 1n,
  decreasedLeaves: [],
  ...over,
});
const chain = { root, total: 100n, dataHash: `0x${"cd".repeat(32)}`, totalFunded: 100n, vetoed: false };

describe("auditChecklist", () => {
  it("passes a period whose recomputation matches its manifest and the chain", () => {
    expect(passed(auditChecklist(recomputed(), chain))).toBe(true);
  });
  it("fails only the on-chain root check when the proposed root was tampered with", () => {
    const checks = auditChecklist(recomputed(), { ...chain, root: `0x${"ef".repeat(32)}` });
    expect(checks.filter((c) => !c.pass).map((c) => c.id)).toEqual(["onchain-root"]);
  });
  it("fails the files check naming a changed file, and the funding check when the total exceeds funding", () => {
    const checks = auditChecklist(recomputed({ files: { "plays.csv": ["h", "x"] } }), {
      ...chain,
      totalFunded: 99n,
    });
    expect(checks.filter((c) => !c.pass).map((c) => c.id)).toEqual(["files", "funded"]);
    expect(checks[0].detail).toBe("changed: plays.csv");
  });
});
