// Typed contract handles for the app: generated ABIs (scripts/gen-app-abi.ts) and the deployment chain's addresses.
import { chain } from "./chain.ts";
import * as abis from "./generated/abis.ts";
import { deployments } from "./generated/addresses.ts";

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
  token: { address: address("Token"), abi: abis.testTokenAbi },
  growth: { address: address("GrowthPool"), abi: abis.growthPoolAbi },
} as const;

export const splitAbi = abis.splitAbi;
/** Every ABI whose custom errors a revert may carry (the router wraps the others' errors). */
export const allAbis = [
  abis.subscriptionHubAbi,
  abis.distributorAbi,
  abis.claimRouterAbi,
  abis.splitFactoryAbi,
  abis.splitAbi,
  abis.testTokenAbi,
  abis.growthPoolAbi,
] as const;
