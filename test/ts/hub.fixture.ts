// Shared deployment for the SubscriptionHub tests (no tests here).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

export const DAY = 24n * 60n * 60n;
export const NOTICE = 7n * DAY;
export const MONTH = 30n * DAY;
export const YEAR = 365n * DAY;
export const REFERRAL_BPS = 1_000n;
export const POOL_BPS = 6_000n;
export const PRICE = 9_990_001n; // Odd on purpose, so every bps part rounds.
export const YEARLY_PRICE = 99_990_000n;
export const MAX = 2n ** 256n - 1n;
export const LIFETIME = 2n ** 40n - 1n;

export const Status = { None: 0n, Active: 1n, Cancelled: 2n, Lapsed: 3n } as const;
export const EndReason = { Cancelled: 0n, PaymentFailed: 1n } as const;

export function split(amount: bigint, referralBps: bigint, poolBps: bigint, withReferral = true) {
  const referral = withReferral ? (amount * referralBps) / 10_000n : 0n;
  const pool = (amount * poolBps) / 10_000n;
  return { referral, pool, platform: amount - referral - pool };
}

/** Deploys a hub on `tokenAddress` (a TestToken unless given) with two plans and 10 % / 60 % lifetime terms. */
export async function deployHub(
  ethers: HardhatEthers,
  opts: { tokenName?: string; decimals?: number; price?: bigint; referralDuration?: bigint } = {},
) {
  const [owner, alice, bob, carol, artist, keeper, stranger] = await ethers.getSigners();
  // Hostile tokens share TestToken's mint/approve/transfer surface, so one typed handle serves them all.
  const token = opts.tokenName
    ? await ethers.getContractAt("TestToken", await (await ethers.deployContract(opts.tokenName)).getAddress())
    : await ethers.deployContract("TestToken", ["USD Coin", "USDC", opts.decimals ?? 6]);
  const distributor = await ethers.deployContract("MockFundable", [await token.getAddress()]);
  const price = opts.price ?? PRICE;
  const hub = await ethers.deployContract("SubscriptionHub", [
    await token.getAddress(),
    await distributor.getAddress(),
    owner.address,
    NOTICE,
    REFERRAL_BPS,
    POOL_BPS,
    opts.referralDuration ?? 0n,
    [
      { price, period: MONTH },
      { price: YEARLY_PRICE, period: YEAR },
    ],
  ]);
  return { token, distributor, hub, owner, alice, bob, carol, artist, keeper, stranger, price };
}

/** Same as `deployHub`, with alice, bob and carol funded and an unlimited allowance to the hub. */
export async function deployFundedHub(ethers: HardhatEthers, opts: Parameters<typeof deployHub>[1] = {}) {
  const f = await deployHub(ethers, opts);
  for (const s of [f.alice, f.bob, f.carol]) {
    await f.token.mint(s.address, 1_000_000_000n);
    await f.token.connect(s).approve(await f.hub.getAddress(), MAX);
  }
  return f;
}
