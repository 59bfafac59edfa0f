// Payments of an on-chain platform, from its hub's events — the one decoder, used by the engine CLI
// (`npm run engine -- --rpc --hub`), the demo (through the CLI's functions) and the audit's hub check:
// every `Paid` log in a block range (optionally of one hub period) becomes one payments row
// (referral_paid_onchain = true, since the hub already paid the referral share), its referrer mapped to
// an artist through the registry's payout addresses. A referrer outside the registry is kept under its
// own address, so its referrals stay in the statements. Plan and terms version come from the
// `Subscribed` logs in the range, or from the hub's state for subscriptions begun before it.
import type { Address } from "viem";
import { subscriptionHubAbi as HUB_ABI } from "./abis.ts";
import { inBlockRanges, readMany, type Reader } from "./read.ts";
import { compareStrings, type Artist, type Payment } from "../rules/types.ts";

export interface HubRange {
  client: Reader;
  hub: Address;
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks per eth_getLogs request (RPC providers cap the range). */
  chunk?: bigint;
  /** Only the payments of this hub period (the `period` topic of Paid). */
  hubPeriod?: bigint;
}

export interface HubPayment extends Payment {
  planId: string;
  termsVersion: string;
}

export interface HubPayments {
  payments: HubPayment[];
  /** Referrers not in the registry, added under their own address so their referrals stay in statements. */
  extraArtists: Artist[];
  poolParts: bigint;
}

/** Decoded logs of one hub event over the range, `chunk` blocks per request. */
export async function hubLogs<E extends "Paid" | "Subscribed">(r: HubRange, eventName: E) {
  const event = HUB_ABI.find((x) => x.type === "event" && x.name === eventName)!;
  const args = eventName === "Paid" && r.hubPeriod !== undefined ? { period: r.hubPeriod } : undefined;
  return (await inBlockRanges(r.client, r, (fromBlock, toBlock) =>
    r.client.getLogs({ address: r.hub, event: event as any, args: args as any, fromBlock, toBlock, strict: true }),
  )) as any[];
}

/** The hub's payments in the range, as engine payment rows; `artists` is the registry (lowercase addresses). */
export async function readHubPayments(r: HubRange, artists: ReadonlyMap<string, Artist>): Promise<HubPayments> {
  if (r.fromBlock > r.toBlock) throw new Error(`from block ${r.fromBlock} is after to block ${r.toBlock}`);
  const byAddress = new Map<string, string>();
  // Several artists sharing a payout address: the referral is attributed to the first id in order.
  for (const id of [...artists.keys()].sort(compareStrings)) {
    const a = artists.get(id)!.payoutAddress;
    if (!byAddress.has(a)) byAddress.set(a, id);
  }
  const extra = new Map<string, Artist>();
  const artistOf = (referrer: string): string => {
    const address = referrer.toLowerCase();
    if (/^0x0{40}$/.test(address)) return "";
    const known = byAddress.get(address);
    if (known !== undefined) return known;
    if (artists.has(address))
      throw new Error(`referrer ${address} is not a payout address, but an artist id of that name exists`);
    if (!extra.has(address))
      extra.set(address, { artistId: address, payoutAddress: address, name: "unregistered referrer" });
    return address;
  };

  const [paid, subscribed] = [await hubLogs(r, "Paid"), await hubLogs(r, "Subscribed")];
  const binding = new Map<string, { planId: string; termsVersion: string }>();
  for (const l of subscribed) {
    binding.set(l.args.subscriber.toLowerCase(), {
      planId: String(l.args.planId),
      termsVersion: String(l.args.termsVersion),
    });
  }
  const missing = [...new Set(paid.map((l) => l.args.subscriber.toLowerCase() as string))].filter(
    (s) => !binding.has(s),
  );
  const reads = await readMany<any>(
    r.client,
    missing.flatMap((s) => [
      { address: r.hub, abi: HUB_ABI, functionName: "subscriptionOf", args: [s] },
      { address: r.hub, abi: HUB_ABI, functionName: "bindingOf", args: [s] },
    ]),
  );
  missing.forEach((s, i) =>
    binding.set(s, { planId: String(reads[2 * i].planId), termsVersion: String(reads[2 * i + 1].termsVersion) }),
  );

  const blocks = [...new Set(paid.map((l) => l.blockNumber as bigint))];
  const time = new Map<bigint, number>();
  for (let i = 0; i < blocks.length; i += 50) {
    const got = await Promise.all(blocks.slice(i, i + 50).map((n) => r.client.getBlock({ blockNumber: n })));
    got.forEach((b) => time.set(b.number!, Number(b.timestamp)));
  }

  let poolParts = 0n;
  const payments = paid.map((l): HubPayment => {
    const a = l.args;
    const subscriber = a.subscriber.toLowerCase();
    poolParts += a.poolPart;
    return {
      paymentId: `${l.transactionHash}-${l.logIndex}`,
      subscriberId: subscriber,
      amount: a.amount,
      poolShare: a.poolPart,
      referralShare: a.referralPart,
      referrerArtistId: artistOf(a.referrer),
      referralPaidOnchain: true,
      campaign: a.campaign === 0n ? "" : String(a.campaign),
      paidAt: time.get(l.blockNumber)!,
      ...binding.get(subscriber)!,
    };
  });
  return { payments, extraArtists: [...extra.values()], poolParts };
}
