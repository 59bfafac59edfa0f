// The deployment's chain (VITE_CHAIN_ID, default the local Hardhat chain) and its explorer links, from viem's
// chain definitions: every write waits until the wallet is on this chain.
import type { Chain } from "viem";
import { arbitrum, arbitrumSepolia, base, baseSepolia, hardhat, optimism, optimismSepolia } from "viem/chains";

const SUPPORTED: readonly Chain[] = [hardhat, base, baseSepolia, optimism, optimismSepolia, arbitrum, arbitrumSepolia];

export function chainById(id: number): Chain {
  const c = SUPPORTED.find((x) => x.id === id);
  if (!c) throw new Error(`chain ${id} is not one the app knows (${SUPPORTED.map((x) => x.id).join(", ")})`);
  return c;
}

export const chain: Chain = chainById(Number(import.meta.env.VITE_CHAIN_ID ?? hardhat.id));
/** The local demo chain: no explorer, a dev-account picker instead of a wallet. */
export const isLocal = chain.id === hardhat.id;

/** The explorer page of a transaction or an address on `c`, or null where the chain has no explorer. */
export function explorerUrl(c: Chain, kind: "tx" | "address", value: string): string | null {
  const base = c.blockExplorers?.default.url;
  return base ? `${base.replace(/\/$/, "")}/${kind}/${value}` : null;
}
