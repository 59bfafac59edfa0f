// Deploys Gapless through Ignition and writes deployments/<chainId>.json.
//
//   npx hardhat run scripts/deploy.ts                         # in-process chain (a TestToken is deployed too)
//   npx hardhat run scripts/deploy.ts --network localhost
//   GAPLESS_PARAMS=ignition/parameters/base-sepolia.json npx hardhat run scripts/deploy.ts --network baseSepolia
//
// On a local chain (31337) without a `token` parameter a 6-decimal TestToken with permit is deployed first.
import { readFileSync } from "node:fs";
import { network } from "hardhat";
import ClaimRouterModule from "../ignition/modules/ClaimRouter.js";
import PlatformModule from "../ignition/modules/Platform.js";
import SplitFactoryModule from "../ignition/modules/SplitFactory.js";
import TestTokenModule from "../ignition/modules/TestToken.js";
import { writeDeployments, type Deployments } from "./lib/deployments.js";

const LOCAL_CHAIN_ID = 31337n;

export async function deploy(connection: Awaited<ReturnType<typeof network.create>>, params: Record<string, unknown>) {
  const { ethers, ignition } = connection;
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const addresses: Deployments = {};
  const platform = { ...((params.Platform as Record<string, unknown>) ?? {}) };

  if (platform.token === undefined) {
    if (chainId !== LOCAL_CHAIN_ID) throw new Error(`chain ${chainId}: set Platform.token in the parameters file`);
    const { testToken } = await ignition.deploy(TestTokenModule);
    platform.token = await testToken.getAddress();
    addresses.TestToken = platform.token as `0x${string}`;
  }

  const { splitFactory, splitImplementation } = await ignition.deploy(SplitFactoryModule);
  const { claimRouter } = await ignition.deploy(ClaimRouterModule);
  const { distributor, subscriptionHub } = await ignition.deploy(PlatformModule, {
    parameters: { ...params, Platform: platform } as never,
  });

  addresses.SplitFactory = (await splitFactory.getAddress()) as `0x${string}`;
  addresses.SplitImplementation = (await splitImplementation.getAddress()) as `0x${string}`;
  addresses.ClaimRouter = (await claimRouter.getAddress()) as `0x${string}`;
  addresses.Distributor = (await distributor.getAddress()) as `0x${string}`;
  addresses.SubscriptionHub = (await subscriptionHub.getAddress()) as `0x${string}`;
  addresses.Token = platform.token as `0x${string}`;
  return { chainId, addresses };
}

async function main() {
  const paramsPath = process.env.GAPLESS_PARAMS;
  const params = paramsPath ? (JSON.parse(readFileSync(paramsPath, "utf8")) as Record<string, unknown>) : {};
  const connection = await network.create();
  const { chainId, addresses } = await deploy(connection, params);
  const path = writeDeployments(chainId, addresses);
  console.log(`Deployed Gapless on chain ${chainId}; wrote ${path}`);
  for (const [name, address] of Object.entries(addresses)) console.log(`  ${name.padEnd(20)} ${address}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/deploy.ts")) {
  await main();
}
