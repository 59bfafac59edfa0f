// The demo platform's growth pool: each period it syncs the referrers paid (so their new units start their wait),
// then deposits its declared share of the period's ad revenue in the hub's token, naming the commitment and the
// statement it honours (skipped while no units have waited out the pool's delay yet). At the end it announces a
// second commitment, left inside its notice period.
import { keccak256, maxUint256, stringToHex, toHex, type Abi, type Address } from "viem";

/** Commitment 1, declared at deployment (ignition/modules/GrowthPool.ts): 20 % of ad revenue. */
export const AD_REVENUE_COMMITMENT = 1n;
const AD_REVENUE_BPS = 2_000n;

type Send = (from: Address, to: Address, abi: Abi, functionName: string, args: unknown[]) => Promise<unknown>;

export interface GrowthSeed {
  send: Send;
  platform: Address;
  pool: Address;
  token: Address;
  abi: { pool: Abi; token: Abi };
  /** The pool's `totalActiveUnits()`: units that earn from a deposit made now. */
  activeUnits: () => Promise<bigint>;
}

/** The reference a deposit names: the hash of the period's ad-revenue statement (here, of its label). */
export const adRevenueRef = (period: number | bigint) => keccak256(toHex(`ad-revenue statement, period ${period}`));

/** Lets the pool pull the platform's deposits. */
export const approveDeposits = (g: GrowthSeed) =>
  g.send(g.platform, g.token, g.abi.token, "approve", [g.pool, maxUint256]);

/** Announces "5 % of exit proceeds"; like hub terms it takes effect only after the pool's notice period. */
export const announceExitCommitment = (g: GrowthSeed) =>
  g.send(g.platform, g.pool, g.abi.pool, "proposeCommitment", [stringToHex("exit-proceeds", { size: 32 }), 500]);

/**
 * Syncs `referrers` and deposits 20 % of `adRevenue` (base units; integer math) for `period`. Returns the amount
 * deposited: zero while no unit has waited out the pool's delay. The caller passes the referrers whose referred
 * fans paid since the last sync.
 */
export async function depositAdRevenue(g: GrowthSeed, period: bigint, referrers: Address[], adRevenue: bigint) {
  const amount = (adRevenue * AD_REVENUE_BPS) / 10_000n;
  for (let i = 0; i < referrers.length; i += 100)
    await g.send(g.platform, g.pool, g.abi.pool, "syncMany", [referrers.slice(i, i + 100)]);
  if ((await g.activeUnits()) === 0n) return 0n;
  await g.send(g.platform, g.token, g.abi.token, "mint", [g.platform, amount]);
  await g.send(g.platform, g.pool, g.abi.pool, "deposit", [
    g.token,
    amount,
    AD_REVENUE_COMMITMENT,
    adRevenueRef(period),
  ]);
  return amount;
}
