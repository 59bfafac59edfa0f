import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import type { HttpNetworkUserConfig } from "hardhat/types/config";

const require = createRequire(import.meta.url);

// The compiler comes from the npm `solc` package, pinned to SOLC_VERSION in package.json, so a build
// needs nothing beyond the npm registry.
const SOLC_VERSION = "0.8.30";

// RPC URLs and the deployer key come from Hardhat's keystore or environment (`npx hardhat keystore set BASE_RPC_URL`),
// never from files in the repo.
const l2 = (chainId: number, rpcVar: string, chainType: "op" | "generic" = "op"): HttpNetworkUserConfig => ({
  type: "http",
  chainType,
  chainId,
  url: configVariable(rpcVar),
  accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
});

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          evmVersion: "prague",
          optimizer: { enabled: true, runs: 10_000 },
        },
      },
      production: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          evmVersion: "prague",
          optimizer: { enabled: true, runs: 10_000 },
        },
      },
    },
  },
  paths: {
    tests: { mocha: "test/ts", solidity: "test/sol" },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32 },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    base: l2(8453, "BASE_RPC_URL"),
    baseSepolia: l2(84532, "BASE_SEPOLIA_RPC_URL"),
    optimism: l2(10, "OPTIMISM_RPC_URL"),
    optimismSepolia: l2(11155420, "OPTIMISM_SEPOLIA_RPC_URL"),
    arbitrum: l2(42161, "ARBITRUM_RPC_URL", "generic"),
    arbitrumSepolia: l2(421614, "ARBITRUM_SEPOLIA_RPC_URL", "generic"),
  },
});
