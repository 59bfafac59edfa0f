// The auditor page's verdict over lib/'s checklist (the assertions of the former app-only checklist,
// now held against the shared checks the CLI runs).
import { sha256 } from "viem";
import { describe, expect, it } from "vitest";
import { checkFolder, digestOf } from "../../../lib/publication/index.ts";
import { auditChain, type FilesAudit } from "../../../lib/audit/index.ts";
import { checkId, passed } from "./checks.ts";

const root = `0x${"ab".repeat(32)}`;
const hash = (d: Uint8Array) => sha256(d).slice(2);
const files: FilesAudit = {
  checks: [],
  manifest: { root, cumulative_total: "100" },
  manifestSha256: "cd".repeat(32),
  leaves: new Map([["0x" + "11".repeat(20), 100n]]),
};
const onChain = { root, total: 100n, dataHash: `0x${"cd".repeat(32)}`, uri: "u", claimableAt: 0n };
const facts = { active: onChain, pending: null, totalFunded: 100n, claimed: new Map<string, bigint>() };

describe("auditor checklist (lib/audit auditChain + checkFolder)", () => {
  it("passes a period whose files match the chain", () => {
    expect(passed(auditChain(files, facts))).toBe(true);
  });

  it("fails only the proposed-root check when the proposed root was tampered with", () => {
    const checks = auditChain(files, {
      ...facts,
      active: null,
      pending: { ...onChain, root: `0x${"ef".repeat(32)}` },
    });
    expect(checks.filter((c) => !c.ok).map(checkId)).toEqual(["root-proposed-on-the-distributor"]);
  });

  it("fails the funding check when the total exceeds funding", () => {
    const checks = auditChain(files, { ...facts, totalFunded: 99n });
    expect(checks.filter((c) => !c.ok).map(checkId)).toEqual(["funded-total"]);
  });

  it("names a changed file", () => {
    const enc = new TextEncoder();
    const empty = digestOf(new Map(), hash);
    const manifest = {
      format: "gapless-manifest-v1",
      files: { "plays.csv": hash(enc.encode("a")) },
      proofs: { shards: 0, sha256: empty },
      statements: { count: 0, sha256: empty },
    };
    const folder = new Map([
      ["manifest.json", enc.encode(JSON.stringify(manifest))],
      ["plays.csv", enc.encode("b")],
    ]);
    const { problems } = checkFolder(folder, hash);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^plays\.csv: sha256 /);
  });

  it("an empty checklist is not a pass", () => {
    expect(passed([])).toBe(false);
  });
});
