// The flat `deployments/<chainId>.json` name → address map that the app and the scripts read.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type Deployments = Record<string, `0x${string}`>;

export const DEPLOYMENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "deployments");

export function deploymentsPath(chainId: number | bigint, dir = DEPLOYMENTS_DIR): string {
  return join(dir, `${chainId}.json`);
}

export function readDeployments(chainId: number | bigint, dir = DEPLOYMENTS_DIR): Deployments {
  const path = deploymentsPath(chainId, dir);
  if (!existsSync(path)) throw new Error(`no deployments for chain ${chainId}: ${path} does not exist`);
  return JSON.parse(readFileSync(path, "utf8")) as Deployments;
}

/** Merges `entries` into the chain's map and writes it atomically (temporary file, then rename). */
export function writeDeployments(chainId: number | bigint, entries: Deployments, dir = DEPLOYMENTS_DIR): string {
  const path = deploymentsPath(chainId, dir);
  mkdirSync(dir, { recursive: true });
  const current: Deployments = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
  const merged: Deployments = { ...current, ...entries };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(sorted, null, 2) + "\n");
  renameSync(tmp, path);
  return path;
}
