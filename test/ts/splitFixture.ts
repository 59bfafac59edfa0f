// Shared fixture for the Split tests: a factory, helpers to create Splits from the TS mirror, random payees.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { buildSplitTree, releaseArgs, type Payee, type SplitTree } from "../../lib/chain/split.js";

export const ETH = "0x0000000000000000000000000000000000000000" as Address;

/** Errors raised by Solady inside the Split (raw selectors, so not in the Split ABI). */
export const SOLADY_ERRORS = [
  "error ETHTransferFailed()",
  "error TransferFailed()",
  "error Reentrancy()",
  "error SplitConfigMismatch(address computed)",
];

/** Deterministic pseudo-random addresses (no keys needed: payees only receive). */
export function addresses(n: number, seed = "payee"): Address[] {
  return Array.from({ length: n }, (_, i) => `0x${keccak256(toHex(`${seed}-${i}`)).slice(26)}` as Address);
}

export function payeesOf(accounts: readonly string[], shares?: readonly bigint[]): Payee[] {
  return accounts.map((a, i) => ({ account: a as Address, share: shares ? shares[i] : BigInt(i + 1) }));
}

export async function deployFactory(ethers: HardhatEthers) {
  const factory = await ethers.deployContract("SplitFactory");
  const implementation = await ethers.getContractAt("Split", await factory.IMPLEMENTATION());
  return { factory, implementation };
}

export async function createSplit(ethers: HardhatEthers, factory: any, payees: Payee[], salt?: Hex) {
  const tree: SplitTree = buildSplitTree(payees, salt);
  const tx = await factory.createSplit(tree.packed, tree.salt);
  const receipt = await tx.wait();
  const [address] = await factory.predictSplit(tree.packed, tree.salt);
  const split = await ethers.getContractAt("Split", address);
  const soladyErrors = new ethers.Contract(address, SOLADY_ERRORS, ethers.provider);
  return { tree, split, tx, receipt, address: address as Address, soladyErrors };
}

export { releaseArgs };
