// The artist's growth-pool card: units and share, claimable earnings per token, the platform's commitments
// (with their effective dates) and the latest deposits, each saying which commitment and statement it honours.
import type { Address } from "viem";
import { contracts } from "../contracts.ts";
import type { GrowthView } from "../hooks/useGrowth.ts";
import type { Token } from "../hooks/useToken.ts";
import { formatAmount, formatBps, formatDate, shortAddress } from "../lib/format.ts";
import { basisLabel, formatShare, isEth } from "../lib/growth.ts";

export function GrowthCard({ g, now, token }: { g: GrowthView; now: bigint | undefined; token: Token }) {
  const tokenName = (t: Address) =>
    isEth(t) ? "ETH" : t.toLowerCase() === contracts.token.address.toLowerCase() ? token.symbol : shortAddress(t);
  const amountIn = (t: Address, amount: bigint) =>
    formatAmount(amount, isEth(t) ? 18 : token.decimals, isEth(t) ? 6 : 2);
  // A unit is one base unit paid by a fan you brought, so units read as an amount of the token.
  const paid = (units: bigint) => token.fmt(units);
  const commitment = new Map(g.commitments.map((c) => [c.id, c]));
  return (
    <div className="card" data-testid="growth-card">
      <h2>Growth pool</h2>
      <p className="muted">
        Everything the fans you brought pay counts toward your share of the growth pool; the platform deposits its
        declared share of ad revenue and other income, shared in proportion to what each artist's fans have paid at the
        time.
      </p>
      <div className="grid">
        <div>
          <div className="stat" data-testid="growth-units" data-units={String(g.units)}>
            {paid(g.units)}
          </div>
          <div className="muted">
            paid by the fans you brought, counted in the pool (of {paid(g.totalUnits)} for all artists)
          </div>
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
        Your fans have paid {paid(g.hubUnits)} in all; {paid(g.pendingHubUnits)} of it is not yet counted in the pool
        (it is counted at your next Claim all, or before the platform's next deposit, and earns from deposits after
        that).
        {g.publicationUnits > 0n && ` Fans who pay off-chain add ${paid(g.publicationUnits)}.`}
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
            <th>for</th>
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
