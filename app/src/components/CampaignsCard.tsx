// Per campaign: fans brought, who is still paying, revenue to date, lifetime value, and the retention cohorts.
import { campaignName } from "../../../lib/chain/campaigns.ts";
import type { Campaign } from "../../../lib/book/types.ts";
import { formatAmount } from "../lib/format.ts";
import { RetentionChart } from "./RetentionChart.tsx";

export function CampaignsCard({ campaigns }: { campaigns: Campaign[] }) {
  if (!campaigns.length) return null;
  return (
    <div className="card" data-testid="book-campaigns">
      <h2>Campaigns</h2>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>campaign</th>
              <th className="num">fans</th>
              <th className="num">active</th>
              <th className="num">lapsed</th>
              <th className="num">cancelled</th>
              <th className="num">revenue to date</th>
              <th className="num">your referral</th>
              <th className="num">lifetime value per fan</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.campaign} data-testid="campaign-row">
                <td>{campaignName(c.campaign)}</td>
                <td className="num">{c.fans}</td>
                <td className="num">{c.active}</td>
                <td className="num">{c.lapsed}</td>
                <td className="num">{c.cancelled}</td>
                <td className="num">{formatAmount(BigInt(c.revenue))}</td>
                <td className="num">{formatAmount(BigInt(c.referral))}</td>
                <td className="num">{formatAmount(BigInt(c.lifetimeValue))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Retention by month</h3>
      <p className="muted">
        Share of each cohort (fans who joined in that month) whose payments cover month 0, 1, 2… of their subscription.
      </p>
      <div className="grid">
        {campaigns
          .filter((c) => c.cohorts.length)
          .map((c) => (
            <div key={c.campaign}>
              <b>{campaignName(c.campaign)}</b>
              <RetentionChart cohorts={c.cohorts} label={campaignName(c.campaign)} />
            </div>
          ))}
      </div>
    </div>
  );
}
