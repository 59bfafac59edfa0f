// A period built from the hub's Paid events publishes no subscriber address, transaction hash or log
// handle, and still passes the audit, whose hub checks compare aggregates per referrer.
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { createPublicClient, createWalletClient, custom, type Address } from "viem";
import { csvLine, PSEUDONYM, parsePublishedArtists, parsePublishedPayments } from "../../lib/publication/index.ts";
import { deploy } from "../../scripts/lib/deploy.js";
import { auditPeriod } from "../../scripts/engine/audit-period.ts";
import type { Reader, Writer } from "../../scripts/engine/chain.ts";
import { hubLogs, runEngineFromHub } from "../../scripts/engine/hub-events.ts";
import { publishPeriod } from "../../scripts/engine/publish-period.ts";
import { readTree } from "./engine.helpers.ts";

const connection = await network.create();
const { ethers } = connection;
const client = createPublicClient({ transport: custom(connection.provider), cacheTime: 0 }) as Reader;

describe("privacy: a period from the hub's events", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "privacy-hub-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A deployed platform with five fans paid in one closed hub period, and their plays. */
  async function hubPeriod(name: string) {
    const [owner, auditor, artistA, artistB, ...rest] = await ethers.getSigners();
    const fans = rest.slice(0, 5);
    const { addresses } = await deploy(connection, {
      Platform: { challengeWindow: 3600n, noticePeriod: 7200n, auditors: [auditor.address], enrollmentRequired: false },
    });
    const token = await ethers.getContractAt("TestToken", addresses.Token);
    const hub = await ethers.getContractAt("SubscriptionHub", addresses.SubscriptionHub);
    const artists = join(dir, `${name}-artists.csv`);
    writeFileSync(
      artists,
      csvLine(["artist_id", "payout_address", "name"]) +
        csvLine(["nova", artistA.address, "Nova"]) +
        csvLine(["orbit", artistB.address, "Orbit"]),
    );
    const from = (await client.getBlockNumber()) + 1n;
    await hub.connect(artistA).registerCampaign(artistA.address); // campaign 1
    for (const [i, fan] of fans.entries()) {
      await token.mint(fan.address, 10n ** 9n);
      await token.connect(fan).approve(addresses.SubscriptionHub, 10n ** 9n);
      await hub
        .connect(fan)
        .subscribe(0, [artistA.address, artistB.address, ethers.ZeroAddress][i % 3], i === 0 ? 1 : 0);
    }
    await hub.closePeriod();
    const to = await client.getBlockNumber();
    const plays = join(dir, `${name}-plays.csv`);
    writeFileSync(
      plays,
      csvLine(["subscriber_id", "artist_id", "ms_played"]) +
        fans.map((f, i) => csvLine([f.address.toLowerCase(), i % 2 ? "orbit" : "nova", 60_000])).join(""),
    );
    const range = { client, hub: addresses.SubscriptionHub as Address, fromBlock: from, toBlock: to };
    const wallet = createWalletClient({ account: owner.address as Address, transport: custom(connection.provider) });
    return { addresses, fans, artists, plays, range, from, to, wallet: wallet as unknown as Writer };
  }

  it("test_hubPeriod_publishesNoAddressTxHashOrLogIndex_auditPassesOnAggregates", async () => {
    const { addresses, fans, artists, plays, range, from, to, wallet } = await hubPeriod("open");
    const out = join(dir, "p0");
    await runEngineFromHub({ ...range, period: "p0", plays, artists, out, pseudonymKey: new Uint8Array(32).fill(9) });

    const logs = await hubLogs(range, "Paid");
    expect(logs.length).to.equal(fans.length);
    const secrets = [
      ...fans.map((f) => f.address.toLowerCase().slice(2)),
      ...logs.map((l) => (l.transactionHash as string).slice(2)),
      ...logs.map((l) => `${l.transactionHash}-${l.logIndex}`),
      ...logs.map((l) => `${l.transactionHash}:${l.logIndex}`),
    ];
    const files = readTree(out);
    for (const [name, bytes] of files) {
      const text = bytes.toString("utf8").toLowerCase();
      for (const s of secrets) expect(text.includes(s), `${name} holds ${s}`).to.equal(false);
    }
    const published = parsePublishedPayments(
      files.get("payments.csv")!,
      parsePublishedArtists(files.get("artists.csv")!),
    );
    const blockTimes = await Promise.all(
      logs.map(async (l) => Number((await client.getBlock({ blockNumber: l.blockNumber })).timestamp)),
    );
    for (const p of published) {
      expect(p.subscriberId).to.match(PSEUDONYM);
      expect(p.paymentId).to.match(PSEUDONYM);
      expect(blockTimes).to.not.include(p.paidAt);
    }

    await publishPeriod({
      folder: out,
      distributor: addresses.Distributor,
      publicClient: client,
      walletClient: wallet,
    });
    const audit = await auditPeriod({
      folder: out,
      client,
      distributor: addresses.Distributor,
      hub: { address: addresses.SubscriptionHub, fromBlock: from, toBlock: to },
    });
    expect(audit.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(audit.checks.map((c) => c.name)).to.include("hub Paid events match the payments per referrer");
  });

  it("test_hubPeriod_committedMode_publishes_auditPassesWithRowsOnly", async () => {
    const { addresses, artists, plays, range, from, to, wallet } = await hubPeriod("committed");
    const out = join(dir, "c0");
    const rows = join(dir, "c0-auditors");
    const key = new Uint8Array(32).fill(9);
    await runEngineFromHub({ ...range, period: "c0", plays, artists, out, rowsOut: rows, pseudonymKey: key });
    await publishPeriod({
      folder: out,
      distributor: addresses.Distributor,
      publicClient: client,
      walletClient: wallet,
    });
    const chain = {
      client,
      distributor: addresses.Distributor,
      hub: { address: addresses.SubscriptionHub, fromBlock: from, toBlock: to },
    };
    const auditor = await auditPeriod({ folder: out, rows, ...chain });
    expect(auditor.checks.filter((c) => !c.ok)).to.deep.equal([]);
    expect(auditor.checks.map((c) => c.name)).to.include("hub Paid events match the payments per referrer");
    const anyone = await auditPeriod({ folder: out, ...chain });
    expect(anyone.checks.filter((c) => !c.ok).map((c) => c.name)).to.deep.equal([
      "per-fan rows match the manifest's commitment",
    ]);
    expect(anyone.checks.map((c) => c.name)).to.include("hub Paid events sum to the pool");
  });
});
