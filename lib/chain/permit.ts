// EIP-2612 permits: the typed-data types and the token's EIP-712 domain, read from the token (EIP-5267
// `eip712Domain()` where it has it, else `name()` and `version()`) with the chain the signature is for.
// USDC, for one, signs with version "2"; a hard-coded domain fails on it.
import type { Address, TypedDataDomain } from "viem";

export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** Reads one view function of the token by name (`eip712Domain`, `name`, `version`). */
export type TokenRead = (functionName: string) => Promise<unknown>;

/** The permit domain of `token` on `chainId`; tokens without `version()` sign with "1". */
export async function permitDomain(read: TokenRead, token: Address, chainId: number): Promise<TypedDataDomain> {
  try {
    const [, name, version, , verifyingContract] = (await read("eip712Domain")) as [
      string,
      string,
      string,
      bigint,
      Address,
    ];
    return { name, version, chainId, verifyingContract };
  } catch {
    const name = (await read("name")) as string;
    const version = ((await read("version").catch(() => "1")) as string) || "1";
    return { name, version, chainId, verifyingContract: token };
  }
}
