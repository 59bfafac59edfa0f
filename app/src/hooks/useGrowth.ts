// An account's view of the platform's growth pool: units (the hub's record and what the pool has credited),
// share of the pool, claimable earnings per listed token, the platform's declared commitments and recent deposits.
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { contracts, deployBlock } from "../contracts.ts";
import type { TokenClaimable } from "../lib/growth.ts";

const RECENT_DEPOSITS = 5;

export function useGrowth(account: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["growth", account],
    enabled: !!client && !!account,
    queryFn: async () => {
      const a = account!;
      const { hub, growth } = contracts;
      const [hubUnits, [syncedHubUnits, publicationUnits], pendingHubUnits, totalUnits, tokens, proposed, deposits] =
        await Promise.all([
          client!.readContract({ ...hub, functionName: "unitsOf", args: [a] }),
          client!.readContract({ ...growth, functionName: "unitsOf", args: [a] }),
          client!.readContract({ ...growth, functionName: "pendingHubUnits", args: [a] }),
          client!.readContract({ ...growth, functionName: "totalUnits" }),
          client!.readContract({ ...growth, functionName: "tokens" }),
          inBlockRanges(client!, { fromBlock: deployBlock("growth") }, (fromBlock, toBlock) =>
            client!.getContractEvents({ ...growth, eventName: "CommitmentProposed", fromBlock, toBlock }),
          ),
          inBlockRanges(client!, { fromBlock: deployBlock("growth") }, (fromBlock, toBlock) =>
            client!.getContractEvents({ ...growth, eventName: "Deposited", fromBlock, toBlock }),
          ),
        ]);
      const claimables: TokenClaimable[] = await Promise.all(
        tokens.map(async (token) => ({
          token,
          amount: await client!.readContract({ ...growth, functionName: "claimable", args: [a, token] }),
        })),
      );
      const commitments = proposed.map((c) => ({
        id: c.args.id!,
        basis: c.args.basis!,
        bps: c.args.bps!,
        effectiveAt: c.args.effectiveAt!,
      }));
      const recent = deposits
        .slice(-RECENT_DEPOSITS)
        .reverse()
        .map((d) => ({
          key: `${d.transactionHash}:${d.logIndex}`,
          token: d.args.token!,
          commitmentId: d.args.commitmentId!,
          ref: d.args.ref!,
          amount: d.args.amount!,
          block: d.blockNumber,
        }));
      return {
        hubUnits,
        syncedHubUnits,
        publicationUnits,
        pendingHubUnits,
        units: syncedHubUnits + publicationUnits,
        totalUnits,
        claimables,
        commitments,
        recent,
        depositCount: deposits.length,
      };
    },
  });
}

export type GrowthView = NonNullable<ReturnType<typeof useGrowth>["data"]>;
