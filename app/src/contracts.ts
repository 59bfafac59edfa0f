// Typed contract handles for the app: the generated ABIs (lib/chain/abis.ts) and the deployment chain's addresses.
import { chain } from "./chain.ts";
import * as abis from "../../lib/chain/abis.ts";
import { deployBlocks, deployments } from "./generated/addresses.ts";

type Address = `0x${string}`;
const map = (deployments as Record<string, Record<string, Address>>)[String(chain.id)] ?? {};

function address(name: string): Address {
  const a = map[name];
  if (!a) throw new Error(`no ${name} in deployments/${chain.id}.json: run npm start (or deploy) first`);
  return a;
}

export const contracts = {
  hub: { address: address("SubscriptionHub"), abi: abis.subscriptionHubAbi },
  distributor: { address: address("Distributor"), abi: abis.distributorAbi },
  router: { address: address("ClaimRouter"), abi: abis.claimRouterAbi },
  factory: { address: address("SplitFactory"), abi: abis.splitFactoryAbi },
  waterfallFactory: { address: address("WaterfallFactory"), abi: abis.waterfallFactoryAbi },
  token: { address: address("Token"), abi: abis.testTokenAbi },
  growth: { address: address("GrowthPool"), abi: abis.growthPoolAbi },
} as const;

export const splitAbi = abis.splitAbi;
export const waterfallAbi = abis.waterfallAbi;

const names = {
  hub: "SubscriptionHub",
  distributor: "Distributor",
  router: "ClaimRouter",
  factory: "SplitFactory",
  waterfallFactory: "WaterfallFactory",
  token: "Token",
  growth: "GrowthPool",
} as const;

/** The block a contract was deployed in (deployments/<chainId>.blocks.json), where its history starts. */
export function deployBlock(contract: keyof typeof names): bigint {
  return BigInt(deployBlocks[String(chain.id)]?.[names[contract]] ?? 0);
}
