// ABIs of the deployed contracts, read from Hardhat's build output (artifacts/), the one source for the
// app's generated module and the scripts.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi } from "viem";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Contract name → source folder under contracts/. */
export const APP_CONTRACTS = {
  SubscriptionHub: "hub",
  Distributor: "distributor",
  ClaimRouter: "router",
  SplitFactory: "split",
  Split: "split",
  TestToken: "mocks",
  GrowthPool: "growth",
} as const;
export type AppContract = keyof typeof APP_CONTRACTS;

export function artifactAbi(name: AppContract): Abi {
  const path = join(ROOT, "artifacts", "contracts", APP_CONTRACTS[name], `${name}.sol`, `${name}.json`);
  try {
    return JSON.parse(readFileSync(path, "utf8")).abi as Abi;
  } catch (e) {
    throw new Error(
      `cannot read the ABI of ${name} from ${path} (run \`npx hardhat build\`): ${(e as Error).message}`,
      { cause: e },
    );
  }
}
