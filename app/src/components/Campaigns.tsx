// Subscribers an artist brought, per campaign, with the revenue they brought over their lifetime (latest period).
import { campaignName } from "../../../lib/chain/campaigns.ts";
import type { Token } from "../hooks/useToken.ts";
import type { Statement } from "../lib/periods.ts";

export function Campaigns({ latest, token }: { latest: Statement[]; token: Token }) {
  const campaigns = new Map<string, { subscribers: number; lifetime: bigint; referral: bigint }>();
  for (const s of latest)
    for (const c of s.campaigns) {
      const row = campaigns.get(c.campaign) ?? { subscribers: 0, lifetime: 0n, referral: 0n };
      row.subscribers += c.subscribers;
      row.lifetime += BigInt(c.lifetime_payments);
      row.referral += BigInt(c.lifetime_referral_onchain);
      campaigns.set(c.campaign, row);
    }
  return (
    <div className="card">
      <h2>Fans you brought, per campaign</h2>
      <div className="scroll-x">
        <table data-testid="campaigns">
          <thead>
            <tr>
              <th>campaign</th>
              <th className="num">paying fans</th>
              <th className="num">they have paid in all</th>
              <th className="num">your share of it</th>
            </tr>
          </thead>
          <tbody>
            {[...campaigns].map(([c, row]) => (
              <tr key={c}>
                <td>{campaignName(c || "0")}</td>
                <td className="num">{row.subscribers}</td>
                <td className="num">{token.fmt(row.lifetime)}</td>
                <td className="num">{token.fmt(row.referral)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
