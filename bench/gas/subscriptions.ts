// Subscriptions: the Gapless SubscriptionHub vs Unlock's PublicLock v15 (its published bytecode, created by the
// Unlock v14 factory as a transparent proxy, the way Unlock deploys every lock), both with a 10 % referrer fee
// on the same ERC-20 and price. Unlock pays the referrer by transfer; Gapless credits a balance it withdraws.
import { createRequire } from "node:module";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { ContractFactory, Wallet } from "ethers";
import { addressOf, gasOf, GAPLESS, word, type Fresh, type GasRow } from "./rows.ts";

const require = createRequire(import.meta.url);
const UNLOCK = "Unlock PublicLock v15";
const unlockBuild = require("@unlock-protocol/contracts/dist/abis/Unlock/UnlockV14.json");
const lockBuild = require("@unlock-protocol/contracts/dist/abis/PublicLock/PublicLockV15.json");
const MONTH = 30 * 86_400;
const PRICE = 9_990_001n;
const REFERRAL_BPS = 1_000n;
const POOL_BPS = 6_000n;
const MAX = 2n ** 256n - 1n;
const PURCHASE_CHUNK = 50;

/** How one system takes a first payment and a renewal. */
interface Subscriptions {
  spender: string;
  subscribe(subscriber: Wallet, referrer: string): Promise<any>;
  /** All of `subscribers` in one transaction if the system can, else undefined. */
  subscribeBatch?(payer: Wallet, subscribers: Wallet[], referrers: string[]): Promise<any>;
  renew(subscriber: Wallet, referrer: string): Promise<any>;
  renewBatch?(subscribers: Wallet[]): Promise<any>;
}

async function gaplessHub(ethers: HardhatEthers, token: any): Promise<Subscriptions> {
  const [owner, keeper] = await ethers.getSigners();
  const distributor = await ethers.deployContract("MockFundable", [await token.getAddress()]);
  const hub: any = await ethers.deployContract("SubscriptionHub", [
    await token.getAddress(),
    await distributor.getAddress(),
    owner.address,
    { noticePeriod: 7 * 86_400, gracePeriod: 7 * 86_400, enrollmentRequired: false, overdueAfter: 45 * 86_400 },
    REFERRAL_BPS,
    POOL_BPS,
    0,
    [{ price: PRICE, period: MONTH }],
  ]);
  return {
    spender: await hub.getAddress(),
    subscribe: (subscriber, referrer) => hub.connect(subscriber).subscribe(0, referrer, 0),
    renew: (subscriber) => hub.connect(keeper).renew(subscriber.address),
    renewBatch: (subscribers) => hub.connect(keeper).renewBatch(subscribers.map((s) => s.address)),
  };
}

async function unlockLock(ethers: HardhatEthers, token: any): Promise<Subscriptions> {
  const [owner, keeper] = await ethers.getSigners();
  const implementation = await new ContractFactory(unlockBuild.abi, unlockBuild.bytecode, owner).deploy();
  const init = implementation.interface.encodeFunctionData("initialize", [owner.address]);
  const proxy = await ethers.deployContract("TransparentUpgradeableProxy", [
    await implementation.getAddress(),
    addressOf("unlock proxy admin owner"),
    init,
  ]);
  const unlock: any = new ethers.Contract(await proxy.getAddress(), unlockBuild.abi, owner);
  const template: any = await new ContractFactory(lockBuild.abi, lockBuild.bytecode, owner).deploy();
  await (await unlock.addLockTemplate(await template.getAddress(), 15)).wait();
  await (await unlock.setLockTemplate(await template.getAddress())).wait();
  const args = [MONTH, await token.getAddress(), PRICE, 1_000_000, "Bench", "0x000000000000000000000000"];
  const address = await unlock.createLock.staticCall(...args);
  await (await unlock.createLock(...args)).wait();
  const lock: any = new ethers.Contract(address, lockBuild.abi, owner);
  await (await lock.setReferrerFee(ethers.ZeroAddress, REFERRAL_BPS)).wait();
  const tokenIds = new Map<string, bigint>();
  const remember = async (tx: Promise<any>) => {
    const sent = await tx;
    const receipt = await sent.wait();
    // The token's ERC-20 Transfer shares the ERC-721 topic, so only the lock's own logs are read.
    for (const log of receipt.logs.filter((l: any) => l.address === address)) {
      const parsed = lock.interface.parseLog(log);
      if (parsed?.name === "Transfer") tokenIds.set(parsed.args.to, parsed.args.tokenId);
    }
    return sent;
  };
  const purchase = (payer: Wallet, recipients: string[], referrers: string[]) =>
    lock.connect(payer).purchase(
      recipients.map(() => PRICE),
      recipients,
      referrers,
      recipients,
      recipients.map(() => "0x"),
    );
  return {
    spender: address,
    subscribe: (subscriber, referrer) => remember(purchase(subscriber, [subscriber.address], [referrer])),
    subscribeBatch: (payer, subscribers, referrers) =>
      remember(
        purchase(
          payer,
          subscribers.map((s) => s.address),
          referrers,
        ),
      ),
    renew: (subscriber, referrer) =>
      lock.connect(keeper).renewMembershipFor(tokenIds.get(subscriber.address)!, referrer),
  };
}

/** Measures subscribe and renew alone and for `batch` subscribers, each system on a fresh chain. */
export async function measureSubscriptions(fresh: Fresh, batch: number): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  const systems: [string, typeof gaplessHub][] = [
    [GAPLESS, gaplessHub],
    [UNLOCK, unlockLock],
  ];
  for (const [system, deploy] of systems) {
    const ethers = await fresh();
    const token: any = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const subs = await deploy(ethers, token);
    const add = (operation: string, size: string, gas: number, note?: string) =>
      rows.push({ section: "subscriptions", operation, size, system, gas, source: "measured", note });

    const wallets: Wallet[] = [];
    for (let i = 0; i < batch + 2; i++) {
      const wallet = new Wallet(word(`bench subscriber ${i}`), ethers.provider);
      await ethers.provider.send("hardhat_setBalance", [wallet.address, "0x56bc75e2d63100000"]);
      await (await token.mint(wallet.address, 1_000_000_000n)).wait();
      await (await token.connect(wallet).approve(subs.spender, MAX)).wait();
      wallets.push(wallet);
    }
    const referrers = wallets.map((_, i) => addressOf(`bench referrer ${i}`));
    // Steady state for the single rows: the referrer already earned from an earlier subscriber.
    await gasOf(subs.subscribe(wallets[0], referrers[0]));
    add("subscribe with referrer", "alone", await gasOf(subs.subscribe(wallets[1], referrers[0])));

    const group = wallets.slice(2);
    const groupReferrers = referrers.slice(2);
    if (subs.subscribeBatch) {
      // 100 Unlock keys cost ~31M gas, above the 16,777,216 per-transaction cap (EIP-7825): chunks of 50.
      let gas = 0;
      for (let i = 0; i < batch; i += PURCHASE_CHUNK)
        gas += await gasOf(
          subs.subscribeBatch(
            group[i],
            group.slice(i, i + PURCHASE_CHUNK),
            groupReferrers.slice(i, i + PURCHASE_CHUNK),
          ),
        );
      add(
        "subscribe with referrer",
        `batch of ${batch}, per subscriber`,
        Math.round(gas / batch),
        `one payer per ${Math.min(batch, PURCHASE_CHUNK)} keys, ${Math.ceil(batch / PURCHASE_CHUNK)} tx`,
      );
    } else {
      let gas = 0;
      for (let i = 0; i < batch; i++) gas += await gasOf(subs.subscribe(group[i], groupReferrers[i]));
      add(
        "subscribe with referrer",
        `batch of ${batch}, per subscriber`,
        Math.round(gas / batch),
        "no batch subscribe: each subscriber signs its own tx",
      );
    }

    await ethers.provider.send("evm_increaseTime", [MONTH]);
    add("renew", "alone", await gasOf(subs.renew(wallets[1], referrers[0])));
    let gas = 0;
    let note: string;
    if (subs.renewBatch) {
      gas = await gasOf(subs.renewBatch(group));
      note = "renewBatch, one keeper tx";
    } else {
      for (let i = 0; i < batch; i++) gas += await gasOf(subs.renew(group[i], groupReferrers[i]));
      note = "no batch renewal: one renewMembershipFor tx each";
    }
    add("renew", `batch of ${batch}, per subscriber`, Math.round(gas / batch), note);
  }
  return rows;
}
