// Payments of an on-chain platform, from its hub's events: every `Paid` log in a block range becomes
// one payments row (referral_paid_onchain = true, since the hub already paid the referral share), its
// referrer mapped to an artist through the registry's payout addresses. Plan and terms version come
// from the `Subscribed` logs in the range, or from the hub's state for subscriptions begun before it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Address } from "viem";
import { compareStrings, type Artist, type Payment } from "../../lib/rules/index.ts";
import { PAYMENT_COLUMNS, csvLine } from "../../lib/publication/index.ts";
import { HUB_ABI, readMany, type Reader } from "./chain.ts";
import { loadArtists, openSource } from "./inputs.ts";
import { artistsCsv, runEngine, type EngineOptions, type EngineResult } from "./run.ts";

export interface HubRange {
  client: Reader;
  hub: Address;
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks per eth_getLogs request (RPC providers cap the range). */
  chunk?: bigint;
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
  const chunk = r.chunk ?? 10_000n;
  if (chunk < 1n) throw new Error("the log chunk must be at least 1 block");
  const out = [];
  for (let from = r.fromBlock; from <= r.toBlock; from += chunk) {
    const to = from + chunk - 1n < r.toBlock ? from + chunk - 1n : r.toBlock;
    out.push(
      ...(await r.client.getLogs({ address: r.hub, event: event as any, fromBlock: from, toBlock: to, strict: true })),
    );
  }
  return out as any[];
}

/** The hub's payments in the range, as engine payment rows; `artists` is the registry (lowercase addresses). */
export async function readHubPayments(r: HubRange, artists: ReadonlyMap<string, Artist>): Promise<HubPayments> {
  if (r.fromBlock > r.toBlock) throw new Error(`--from-block ${r.fromBlock} is after --to-block ${r.toBlock}`);
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

export function hubPaymentsCsv(payments: readonly HubPayment[]): string {
  let out = csvLine([...PAYMENT_COLUMNS, "plan_id", "terms_version"]);
  for (const p of payments) {
    out += csvLine([
      p.paymentId,
      p.subscriberId,
      p.amount,
      p.poolShare,
      p.referralShare,
      p.referrerArtistId,
      p.referralPaidOnchain,
      p.campaign,
      p.paidAt,
      p.planId,
      p.termsVersion,
    ]);
  }
  return out;
}

/** Reads and validates the registry (CSV or Parquet) the way the engine does. */
export async function readRegistry(path: string): Promise<Map<string, Artist>> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await instance.connect();
  try {
    return await loadArtists(conn, await openSource(conn, "artists", path));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export type HubEngineOptions = Omit<EngineOptions, "payments"> & HubRange;

/**
 * The engine on the hub's payments: they are written to a payments CSV (and unregistered referrers
 * appended to a copy of the registry) in a temporary folder, which the run's manifest then hashes.
 */
export async function runEngineFromHub(o: HubEngineOptions): Promise<EngineResult & HubPayments> {
  const registry = await readRegistry(o.artists);
  const hub = await readHubPayments(o, registry);
  const dir = mkdtempSync(join(tmpdir(), "gapless-hub-"));
  try {
    const payments = join(dir, `payments-${o.hub.toLowerCase()}-${o.fromBlock}-${o.toBlock}.csv`);
    writeFileSync(payments, hubPaymentsCsv(hub.payments));
    let artists = o.artists;
    if (hub.extraArtists.length > 0) {
      for (const a of hub.extraArtists) registry.set(a.artistId, a);
      artists = join(dir, "artists-with-unregistered-referrers.csv");
      writeFileSync(artists, artistsCsv(registry));
    }
    const result = await runEngine({ ...o, payments, artists });
    return { ...result, ...hub };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
