// The artist's growth-pool card: units and share, claimable earnings per token, the platform's commitments
// (with their effective dates) and the latest deposits, each saying which commitment and statement it honours.
import type { Address } from "viem";
import { contracts } from "../contracts.ts";
import type { GrowthView } from "../hooks/useGrowth.ts";
import { formatAmount, formatBps, formatDate, shortAddress } from "../lib/format.ts";
import { basisLabel, formatShare, isEth } from "../lib/growth.ts";

const tokenName = (t: Address) =>
  isEth(t) ? "ETH" : t.toLowerCase() === contracts.token.address.toLowerCase() ? "tokens" : shortAddress(t);
/** ETH has 18 decimals; the platform's token 6 (the demo's TestToken). */
const amountIn = (t: Address, amount: bigint) => formatAmount(amount, isEth(t) ? 18 : 6, isEth(t) ? 6 : 2);

export function GrowthCard({ g, now }: { g: GrowthView; now: bigint | undefined }) {
  const commitment = new Map(g.commitments.map((c) => [c.id, c]));
  return (
    <div className="card" data-testid="growth-card">
      <h2>Growth pool</h2>
      <p className="muted">
        Every payment from a subscriber you brought earns you units; the platform deposits its declared share of ad
        revenue and other income, shared by units at the time of each deposit.
      </p>
      <div className="grid">
        <div>
          <div className="stat" data-testid="growth-units">
            {g.units.toLocaleString("en-US")}
          </div>
          <div className="muted">your units in the pool (of {g.totalUnits.toLocaleString("en-US")})</div>
        </div>
        <div>
          <div className="stat" data-testid="growth-share">
            {formatShare(g.units, g.totalUnits)}
          </div>
          <div className="muted">your share of each new deposit</div>
        </div>
        {g.claimables.map((c) => (
          <div key={c.token}>
            <div className="stat" data-testid={`growth-claimable-${isEth(c.token) ? "eth" : "token"}`}>
              {amountIn(c.token, c.amount)}
            </div>
            <div className="muted">growth earnings claimable ({tokenName(c.token)})</div>
          </div>
        ))}
      </div>
      <p className="muted">
        The hub has recorded {g.hubUnits.toLocaleString("en-US")} units for you;{" "}
        {g.pendingHubUnits.toLocaleString("en-US")} of them are not yet credited in the pool (they are credited by Claim
        all, or before the platform's next deposit, and earn from deposits after that).
        {g.publicationUnits > 0n &&
          ` Off-chain audiences add ${g.publicationUnits.toLocaleString("en-US")} published units.`}
      </p>
      <h3>The platform's commitments</h3>
      <ul data-testid="growth-commitments">
        {g.commitments.map((c) => (
          <li key={String(c.id)}>
            {formatBps(c.bps)} of {basisLabel(c.basis)}{" "}
            <span className="muted">
              {now !== undefined && c.effectiveAt > now
                ? `(announced, effective ${formatDate(c.effectiveAt)})`
                : `(in effect since ${formatDate(c.effectiveAt)})`}
            </span>
          </li>
        ))}
      </ul>
      <h3>Recent deposits ({g.depositCount} in all)</h3>
      <table data-testid="growth-deposits">
        <thead>
          <tr>
            <th>block</th>
            <th>kind</th>
            <th>reference</th>
            <th className="num">amount</th>
          </tr>
        </thead>
        <tbody>
          {g.recent.map((d) => {
            const c = commitment.get(d.commitmentId);
            return (
              <tr key={d.key}>
                <td>{String(d.block)}</td>
                <td>{c ? `${formatBps(c.bps)} of ${basisLabel(c.basis)}` : `commitment ${d.commitmentId}`}</td>
                <td>
                  <code title={d.ref}>{d.ref.slice(0, 18)}…</code>
                </td>
                <td className="num">
                  {amountIn(d.token, d.amount)} {tokenName(d.token)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
