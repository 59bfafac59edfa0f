// What an account can claim, by source, and what its Splits hold for it (the band's own upstream included), plus
// everything it has received to date from every source (distributor, referral withdrawals, growth, Splits).
import { useQuery } from "@tanstack/react-query";
import type { Address, PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { buildSplitTree, unpackPayee } from "../../../lib/chain/split.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock, splitAbi } from "../contracts.ts";
import type { Leaf, Membership, Sources } from "../lib/claim.ts";
import { fetchJson, fetchProof, fetchRegistry, periodUrl, type PeriodEntry } from "../lib/periods.ts";
import { usePeriodIndex, useRoots } from "./useChainData.ts";

async function leafOf(entry: PeriodEntry | undefined, a: Address): Promise<Leaf | null> {
  if (!entry) return null;
  const manifest = await fetchJson<{ proofs: { prefix_length: number } }>(periodUrl(entry, "manifest.json"));
  const found = await fetchProof(entry, a, manifest.proofs.prefix_length);
  return found ? { cumulative: BigInt(found.amount), proof: found.proof } : null;
}

/** An account's own sources: hub referral balance, its leaf in the active root, growth earnings per token. */
async function sourcesOf(
  client: PublicClient,
  a: Address,
  entry: PeriodEntry | undefined,
): Promise<Sources & { claimed: bigint }> {
  const { hub, distributor, growth } = contracts;
  const [referral, claimed, leaf, tokens] = await Promise.all([
    client.readContract({ ...hub, functionName: "referralBalanceOf", args: [a] }),
    client.readContract({ ...distributor, functionName: "claimed", args: [a] }),
    leafOf(entry, a),
    client.readContract({ ...growth, functionName: "tokens" }),
  ]);
  const claimables = await Promise.all(
    tokens.map(async (token) => ({
      token,
      amount: await client.readContract({ ...growth, functionName: "claimable", args: [a, token] }),
    })),
  );
  const usage = leaf && leaf.cumulative > claimed ? leaf.cumulative - claimed : 0n;
  return { referral, leaf, usage, growth: claimables, claimed };
}

export function useEarnings(account: Address | undefined) {
  const client = usePublicClient() as PublicClient | undefined;
  const index = usePeriodIndex();
  const roots = useRoots();
  return useQuery({
    queryKey: ["earnings", account, roots.data?.active?.root, index.data?.length],
    enabled: !!client && !!account && !!index.data && !!roots.data,
    queryFn: async () => {
      const a = account!;
      const c = client!;
      const { hub, factory, token, growth } = contracts;
      const active = roots.data!.active;
      const found = active ? index.data!.find((e) => e.root === active.root) : undefined;
      // Leaves are the registry's payout addresses: anything else has no proof to fetch.
      const payouts = new Set((await fetchRegistry().catch(() => [])).map((r) => r.payout.toLowerCase()));
      const entryFor = (x: Address) => (payouts.has(x.toLowerCase()) ? found : undefined);
      const [own, withdrawn, growthClaims, created] = await Promise.all([
        sourcesOf(c, a, entryFor(a)),
        inBlockRanges(c, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
          c.getContractEvents({ ...hub, eventName: "Withdrawn", args: { account: a }, fromBlock, toBlock }),
        ),
        inBlockRanges(c, { fromBlock: deployBlock("growth") }, (fromBlock, toBlock) =>
          c.getContractEvents({
            ...growth,
            eventName: "Claimed",
            args: { holder: a, token: token.address },
            fromBlock,
            toBlock,
          }),
        ),
        inBlockRanges(c, { fromBlock: deployBlock("factory") }, (fromBlock, toBlock) =>
          c.getContractEvents({ ...factory, eventName: "SplitCreated", fromBlock, toBlock }),
        ),
      ]);
      const memberships: Membership[] = [];
      for (const ev of created) {
        const payees = ev.args.payees!.map(unpackPayee);
        const me = payees.find((p) => p.account.toLowerCase() === a.toLowerCase());
        if (!me) continue;
        const split = ev.args.split!;
        const tree = buildSplitTree(payees, ev.args.salt!);
        const [balance, totalReleased, released, upstream] = await Promise.all([
          c.readContract({ ...token, functionName: "balanceOf", args: [split] }),
          c.readContract({
            address: split,
            abi: splitAbi,
            functionName: "totalReleased",
            args: [token.address],
          }),
          c.readContract({
            address: split,
            abi: splitAbi,
            functionName: "released",
            args: [token.address, a],
          }),
          sourcesOf(c, split, entryFor(split)),
        ]);
        memberships.push({ split, tree, share: me.share, balance, totalReleased, released, upstream });
      }
      const sum = (xs: { args: { amount?: bigint } }[]) => xs.reduce((s, x) => s + (x.args.amount ?? 0n), 0n);
      const fromSplits = memberships.reduce((s, m) => s + m.released, 0n);
      const received = {
        distributor: own.claimed,
        referral: sum(withdrawn),
        growth: sum(growthClaims),
        splits: fromSplits,
      };
      return {
        own,
        memberships,
        received,
        receivedTotal: received.distributor + received.referral + received.growth + received.splits,
      };
    },
  });
}

export type Earnings = NonNullable<ReturnType<typeof useEarnings>["data"]>;
