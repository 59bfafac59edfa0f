// Where the indexer reads the chain: RPC, chain id, the Gapless addresses (deployments/<chainId>.json) and each
// contract's deploy block (deployments/<chainId>.blocks.json; for a chain without it, found once at start by
// bisecting eth_getCode), so indexing never scans from block 0.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findDeployBlock, parseDeployBlocks, parseDeployments } from "../lib/chain/deployments.ts";

export type Hex = `0x${string}`;
export const INDEXED = [
  "SubscriptionHub",
  "Distributor",
  "SplitFactory",
  "GrowthPool",
  "ClaimRouter",
  "WaterfallFactory",
] as const;
export type Indexed = (typeof INDEXED)[number];

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface Deployment {
  rpcUrl: string;
  chainId: number;
  addresses: Record<Indexed | "Token", Hex>;
  startBlocks: Record<Indexed, number>;
}

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method} on ${url}: ${body.error.message}`);
  return body.result as T;
}

export async function loadDeployment(env = process.env): Promise<Deployment> {
  const rpcUrl = env.GAPLESS_RPC_URL ?? "http://127.0.0.1:8545";
  const chainId = Number(env.GAPLESS_CHAIN_ID ?? (await rpc<string>(rpcUrl, "eth_chainId", [])));
  const dir = env.GAPLESS_DEPLOYMENTS_DIR ?? join(ROOT, "deployments");
  const file = join(dir, `${chainId}.json`);
  const map = parseDeployments(readFileSync(file, "utf8"), file);
  const address = (name: string): Hex => {
    const a = map[name];
    if (!a) throw new Error(`${file} has no ${name}`);
    return a;
  };
  const blocksFile = join(dir, `${chainId}.blocks.json`);
  const recorded = existsSync(blocksFile) ? parseDeployBlocks(readFileSync(blocksFile, "utf8"), blocksFile) : {};
  const client = {
    getCode: async ({ address, blockNumber }: { address: Hex; blockNumber: bigint }) =>
      rpc<Hex>(rpcUrl, "eth_getCode", [address, `0x${blockNumber.toString(16)}`]),
  };
  const head = BigInt(await rpc<string>(rpcUrl, "eth_blockNumber", []));
  const addresses = Object.fromEntries([...INDEXED, "Token"].map((n) => [n, address(n)])) as Deployment["addresses"];
  const startBlocks = {} as Record<Indexed, number>;
  for (const name of INDEXED) {
    startBlocks[name] = recorded[name] ?? Number(await findDeployBlock(client, addresses[name], head));
  }
  return { rpcUrl, chainId, addresses, startBlocks };
}
