// Batch sizing by measured gas. A batch's gas limit (estimate plus margin) must stay under the per-transaction cap
// (EIP-7825, Osaka: 2^24 gas) and under the platform's share of the block gas limit. Pure, except `isolate`,
// which calls the simulation it is given.

/** EIP-7825: the most gas one transaction may use since Osaka. */
export const EIP7825_TX_GAS_CAP = 16_777_216n;

/** The gas limit one keeper transaction may ask for: the protocol cap, the block share and the platform's own cap. */
export function txGasCap(blockGasLimit: bigint, blockShareBps: bigint, platformCap?: bigint): bigint {
  let cap = EIP7825_TX_GAS_CAP;
  const share = (blockGasLimit * blockShareBps) / 10_000n;
  if (share < cap) cap = share;
  if (platformCap !== undefined && platformCap < cap) cap = platformCap;
  return cap;
}

/** The gas limit sent with a transaction estimated at `estimate`. */
export const withMargin = (estimate: bigint, marginBps: bigint) => (estimate * (10_000n + marginBps)) / 10_000n;

export interface GasModel {
  /** Gas of the transaction without any item (intrinsic, calldata head, setup). */
  fixed: bigint;
  /** Gas per item, measured. */
  perItem: bigint;
}

/** Fits a line through two measurements (n1 < n2 items): what one more item costs, and the rest. */
export function fitModel(n1: number, gas1: bigint, n2: number, gas2: bigint): GasModel {
  if (n2 <= n1) throw new Error("fitModel needs two different batch sizes");
  let perItem = (gas2 - gas1 + BigInt(n2 - n1) - 1n) / BigInt(n2 - n1);
  if (perItem < 1n) perItem = 1n;
  const fixed = gas1 - perItem * BigInt(n1);
  return { fixed: fixed > 0n ? fixed : 0n, perItem };
}

/** Items per batch the model predicts under `cap` with the margin, at least 1 and at most `max`. */
export function sizeFor(m: GasModel, cap: bigint, marginBps: bigint, max: number): number {
  const budget = (cap * 10_000n) / (10_000n + marginBps);
  const n = budget > m.fixed ? Number((budget - m.fixed) / m.perItem) : 0;
  return Math.max(1, Math.min(max, n));
}

/** A smaller size after a batch of `size` was estimated at `estimate`, above what `cap` allows with the margin. */
export function shrink(size: number, estimate: bigint, cap: bigint, marginBps: bigint): number {
  const limit = withMargin(estimate, marginBps);
  if (limit <= cap) return size;
  const scaled = Number((BigInt(size) * cap * 97n) / (limit * 100n));
  return Math.max(1, Math.min(size - 1, scaled));
}

/**
 * Splits `items` into the ones a simulation accepts together and the single items it rejects, by bisection: a
 * batch whose simulation reverts is halved until each reverting item stands alone. Costs O(k log n) simulations
 * for k rejected items.
 */
export async function isolate<T>(
  items: readonly T[],
  accepts: (batch: readonly T[]) => Promise<boolean>,
): Promise<{ accepted: T[]; rejected: T[] }> {
  if (items.length === 0) return { accepted: [], rejected: [] };
  if (await accepts(items)) return { accepted: [...items], rejected: [] };
  if (items.length === 1) return { accepted: [], rejected: [...items] };
  const mid = Math.ceil(items.length / 2);
  const left = await isolate(items.slice(0, mid), accepts);
  const right = await isolate(items.slice(mid), accepts);
  const accepted = [...left.accepted, ...right.accepted];
  return { accepted, rejected: [...left.rejected, ...right.rejected] };
}
