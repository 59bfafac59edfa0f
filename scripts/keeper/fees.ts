// EIP-1559 fees within the platform's bounds, and the bump that replaces a stuck transaction.
// Pure: the caller reads the base fee and the node's suggested tip.

export interface FeePolicy {
  /** Never offer more than this per gas (wei), whatever the base fee does. */
  maxFeePerGas: bigint;
  /** Never tip more than this per gas (wei). */
  maxPriorityFeePerGas: bigint;
  /** Headroom over the current base fee, in percent (200 = survives ~6 full blocks of +12.5 %). */
  baseFeeHeadroomPercent: bigint;
  /** How much a replacement raises both fees, in basis points (nodes require at least +10 %). */
  bumpBps: bigint;
}

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/** Nodes (geth, reth, EDR) refuse a replacement that raises either fee by less than 10 %. */
export const MIN_REPLACEMENT_BUMP_BPS = 1_000n;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * Fees for a new transaction, or undefined when the base fee is above the cap (send nothing and wait: a
 * transaction priced below the base fee cannot be included).
 */
export function initialFees(baseFee: bigint, suggestedTip: bigint, p: FeePolicy): Fees | undefined {
  if (baseFee > p.maxFeePerGas) return undefined;
  const tip = suggestedTip < p.maxPriorityFeePerGas ? suggestedTip : p.maxPriorityFeePerGas;
  const wanted = (baseFee * p.baseFeeHeadroomPercent) / 100n + tip;
  const maxFeePerGas = wanted < p.maxFeePerGas ? wanted : p.maxFeePerGas;
  return { maxFeePerGas, maxPriorityFeePerGas: tip < maxFeePerGas ? tip : maxFeePerGas };
}

/**
 * Fees for a replacement of `previous` (same nonce): at least `bumpBps` above both previous fees, and at least
 * what a new transaction would pay now. Undefined when the cap leaves no room for a valid replacement: then the
 * caller keeps waiting for the original.
 */
export function bumpFees(previous: Fees, current: Fees | undefined, p: FeePolicy): Fees | undefined {
  const bps = p.bumpBps > MIN_REPLACEMENT_BUMP_BPS ? p.bumpBps : MIN_REPLACEMENT_BUMP_BPS;
  const raise = (x: bigint) => ceilDiv(x * (10_000n + bps), 10_000n);
  const minimum = (x: bigint) => ceilDiv(x * (10_000n + MIN_REPLACEMENT_BUMP_BPS), 10_000n);
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  let maxFeePerGas = max(raise(previous.maxFeePerGas), current?.maxFeePerGas ?? 0n);
  let tip = max(raise(previous.maxPriorityFeePerGas), current?.maxPriorityFeePerGas ?? 0n);
  if (maxFeePerGas > p.maxFeePerGas) maxFeePerGas = p.maxFeePerGas;
  if (tip > p.maxPriorityFeePerGas) tip = p.maxPriorityFeePerGas;
  if (tip > maxFeePerGas) tip = maxFeePerGas;
  if (maxFeePerGas < minimum(previous.maxFeePerGas) || tip < minimum(previous.maxPriorityFeePerGas)) {
    return undefined;
  }
  return { maxFeePerGas, maxPriorityFeePerGas: tip };
}
