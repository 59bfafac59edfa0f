// Seeds the demo on a running local node: deploys through Ignition, creates the band's Split, subscribes
// ~500 fans through artists' referral links and campaigns, then runs several periods (renewals after a time
// jump, close, engine, propose, growth-pool deposit of ad revenue), leaving the last root inside its challenge
// window.
import { rmSync } from "node:fs";
import { join } from "node:path";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  maxUint256,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { ROOT } from "./artifacts.ts";
import {
  distributorAbi,
  growthPoolAbi,
  splitFactoryAbi,
  subscriptionHubAbi,
  testTokenAbi,
} from "../../lib/chain/abis.ts";
import { deploy } from "./deploy.ts";
import { writeDeployBlocks, writeDeployments, type Deployments } from "./deployments.ts";
import {
  AUDITOR,
  BAND_MEMBER_ACCOUNTS,
  BAND_SHARES,
  PLATFORM,
  demoArtists,
  derivedAddress,
  devAddress,
  fanAddress,
} from "./seed-cast.ts";
import { announceExitCommitment, approveDeposits, depositAdRevenue, type GrowthSeed } from "./seed-growth.ts";
import { PERIODS_DIR, runPeriod, writeRegistry } from "./seed-period.ts";
import { prng } from "./seed-plays.ts";
import { buildSplitTree } from "../../lib/chain/split.ts";
import { publishPeriod } from "../engine/publish-period.ts";

const DAY = 86_400;
export interface SeedOptions {
  rpcUrl: string;
  fans: number;
  /** Periods closed and published; the last one stays inside its challenge window. */
  periods: number;
  log: (line: string) => void;
}

export async function seedDemo(connection: any, o: SeedOptions): Promise<Deployments> {
  const t0 = performance.now();
  const step = (msg: string) => o.log(`[seed ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
  const platform = devAddress(PLATFORM);
  // The demo node starts empty every time: Ignition's journal of an earlier local run would make it skip deploying.
  rmSync(join(ROOT, "ignition", "deployments", "chain-31337"), { recursive: true, force: true });
  const { chainId, addresses, blocks } = await deploy(connection, {
    Platform: { owner: platform, publisher: platform, auditors: [devAddress(AUDITOR)] },
    // Weekly growth epochs, so the units synced in the first period earn from the second period's deposit on.
    GrowthPool: { unitDelay: 7n * BigInt(DAY) },
  });
  writeDeployments(chainId, addresses);
  writeDeployBlocks(chainId, blocks);
  step(`deployed on chain ${chainId}`);

  const transport = http(o.rpcUrl, { timeout: 120_000 });
  const pub = createPublicClient({ chain: hardhat, transport });
  const test = createTestClient({ chain: hardhat, mode: "hardhat", transport });
  const wallet = createWalletClient({ chain: hardhat, transport });
  const abi = {
    hub: subscriptionHubAbi as Abi,
    distributor: distributorAbi as Abi,
    token: testTokenAbi as Abi,
    factory: splitFactoryAbi as Abi,
    pool: growthPoolAbi as Abi,
  };
  const send = async (from: Address, address: Address, contractAbi: Abi, functionName: string, args: unknown[]) => {
    const hash = await wallet.writeContract({
      account: from,
      chain: hardhat,
      address,
      abi: contractAbi,
      functionName,
      args,
    });
    const receipt = await pub.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted in ${hash}`);
    return receipt;
  };
  const hub = addresses.SubscriptionHub;
  const token = addresses.Token;

  // The band is paid through a Split of its three members.
  const tree = buildSplitTree(BAND_MEMBER_ACCOUNTS.map((i, k) => ({ account: devAddress(i), share: BAND_SHARES[k] })));
  const [splitAddress] = (await pub.readContract({
    address: addresses.SplitFactory,
    abi: abi.factory,
    functionName: "predictSplit",
    args: [tree.packed, tree.salt],
  })) as [Address, Hex];
  await send(devAddress(3), addresses.SplitFactory, abi.factory, "createSplit", [tree.packed, tree.salt]);
  const artists = demoArtists().map((a) => ({
    ...a,
    payout: a.isBand
      ? splitAddress
      : a.account !== undefined
        ? devAddress(a.account)
        : derivedAddress(`artist:${a.id}`),
  }));
  rmSync(PERIODS_DIR, { recursive: true, force: true });
  writeRegistry(artists);
  step(`band Split ${splitAddress}; ${artists.length} artists registered`);
  // The hub takes referrals only from enrolled artists: the platform enrolls each referring address and each
  // registers the demo's three campaigns (1..3, see campaigns.ts), paying that same address.
  for (const a of artists) {
    await send(platform, hub, abi.hub, "enroll", [a.payout]);
    await test.impersonateAccount({ address: a.payout });
    await test.setBalance({ address: a.payout, value: 10n ** 18n });
    for (let c = 1; c <= 3; c++) await send(a.payout, hub, abi.hub, "registerCampaign", [a.payout]);
  }
  step(`${artists.length} artists enrolled, 3 campaigns each`);

  // Fans: 80 % arrive through an artist's link (popular artists bring more), in one of three campaigns or none.
  const rnd = prng(2026);
  const fans: Address[] = [];
  const referrers = new Set<Address>();
  for (let i = 0; i < o.fans; i++) {
    const fan = fanAddress(i);
    fans.push(fan);
    const k = Math.min(artists.length - 1, Math.floor(Math.exp(rnd() * Math.log(artists.length + 1))) - 1);
    const referrer = rnd() < 0.8 ? artists[k].payout : zeroAddress;
    const campaign = referrer === zeroAddress ? 0 : Math.floor(rnd() * 4);
    if (referrer !== zeroAddress) referrers.add(referrer);
    await test.impersonateAccount({ address: fan });
    await test.setBalance({ address: fan, value: 10n ** 18n });
    await send(platform, token, abi.token, "mint", [fan, 1_000_000_000n]);
    await send(fan, token, abi.token, "approve", [hub, maxUint256]);
    await send(fan, hub, abi.hub, "subscribe", [0, referrer, campaign]);
    if ((i + 1) % 100 === 0) step(`${i + 1}/${o.fans} fans subscribed`);
  }

  const growth: GrowthSeed = {
    send,
    platform,
    pool: addresses.GrowthPool,
    token,
    abi: { pool: abi.pool, token: abi.token },
    activeUnits: async () =>
      (await pub.readContract({
        address: addresses.GrowthPool,
        abi: abi.pool,
        functionName: "totalActiveUnits",
      })) as bigint,
  };
  await approveDeposits(growth);
  // The demo's ad revenue: half a token per fan per period, 20 % of it deposited into the growth pool.
  const adRevenue = BigInt(o.fans) * 500_000n;

  for (let p = 0; p < o.periods; p++) {
    if (p > 0) {
      await test.increaseTime({ seconds: 30 * DAY });
      await test.mine({ blocks: 1 });
      // A few fans cancel each month; the rest renew in batches.
      for (const fan of fans.filter(() => rnd() < 0.04))
        await send(fan, hub, abi.hub, "cancel", []).catch(() => undefined);
      for (let i = 0; i < fans.length; i += 100)
        await send(platform, hub, abi.hub, "renewBatch", [fans.slice(i, i + 100)]);
    }
    const [, , hubPeriod] = (await pub.readContract({
      address: hub,
      abi: abi.hub,
      functionName: "ledger",
    })) as bigint[];
    await send(platform, hub, abi.hub, "closePeriod", []);
    const deposited = await depositAdRevenue(growth, hubPeriod, [...referrers], adRevenue);
    step(
      `period ${hubPeriod}: ${referrers.size} referrers synced, ${deposited} base units of ad revenue deposited in the growth pool`,
    );
    const entry = await runPeriod(pub, hub, Number(hubPeriod));
    if (!entry.root) continue;
    // Proposed as a platform would: npm run publish's function (checks the folder, records the index).
    await publishPeriod({
      folder: join(PERIODS_DIR, entry.period),
      distributor: addresses.Distributor,
      publicClient: pub,
      walletClient: createWalletClient({ chain: hardhat, transport, account: platform }),
      uri: entry.uri,
      index: join(PERIODS_DIR, "index.json"),
    });
    const last = p === o.periods - 1;
    if (!last) {
      await test.increaseTime({ seconds: 3 * DAY + 1 });
      await test.mine({ blocks: 1 });
      await send(platform, addresses.Distributor, abi.distributor, "promote", []);
    }
    step(
      `period ${hubPeriod} closed, allocated and proposed${last ? " (inside its challenge window)" : " and promoted"}`,
    );
  }

  // Pending changes the platform console shows with their effective dates.
  await send(platform, hub, abi.hub, "proposePlan", [99_900_000n, 365 * DAY]);
  await send(platform, hub, abi.hub, "proposeTerms", [2_000, 5_000, 0]);
  await announceExitCommitment(growth);
  step("announced an annual plan, new terms and a growth-pool commitment (effective after the notice period)");
  return addresses;
}
