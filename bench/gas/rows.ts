// One measured (or cited) gas figure, and the deterministic inputs every measurement draws from.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { keccak256, toHex, type Address, type Hex } from "viem";

export const GAPLESS = "Gapless";

/** A gas figure: `gas` is full-transaction gasUsed from receipts (21,000 intrinsic + calldata + execution),
 * or a figure cited from a peer's documentation when `source` says so. */
export interface GasRow {
  section: "splits" | "recoupment" | "claims" | "subscriptions" | "crediting";
  operation: string;
  size: string;
  system: string;
  gas: number | null;
  /** "measured" (this run, from receipts) or where a cited figure comes from. */
  source: string;
  note?: string;
}

/** The identity of a row: the check compares rows with the same key. */
export const rowKey = (r: Pick<GasRow, "section" | "operation" | "size" | "system">) =>
  `${r.section} | ${r.operation} | ${r.size} | ${r.system}`;

/** 32 bytes derived from a label: calldata gas depends on zero bytes, so nothing here may be random. */
export const word = (label: string): Hex => keccak256(toHex(label));

/** A receive-only address derived from a label. */
export const addressOf = (label: string): Address => `0x${word(label).slice(26)}` as Address;

export const gasOf = async (tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> =>
  Number((await (await tx).wait())!.gasUsed);

/** A new in-process chain from genesis: a measurement on it does not depend on what else ran. */
export type Fresh = () => Promise<HardhatEthers>;
