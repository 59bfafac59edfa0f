// Ponder indexes every Gapless contract of one deployment from its deploy block. Environment:
//   GAPLESS_RPC_URL (default http://127.0.0.1:8545), GAPLESS_CHAIN_ID (default: asked from the RPC),
//   DATABASE_URL (PostgreSQL; without it an embedded PGlite in GAPLESS_INDEXER_DIR, default indexer/.ponder/pglite),
//   GAPLESS_GETLOGS_RANGE (the provider's eth_getLogs block range cap; Ponder detects it when unset).
import { join } from "node:path";
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";
import { ABIS } from "./abis.ts";
import { ROOT, loadDeployment } from "./deployment.ts";

const d = await loadDeployment();
const range = process.env.GAPLESS_GETLOGS_RANGE;

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.GAPLESS_INDEXER_DIR ?? join(ROOT, "indexer", ".ponder", "pglite") },
  chains: {
    gapless: {
      id: d.chainId,
      rpc: d.rpcUrl,
      pollingInterval: Number(process.env.GAPLESS_POLL_MS ?? 1_000),
      ...(range ? { ethGetLogsBlockRange: Number(range) } : {}),
    },
  },
  contracts: {
    SubscriptionHub: {
      chain: "gapless",
      abi: ABIS.SubscriptionHub,
      address: d.addresses.SubscriptionHub,
      startBlock: d.startBlocks.SubscriptionHub,
    },
    Distributor: {
      chain: "gapless",
      abi: ABIS.Distributor,
      address: d.addresses.Distributor,
      startBlock: d.startBlocks.Distributor,
    },
    SplitFactory: {
      chain: "gapless",
      abi: ABIS.SplitFactory,
      address: d.addresses.SplitFactory,
      startBlock: d.startBlocks.SplitFactory,
    },
    Split: {
      chain: "gapless",
      abi: ABIS.Split,
      address: factory({
        address: d.addresses.SplitFactory,
        event: getAbiItem({ abi: ABIS.SplitFactory, name: "SplitCreated" }),
        parameter: "split",
      }),
      startBlock: d.startBlocks.SplitFactory,
    },
    GrowthPool: {
      chain: "gapless",
      abi: ABIS.GrowthPool,
      address: d.addresses.GrowthPool,
      startBlock: d.startBlocks.GrowthPool,
    },
    ClaimRouter: {
      chain: "gapless",
      abi: ABIS.ClaimRouter,
      address: d.addresses.ClaimRouter,
      startBlock: d.startBlocks.ClaimRouter,
    },
    WaterfallFactory: {
      chain: "gapless",
      abi: ABIS.WaterfallFactory,
      address: d.addresses.WaterfallFactory,
      startBlock: d.startBlocks.WaterfallFactory,
    },
  },
});
