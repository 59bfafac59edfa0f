// The platform console's reads: the hub's ledger, plans, terms and closed periods, and the growth pool's
// commitments (pending ones are shown with the other pending changes).
import { useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock } from "../contracts.ts";

export function usePlatform() {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["hub-console"],
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const c = client!;
      const h = contracts.hub;
      const [ledger, planCount, termsCount, closed, commitments] = await Promise.all([
        c.readContract({ ...h, functionName: "ledger" }),
        c.readContract({ ...h, functionName: "planCount" }),
        c.readContract({ ...h, functionName: "termsCount" }),
        inBlockRanges(c, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
          c.getContractEvents({ ...h, eventName: "PeriodClosed", fromBlock, toBlock }),
        ),
        inBlockRanges(c, { fromBlock: deployBlock("growth") }, (fromBlock, toBlock) =>
          c.getContractEvents({ ...contracts.growth, eventName: "CommitmentProposed", fromBlock, toBlock }),
        ),
      ]);
      const plans = await Promise.all(
        [...Array(Number(planCount)).keys()].map((i) => c.readContract({ ...h, functionName: "plan", args: [i] })),
      );
      const terms = await Promise.all(
        [...Array(Number(termsCount)).keys()].map((i) =>
          c.readContract({ ...h, functionName: "terms", args: [BigInt(i + 1)] }),
        ),
      );
      return {
        pool: ledger[0],
        platformBalance: ledger[1],
        openPeriod: ledger[2],
        plans,
        terms,
        closed: closed.map((x) => ({ period: Number(x.args.period), pool: x.args.pool! })),
        commitments: commitments.map((x) => ({
          id: x.args.id!,
          basis: x.args.basis!,
          bps: x.args.bps!,
          effectiveAt: x.args.effectiveAt!,
        })),
      };
    },
  });
}

export type PlatformView = NonNullable<ReturnType<typeof usePlatform>["data"]>;
