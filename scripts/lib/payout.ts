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
  args: readonly unknown[];
}

export interface PayoutResult {
  account: Address;
  /** Planned: what the legs owe; paid: what the token moved to the account in the transaction. */
  total: bigint;
  legs: { hub: bigint; distributor: bigint; split: bigint; growth: bigint };
  gas: bigint;
  txHash?: Hex;
  status: "paid" | "planned" | "failed" | "over budget";
  error?: string;
}

export interface PayoutReport {
  relayer: Address;
  threshold: bigint;
  dryRun: boolean;
  considered: number;
  results: PayoutResult[];
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
  const claims = [];
  if (leaf) {
    const claimed = await read(c.distributor, distributorAbi, "claimed", [account]);
    const cumulative = BigInt(leaf.amount);
    if (cumulative > claimed) {
      distributor = cumulative - claimed;
      claims.push({ distributor: c.distributor, cumulativeAmount: cumulative, proof: leaf.proof });
    }
  }
  let split = 0n;
  const releases = [];
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
    args: [account, hubs, claims, releases, growthLegs, false],
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
  /** Transactions sent before waiting for their receipts. */
  batch: number;
  /** Gas the run may spend (estimates count against it before sending). */
  gasBudget: bigint;
  dryRun: boolean;
  log: (line: string) => void;
}

/** One payout run: plans every account, then claims for those at or above the threshold, batch by batch. */
export async function runPayout(o: PayoutOptions): Promise<PayoutReport> {
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
  const left: Legs[] = [];
  let spent = 0n;
  let nonce = await o.client.getTransactionCount({ address: o.relayer, blockTag: "pending" });
  let stopped = false;
  for (const wave of waves) {
    const due: Legs[] = [];
    for (const a of wave) {
      const legs = await legsOf(o.client, o.contracts, a as Address, leaves.get(a), splitsOf.get(a) ?? []);
      if (legs.total > 0n && legs.total >= o.threshold) due.push(legs);
    }
    o.log(`${wave.length} accounts considered, ${due.length} at or above the threshold`);
    const call = (l: Legs) => ({
      address: o.contracts.router,
      abi: claimRouterAbi,
      functionName: "claimAllWithGrowth" as const,
      args: l.args as never,
      account: o.relayer,
    });
    for (let i = 0; i < due.length && !stopped; i += o.batch) {
      const batch = due.slice(i, i + o.batch);
      const sent: { legs: Legs; hash: Hex; estimate: bigint }[] = [];
      for (const l of batch) {
        const legs = { hub: l.hub, distributor: l.distributor, split: l.split, growth: l.growth };
        let estimate: bigint;
        try {
          estimate = await o.client.estimateContractGas(call(l));
        } catch (e) {
          results.push({
            account: l.account,
            total: l.total,
            legs,
            gas: 0n,
            status: "failed",
            error: (e as Error).message.split("\n")[0],
          });
          continue;
        }
        if (spent + estimate > o.gasBudget) {
          stopped = true;
          break;
        }
        spent += estimate;
        if (o.dryRun) {
          results.push({ account: l.account, total: l.total, legs, gas: estimate, status: "planned" });
          continue;
        }
        const hash = await o.wallet.writeContract({
          ...call(l),
          chain: o.wallet.chain,
          nonce: nonce++,
          gas: (estimate * 6n) / 5n,
        });
        sent.push({ legs: l, hash, estimate });
      }
      for (const s of sent) {
        const receipt = await o.client.waitForTransactionReceipt({ hash: s.hash });
        const legs = { hub: s.legs.hub, distributor: s.legs.distributor, split: s.legs.split, growth: s.legs.growth };
        spent += receipt.gasUsed - s.estimate;
        // What actually reached the account (a leg the router skipped pays nothing).
        const received = parseEventLogs({ abi: testTokenAbi, eventName: "Transfer", logs: receipt.logs })
          .filter((t) => t.address.toLowerCase() === o.contracts.token.toLowerCase())
          .filter((t) => t.args.to.toLowerCase() === s.legs.account.toLowerCase())
          .reduce((sum, t) => sum + t.args.value, 0n);
        results.push({
          account: s.legs.account,
          total: received,
          legs,
          gas: receipt.gasUsed,
          txHash: s.hash,
          status: receipt.status === "success" ? "paid" : "failed",
        });
      }
      const done = results.filter((r) => r.status === "paid" || r.status === "planned").length;
      o.log(
        `batch ${i / o.batch + 1}/${Math.ceil(due.length / o.batch)}: ${done}/${due.length} accounts, gas ${spent}`,
      );
    }
    const handled = new Set(results.map((r) => r.account));
    left.push(...due.filter((l) => !handled.has(l.account)));
  }
  for (const l of left) {
    const legs = { hub: l.hub, distributor: l.distributor, split: l.split, growth: l.growth };
    results.push({ account: l.account, total: l.total, legs, gas: 0n, status: "over budget" });
  }
  const paid = results.filter((r) => r.status === "paid").reduce((t, r) => t + r.total, 0n);
  return {
    relayer: o.relayer,
    threshold: o.threshold,
    dryRun: o.dryRun,
    considered: candidates.length,
    results,
    paid,
    gasUsed: spent,
    leftForNextRun: left.length,
  };
}
