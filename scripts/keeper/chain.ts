// Everything the keeper reads from and simulates on the chain, behind one small interface so the decision code
// never sees a client. ABIs come from the generated lib/chain/abis.ts, the token's from viem; reverts are decoded
// into lib/chain/errors.ts's sentences.
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  decodeEventLog,
  encodeFunctionData,
  erc20Abi,
  fallback,
  http,
  zeroAddress,
  type Abi,
  type AbiEvent,
  type Address,
  type Hex,
  type Log,
  type PublicClient,
} from "viem";
import { distributorAbi, growthPoolAbi, subscriptionHubAbi } from "../../lib/chain/abis.ts";
import { findDeployBlock } from "../../lib/chain/deployments.ts";
import { decodeRevert, explainError, sentenceFor } from "../../lib/chain/errors.ts";
import { covers, type SubState } from "./due.ts";

/** Multicall3's address on every chain where it is deployed (Ethereum, Base, Optimism, Arbitrum…). */
const MULTICALL3: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";
const READS_PER_MULTICALL = 200;
/** Single eth_calls in flight at once without Multicall3 (the transport batches them per HTTP request). */
const READS_IN_FLIGHT = 1_000;

type Read = { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] };

/**
 * Many view calls: through Multicall3 where the chain has it (one eth_call per 200 reads), else as single eth_calls
 * (batched per HTTP request by the transport). Not deployless: its initcode (EIP-3860, 49,152 bytes) and its returned "code"
 * (EIP-170, 24,576 bytes) cap it below a hundred reads.
 */
async function readAll<T>(client: PublicClient, hasMulticall: boolean, reads: readonly Read[]): Promise<T[]> {
  const out: T[] = [];
  const step = hasMulticall ? READS_PER_MULTICALL : READS_IN_FLIGHT;
  for (let i = 0; i < reads.length; i += step) {
    const chunk = reads.slice(i, i + step);
    if (hasMulticall) {
      out.push(
        ...((await client.multicall({
          contracts: chunk as any,
          allowFailure: false,
          multicallAddress: MULTICALL3,
          batchSize: 0,
        })) as T[]),
      );
    } else {
      out.push(...((await Promise.all(chunk.map((r) => client.readContract(r as any)))) as T[]));
    }
  }
  return out;
}

export const ABI = {
  hub: subscriptionHubAbi as Abi,
  distributor: distributorAbi as Abi,
  growth: growthPoolAbi as Abi,
};

/** Whether the hub's ABI has the renewability view `renewable(subscriber)`. */
const HAS_RENEWABLE_VIEW = ABI.hub.some((x) => x.type === "function" && x.name === "renewable");

/**
 * Whether the hub defers a renewal the token refuses for everyone (`RenewalDeferred`, contract hardening #11)
 * instead of ending the subscription: then the keeper's own token-wide guard is not needed.
 */
export const HUB_DEFERS = ABI.hub.some((x) => x.type === "event" && x.name === "RenewalDeferred");

/** The hub's `EndReason` enum (ISubscriptionHub.EndReason), for logs and metrics. */
export const END_REASONS = ["Cancelled", "PaymentFailed", "GraceExpired"] as const;
export const endReasonName = (r: number | bigint) => END_REASONS[Number(r)] ?? `reason ${r}`;

export interface KeeperAddresses {
  hub: Address;
  distributor?: Address;
  growthPool?: Address;
}

export interface Head {
  number: bigint;
  timestamp: bigint;
  gasLimit: bigint;
  baseFee: bigint;
}

export interface Call {
  to: Address;
  data: Hex;
}

/** A decoded event the keeper follows, with where it happened. */
export interface KeeperEvent {
  name: string;
  args: Record<string, any>;
  address: Address;
  blockNumber: bigint;
  transactionHash: Hex;
}

export type Simulation<T> = { ok: true; result: T } | { ok: false; reason: string };

/** What the keeper needs from the chain. `viemChain` implements it over JSON-RPC. */
export interface KeeperChain {
  readonly addresses: KeeperAddresses;
  chainId(): Promise<number>;
  head(): Promise<Head>;
  blockTime(blockNumber: bigint): Promise<bigint>;
  suggestedTip(): Promise<bigint>;
  /** First block where the hub has code (lib/chain's eth_getCode bisection when no deploy block is recorded). */
  deployBlock(): Promise<bigint>;
  /** Events of `names` from the keeper's contracts in [from, to]. */
  events(from: bigint, to: bigint): Promise<KeeperEvent[]>;
  /** The hub's roles and token, and how long a period stays open before anyone may close it (immutables aside from the roles). */
  hubRoles(): Promise<{ owner: Address; periodCloser: Address; token: Address; overdueAfter: bigint }>;
  /** When the open period opened (every close restarts it). */
  periodOpenedAt(): Promise<bigint>;
  subscriptions(subscribers: readonly Address[]): Promise<SubState[]>;
  /** Whether each due subscriber can pay its price now. */
  canPay(token: Address, due: readonly SubState[]): Promise<boolean[]>;
  pendingUnits(referrers: readonly Address[]): Promise<bigint[]>;
  pendingRoot(): Promise<{ root: Hex; claimableAt: bigint } | undefined>;
  simulate<T>(from: Address, call: Call): Promise<Simulation<T>>;
  estimate(from: Address, call: Call): Promise<Simulation<bigint>>;
  transactionCount(address: Address, blockTag: "latest" | "pending"): Promise<number>;
  client: PublicClient;
}

/** Calls the keeper sends, encoded against the artifacts' ABIs. */
export const calls = {
  renewBatch: (a: KeeperAddresses, subscribers: readonly Address[]): Call => ({
    to: a.hub,
    data: encodeFunctionData({ abi: ABI.hub, functionName: "renewBatch", args: [subscribers] }),
  }),
  renew: (a: KeeperAddresses, subscriber: Address): Call => ({
    to: a.hub,
    data: encodeFunctionData({ abi: ABI.hub, functionName: "renew", args: [subscriber] }),
  }),
  closePeriod: (a: KeeperAddresses): Call => ({
    to: a.hub,
    data: encodeFunctionData({ abi: ABI.hub, functionName: "closePeriod" }),
  }),
  syncMany: (a: KeeperAddresses, holders: readonly Address[]): Call => ({
    to: a.growthPool!,
    data: encodeFunctionData({ abi: ABI.growth, functionName: "syncMany", args: [holders] }),
  }),
  promote: (a: KeeperAddresses): Call => ({
    to: a.distributor!,
    data: encodeFunctionData({ abi: ABI.distributor, functionName: "promote" }),
  }),
};

const FOLLOWED: { abi: Abi; names: string[] }[] = [
  { abi: ABI.hub, names: ["Subscribed", "PeriodClosed"] },
  // The distributor's and the growth pool's roots are one mechanism (AuditedRoots): the same events, told apart by
  // the emitting address.
  { abi: ABI.distributor, names: ["RootProposed", "RootVetoed", "RootActivated"] },
];
const FOLLOWED_EVENTS = FOLLOWED.flatMap(({ abi, names }) =>
  names.map((n) => abi.find((x) => x.type === "event" && x.name === n) as AbiEvent),
);
const ALL_ABI = [...ABI.hub, ...ABI.distributor, ...ABI.growth] as Abi;

/** Decodes the logs of a receipt that come from `address` (events of the hub, distributor or growth pool). */
export function decodeLogs(logs: readonly Log[], address: Address): KeeperEvent[] {
  const out: KeeperEvent[] = [];
  for (const l of logs) {
    if (l.address.toLowerCase() !== address.toLowerCase()) continue;
    try {
      const d = decodeEventLog({ abi: ALL_ABI, data: l.data, topics: l.topics as any, strict: true });
      out.push({
        name: String(d.eventName),
        args: d.args as any,
        address: l.address,
        blockNumber: l.blockNumber!,
        transactionHash: l.transactionHash!,
      });
    } catch {
      /* an event the keeper does not follow */
    }
  }
  return out;
}

export interface RpcOptions {
  /** One URL, or several: requests fall back to the next on failure (viem `fallback`). */
  urls: string[];
  timeoutMs: number;
  retryCount: number;
  retryDelayMs: number;
  /** JSON-RPC requests per HTTP request (1 = no batching, for providers that refuse batches). */
  batchSize: number;
  /** Recorded deploy block, when known (skips the search). */
  fromBlock?: bigint;
}

/**
 * The sentence for a call the chain refused (a revert, which no retry changes), or undefined when `e` is not a
 * revert (a transport error: the caller rethrows it).
 */
export function revertReason(e: unknown): string | undefined {
  if (!(e instanceof BaseError)) return undefined;
  if (e.walk((x) => x instanceof ContractFunctionRevertedError)) return explainError(e);
  const raw = e.walk((x) => typeof (x as { data?: unknown }).data === "string") as { data?: Hex } | null;
  const decoded = raw?.data && raw.data.length >= 10 ? decodeRevert(raw.data) : null;
  if (decoded) return sentenceFor(decoded);
  return /revert/i.test(e.message) ? e.shortMessage : undefined;
}

export function viemChain(addresses: KeeperAddresses, o: RpcOptions): KeeperChain {
  // viem retries each request with exponential backoff (retryDelay · 2^n) on transport errors, timeouts,
  // HTTP 429/5xx and JSON-RPC internal errors; a revert is never retried.
  const one = (url: string) =>
    http(url, {
      timeout: o.timeoutMs,
      retryCount: o.retryCount,
      retryDelay: o.retryDelayMs,
      batch: o.batchSize > 1 ? { batchSize: o.batchSize, wait: 0 } : false,
    });
  const transport =
    o.urls.length === 1
      ? one(o.urls[0])
      : fallback(o.urls.map(one), { retryCount: o.retryCount, retryDelay: o.retryDelayMs });
  const client = createPublicClient({ transport, pollingInterval: 250 }) as PublicClient;
  const hub = addresses.hub;
  let chainId: number | undefined;
  let multicall: Promise<boolean> | undefined;
  const read = async <T>(reads: readonly Read[]) => {
    multicall ??= client.getCode({ address: MULTICALL3 }).then((c) => c !== undefined && c !== "0x");
    return readAll<T>(client, await multicall, reads);
  };

  const simulate = async <T>(from: Address, call: Call): Promise<Simulation<T>> => {
    try {
      const { data } = await client.call({ account: from, to: call.to, data: call.data });
      return { ok: true, result: data as T };
    } catch (e) {
      const reason = revertReason(e);
      if (reason === undefined) throw e;
      return { ok: false, reason };
    }
  };

  return {
    addresses,
    client,
    async chainId() {
      chainId ??= await client.getChainId();
      return chainId;
    },
    async head() {
      const b = await client.getBlock({ blockTag: "latest" });
      return { number: b.number!, timestamp: b.timestamp, gasLimit: b.gasLimit, baseFee: b.baseFeePerGas ?? 0n };
    },
    async blockTime(blockNumber) {
      return (await client.getBlock({ blockNumber })).timestamp;
    },
    async suggestedTip() {
      try {
        return await client.request({ method: "eth_maxPriorityFeePerGas" }).then(BigInt);
      } catch {
        return 0n;
      }
    },
    async deployBlock() {
      if (o.fromBlock !== undefined) return o.fromBlock;
      return findDeployBlock(client, hub, await client.getBlockNumber({ cacheTime: 0 }));
    },
    async events(from, to) {
      const address = [hub, addresses.distributor, addresses.growthPool].filter((x): x is Address => !!x);
      const logs = await client.getLogs({
        address,
        events: FOLLOWED_EVENTS,
        fromBlock: from,
        toBlock: to,
        strict: true,
      });
      return logs.map((l: any) => ({
        name: l.eventName,
        args: l.args,
        address: l.address,
        blockNumber: l.blockNumber,
        transactionHash: l.transactionHash,
      }));
    },
    async hubRoles() {
      const [owner, periodCloser, token, overdueAfter] = await read<Address | bigint>([
        { address: hub, abi: ABI.hub, functionName: "owner" },
        { address: hub, abi: ABI.hub, functionName: "periodCloser" },
        { address: hub, abi: ABI.hub, functionName: "TOKEN" },
        { address: hub, abi: ABI.hub, functionName: "OVERDUE_AFTER" },
      ]);
      return {
        owner: owner as Address,
        periodCloser: periodCloser as Address,
        token: token as Address,
        overdueAfter: overdueAfter as bigint,
      };
    },
    async periodOpenedAt() {
      const [openedAt] = await read<number>([{ address: hub, abi: ABI.hub, functionName: "periodOpenedAt" }]);
      return BigInt(openedAt);
    },
    async subscriptions(subscribers) {
      const got = await read<any>(
        subscribers.map((s) => ({ address: hub, abi: ABI.hub, functionName: "subscriptionOf", args: [s] })),
      );
      return got.map((s, i) => ({
        subscriber: subscribers[i],
        status: Number(s.status),
        paidThrough: BigInt(s.paidThrough),
        price: BigInt(s.price),
      }));
    },
    async canPay(token, due) {
      // The hub's renewability view (contract hardening, #11) where the deployed hub has it: one read per fan.
      if (HAS_RENEWABLE_VIEW) {
        const got = await read<readonly [boolean, boolean, bigint, bigint]>(
          due.map((s) => ({ address: hub, abi: ABI.hub, functionName: "renewable", args: [s.subscriber] })),
        );
        return got.map(([, wouldSucceed]) => wouldSucceed);
      }
      const got = await read<bigint>(
        due.flatMap((s) => [
          { address: token, abi: erc20Abi, functionName: "balanceOf", args: [s.subscriber] },
          { address: token, abi: erc20Abi, functionName: "allowance", args: [s.subscriber, hub] },
        ]),
      );
      return due.map((s, i) => covers({ balance: got[2 * i], allowance: got[2 * i + 1] }, s.price));
    },
    async pendingUnits(referrers) {
      if (!addresses.growthPool) return referrers.map(() => 0n);
      return read<bigint>(
        referrers.map((r) => ({
          address: addresses.growthPool!,
          abi: ABI.growth,
          functionName: "pendingHubUnits",
          args: [r],
        })),
      );
    },
    async pendingRoot() {
      if (!addresses.distributor) return undefined;
      const [root, , , , claimableAt] = (await client.readContract({
        address: addresses.distributor,
        abi: ABI.distributor,
        functionName: "pendingRoot",
      })) as [Hex, bigint, Hex, string, bigint];
      return /^0x0+$/.test(root) ? undefined : { root, claimableAt };
    },
    simulate,
    async estimate(from, call) {
      try {
        return { ok: true, result: await client.estimateGas({ account: from, to: call.to, data: call.data }) };
      } catch (e) {
        const reason = revertReason(e);
        if (reason === undefined) throw e;
        return { ok: false, reason };
      }
    },
    transactionCount(address, blockTag) {
      return client.getTransactionCount({ address, blockTag });
    },
  };
}

export const isZero = (a: Address) => a.toLowerCase() === zeroAddress;
