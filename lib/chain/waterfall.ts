// Off-chain mirror of the Waterfall's on-chain encoding and math (contracts/libraries/WaterfallConfig.sol,
// contracts/waterfall/Waterfall.sol): packed tranche words, the config hash and CREATE2 address, each
// position's entitlement, and calldata for the factory and the Waterfall. Pure and deterministic; used by the
// app, scripts and tests.
import { concat, encodeFunctionData, getContractAddress, keccak256, pad, type Address, type Hex } from "viem";
import { waterfallAbi, waterfallFactoryAbi } from "./abis.ts";
import { ZERO_SALT, cloneInitCode } from "./split.ts";

/** One tranche: `recipient` is paid up to `cap` (base units of the waterfall's token) before the next. */
export interface Tranche {
  recipient: Address;
  cap: bigint;
}

/** A Waterfall's whole config: what `createWaterfall` takes and every call passes back. */
export interface WaterfallConfig {
  /** The waterfalled token; the zero address is ETH. */
  token: Address;
  /** Tranches in payment order. */
  tranches: Tranche[];
  /** Receives everything beyond the caps (typically a band's Split). */
  residual: Address;
  salt: Hex;
}

export const MAX_TRANCHES = 32;
const ADDRESS_MASK = (1n << 160n) - 1n;
const MAX_CAP = (1n << 96n) - 1n;

export { waterfallAbi, waterfallFactoryAbi } from "./abis.ts";

/** One tranche as the word the contracts take: cap << 160 | recipient. */
export function packTranche({ recipient, cap }: Tranche): bigint {
  if (cap <= 0n || cap > MAX_CAP) throw new Error(`tranche cap out of range: ${cap}`);
  if (BigInt(recipient) === 0n) throw new Error("zero address tranche recipient");
  return (cap << 160n) | BigInt(recipient);
}

export function unpackTranche(word: bigint): Tranche {
  const hex = (word & ADDRESS_MASK).toString(16).padStart(40, "0");
  return { recipient: `0x${hex}` as Address, cap: word >> 160n };
}

/** Validates `config` as the factory does and returns its packed tranche words. */
export function packTranches(config: WaterfallConfig): bigint[] {
  const n = config.tranches.length;
  if (n === 0 || n > MAX_TRANCHES) throw new Error(`tranche count out of range: ${n}`);
  if (BigInt(config.residual) === 0n) throw new Error("zero address residual");
  return config.tranches.map(packTranche);
}

/** keccak256(token ‖ residual ‖ salt ‖ tranches), each a 32-byte word: the Waterfall's CREATE2 salt. */
export function waterfallConfigHash(config: WaterfallConfig): Hex {
  const words = packTranches(config).map((w) => pad(`0x${w.toString(16)}`, { size: 32 }));
  return keccak256(
    concat([pad(config.token, { size: 32 }), pad(config.residual, { size: 32 }), config.salt, ...words]),
  );
}

/** The CREATE2 address of the Waterfall with `config`, from the factory and its implementation. */
export function predictWaterfallAddress(factory: Address, implementation: Address, config: WaterfallConfig): Address {
  return getContractAddress({
    opcode: "CREATE2",
    from: factory,
    salt: waterfallConfigHash(config),
    bytecodeHash: keccak256(cloneInitCode(implementation)),
  });
}

/** What each position (tranches in order, then the residual) is entitled to once `received` has come in. */
export function entitlements(caps: readonly bigint[], received: bigint): bigint[] {
  let left = received;
  const out = caps.map((cap) => {
    const part = left < cap ? left : cap;
    left -= part;
    return part;
  });
  return [...out, left];
}

/** Arguments of the Waterfall's config, in the order every function takes them. */
export function configArgs(config: WaterfallConfig) {
  return [config.token, packTranches(config), config.residual, config.salt] as const;
}

export function encodeCreateWaterfall(config: WaterfallConfig): Hex {
  return encodeFunctionData({
    abi: waterfallFactoryAbi,
    functionName: "createWaterfall",
    args: configArgs(config),
  });
}

export function encodeWaterfallReleaseAll(config: WaterfallConfig): Hex {
  return encodeFunctionData({ abi: waterfallAbi, functionName: "releaseAll", args: configArgs(config) });
}

export function encodeWaterfallRelease(config: WaterfallConfig, index: number): Hex {
  return encodeFunctionData({
    abi: waterfallAbi,
    functionName: "release",
    args: [...configArgs(config), BigInt(index)],
  });
}

/** A recoupment waterfall: `funder` is repaid `spend` first, then everything goes to `residual`. */
export function recoupment(
  token: Address,
  funder: Address,
  spend: bigint,
  residual: Address,
  salt: Hex = ZERO_SALT,
): WaterfallConfig {
  return { token, tranches: [{ recipient: funder, cap: spend }], residual, salt };
}
