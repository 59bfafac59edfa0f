// The engine CLI on bad inputs: a clear error naming file, line and column, a non-zero exit code, and
// nothing written.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomPeriod, writePeriodCsv } from "./engine.helpers.ts";

const NODE = join(process.cwd(), "node_modules/.bin/node");

function cli(script: string, args: string[]) {
  const r = spawnSync(NODE, [join("scripts/engine", script), ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("engine CLI", function () {
  this.timeout(60_000);
  let dir: string;
  let files: { payments: string; plays: string; artists: string };
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "engine-cli-"));
    files = writePeriodCsv(join(dir, "good"), randomPeriod(5));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the engine with one input file replaced by `content` and returns its result. */
  function runWith(kind: "payments" | "plays" | "artists", content: string | undefined, extra: string[] = []) {
    const inputs = { ...files };
    if (content !== undefined) {
      inputs[kind] = join(dir, `bad${n++}-${kind}.csv`);
      writeFileSync(inputs[kind], content);
    }
    const out = join(dir, `out${n++}`);
    const r = cli("engine.ts", [
      "--period",
      "t",
      "--payments",
      inputs.payments,
      "--plays",
      inputs.plays,
      "--artists",
      inputs.artists,
      "--out",
      out,
      ...extra,
    ]);
    return { ...r, out, file: inputs[kind] };
  }

  function expectRejected(r: ReturnType<typeof runWith>, pattern: RegExp) {
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.include(r.file);
    expect(r.stderr).to.match(pattern);
    expect(existsSync(r.out)).to.equal(false);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).to.deep.equal([]);
  }

  const goodPayments = () => readFileSync(files.payments, "utf8");
  const paymentLine = (fields: string) => `${goodPayments()}${fields}\n`;
  const lineCount = () => goodPayments().split("\n").length; // line number of an appended row

  it("test_help_printsUsageForBothCommands", () => {
    for (const script of ["engine.ts", "generate.ts"]) {
      const r = cli(script, ["--help"]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/Usage: npm run (engine|generate) --/);
    }
  });

  it("test_goodInput_writesTheFolder", () => {
    const r = runWith("payments", undefined);
    expect(r.code, r.stderr).to.equal(0);
    expect(existsSync(join(r.out, "manifest.json"))).to.equal(true);
  });

  it("test_RevertWhen_rowIsMalformed", () => {
    const r = runWith("payments", paymentLine("px,s1,100,50"));
    expectRejected(r, new RegExp(`line ${lineCount()}: .*Expected Number of Columns: 9 Found: 4`));
  });

  it("test_RevertWhen_amountIsNegative", () => {
    const r = runWith("payments", paymentLine("px,s1,-100,50,0,,false,,1700000000"));
    expectRejected(r, new RegExp(`line ${lineCount()}, column amount: negative or non-integer amount "-100"`));
  });

  it("test_RevertWhen_amountIsNotAnInteger", () => {
    const r = runWith("payments", paymentLine("px,s1,100,50.5,0,,false,,1700000000"));
    expectRejected(r, new RegExp(`line ${lineCount()}, column pool_share: negative or non-integer amount "50.5"`));
  });

  it("test_RevertWhen_sharesExceedAmount", () => {
    const r = runWith("payments", paymentLine("px,s1,100,90,20,a0,false,,1700000000"));
    expectRejected(
      r,
      new RegExp(`line ${lineCount()}, column pool_share: pool_share \\+ referral_share exceeds amount`),
    );
  });

  it("test_RevertWhen_paymentIdIsDuplicated", () => {
    const first = goodPayments().split("\n")[1].split(",")[0];
    const r = runWith("payments", paymentLine(`${first},s1,100,50,0,,false,,1700000000`));
    expectRejected(r, new RegExp(`line ${lineCount()}, column payment_id: duplicate payment_id "${first}"`));
  });

  it("test_RevertWhen_referrerIsUnknown", () => {
    const r = runWith("payments", paymentLine("px,s1,100,50,10,nobody,false,,1700000000"));
    expectRejected(r, new RegExp(`line ${lineCount()}, column referrer_artist_id: unknown artist "nobody"`));
  });

  it("test_RevertWhen_playedArtistIsUnknown", () => {
    const r = runWith("plays", "subscriber_id,artist_id,ms_played\ns1,a0,40000\ns2,ghost,40000\n");
    expectRejected(r, /line 3, column artist_id: unknown artist "ghost"/);
  });

  it("test_RevertWhen_unknownArtistIsOnlyInAnUncountedPlay", () => {
    const r = runWith("plays", "subscriber_id,artist_id,ms_played\ns1,a0,40000\ns2,ghost,1000\n");
    expectRejected(r, /line 3, column artist_id: unknown artist "ghost"/);
  });

  it("test_RevertWhen_playIdsAreEmpty", () => {
    const noArtist = runWith("plays", "subscriber_id,artist_id,ms_played\ns1,a0,40000\ns2,,40000\n");
    expectRejected(noArtist, /line 3, column artist_id: empty artist_id/);
    const noSubscriber = runWith("plays", "subscriber_id,artist_id,ms_played\ns1,a0,40000\n,a0,40000\n");
    expectRejected(noSubscriber, /line 3, column subscriber_id: empty subscriber_id/);
  });

  it("test_RevertWhen_msPlayedIsNegative", () => {
    const r = runWith("plays", "subscriber_id,artist_id,ms_played\ns1,a0,40000\ns1,a0,40000\ns2,a0,-5\n");
    expectRejected(r, /line 4, column ms_played: negative or non-integer ms_played "-5"/);
  });

  it("test_RevertWhen_payoutAddressIsBad", () => {
    const r = runWith("artists", `artist_id,payout_address,name\na0,0x12,Zero\n`);
    expectRejected(r, /line 2, column payout_address: not an address/);
  });

  it("test_RevertWhen_columnIsMissing", () => {
    const r = runWith("payments", goodPayments().split("\n")[0].replace(",campaign", "") + "\n");
    expectRejected(r, /line 1, column campaign: missing column campaign/);
  });

  it("test_RevertWhen_fileIsMissing", () => {
    const out = join(dir, "missing-out");
    const r = cli("engine.ts", [
      "--period",
      "t",
      "--payments",
      join(dir, "nope.csv"),
      "--plays",
      files.plays,
      "--artists",
      files.artists,
      "--out",
      out,
    ]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(join(dir, "nope.csv"));
    expect(r.stderr).to.match(/payments file not found/);
    expect(existsSync(out)).to.equal(false);
  });

  it("test_RevertWhen_previousPublicationDoesNotMatchItsManifest", () => {
    const first = runWith("payments", undefined);
    expect(first.code, first.stderr).to.equal(0);
    const dist = join(first.out, "distribution.json");
    writeFileSync(
      dist,
      readFileSync(dist, "utf8").replace(
        /"(\d)(\d*)"\]/,
        (_, d: string, rest: string) => `"${(Number(d) % 9) + 1}${rest}"]`,
      ),
    );
    const r = runWith("payments", undefined, ["--previous", first.out]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include(dist);
    expect(r.stderr).to.match(/sha256 [0-9a-f]{64} does not match manifest.json files\["distribution.json"\]/);
    expect(existsSync(r.out)).to.equal(false);
  });

  it("test_RevertWhen_outExistsWithoutForce", () => {
    const first = runWith("payments", undefined);
    const r = cli("engine.ts", [
      "--period",
      "t",
      "--payments",
      files.payments,
      "--plays",
      files.plays,
      "--artists",
      files.artists,
      "--out",
      first.out,
    ]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/exists \(use --force/);
  });
});
