// Deploys Gapless through Ignition and writes deployments/<chainId>.json (addresses) and
// deployments/<chainId>.blocks.json (each contract's deploy block, where history queries start).
//
//   npx hardhat run scripts/deploy.ts                         # in-process chain (a TestToken is deployed too)
//   npx hardhat run scripts/deploy.ts --network localhost
//   GAPLESS_PARAMS=ignition/parameters/base-sepolia.json npx hardhat run scripts/deploy.ts --network baseSepolia
//
// On a local chain (31337) without a `token` parameter a 6-decimal TestToken with permit is deployed first.
import { readFileSync } from "node:fs";
import { network } from "hardhat";
import { deploy, type DeployParameters } from "./lib/deploy.js";
import { writeDeployBlocks, writeDeployments } from "./lib/deployments.js";

const paramsPath = process.env.GAPLESS_PARAMS;
const params: DeployParameters = paramsPath ? JSON.parse(readFileSync(paramsPath, "utf8")) : {};
const connection = await network.create();
const { chainId, addresses, blocks } = await deploy(connection, params);
const path = writeDeployments(chainId, addresses);
writeDeployBlocks(chainId, blocks);
console.log(`Deployed Gapless on chain ${chainId}; wrote ${path}`);
for (const [name, address] of Object.entries(addresses)) console.log(`  ${name.padEnd(20)} ${address}`);
