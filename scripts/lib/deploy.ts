// Deploys Gapless through Ignition on a connection and returns the name → address map.
import type { network } from "hardhat";
import ClaimRouterModule from "../../ignition/modules/ClaimRouter.js";
import GrowthPoolModule from "../../ignition/modules/GrowthPool.js";
import PlatformModule from "../../ignition/modules/Platform.js";
import SplitFactoryModule from "../../ignition/modules/SplitFactory.js";
import TestTokenModule from "../../ignition/modules/TestToken.js";
import { findDeployBlock } from "../../lib/chain/deployments.ts";
import type { DeployBlocks, Deployments } from "./deployments.js";

const LOCAL_CHAIN_ID = 31337n;

/** Ignition parameters, keyed by module id (`Platform`, `TestToken`), as in ignition/parameters/*.json. */
export type DeployParameters = Record<string, Record<string, unknown>>;

export async function deploy(connection: Awaited<ReturnType<typeof network.create>>, params: DeployParameters) {
  const { ethers, ignition } = connection;
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const addresses: Deployments = {};
  const platform = { ...(params.Platform ?? {}) };

  if (platform.token === undefined) {
    if (chainId !== LOCAL_CHAIN_ID) throw new Error(`chain ${chainId}: set Platform.token in the parameters file`);
    const { testToken } = await ignition.deploy(TestTokenModule, {
      parameters: { TestToken: params.TestToken ?? {} } as never,
    });
    platform.token = await testToken.getAddress();
    addresses.TestToken = platform.token as `0x${string}`;
  }

  const { splitFactory, splitImplementation } = await ignition.deploy(SplitFactoryModule);
  const { claimRouter } = await ignition.deploy(ClaimRouterModule);
  const { distributor, subscriptionHub } = await ignition.deploy(PlatformModule, {
    parameters: { ...params, Platform: platform } as never,
  });
  // The growth pool syncs this hub and accepts its token (and ETH) unless the parameters list its tokens.
  const growth = {
    tokens: [platform.token],
    ...(params.GrowthPool ?? {}),
    hub: await subscriptionHub.getAddress(),
  };
  const { growthPool } = await ignition.deploy(GrowthPoolModule, {
    parameters: { GrowthPool: growth } as never,
  });

  addresses.SplitFactory = (await splitFactory.getAddress()) as `0x${string}`;
  addresses.SplitImplementation = (await splitImplementation.getAddress()) as `0x${string}`;
  addresses.ClaimRouter = (await claimRouter.getAddress()) as `0x${string}`;
  addresses.Distributor = (await distributor.getAddress()) as `0x${string}`;
  addresses.SubscriptionHub = (await subscriptionHub.getAddress()) as `0x${string}`;
  addresses.GrowthPool = (await growthPool.getAddress()) as `0x${string}`;
  addresses.Token = platform.token as `0x${string}`;
  // Each contract's deploy block, where every history query of the app and the CLIs starts.
  const head = BigInt(await ethers.provider.getBlockNumber());
  const client = {
    getCode: async (a: { address: `0x${string}`; blockNumber: bigint }) =>
      (await ethers.provider.getCode(a.address, a.blockNumber)) as `0x${string}`,
  };
  const blocks: DeployBlocks = {};
  for (const [name, address] of Object.entries(addresses))
    blocks[name] = Number(await findDeployBlock(client, address, head));
  return { chainId, addresses, blocks };
}
