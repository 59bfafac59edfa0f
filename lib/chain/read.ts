// Reading the chain from anywhere (CLIs, demo, app): the client type, batched view calls and history
// queries that start at a contract's deploy block and ask for bounded block ranges (RPC providers cap
// eth_getLogs ranges; a scan from block 0 is never needed).
import type { Address, Chain, PublicClient, Transport } from "viem";

export type Reader = PublicClient<Transport, Chain | undefined>;

/** Blocks per eth_getLogs request unless told otherwise: within every major provider's cap. */
export const LOG_CHUNK = 10_000n;

/**
 * `calls` view calls, `size` per multicall (deployless: no Multicall3 needed on the chain). A deployless
 * multicall runs as contract creation and returns its results as the created code, which EIP-170 caps at
 * 24,576 bytes: 50 results of a few words each (~300 bytes encoded) stay well inside it.
 */
export async function readMany<T>(
  client: Reader,
  calls: readonly { address: Address; abi: any; functionName: string; args?: readonly unknown[] }[],
  size = 50,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < calls.length; i += size) {
    const batch = await client.multicall({
      contracts: calls.slice(i, i + size) as any,
      allowFailure: false,
      deployless: true,
      batchSize: 0,
    });
    out.push(...(batch as T[]));
  }
  return out;
}

/**
 * Every result of `fetch(from, to)` over [fromBlock, toBlock] (toBlock default: the latest block), asked
 * `chunk` blocks at a time, in block order. fromBlock is the contract's deploy block (deployments/).
 */
export async function inBlockRanges<T>(
  client: Pick<Reader, "getBlockNumber">,
  range: { fromBlock: bigint; toBlock?: bigint; chunk?: bigint },
  fetch: (fromBlock: bigint, toBlock: bigint) => Promise<readonly T[]>,
): Promise<T[]> {
  const chunk = range.chunk ?? LOG_CHUNK;
  if (chunk < 1n) throw new Error("the log chunk must be at least 1 block");
  const toBlock = range.toBlock ?? (await client.getBlockNumber({ cacheTime: 0 })); // never a cached head
  if (range.fromBlock > toBlock) throw new Error(`from block ${range.fromBlock} is after to block ${toBlock}`);
  const out: T[] = [];
  for (let from = range.fromBlock; from <= toBlock; from += chunk) {
    const to = from + chunk - 1n < toBlock ? from + chunk - 1n : toBlock;
    out.push(...(await fetch(from, to)));
  }
  return out;
}
