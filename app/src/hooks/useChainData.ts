// Reads shared by several pages: published periods, roots proposed on-chain, the pending root.
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { contracts, deployBlock } from "../contracts.ts";
import { fetchIndex } from "../lib/periods.ts";

export function usePeriodIndex() {
  return useQuery({ queryKey: ["period-index"], queryFn: fetchIndex, refetchInterval: 15_000 });
}

export interface Proposal {
  root: `0x${string}`;
  total: bigint;
  dataHash: `0x${string}`;
  uri: string;
  claimableAt: bigint;
  block: bigint;
}

/** Every RootProposed, oldest first, with veto status. */
export function useProposals() {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["proposals"],
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const d = contracts.distributor;
      const [proposed, vetoed] = await Promise.all([
        inBlockRanges(client!, { fromBlock: deployBlock("distributor") }, (fromBlock, toBlock) =>
          client!.getContractEvents({ ...d, eventName: "RootProposed", fromBlock, toBlock }),
        ),
        inBlockRanges(client!, { fromBlock: deployBlock("distributor") }, (fromBlock, toBlock) =>
          client!.getContractEvents({ ...d, eventName: "RootVetoed", fromBlock, toBlock }),
        ),
      ]);
      const vetoedRoots = new Set(vetoed.map((v) => v.args.root));
      return proposed.map((p) => ({
        root: p.args.root!,
        total: p.args.total!,
        dataHash: p.args.dataHash!,
        uri: p.args.uri!,
        claimableAt: p.args.claimableAt!,
        block: p.blockNumber,
        vetoed: vetoedRoots.has(p.args.root!),
      }));
    },
  });
}

export function useRoots() {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["roots"],
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const d = contracts.distributor;
      const [active, pending, totalFunded] = await Promise.all([
        client!.readContract({ ...d, functionName: "activeRoot" }),
        client!.readContract({ ...d, functionName: "pendingRoot" }),
        client!.readContract({ ...d, functionName: "totalFunded" }),
      ]);
      const zero = /^0x0+$/;
      return {
        active: zero.test(active[0]) ? null : { root: active[0], total: active[1], uri: active[3] },
        pending: zero.test(pending[0])
          ? null
          : { root: pending[0], total: pending[1], uri: pending[3], claimableAt: pending[4] },
        totalFunded,
      };
    },
  });
}
