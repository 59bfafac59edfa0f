// Revenue and payouts per published period, from each period's manifest totals.
import { useQuery } from "@tanstack/react-query";
import type { Token } from "../hooks/useToken.ts";
import { fetchJson, periodUrl, type PeriodEntry } from "../lib/periods.ts";
import { BarChart } from "./BarChart.tsx";

export function RevenueChart({ index, token }: { index: PeriodEntry[]; token: Token }) {
  const manifests = useQuery({
    queryKey: ["manifests", index.length],
    queryFn: () =>
      Promise.all(index.map((e) => fetchJson<{ totals: Record<string, string> }>(periodUrl(e, "manifest.json")))),
  });
  if (!manifests.data) return null;
  return (
    <div className="card">
      <h2>Revenue and payouts over time</h2>
      <BarChart
        format={token.fmt}
        series={[
          { label: "artists' pool allocated", color: "#5b45e0" },
          { label: "referral shares (on-chain)", color: "#f2a33a" },
          { label: "platform", color: "#9aa0a6" },
        ]}
        rows={manifests.data.map((m, i) => {
          const amount = BigInt(m.totals.amount);
          const pool = BigInt(m.totals.pool_shares);
          const ref = BigInt(m.totals.referral_onchain);
          return { label: `P${index[i].period}`, values: [BigInt(m.totals.allocated), ref, amount - pool - ref] };
        })}
      />
    </div>
  );
}
