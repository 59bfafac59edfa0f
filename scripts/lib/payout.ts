// Gas-free payouts: a relayer (the platform's keeper, or anyone) claims through the ClaimRouter for every account
// whose claimable is at least a threshold. Every leg pays the account itself (the router's rule), so the relayer
// spends gas and never touches the money. Accounts come from the indexer (referrers, Split members, growth
// holders) and the active root's published proofs; what each is owed is read from the chain.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLogs, type Address, type Hex, type PublicClient, type WalletClient } from "viem";
import {
  claimRouterAbi,
  distributorAbi,
  growthPoolAbi,
  splitAbi,
  subscriptionHubAbi,
  testTokenAbi,
} from "../../lib/chain/abis.ts";
import { buildSplitTree, type Payee } from "../../lib/chain/split.ts";

export interface PayoutContracts {
  hub: Address;
  distributor: Address;
  router: Address;
  growth: Address;
  token: Address;
}

interface SplitConfig {
  split: Address;
  share: string;
  salt: Hex;
  payees: { account: Address; share: string }[];
}

export interface Legs {
  account: Address;
  hub: bigint;
  distributor: bigint;
  split: bigint;
  growth: bigint;
  total: bigint;
  /** `claimAllFor`'s request for this account: every leg pays `account`. */
  request: ClaimRequest;
}

export interface ClaimRequest {
  account: Address;
  hubs: Address[];
  claims: { distributor: Address; cumulativeAmount: bigint; proof: Hex[] }[];
  releases: { split: Address; tokens: Address[]; share: bigint; totalShares: bigint; salt: Hex; proof: Hex[] }[];
  growth: { pool: Address; tokens: Address[] }[];
}

export interface PayoutResult {
  account: Address;
  /** Planned: what the legs owe; paid: what the token moved to the account in the transaction. */
  total: bigint;
  legs: { hub: bigint; distributor: bigint; split: bigint; growth: bigint };
  /** Its share of its batch's gas (the batch's gas over its accounts), or its estimate alone when not batched. */
  gas: bigint;
  txHash?: Hex;
  /** Legs the router skipped for it (each a `ClaimLegSkipped` in the receipt). */
  skippedLegs?: number;
  status: "paid" | "planned" | "failed" | "over budget";
  error?: string;
}

/** One router transaction (`claimAllFor`) paying `accounts`. */
export interface PayoutBatch {
  accounts: number;
  /** Estimated before sending; the receipt's gas once mined. */
  gas: bigint;
  txHash?: Hex;
}

export interface PayoutReport {
  relayer: Address;
  threshold: bigint;
  dryRun: boolean;
  considered: number;
  results: PayoutResult[];
  batches: PayoutBatch[];
  paid: bigint;
  gasUsed: bigint;
  leftForNextRun: number;
}

interface Leaf {
  address: string;
  amount: string;
  proof: Hex[];
}

/** The active root's leaves with proofs, from its published folder (proofs/<prefix>.json shards). */
export function activeLeaves(periodsDir: string, root: Hex): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const indexPath = join(periodsDir, "index.json");
  if (!existsSync(indexPath)) return out;
  const { periods } = JSON.parse(readFileSync(indexPath, "utf8")) as { periods: { period: string; root: string }[] };
  const entry = periods.find((p) => p.root?.toLowerCase() === root.toLowerCase());
  if (!entry) return out;
  const dir = join(periodsDir, entry.period, "proofs");
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    const shard = JSON.parse(readFileSync(join(dir, file), "utf8")) as { entries: Leaf[] };
    for (const e of shard.entries) out.set(e.address.toLowerCase(), e);
  }
  return out;
}

/** What `account` can be paid now, leg by leg, and the router call that pays it. */
export async function legsOf(
  client: PublicClient,
  c: PayoutContracts,
  account: Address,
  leaf: Leaf | undefined,
  splits: SplitConfig[],
): Promise<Legs> {
  const read = (address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[]) =>
    client.readContract({ address, abi: abi as never, functionName, args } as never) as Promise<bigint>;
  const hub = await read(c.hub, subscriptionHubAbi, "referralBalanceOf", [account]);
  let distributor = 0n;
  const claims: ClaimRequest["claims"] = [];
  if (leaf) {
    const claimed = await read(c.distributor, distributorAbi, "claimed", [account]);
    const cumulative = BigInt(leaf.amount);
    if (cumulative > claimed) {
      distributor = cumulative - claimed;
      claims.push({ distributor: c.distributor, cumulativeAmount: cumulative, proof: leaf.proof });
    }
  }
  let split = 0n;
  const releases: ClaimRequest["releases"] = [];
  for (const s of splits) {
    const payees: Payee[] = s.payees.map((p) => ({ account: p.account, share: BigInt(p.share) }));
    const tree = buildSplitTree(payees, s.salt);
    const owed = await read(s.split, splitAbi, "owed", [c.token, account, BigInt(s.share), tree.totalShares]);
    if (owed === 0n) continue;
    split += owed;
    releases.push({
      split: s.split,
      tokens: [c.token],
      share: BigInt(s.share),
      totalShares: tree.totalShares,
      salt: s.salt,
      proof: tree.proof(account),
    });
  }
  const growth = await read(c.growth, growthPoolAbi, "claimable", [account, c.token]);
  const growthLegs = growth > 0n ? [{ pool: c.growth, tokens: [c.token] }] : [];
  const hubs = hub > 0n ? [c.hub] : [];
  return {
    account,
    hub,
    distributor,
    split,
    growth,
    total: hub + distributor + split + growth,
    request: { account, hubs, claims, releases, growth: growthLegs },
  };
}

export interface PayoutOptions {
  client: PublicClient;
  wallet: WalletClient;
  relayer: Address;
  contracts: PayoutContracts;
  indexerUrl: string;
  periodsDir: string;
  threshold: bigint;
  /** Most accounts in one router transaction (default 100). */
  batch?: number;
  /** Gas one batch transaction may use (default 10,000,000): accounts are packed until their estimates reach it. */
  txGas?: bigint;
  /** The router's per-leg cap (`claimAllFor`'s legGas, default 500,000): a payee burning gas fails only its leg. */
  legGas?: bigint;
  /** Gas the run may spend (estimates count against it before sending). */
  gasBudget: bigint;
  dryRun: boolean;
  log: (line: string) => void;
}

/** The gas every transaction pays once, whatever it carries: what batching saves per account after the first. */
const TX_BASE = 21_000n;

const legsOf_ = (l: Legs) => ({ hub: l.hub, distributor: l.distributor, split: l.split, growth: l.growth });

/**
 * Packs accounts (in order) into batches whose summed alone-estimates, less the base cost each shares, stay within
 * `txGas` and `max` accounts. The estimate of each packed batch is checked again before it is sent.
 */
export function packBatches<T extends { estimate: bigint }>(items: T[], txGas: bigint, max: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let gas = TX_BASE;
  for (const item of items) {
    const marginal = item.estimate - TX_BASE;
    if (current.length && (current.length >= max || gas + marginal > txGas)) {
      out.push(current);
      current = [];
      gas = TX_BASE;
    }
    current.push(item);
    gas += marginal;
  }
  if (current.length) out.push(current);
  return out;
}

/** One payout run: plans every account, then claims for those at or above the threshold, many per transaction. */
export async function runPayout(o: PayoutOptions): Promise<PayoutReport> {
  const maxAccounts = o.batch ?? 100;
  const txGas = o.txGas ?? 10_000_000n;
  const legGas = o.legGas ?? 500_000n;
  const res = await fetch(`${o.indexerUrl}/api/accounts`);
  if (!res.ok) throw new Error(`the indexer at ${o.indexerUrl} answered ${res.status}: ${await res.text()}`);
  const known = (await res.json()) as { account: Address; splits: SplitConfig[] }[];
  const [root] = (await o.client.readContract({
    address: o.contracts.distributor,
    abi: distributorAbi,
    functionName: "activeRoot",
  })) as readonly [Hex, ...unknown[]];
  const leaves = /^0x0+$/.test(root) ? new Map<string, Leaf>() : activeLeaves(o.periodsDir, root);
  const splitsOf = new Map(known.map((k) => [k.account.toLowerCase(), k.splits]));
  const candidates = [...new Set([...known.map((k) => k.account.toLowerCase()), ...leaves.keys()])].sort();
  // Splits first: what they are paid becomes their members' shares, which the second wave then pays out.
  const splitAddresses = new Set(known.flatMap((k) => k.splits.map((x) => x.split.toLowerCase())));
  const waves = [candidates.filter((a) => splitAddresses.has(a)), candidates.filter((a) => !splitAddresses.has(a))];
  const results: PayoutResult[] = [];
  const batches: PayoutBatch[] = [];
  const left: Legs[] = [];
  let spent = 0n;
  let stopped = false;
  const call = (requests: ClaimRequest[]) => ({
    address: o.contracts.router,
    abi: claimRouterAbi,
    functionName: "claimAllFor" as const,
    args: [requests, legGas] as const,
    account: o.relayer,
  });
  for (const wave of waves) {
    const due: Legs[] = [];
    for (const a of wave) {
      const legs = await legsOf(o.client, o.contracts, a as Address, leaves.get(a), splitsOf.get(a) ?? []);
      if (legs.total > 0n && legs.total >= o.threshold) due.push(legs);
    }
    o.log(`${wave.length} accounts considered, ${due.length} at or above the threshold`);
    // Each account alone first: one that cannot be paid at all is reported and kept out of the batches.
    const payable: { legs: Legs; estimate: bigint }[] = [];
    for (const l of due) {
      try {
        payable.push({ legs: l, estimate: await o.client.estimateContractGas(call([l.request])) });
      } catch (e) {
        const error = (e as Error).message.split("\n")[0];
        results.push({ account: l.account, total: l.total, legs: legsOf_(l), gas: 0n, status: "failed", error });
      }
    }
    const packed = packBatches(payable, txGas, maxAccounts);
    const waveStart = results.length;
    for (let b = 0; b < packed.length && !stopped; b++) {
      let batch = packed[b];
      let estimate = await o.client.estimateContractGas(call(batch.map((x) => x.legs.request)));
      // Shrink to what the run's budget still allows (the rest waits for the next run).
      while (batch.length > 1 && (estimate > txGas || spent + estimate > o.gasBudget)) {
        batch = batch.slice(0, Math.max(1, Math.floor(batch.length / 2)));
        estimate = await o.client.estimateContractGas(call(batch.map((x) => x.legs.request)));
      }
      if (spent + estimate > o.gasBudget) {
        stopped = true;
        break;
      }
      if (batch.length < packed[b].length) {
        packed.splice(b + 1, 0, packed[b].slice(batch.length));
        packed[b] = batch;
      }
      spent += estimate;
      const share = estimate / BigInt(batch.length);
      if (o.dryRun) {
        batches.push({ accounts: batch.length, gas: estimate });
        for (const { legs: l } of batch)
          results.push({ account: l.account, total: l.total, legs: legsOf_(l), gas: share, status: "planned" });
      } else {
        const hash = await o.wallet.writeContract({
          ...call(batch.map((x) => x.legs.request)),
          chain: o.wallet.chain,
          gas: (estimate * 6n) / 5n,
        });
        const receipt = await o.client.waitForTransactionReceipt({ hash });
        spent += receipt.gasUsed - estimate;
        batches.push({ accounts: batch.length, gas: receipt.gasUsed, txHash: hash });
        const transfers = parseEventLogs({ abi: testTokenAbi, eventName: "Transfer", logs: receipt.logs }).filter(
          (t) => t.address.toLowerCase() === o.contracts.token.toLowerCase(),
        );
        const skips = parseEventLogs({ abi: claimRouterAbi, eventName: "ClaimLegSkipped", logs: receipt.logs });
        for (const { legs: l } of batch) {
          const mine = (a: string) => a.toLowerCase() === l.account.toLowerCase();
          // What actually reached the account (a leg the router skipped pays nothing).
          const received = transfers.filter((t) => mine(t.args.to)).reduce((sum, t) => sum + t.args.value, 0n);
          const skippedLegs = skips.filter((x) => mine(x.args.account)).length;
          const ok = receipt.status === "success" && (received > 0n || skippedLegs === 0);
          results.push({
            account: l.account,
            total: received,
            legs: legsOf_(l),
            gas: receipt.gasUsed / BigInt(batch.length),
            txHash: hash,
            skippedLegs,
            status: ok ? "paid" : "failed",
            ...(ok ? {} : { error: receipt.status === "success" ? "every leg was skipped" : "the batch reverted" }),
          });
        }
      }
      const done = results.slice(waveStart).filter((r) => r.status === "paid" || r.status === "planned").length;
      o.log(`batch ${b + 1}/${packed.length}: ${batch.length} accounts, ${done}/${due.length} done, gas ${spent}`);
    }
    const handled = new Set(results.map((r) => r.account));
    left.push(...due.filter((l) => !handled.has(l.account)));
  }
  for (const l of left)
    results.push({ account: l.account, total: l.total, legs: legsOf_(l), gas: 0n, status: "over budget" });
  const paid = results.filter((r) => r.status === "paid").reduce((t, r) => t + r.total, 0n);
  return {
    relayer: o.relayer,
    threshold: o.threshold,
    dryRun: o.dryRun,
    considered: candidates.length,
    results,
    batches,
    paid,
    gasUsed: spent,
    leftForNextRun: left.length,
  };
}
