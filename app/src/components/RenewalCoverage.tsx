// What the fan's approval and balance cover: "your approval covers N more renewals", read from the chain (the
// truth for money), with the renewal-reminder feed from the indexer.
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { contracts } from "../contracts.ts";
import { INDEXER_URL, renewalsCovered } from "../lib/book.ts";
import { formatDate } from "../lib/format.ts";

export function RenewalCoverage({ fan }: { fan: Address }) {
  const client = usePublicClient();
  const q = useQuery({
    queryKey: ["coverage", fan],
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const [sub, allowance, balance] = await Promise.all([
        client!.readContract({ ...contracts.hub, functionName: "subscriptionOf", args: [fan] }),
        client!.readContract({ ...contracts.token, functionName: "allowance", args: [fan, contracts.hub.address] }),
        client!.readContract({ ...contracts.token, functionName: "balanceOf", args: [fan] }),
      ]);
      return { sub, covered: renewalsCovered(sub.price, allowance, balance) };
    },
  });
  if (!q.data || q.data.sub.status !== 1) return null;
  const { sub, covered } = q.data;
  return (
    <p data-testid="renewal-coverage" className={covered === 0n ? "fail" : "muted"}>
      {covered === 0n
        ? `Your next renewal on ${formatDate(sub.paidThrough)} will fail: approve or top up at least one period.`
        : `Your approval covers ${covered > 999n ? "999+" : covered} more renewal${covered === 1n ? "" : "s"} (next on ${formatDate(sub.paidThrough)}).`}{" "}
      <a href={`${INDEXER_URL}/api/fans/${fan.toLowerCase()}/reminders.atom`}>Renewal reminders (Atom)</a>
    </p>
  );
}
