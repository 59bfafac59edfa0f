// What the engine's chain commands (hub events, publish, audit) share: the generated ABIs under the
// names they use, clients from an RPC URL and a key held in an environment variable, batched reads,
// and custom errors decoded into plain sentences (lib/chain/errors.ts).
import {
  createPublicClient,
  createWalletClient,
  http,
  type Account,
  type Address,
  type Chain,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { PLAIN, explainError } from "../../lib/chain/errors.ts";
import type { Reader } from "../../lib/chain/read.ts";

export {
  distributorAbi as DISTRIBUTOR_ABI,
  subscriptionHubAbi as HUB_ABI,
  testTokenAbi as ERC20_ABI,
} from "../../lib/chain/abis.ts";

export { readMany, type Reader } from "../../lib/chain/read.ts";
export type Writer = WalletClient<Transport, Chain | undefined, Account>;

/** A read client on an RPC URL; JSON-RPC batching keeps many reads to few requests. */
export function readerFor(rpc: string): Reader {
  return createPublicClient({ transport: http(rpc, { batch: { batchSize: 500 }, retryCount: 2 }) });
}

/** A signing client whose private key is read from the environment variable `keyVar` (never a flag). */
export function writerFor(rpc: string, keyVar: string): Writer {
  const key = process.env[keyVar];
  if (!key) throw new Error(`set the environment variable ${keyVar} to the signer's private key (0x + 64 hex)`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new Error(`${keyVar} is not a private key (0x + 64 hex)`);
  return createWalletClient({ account: privateKeyToAccount(key as `0x${string}`), transport: http(rpc) });
}

export function parseAddress(value: string, flag: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new Error(`--${flag} must be an address (0x + 40 hex), got ${value}`);
  return value as Address;
}

/** A plain sentence for a failed call or transaction (lib/chain/errors.ts, exact base units). */
export function explain(e: unknown): string {
  return explainError(e, PLAIN);
}
