// The files behind lib/chain/deployments.ts: `deployments/<chainId>.json` (name → address) and
// `deployments/<chainId>.blocks.json` (name → deploy block), read by the app's build and the scripts.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseDeployBlocks,
  parseDeployments,
  type DeployBlocks,
  type Deployments,
} from "../../lib/chain/deployments.ts";

export type { DeployBlocks, Deployments };

export const DEPLOYMENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "deployments");

export function deploymentsPath(chainId: number | bigint, dir = DEPLOYMENTS_DIR): string {
  return join(dir, `${chainId}.json`);
}

export function deployBlocksPath(chainId: number | bigint, dir = DEPLOYMENTS_DIR): string {
  return join(dir, `${chainId}.blocks.json`);
}

export function readDeployments(chainId: number | bigint, dir = DEPLOYMENTS_DIR): Deployments {
  const path = deploymentsPath(chainId, dir);
  if (!existsSync(path)) throw new Error(`no deployments for chain ${chainId}: ${path} does not exist`);
  return parseDeployments(readFileSync(path, "utf8"), path);
}

/** Deploy blocks of the chain's contracts; {} for deployments made before blocks were recorded. */
export function readDeployBlocks(chainId: number | bigint, dir = DEPLOYMENTS_DIR): DeployBlocks {
  const path = deployBlocksPath(chainId, dir);
  return existsSync(path) ? parseDeployBlocks(readFileSync(path, "utf8"), path) : {};
}

function writeMerged(path: string, entries: Record<string, unknown>): string {
  mkdirSync(dirname(path), { recursive: true });
  const current: Record<string, unknown> = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
  const merged = { ...current, ...entries };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(sorted, null, 2) + "\n");
  renameSync(tmp, path);
  return path;
}

/** Merges `entries` into the chain's map and writes it atomically (temporary file, then rename). */
export function writeDeployments(chainId: number | bigint, entries: Deployments, dir = DEPLOYMENTS_DIR): string {
  return writeMerged(deploymentsPath(chainId, dir), entries);
}

/** Merges `blocks` into the chain's deploy-block map, atomically. */
export function writeDeployBlocks(chainId: number | bigint, blocks: DeployBlocks, dir = DEPLOYMENTS_DIR): string {
  return writeMerged(deployBlocksPath(chainId, dir), blocks);
}
