// The ABIs the indexer decodes with: the one generated module (lib/chain/abis.ts, from the build).
import {
  claimRouterAbi,
  distributorAbi,
  growthPoolAbi,
  splitAbi,
  splitFactoryAbi,
  subscriptionHubAbi,
  testTokenAbi,
  waterfallFactoryAbi,
} from "../lib/chain/abis.ts";

export const ABIS = {
  SubscriptionHub: subscriptionHubAbi,
  Distributor: distributorAbi,
  SplitFactory: splitFactoryAbi,
  Split: splitAbi,
  GrowthPool: growthPoolAbi,
  ClaimRouter: claimRouterAbi,
  WaterfallFactory: waterfallFactoryAbi,
  /** Any ERC-20 (allowance and balance reads). */
  Token: testTokenAbi,
} as const;
