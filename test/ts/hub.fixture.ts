// Shared deployment for the SubscriptionHub tests (no tests here).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { Signature, type Signer } from "ethers";
import { PERMIT_TYPES } from "../../lib/chain/permit.ts";

export const DAY = 24n * 60n * 60n;
export const NOTICE = 7n * DAY;
export const GRACE = 7n * DAY;
/** How long a period stays open before anyone may close it. */
export const OVERDUE = 45n * DAY;
export const MONTH = 30n * DAY;
export const YEAR = 365n * DAY;
export const REFERRAL_BPS = 1_000n;
export const POOL_BPS = 6_000n;
export const PRICE = 9_990_001n; // Odd on purpose, so every bps part rounds.
export const YEARLY_PRICE = 99_990_000n;
export const MAX = 2n ** 256n - 1n;
export const LIFETIME = 2n ** 40n - 1n;

export const Status = { None: 0n, Active: 1n, Cancelled: 2n, Lapsed: 3n } as const;
export const EndReason = { Cancelled: 0n, PaymentFailed: 1n, GraceExpired: 2n } as const;

export function split(amount: bigint, referralBps: bigint, poolBps: bigint, withReferral = true) {
  const referral = withReferral ? (amount * referralBps) / 10_000n : 0n;
  const pool = (amount * poolBps) / 10_000n;
  return { referral, pool, platform: amount - referral - pool };
}

/** Deploys a hub on `tokenAddress` (a TestToken unless given) with two plans and 10 % / 60 % lifetime terms. */
export async function deployHub(
  ethers: HardhatEthers,
  opts: {
    tokenName?: string;
    decimals?: number;
    price?: bigint;
    referralDuration?: bigint;
    enrollmentRequired?: boolean;
    /** Fund closed periods into a real Distributor (publisher and owner: the hub's owner) instead of MockFundable. */
    realDistributor?: boolean;
  } = {},
) {
  const [owner, alice, bob, carol, artist, keeper, stranger] = await ethers.getSigners();
  // Hostile tokens share TestToken's mint/approve/transfer surface, so one typed handle serves them all.
  const token = opts.tokenName
    ? await ethers.getContractAt("TestToken", await (await ethers.deployContract(opts.tokenName)).getAddress())
    : await ethers.deployContract("TestToken", ["USD Coin", "USDC", opts.decimals ?? 6]);
  // With `realDistributor` the handle is still typed as MockFundable (their shared surface is `token`/`fund`): such
  // tests take a Distributor handle at the same address.
  const distributorAddress = opts.realDistributor
    ? await (
        await ethers.deployContract("Distributor", [await token.getAddress(), owner.address, owner.address, DAY, []])
      ).getAddress()
    : await (await ethers.deployContract("MockFundable", [await token.getAddress()])).getAddress();
  const distributor = await ethers.getContractAt("MockFundable", distributorAddress);
  const price = opts.price ?? PRICE;
  const hub = await ethers.deployContract("SubscriptionHub", [
    await token.getAddress(),
    await distributor.getAddress(),
    owner.address,
    {
      noticePeriod: NOTICE,
      gracePeriod: GRACE,
      enrollmentRequired: opts.enrollmentRequired ?? false,
      overdueAfter: OVERDUE,
    },
    REFERRAL_BPS,
    POOL_BPS,
    opts.referralDuration ?? 0n,
    [
      { price, period: MONTH },
      { price: YEARLY_PRICE, period: YEAR },
    ],
  ]);
  // The artist's campaigns 1 and 2 pay the artist itself, so routing assertions stay on one address.
  if (opts.enrollmentRequired) await hub.enroll(artist.address);
  await hub.connect(artist).registerCampaign(artist.address);
  await hub.connect(artist).registerCampaign(artist.address);
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

/** An EIP-2612 permit signed under the token's own EIP-712 domain (EIP-5267), so version "1" and "2" tokens alike. */
export async function signPermit(
  token: {
    eip712Domain(): Promise<{ name: string; version: string; chainId: bigint; verifyingContract: string }>;
    nonces(owner: string): Promise<bigint>;
  },
  owner: Signer,
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const d = await token.eip712Domain();
  const address = await owner.getAddress();
  const domain = { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  const nonce = await token.nonces(address);
  return Signature.from(
    await owner.signTypedData(
      domain,
      { Permit: [...PERMIT_TYPES.Permit] },
      { owner: address, spender, value, nonce, deadline },
    ),
  );
}
