// The deployments map: `deployments/<chainId>.json` (contract name → address, unchanged and flat, as
// every reader has always read it) and `deployments/<chainId>.blocks.json` (contract name → the block its
// code appeared in), which history queries start from. Browser-safe parsing and the deploy-block search;
// scripts/lib/deployments.ts reads and writes the files.
import type { Address } from "viem";

export type Deployments = Record<string, Address>;
export type DeployBlocks = Record<string, number>;

/** Parses a deployments map; `file` names it in errors. */
export function parseDeployments(text: string, file: string): Deployments {
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (map === null || typeof map !== "object" || Array.isArray(map))
    throw new Error(`${file}: not a name → address map`);
  for (const [name, address] of Object.entries(map)) {
    if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
      throw new Error(`${file}: ${name} is not an address: ${JSON.stringify(address)}`);
    }
  }
  return map as Deployments;
}

/** Parses a deploy-blocks map (absent entries mean "unknown": start from block 0). */
export function parseDeployBlocks(text: string, file: string): DeployBlocks {
  const map = JSON.parse(text) as unknown;
  if (map === null || typeof map !== "object" || Array.isArray(map)) throw new Error(`${file}: not a name → block map`);
  for (const [name, block] of Object.entries(map)) {
    if (!Number.isSafeInteger(block) || (block as number) < 0)
      throw new Error(`${file}: ${name}'s block is not a block number`);
  }
  return map as DeployBlocks;
}

/**
 * The first block at which `address` has code, by bisection over [0, head] (about log2(head) eth_getCode
 * calls): exact whatever deployed it, Ignition resuming an earlier journal included.
 */
export async function findDeployBlock(
  client: { getCode(a: { address: Address; blockNumber: bigint }): Promise<`0x${string}` | undefined> },
  address: Address,
  head: bigint,
): Promise<bigint> {
  const has = async (block: bigint) => {
    const code = await client.getCode({ address, blockNumber: block });
    return code !== undefined && code !== "0x";
  };
  if (!(await has(head))) throw new Error(`${address} has no code at block ${head}`);
  let lo = 0n;
  let hi = head;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if (await has(mid)) hi = mid;
    else lo = mid + 1n;
  }
  return lo;
}
