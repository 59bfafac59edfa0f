// Hardhat config for `npm run bench`: the project's config plus the peers' published sources, built into
// cache/bench (git-ignored) so their names (thirdweb's `Split`) never clash with ours in the main build.
import { defineConfig } from "hardhat/config";
import type { BuildProfilesSolidityUserConfig } from "hardhat/types/config";
import base from "../hardhat.config.ts";

export default defineConfig({
  ...base,
  solidity: {
    ...(base.solidity as BuildProfilesSolidityUserConfig),
    npmFilesToBuild: [
      "@openzeppelin/contracts-v4/finance/PaymentSplitter.sol",
      "@thirdweb-dev/contracts/prebuilts/split/Split.sol",
      "@thirdweb-dev/contracts/infra/TWStatelessFactory.sol",
      // Unlock runs its factory behind a transparent proxy (its implementation refuses to be initialized).
      "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol",
    ],
  },
  paths: {
    ...base.paths,
    // Relative to the project root (where package.json is), not to this file.
    artifacts: "cache/bench/artifacts",
    cache: "cache/bench/cache",
  },
});
