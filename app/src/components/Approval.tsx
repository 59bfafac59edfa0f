// The fan's approval in words: before subscribing, how many payments the hub may take (with the amount); after,
// how many renewals the approval still covers, with a one-click top-up.
import type { Token } from "../hooks/useToken.ts";
import type { Tx } from "../hooks/useTx.ts";
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
  price,
  token,
  tx,
  onTopUp,
}: {
  covered: number | "unlimited";
  allowance: bigint;
  price: bigint;
  token: Token;
  tx: Tx;
  onTopUp: () => void;
}) {
  if (covered === "unlimited")
    return <p data-testid="renewals-covered">Your approval covers every renewal until you cancel.</p>;
  return (
    <p data-testid="renewals-covered">
      Your approval covers <b>{covered}</b> more renewal{covered === 1 ? "" : "s"} ({token.fmt(allowance)} approved).{" "}
      <button className="secondary" data-testid="top-up" disabled={tx.disabled} onClick={onTopUp}>
        Cover 12 more renewals ({token.fmt(price * 12n)})
      </button>
    </p>
  );
}
