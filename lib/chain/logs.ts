// Event history without scanning from block 0 or asking a provider for more blocks than it serves at once: a
// contract's deploy block (bisecting eth_getCode, about log2(head) requests, once per contract), then bounded
// eth_getLogs ranges up to the head. The app's direct chain reads use it; history at scale comes from the indexer.

/** Blocks per eth_getLogs request: within what public L2 RPCs serve. */
export const LOG_RANGE = 10_000n;

interface CodeReader {
  getCode(args: { address: `0x${string}`; blockNumber: bigint }): Promise<string | undefined>;
  getBlockNumber(): Promise<bigint>;
}

const cache = new Map<string, Promise<bigint>>();

/** The first block at which `address` has code. Throws when it has none at the head. */
export function deployBlock(client: CodeReader, address: `0x${string}`, head?: bigint): Promise<bigint> {
  const key = address.toLowerCase();
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const top = head ?? (await client.getBlockNumber());
      const hasCode = async (b: bigint) => ((await client.getCode({ address, blockNumber: b })) ?? "0x") !== "0x";
      if (!(await hasCode(top))) throw new Error(`no contract at ${address} at block ${top}`);
      let lo = 0n;
      let hi = top;
      while (lo < hi) {
        const mid = (lo + hi) / 2n;
        if (await hasCode(mid)) hi = mid;
        else lo = mid + 1n;
      }
      return lo;
    })();
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

/** `fetch(from, to)` over [the contract's deploy block, head] in ranges of at most `range` blocks, in order. */
export async function eventsSinceDeploy<T>(
  client: CodeReader,
  address: `0x${string}`,
  fetch: (fromBlock: bigint, toBlock: bigint) => Promise<T[]>,
  range: bigint = LOG_RANGE,
): Promise<T[]> {
  const head = await client.getBlockNumber();
  const out: T[] = [];
  for (let from = await deployBlock(client, address, head); from <= head; from += range) {
    const to = from + range - 1n < head ? from + range - 1n : head;
    out.push(...(await fetch(from, to)));
  }
  return out;
}
