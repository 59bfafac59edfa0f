// The Ignition modules deploy a working, wired-together Gapless and the deployments map names every contract.
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { deploy } from "../../scripts/lib/deploy.js";
import {
  readDeployBlocks,
  readDeployments,
  writeDeployBlocks,
  writeDeployments,
} from "../../scripts/lib/deployments.js";

const connection = await network.create();
const { ethers } = connection;

describe("Deployment (Ignition)", function () {
  it("test_deploy_wiresEveryContractAndWritesTheMap", async function () {
    const [deployer] = await ethers.getSigners();
    const { chainId, addresses, blocks } = await deploy(connection, {
      Platform: { challengeWindow: 3600n, noticePeriod: 7200n, auditors: [deployer.address] },
    });
    expect(chainId).to.equal(31337n);
    for (const name of [
      "TestToken",
      "SplitFactory",
      "ClaimRouter",
      "Distributor",
      "SubscriptionHub",
      "GrowthPool",
      "Token",
    ]) {
      expect(addresses[name], name).to.match(/^0x[0-9a-fA-F]{40}$/);
      expect(await ethers.provider.getCode(addresses[name]), name).to.not.equal("0x");
    }
    // Each deploy block is the first block with the contract's code.
    for (const [name, block] of Object.entries(blocks)) {
      expect(await ethers.provider.getCode(addresses[name], block), name).to.not.equal("0x");
      if (block > 0) expect(await ethers.provider.getCode(addresses[name], block - 1), name).to.equal("0x");
    }
    const hub = await ethers.getContractAt("SubscriptionHub", addresses.SubscriptionHub);
    const distributor = await ethers.getContractAt("Distributor", addresses.Distributor);
    expect(await hub.DISTRIBUTOR()).to.equal(addresses.Distributor);
    expect(await hub.TOKEN()).to.equal(addresses.TestToken);
    expect(await distributor.token()).to.equal(addresses.TestToken);
    expect(await distributor.challengeWindow()).to.equal(3600n);
    expect(await distributor.isAuditor(deployer.address)).to.equal(true);
    expect(await hub.NOTICE_PERIOD()).to.equal(7200n);
    const pool = await ethers.getContractAt("GrowthPool", addresses.GrowthPool);
    expect(await pool.HUB()).to.equal(addresses.SubscriptionHub);
    expect(await pool.tokens()).to.deep.equal([ethers.ZeroAddress, addresses.TestToken]);
    expect((await pool.commitment(1n)).bps).to.equal(2_000n);

    const dir = mkdtempSync(join(tmpdir(), "gapless-deployments-"));
    const path = writeDeployments(chainId, addresses, dir);
    expect(JSON.parse(readFileSync(path, "utf8"))).to.deep.equal(
      Object.fromEntries(Object.entries(addresses).sort(([a], [b]) => a.localeCompare(b))),
    );
    writeDeployments(chainId, { Extra: addresses.Token }, dir);
    expect(readDeployments(chainId, dir).Extra).to.equal(addresses.Token);
    expect(() => readDeployments(1n, dir)).to.throw(/no deployments for chain 1/);
    writeDeployBlocks(chainId, blocks, dir);
    expect(readDeployBlocks(chainId, dir)).to.deep.equal(blocks);
    expect(readDeployBlocks(1n, dir)).to.deep.equal({}); // deployments from before blocks were recorded
  });
});
