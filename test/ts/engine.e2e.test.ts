// End to end on the in-process chain: deploy → generate → engine → publish → audit passes; a tampered
// leaf fails the audit by name; a wrong previous root is refused before anything is sent; and the
// on-chain path: real hub payments → engine from hub events → publish → a claim pays.
import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { createPublicClient, createWalletClient, custom, parseEventLogs, type Address, type Hex } from "viem";
import { csvLine } from "../../lib/publication/index.ts";
import { deploy } from "../../scripts/lib/deploy.js";
import { auditPeriod } from "../../scripts/engine/audit-period.ts";
import { DISTRIBUTOR_ABI, type Reader, type Writer } from "../../scripts/engine/chain.ts";
import { generate } from "../../scripts/engine/generate.ts";
import { runEngineFromHub } from "../../scripts/engine/hub-events.ts";
import { publishPeriod, PublishError } from "../../scripts/engine/publish-period.ts";
import { runEngine } from "../../scripts/engine/run.ts";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const client = createPublicClient({ transport: custom(connection.provider), cacheTime: 0 }) as Reader;
const walletOf = (address: string) =>
  createWalletClient({
    account: address as Address,
    transport: custom(connection.provider),
  }) as unknown as Writer;
const WINDOW = 3600n;

// Enrollment off: one test pays an unregistered referrer on-chain to check the engine keeps it under its own address.
async function deployed() {
  const [owner, auditor] = await ethers.getSigners();
  const { addresses } = await deploy(connection, {
    Platform: {
      challengeWindow: WINDOW,
      noticePeriod: 7200n,
      auditors: [auditor.address],
      enrollmentRequired: false,
    },
  });
  const token = await ethers.getContractAt("TestToken", addresses.Token);
  const distributor = await ethers.getContractAt("Distributor", addresses.Distributor);
  const hub = await ethers.getContractAt("SubscriptionHub", addresses.SubscriptionHub);
  return { owner, auditor, addresses, token, distributor, hub };
}

describe("engine end to end (publish, audit, hub events)", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "engine-e2e-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Generates period k (seed 11) and runs the engine into <dir>/<run>/p<k>. */
  async function period(run: string, k: number, previous?: string) {
    const inputs = await generate({
      seed: 11,
      period: k,
      plays: 3000,
      subscribers: 120,
      artists: 25,
      format: "csv",
      out: join(dir, `in${k}`),
    });
    const out = join(dir, run, `p${k}`);
    await runEngine({
      period: `p${k}`,
      payments: inputs.payments,
      plays: inputs.plays,
      artists: inputs.artists,
      out,
      previous,
    });
    return { inputs, out };
  }

  it("test_e2e_publishThenAudit_passesAndTamperedLeafIsNamed", async function () {
    const d = await deployed();
    await d.token.mint(d.owner.address, 10n ** 15n);
    const p0 = await period("tamper", 0);
    const manifest = JSON.parse(readFileSync(join(p0.out, "manifest.json"), "utf8"));

    const published = await publishPeriod({
      folder: p0.out,
      distributor: d.addresses.Distributor,
      publicClient: client,
      walletClient: walletOf(d.owner.address),
    });
    const receipt = await client.getTransactionReceipt({ hash: published.transactions.at(-1)! });
    const [proposed] = parseEventLogs({
      abi: DISTRIBUTOR_ABI,
      eventName: "RootProposed",
      logs: receipt.logs,
    });
    expect(proposed.args.root).to.equal(manifest.root);
    expect(proposed.args.total).to.equal(BigInt(manifest.cumulative_total));
    expect(published.funded).to.equal(BigInt(manifest.totals.funded)); // off-chain billing: all of it
    expect(await d.distributor.totalFunded()).to.equal(BigInt(manifest.totals.funded));

    const audit = await auditPeriod({ folder: p0.out, client, distributor: d.addresses.Distributor });
    expect(audit.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(audit.checks.length).to.be.greaterThan(9);

    // Republishing sends nothing.
    const again = await publishPeriod({
      folder: p0.out,
      distributor: d.addresses.Distributor,
      publicClient: client,
      walletClient: walletOf(d.owner.address),
    });
    expect(again.alreadyProposed).to.equal(true);
    expect(again.transactions).to.deep.equal([]);

    // One leaf raised by one unit: the audit fails and names the file and the leaf.
    const tampered = join(dir, "p0-tampered");
    cpSync(p0.out, tampered, { recursive: true });
    const dump = JSON.parse(readFileSync(join(p0.out, "distribution.json"), "utf8"));
    const [address, amount] = dump.values[3].value as [string, string];
    writeFileSync(
      join(tampered, "distribution.json"),
      readFileSync(join(p0.out, "distribution.json"), "utf8").replace(
        `"${address}","${amount}"`,
        `"${address}","${BigInt(amount) + 1n}"`,
      ),
    );
    const bad = await auditPeriod({ folder: tampered, client, distributor: d.addresses.Distributor });
    expect(bad.ok).to.equal(false);
    const failed = bad.checks.filter((c) => !c.ok);
    expect(failed[0].detail).to.include("distribution.json");
    expect(failed.find((c) => c.name === "leaves match the recomputed allocation")!.detail).to.include(address);
  });

  it("test_RevertWhen_fileUriOnANonLocalChain_nothingSent", async function () {
    const p = await period("remote", 0);
    const remote = { getChainId: async () => 8453 } as unknown as Reader; // Base: auditors cannot read this machine
    let error: unknown;
    try {
      await publishPeriod({
        folder: p.out,
        distributor: `0x${"1".repeat(40)}`,
        publicClient: remote,
        walletClient: walletOf(`0x${"2".repeat(40)}`),
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PublishError);
    expect((error as Error).message).to.match(/file on this machine, which auditors of chain 8453 cannot fetch/);
  });

  it("test_RevertWhen_previousRootIsNotTheDistributors_nothingSent", async function () {
    const d = await deployed();
    await d.token.mint(d.owner.address, 10n ** 15n);
    const p0 = await period("refused", 0);
    await publishPeriod({
      folder: p0.out,
      distributor: d.addresses.Distributor,
      publicClient: client,
      walletClient: walletOf(d.owner.address),
    });

    // Period 1 computed without period 0 as its previous: it would overwrite period 0's leaves.
    const inputs1 = await generate({
      seed: 11,
      period: 1,
      plays: 3000,
      subscribers: 120,
      artists: 25,
      format: "csv",
      out: join(dir, "in1-orphan"),
    });
    const orphan = join(dir, "p1-orphan");
    await runEngine({
      period: "p1",
      payments: inputs1.payments,
      plays: inputs1.plays,
      artists: inputs1.artists,
      out: orphan,
    });
    const blockBefore = await client.getBlockNumber();
    const pendingBefore = await d.distributor.pendingRoot();
    let error: unknown;
    try {
      await publishPeriod({
        folder: orphan,
        distributor: d.addresses.Distributor,
        publicClient: client,
        walletClient: walletOf(d.owner.address),
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(PublishError);
    expect((error as Error).message).to.match(/previous root mismatch/);
    expect(await client.getBlockNumber()).to.equal(blockBefore);
    expect((await d.distributor.pendingRoot())[0]).to.equal(pendingBefore[0]);

    // Built on period 0, it publishes, funding only the difference, and audits clean (monotone, carry).
    const p1 = await period("refused", 1, p0.out); // next to p0, where the auditor looks for the previous folder
    const fundedBefore = await d.distributor.totalFunded();
    const r = await publishPeriod({
      folder: p1.out,
      distributor: d.addresses.Distributor,
      publicClient: client,
      walletClient: walletOf(d.owner.address),
    });
    const m1 = JSON.parse(readFileSync(join(p1.out, "manifest.json"), "utf8"));
    expect(fundedBefore + r.funded).to.equal(BigInt(m1.cumulative_total) + BigInt(m1.carry_out));
    const audit = await auditPeriod({ folder: p1.out, client, distributor: d.addresses.Distributor });
    expect(audit.checks.filter((c) => !c.ok)).to.deep.equal([]);
  });

  it("test_e2e_hubPayments_engineFromEvents_publishWithoutFunding_claimPays", async function () {
    const d = await deployed();
    const signers = await ethers.getSigners();
    const [artistA, artistB, stranger] = signers.slice(2, 5);
    const fans = signers.slice(5, 9);
    const artists = join(dir, "hub-artists.csv");
    writeFileSync(
      artists,
      csvLine(["artist_id", "payout_address", "name"]) +
        csvLine(["band-a", artistA.address, "A"]) +
        csvLine(["band-b", artistB.address, "B"]),
    );

    const from = (await client.getBlockNumber()) + 1n;
    const referrers = [artistA.address, artistB.address, stranger.address, ethers.ZeroAddress];
    await d.hub.connect(artistA).registerCampaign(artistA.address);
    for (const [i, fan] of fans.entries()) {
      await d.token.mint(fan.address, 10n ** 9n);
      await d.token.connect(fan).approve(d.addresses.SubscriptionHub, 10n ** 9n);
      await d.hub.connect(fan).subscribe(0, referrers[i], i === 0 ? 1 : 0);
    }
    await d.hub.closePeriod();
    const to = await client.getBlockNumber();
    // Fans played band-a and band-b; subscriber ids are the lowercase fan addresses.
    const plays = join(dir, "hub-plays.csv");
    writeFileSync(
      plays,
      csvLine(["subscriber_id", "artist_id", "ms_played"]) +
        fans.map((f, i) => csvLine([f.address.toLowerCase(), i % 2 ? "band-b" : "band-a", 60_000])).join(""),
    );

    const out = join(dir, "hub-p0");
    const r = await runEngineFromHub({
      client,
      hub: d.addresses.SubscriptionHub,
      fromBlock: from,
      toBlock: to,
      period: "hub-p0",
      plays,
      artists,
      out,
    });
    expect(r.payments.length).to.equal(fans.length);
    expect(r.extraArtists.map((a) => a.artistId)).to.deep.equal([stranger.address.toLowerCase()]);
    const m = r.manifest as Record<string, any>;
    expect(BigInt(m.totals.referral_onchain)).to.be.greaterThan(0n);
    expect(m.totals.referral_offchain).to.equal("0");

    const published = await publishPeriod({
      folder: out,
      distributor: d.addresses.Distributor,
      publicClient: client,
      walletClient: walletOf(d.owner.address),
    });
    expect(published.funded).to.equal(0n); // the hub's closePeriod funded the pool
    const audit = await auditPeriod({
      folder: out,
      client,
      distributor: d.addresses.Distributor,
      hub: { address: d.addresses.SubscriptionHub, fromBlock: from, toBlock: to },
    });
    expect(audit.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(audit.checks.map((c) => c.name)).to.include("hub Paid events sum to the pool");
    // The manifest records where its payments were read, so the hub check needs no block numbers.
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).hub_events).to.deep.equal({
      hub: d.addresses.SubscriptionHub.toLowerCase(),
      from_block: String(from),
      to_block: String(to),
    });
    const byManifest = await auditPeriod({
      folder: out,
      client,
      distributor: d.addresses.Distributor,
      hub: { address: d.addresses.SubscriptionHub },
    });
    expect(byManifest.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(byManifest.checks.map((c) => c.name)).to.include("hub Paid events sum to the pool");
    // publish recorded the period in the periods index beside the folder.
    const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8"));
    expect(index.periods.find((e: any) => e.period === "hub-p0")).to.deep.include({
      root: m.root,
      dataHash: published.dataHash,
      uri: published.uri,
    });

    await networkHelpers.time.increase(WINDOW);
    const shard = readFileSync(join(out, "proofs", `${artistA.address.slice(2, 3).toLowerCase()}.json`), "utf8");
    const entry = JSON.parse(shard).entries.find((e: any) => e.address === artistA.address.toLowerCase());
    const before = await d.token.balanceOf(artistA.address);
    await expect(d.distributor.claim(artistA.address, entry.amount, entry.proof as Hex[]))
      .to.emit(d.distributor, "Claimed")
      .withArgs(artistA.address, entry.amount);
    expect((await d.token.balanceOf(artistA.address)) - before).to.equal(BigInt(entry.amount));
  });
});
