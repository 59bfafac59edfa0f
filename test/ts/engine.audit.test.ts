// The auditor's pure checks (lib/audit/audit.ts, audit-chain.ts) on a real engine folder, without a
// chain: each failure is detected and named.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditChain, auditFiles, type ChainFacts, type FilesAudit } from "../../lib/audit/index.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { randomPeriod, readTree, writePeriodCsv } from "./engine.helpers.ts";

const sha256 = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");
const failed = (checks: { name: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.name);

describe("audit checks (pure)", function () {
  this.timeout(60_000);
  let dir: string;
  let files: Map<string, Uint8Array>;
  let audit: FilesAudit;
  let facts: ChainFacts;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "engine-audit-"));
    const inputs = writePeriodCsv(join(dir, "in"), randomPeriod(3));
    await runEngine({ period: "p0", ...inputs, out: join(dir, "p0") });
    files = readTree(join(dir, "p0"));
    audit = auditFiles({ files, previous: null, sha256 });
    const m = audit.manifest!;
    const root = {
      root: m.root,
      total: BigInt(m.cumulative_total),
      dataHash: `0x${audit.manifestSha256}`,
      uri: "",
      claimableAt: 1n,
    };
    facts = { active: null, pending: root, totalFunded: BigInt(m.totals.funded), claimed: new Map() };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("test_audit_honestFolderAndChain_passEveryCheck", () => {
    expect(failed(audit.checks)).to.deep.equal([]);
    expect(failed(auditChain(audit, facts))).to.deep.equal([]);
  });

  it("test_audit_unlistedFile_failsNamingIt", () => {
    const extra = new Map(files).set("extra.txt", new Uint8Array([1]));
    const r = auditFiles({ files: extra, previous: null, sha256 });
    expect(r.checks.find((c) => !c.ok)!.detail).to.include("extra.txt");
  });

  it("test_audit_recompute_countsEveryFileButTheDataFiles", () => {
    const detail = audit.checks.find((c) => c.name === "recomputed files match byte for byte")!.detail;
    expect(detail).to.equal(`${files.size - 3} files identical`);
  });

  it("test_audit_statementMissingOrAdded_recomputeNamesIt", () => {
    const statement = [...files.keys()].find((p) => p.startsWith("statements/"))!;
    const missing = new Map(files);
    missing.delete(statement);
    const recompute = (r: FilesAudit) => r.checks.find((c) => c.name === "recomputed files match byte for byte")!;
    const a = recompute(auditFiles({ files: missing, previous: null, sha256 }));
    expect(a.ok).to.equal(false);
    expect(a.detail).to.equal(`${statement} differs`);
    const added = new Map(files).set("statements/zz-not-an-artist.json", files.get(statement)!);
    const b = recompute(auditFiles({ files: added, previous: null, sha256 }));
    expect(b.ok).to.equal(false);
    expect(b.detail).to.equal("statements/zz-not-an-artist.json differs");
  });

  it("test_audit_payoutAddressChangedInRegistry_failsRecompute", () => {
    const text = new TextDecoder().decode(files.get("artists.csv"));
    const changed = new Map(files).set(
      "artists.csv",
      new TextEncoder().encode(text.replace(/0x[0-9a-fA-F]{40}/, `0x${"1".repeat(40)}`)),
    );
    const r = auditFiles({ files: changed, previous: null, sha256 });
    expect(failed(r.checks)).to.include.members([
      "folder matches manifest.json",
      "recomputed files match byte for byte",
    ]);
  });

  it("test_audit_chainFacts_eachMismatchFails", () => {
    const [address, amount] = [...audit.leaves][0];
    const cases: [Partial<ChainFacts>, string][] = [
      [{ pending: null }, "root proposed on the distributor"],
      [{ pending: { ...facts.pending!, dataHash: `0x${"0".repeat(64)}` } }, "data hash is sha256(manifest.json)"],
      [{ pending: { ...facts.pending!, total: 1n } }, "root total is the cumulative total"],
      [{ totalFunded: 0n }, "funded ≥ total"],
      [{ claimed: new Map([[address, amount + 1n]]) }, "claimed ≤ entitlement for every leaf"],
      [{ hub: { payments: 0, poolParts: 0n } }, "hub Paid events sum to the pool"],
    ];
    for (const [change, name] of cases)
      expect(failed(auditChain(audit, { ...facts, ...change }))).to.deep.equal([name]);
  });

  it("test_audit_previousFolderMissing_fails", () => {
    const m = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
    m.previous = { period: "p-1", root: null, manifest_sha256: "00" };
    const r = auditFiles({
      files: new Map(files).set("manifest.json", new TextEncoder().encode(JSON.stringify(m))),
      previous: null,
      sha256,
    });
    expect(failed(r.checks)).to.include("previous publication");
  });
});
