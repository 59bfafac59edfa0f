// The fan's approval in words: before subscribing, how many payments the hub may take (with the amount); after,
// how many renewals approval and balance still cover (the hub's `renewable` view), with a one-click top-up.
import type { Token } from "../hooks/useToken.ts";
import type { Tx } from "../hooks/useTx.ts";
import { maxUint256 } from "viem";
import { coverageLimit } from "../../../lib/chain/renewals.ts";
import { COVERAGE_CHOICES, describeCoverage, type Coverage } from "../lib/subscribe.ts";

export function CoverageChoice({
  payments,
  onChange,
  price,
  every,
  token,
}: {
  payments: Coverage;
  onChange: (c: Coverage) => void;
  price: bigint;
  every: string;
  token: Token;
}) {
  return (
    <fieldset data-testid="coverage">
      <legend>How many payments may the hub take?</legend>
      {COVERAGE_CHOICES.map((c) => (
        <label key={String(c)} className="choice">
          <input type="radio" name="coverage" checked={payments === c} onChange={() => onChange(c)} />{" "}
          {describeCoverage(c, price, token.fmt, every)}
        </label>
      ))}
      <p className="muted">
        You sign one approval for that amount (no tokens move until each payment is due) and send one transaction that
        pays the first {every}.
      </p>
    </fieldset>
  );
}

export function RenewalsCovered({
  covered,
  allowance,
  balance,
  price,
  token,
  tx,
  onTopUp,
}: {
  /** The hub's `renewable` view: renewals approval and balance pay for together. */
  covered: bigint;
  allowance: bigint;
  balance: bigint;
  price: bigint;
  token: Token;
  tx: Tx;
  onTopUp: () => void;
}) {
  const limit = coverageLimit(balance, allowance, price);
  const n = Number(covered);
  return (
    <p data-testid="renewals-covered">
      Your approval and balance cover <b>{n}</b> more renewal{n === 1 ? "" : "s"}
      {limit === "balance"
        ? ` (your balance of ${token.fmt(balance)} is what limits it; add funds to cover more)`
        : allowance >= maxUint256 / 2n
          ? " (approved until you cancel)"
          : ` (${token.fmt(allowance)} approved)`}
      .{" "}
      {limit !== "balance" && allowance < maxUint256 / 2n && (
        <button className="secondary" data-testid="top-up" disabled={tx.disabled} onClick={onTopUp}>
          Approve 12 more renewals ({token.fmt(price * 12n)})
        </button>
      )}
    </p>
  );
}
