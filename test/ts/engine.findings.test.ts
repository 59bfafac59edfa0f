// Regression tests for the findings of a second implementation of rules v1 (issue #10): each failed on the
// code before the fix. Inputs are hand-made CSV text, so each case is exactly the one reported.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditChain, auditFiles, type ChainFacts } from "../../lib/audit/index.ts";
import { formatChecklist } from "../../scripts/engine/audit-period.ts";
import { Progress } from "../../scripts/engine/progress.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { readTree } from "./engine.helpers.ts";

const quiet = new Progress(false);
const sha256 = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");
const A1 = "0x" + "1".repeat(40);
const A2 = "0x" + "2".repeat(40);
const PAY_HEADER =
  "payment_id,subscriber_id,amount,pool_share,referral_share,referrer_artist_id,referral_paid_onchain,campaign,paid_at\n";

interface Inputs {
  artists: string;
  payments: string;
  plays: string;
}

describe("engine findings (regressions)", function () {
  this.timeout(60_000);
  let dir: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), "engine-findings-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(i: Inputs): { payments: string; plays: string; artists: string } {
    const d = join(dir, `in${n++}`);
    mkdirSync(d, { recursive: true });
    const files = { payments: join(d, "payments.csv"), plays: join(d, "plays.csv"), artists: join(d, "artists.csv") };
    writeFileSync(files.artists, i.artists);
    writeFileSync(files.payments, i.payments);
    writeFileSync(files.plays, i.plays);
    return files;
  }
  const pay = (id: string, s: string, pool: bigint | string) => `${id},${s},${pool},${pool},0,,false,,1700000000\n`;
  const artists = (...rows: [string, string][]) =>
    "artist_id,payout_address,name\n" + rows.map(([id, a]) => `${id},${a},${id}\n`).join("");

  async function engine(i: Inputs, extra: { previous?: string } = {}) {
    const out = join(dir, `out${n++}`);
    const r = await runEngine({ ...write(i), period: `p${n}`, out, progress: quiet, ...extra });
    return { ...r, files: readTree(out) as Map<string, Uint8Array> };
  }
  const audit = (files: Map<string, Uint8Array>, previous: Map<string, Uint8Array> | null = null) =>
    auditFiles({ files, previous, sha256 });
  const failed = (checks: { name: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.name);

  describe("finding 1: pools above 2^53", () => {
    it("test_twoPoolsSummingAbove2pow53_oneArtist_allocateExactlyTheFundedPool", async () => {
      const r = await engine({
        artists: artists(["a1", A1]),
        payments: PAY_HEADER + pay("p1", "s1", 5000000000000001n) + pay("p2", "s2", 5000000000000000n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\ns2,a1,60000\n",
      });
      const m = r.manifest as any;
      expect(m.carry_out).to.equal(0n);
      expect(m.cumulative_total).to.equal(10000000000000001n);
      expect(failed(audit(r.files).checks)).to.deep.equal([]);
    });

    it("test_pools2pow53minus1And2_differentArtists_leaveNoUnplayedPool", async () => {
      const r = await engine({
        artists: artists(["a1", A1], ["a2", A2]),
        payments: PAY_HEADER + pay("p1", "s1", 2n ** 53n - 1n) + pay("p2", "s2", 2n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\ns2,a2,60000\n",
      });
      const t = r.allocation.totals;
      expect(t.unplayedPool).to.equal(0n);
      expect(t.carryOut).to.equal(0n);
      expect(t.allocated).to.equal(2n ** 53n + 1n);
    });

    it("test_audit_negativeCarry_failsConservation", async () => {
      const r = await engine({
        artists: artists(["a1", A1]),
        payments: PAY_HEADER + pay("p1", "s1", 10n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
      });
      // A manifest claiming one more allocated than funded, with a carry of −1 that "balances" it.
      const text = new TextDecoder().decode(r.files.get("manifest.json"));
      const m = JSON.parse(text);
      m.totals.allocated = "11";
      m.carry_out = "-1";
      const files = new Map<string, Uint8Array>(r.files).set(
        "manifest.json",
        new TextEncoder().encode(JSON.stringify(m)),
      );
      const checks = audit(files).checks;
      const conservation = checks.find((c) => c.name.startsWith("conservation"))!;
      expect(conservation.ok).to.equal(false);
      expect(conservation.detail).to.match(/carry_out -1 is negative/);
    });
  });

  describe("finding 2: one sort order", () => {
    it("test_idsFF01And1F600_engineFolderPassesTheAudit", async () => {
      const x = "\uFF01";
      const y = "\u{1F600}";
      const r = await engine({
        artists: artists([x, A1], [y, A2]),
        payments: PAY_HEADER + pay("p1", x, 100n) + pay("p2", y, 100n),
        plays: `subscriber_id,artist_id,ms_played\n${x},${x},60000\n${x},${y},60000\n${y},${x},60000\n`,
      });
      expect(failed(audit(r.files).checks)).to.deep.equal([]);
    });
  });

  describe("finding 3: one CSV dialect", () => {
    it("test_quotedLineBreaksInIdsAndNames_engineFolderPassesTheAudit", async () => {
      const r = await engine({
        artists: `artist_id,payout_address,name\n"a\n1",${A1},"Band\r\nName"\na2,${A2},"x, ""y"""\n`,
        payments: PAY_HEADER + `p1,"s\n1",100,90,0,,false,,1700000000\n`,
        plays: `subscriber_id,artist_id,ms_played\n"s\n1","a\n1",60000\n"s\n1",a2,60000\n`,
      });
      expect(failed(audit(r.files).checks)).to.deep.equal([]);
    });

    it("test_RevertWhen_strayQuoteInUnquotedField_engineNamesFileLineColumn", async () => {
      let error: Error | undefined;
      try {
        await engine({
          artists: artists(["a1", A1]),
          payments: PAY_HEADER + pay("p1", "s1", 10n),
          plays: 'subscriber_id,artist_id,ms_played\ns"1,a1,60000\n',
        });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.match(/plays\.csv, line 2, column 1: .*quote/);
    });

    it("test_RevertWhen_unterminatedQuote_auditNamesFileLineColumnAndProblem", async () => {
      const r = await engine({
        artists: artists(["a1", A1]),
        payments: PAY_HEADER + pay("p1", "s1", 10n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
      });
      const broken = new Map<string, Uint8Array>(r.files).set(
        "artists.csv",
        new TextEncoder().encode(`artist_id,payout_address,name\na1,${A1},"a1\n`),
      );
      const detail = audit(broken).checks.find((c) => c.name === "recomputed from the published data")!.detail;
      expect(detail).to.match(/artists\.csv, line 2, column 3 \(name\): quoted field not closed/);
    });
  });

  describe("finding 4: an artist who leaves the registry", () => {
    it("test_artistPlayedInPeriod0_absentFromPeriod1Registry_keepsItsLeafAndStatement_andTheAuditPasses", async () => {
      const p0 = await engine({
        artists: artists(["a1", A1], ["gone", A2]),
        payments: PAY_HEADER + pay("p1", "s1", 100n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\ns1,gone,60000\n",
      });
      const p1 = await engine(
        {
          artists: artists(["a1", A1]),
          payments: PAY_HEADER + pay("q1", "s9", 50n),
          plays: "subscriber_id,artist_id,ms_played\ns9,a1,60000\n",
        },
        { previous: p0.out },
      );
      const leaves = JSON.parse(new TextDecoder().decode(p1.files.get("distribution.json"))).values.map(
        (v: any) => v.value,
      );
      expect(leaves).to.deep.include([A2, "50"]);
      expect(p1.files.has("statements/gone.json")).to.equal(true);
      expect(failed(audit(p1.files, p0.files).checks)).to.deep.equal([]);
    });

    it("test_RevertWhen_departedArtistIsPlayed_errorNamesFileLineAndTheRule", async () => {
      let error: Error | undefined;
      try {
        await engine({
          artists: artists(["a1", A1]),
          payments: PAY_HEADER + pay("p1", "s1", 10n),
          plays: "subscriber_id,artist_id,ms_played\ns1,gone,60000\n",
        });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.match(/plays\.csv, line 2, column artist_id: unknown artist "gone"/);
    });
  });

  describe("finding 5: limits that say what is wrong", () => {
    const reject = async (i: Partial<Inputs>): Promise<string> => {
      try {
        await engine({
          artists: artists(["a1", A1]),
          payments: PAY_HEADER + pay("p1", "s1", 10n),
          plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
          ...i,
        });
      } catch (e) {
        return (e as Error).message;
      }
      return "accepted";
    };

    it("test_RevertWhen_msPlayedHas13Digits_saysTheLimit", async () => {
      const m = await reject({ plays: "subscriber_id,artist_id,ms_played\ns1,a1,1234567890123\n" });
      expect(m).to.match(/ms_played .*more than 12 digits/);
    });

    it("test_RevertWhen_payoutAddressIsZero", async () => {
      const m = await reject({ artists: artists(["a1", "0x" + "0".repeat(40)]) });
      expect(m).to.match(/artists\.csv, line 2, column payout_address: .*zero address/);
    });

    it("test_RevertWhen_fileStartsWithAUtf8Bom", async () => {
      const m = await reject({ artists: "\uFEFF" + artists(["a1", A1]) });
      expect(m).to.match(/artists\.csv, line 1: .*byte order mark/);
    });

    it("test_audit_truncatedManifest_namesTheFile", async () => {
      const r = await engine({
        artists: artists(["a1", A1]),
        payments: PAY_HEADER + pay("p1", "s1", 10n),
        plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
      });
      const bytes = r.files.get("manifest.json")!;
      const files = new Map<string, Uint8Array>(r.files).set("manifest.json", bytes.subarray(0, bytes.length >> 1));
      expect(audit(files).checks[0].detail).to.match(/^manifest\.json: /);
      // As a previous publication too.
      let error: Error | undefined;
      try {
        await engine(
          {
            artists: artists(["a1", A1]),
            payments: PAY_HEADER + pay("p1", "s1", 10n),
            plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
          },
          { previous: truncatedCopy(r.out) },
        );
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.match(/manifest\.json.*not JSON/);
    });
  });

  describe("finding 6: audit output", () => {
    let files: Map<string, Uint8Array>;
    before(async () => {
      files = (
        await engine({
          artists: artists(["a1", A1]),
          payments: PAY_HEADER + pay("p1", "s1", 10n),
          plays: "subscriber_id,artist_id,ms_played\ns1,a1,60000\n",
        })
      ).files;
    });

    it("test_audit_changedManifestField_isNamedByField", () => {
      const m = JSON.parse(new TextDecoder().decode(files.get("manifest.json")));
      m.totals.user_centric = "9";
      const changed = new Map<string, Uint8Array>(files).set(
        "manifest.json",
        new TextEncoder().encode(JSON.stringify(m, null, 2) + "\n"),
      );
      const detail = audit(changed).checks.find((c) => c.name === "recomputed files match byte for byte")!.detail;
      expect(detail).to.include("manifest.json field totals.user_centric: published 9, recomputed 10");
    });

    it("test_audit_vetoedRoot_isReportedAsVetoed", () => {
      const a = audit(files);
      const root = String(a.manifest!.root);
      const facts: ChainFacts = { active: null, pending: null, totalFunded: 10n, claimed: new Map(), vetoed: true };
      const c = auditChain(a, facts).find((x) => x.name === "root proposed on the distributor")!;
      expect(c.ok).to.equal(false);
      expect(c.detail).to.equal(`${root} was vetoed`);
    });

    it("test_checklist_summaryCountsFailuresWithoutRepeatingThem", () => {
      const checks = [
        { name: "a", ok: false, detail: "x".repeat(300) },
        { name: "b", ok: false, detail: "y".repeat(300) },
        { name: "c", ok: true, detail: "fine" },
      ];
      const last = formatChecklist(checks).trimEnd().split("\n").at(-1)!;
      expect(last).to.equal("FAIL: 2 of 3 checks failed (a, b)");
    });
  });

  function truncatedCopy(folder: string): string {
    const d = join(dir, `trunc${n++}`);
    for (const [p, bytes] of readTree(folder)) {
      mkdirSync(join(d, p, ".."), { recursive: true });
      writeFileSync(join(d, p), p === "manifest.json" ? bytes.subarray(0, bytes.length >> 1) : bytes);
    }
    return d;
  }
});
