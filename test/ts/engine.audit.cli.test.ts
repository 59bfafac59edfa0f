// The engine's chain CLIs as a platform and an auditor run them, over HTTP JSON-RPC to the in-process
// chain: engine --rpc/--hub, publish, audit (✔ and ✘, exit codes) and audit --veto.
import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { csvLine } from "../../lib/publication/index.ts";
import { deploy } from "../../scripts/lib/deploy.js";
import { runCli, serveRpc } from "./engine.rpc.helpers.ts";

const connection = await network.create();
const { ethers } = connection;
// Hardhat's default accounts 0 (deployer: owner and publisher) and 1 (auditor).
const PUBLISHER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const AUDITOR_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("engine chain CLIs (engine --rpc, publish, audit)", function () {
  this.timeout(120_000);
  let dir: string;
  let rpc: { url: string; close: () => Promise<void> };
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "engine-chain-cli-"));
    rpc = await serveRpc(connection.provider);
  });
  after(async () => {
    await rpc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_help_printsUsageForPublishAndAudit", async () => {
    for (const script of ["publish.ts", "audit.ts"]) {
      const r = await runCli(script, ["--help"]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/Usage: npm run (publish|audit) --/);
    }
  });

  it("test_cli_hubEvents_publish_audit_passes_tamperFailsAndVetoes", async () => {
    const [owner, auditor, artist, fan] = await ethers.getSigners();
    const { addresses } = await deploy(connection, {
      Platform: { challengeWindow: 3600n, noticePeriod: 7200n, auditors: [auditor.address] },
    });
    const token = await ethers.getContractAt("TestToken", addresses.Token);
    const hub = await ethers.getContractAt("SubscriptionHub", addresses.SubscriptionHub);
    const distributor = await ethers.getContractAt("Distributor", addresses.Distributor);
    expect(owner.address).to.equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    const from = (await ethers.provider.getBlockNumber()) + 1;
    await token.mint(fan.address, 10n ** 9n);
    await token.connect(fan).approve(addresses.SubscriptionHub, 10n ** 9n);
    await hub.enroll(artist.address);
    await hub.connect(artist).registerCampaign(artist.address);
    await hub.connect(fan).subscribe(0, artist.address, 1);
    await hub.closePeriod();
    const to = await ethers.provider.getBlockNumber();
    const artists = join(dir, "artists.csv");
    writeFileSync(
      artists,
      csvLine(["artist_id", "payout_address", "name"]) + csvLine(["band", artist.address, "Band"]),
    );
    const plays = join(dir, "plays.csv");
    writeFileSync(
      plays,
      csvLine(["subscriber_id", "artist_id", "ms_played"]) + csvLine([fan.address.toLowerCase(), "band", 45_000]),
    );

    const out = join(dir, "p0");
    const hubFlags = ["--hub", addresses.SubscriptionHub, "--from-block", String(from), "--to-block", String(to)];
    const engine = await runCli("engine.ts", [
      "--period",
      "p0",
      "--rpc",
      rpc.url,
      ...hubFlags,
      "--plays",
      plays,
      "--artists",
      artists,
      "--out",
      out,
    ]);
    expect(engine.code, engine.stderr).to.equal(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.totals.payments).to.equal(1);

    const chain = ["--rpc", rpc.url, "--distributor", addresses.Distributor];
    const noKey = await runCli("publish.ts", ["--period-dir", out, ...chain], { GAPLESS_PUBLISHER_KEY: "" });
    expect(noKey.code).to.equal(1);
    expect(noKey.stderr).to.match(/GAPLESS_PUBLISHER_KEY/);
    const published = await runCli("publish.ts", ["--period-dir", out, ...chain], {
      GAPLESS_PUBLISHER_KEY: PUBLISHER_KEY,
    });
    expect(published.code, published.stderr).to.equal(0);
    expect((await distributor.pendingRoot())[0]).to.equal(manifest.root);

    const audit = await runCli("audit.ts", ["--period-dir", out, ...chain, ...hubFlags]);
    expect(audit.code, audit.stdout + audit.stderr).to.equal(0);
    expect(audit.stdout).to.not.include("✘");
    expect(audit.stdout.match(/✔/g)!.length).to.be.greaterThan(10);

    // The auditor's copy of the folder says the artist gets one unit more: fail, name it, veto.
    const tampered = join(dir, "p0-tampered");
    cpSync(out, tampered, { recursive: true });
    const dist = readFileSync(join(out, "distribution.json"), "utf8");
    const leaf = JSON.parse(dist).values[0].value as [string, string];
    writeFileSync(join(tampered, "distribution.json"), dist.replace(`"${leaf[1]}"]`, `"${BigInt(leaf[1]) + 1n}"]`));
    const veto = await runCli("audit.ts", ["--period-dir", tampered, ...chain, "--veto"], {
      GAPLESS_AUDITOR_KEY: AUDITOR_KEY,
    });
    expect(veto.code).to.equal(1);
    expect(veto.stdout).to.match(/✘ folder matches manifest.json: distribution.json/);
    expect(veto.stdout).to.include(leaf[0]);
    expect(await distributor.isVetoed(manifest.root)).to.equal(true);
  });
});
