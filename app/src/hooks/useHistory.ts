// An artist's statements per published period (from the registry's payout address), with each period's payout
// status: paid (active or earlier), pending (inside its challenge window), vetoed, or not yet published on-chain.
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { fetchRegistry, fetchStatement, type Statement } from "../lib/periods.ts";
import type { PayoutStatus } from "../lib/valueGap.ts";
import { usePeriodIndex, useProposals, useRoots } from "./useChainData.ts";

export function useHistory(account: Address | undefined) {
  const index = usePeriodIndex();
  const proposals = useProposals();
  const roots = useRoots();
  return useQuery({
    queryKey: ["history", account, index.data?.length, roots.data?.pending?.root, proposals.data?.length],
    enabled: !!account && !!index.data && !!proposals.data && !!roots.data,
    queryFn: async () => {
      const registry = await fetchRegistry();
      const mine = registry.filter((r) => r.payout.toLowerCase() === account!.toLowerCase());
      const status = (root: string | null): PayoutStatus => {
        const p = proposals.data!.filter((x) => x.root === root).at(-1);
        if (!root || !p) return "unpublished";
        if (p.vetoed) return "vetoed";
        return roots.data!.pending?.root === root ? "pending" : "paid";
      };
      const periods: { period: string; statements: Statement[]; status: PayoutStatus }[] = [];
      for (const entry of index.data!) {
        const statements = (await Promise.all(mine.map((m) => fetchStatement(entry, m.id)))).filter(
          (s): s is Statement => !!s,
        );
        periods.push({ period: entry.period, statements, status: status(entry.root) });
      }
      return { artists: mine, periods };
    },
  });
}
