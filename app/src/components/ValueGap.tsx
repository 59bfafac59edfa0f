// The number this product exists for: per period and in total, what Gapless paid the artist (referral share,
// user-centric usage, growth pool) next to what pro-rata streaming alone would have paid, and the difference.
import { BarChart } from "./BarChart.tsx";
import type { Token } from "../hooks/useToken.ts";
import { gapRows, gapTotal, type PayoutStatus } from "../lib/valueGap.ts";
import type { Statement } from "../lib/periods.ts";

const STATUS: Record<PayoutStatus, string> = {
  paid: "paid out",
  pending: "yours, pending",
  vetoed: "stopped by an auditor",
  unpublished: "not yet published",
};

export function ValueGap({
  periods,
  growth,
  token,
  pendingUntil,
}: {
  periods: { period: string; statements: Statement[]; status: PayoutStatus }[];
  growth: bigint | undefined;
  token: Token;
  pendingUntil?: string;
}) {
  const rows = gapRows(periods);
  const t = gapTotal(rows, growth ?? 0n);
  const known = growth !== undefined;
  const signed = (x: bigint) => `${x >= 0n ? "+" : "−"}${token.fmt(x >= 0n ? x : -x)}`;
  return (
    <div className="card" data-testid="value-gap">
      <h2>What Gapless paid you, against pro-rata streaming</h2>
      <p className="muted">
        Streaming services pay by global stream share ("pro-rata"). Gapless pays you a share of every payment from the
        fans you brought, each fan's own fee split by what that fan played, and a share of the growth pool. The
        difference is the value gap closed.
      </p>
      <p data-testid="gap-total">
        In total: <b>{token.fmt(t.earned)}</b> through Gapless, where pro-rata would have paid {token.fmt(t.proRata)}:{" "}
        <b data-testid="gap-total-difference" data-amount={known ? String(t.gap) : undefined}>
          {known ? signed(t.gap) : "…"}
        </b>
        .
      </p>
      <BarChart
        series={[
          { label: "from your fans' plays", color: "#5b45e0" },
          { label: "from the fans you brought", color: "#f2a33a" },
        ]}
        rows={rows.map((r) => ({ label: `P${r.period}`, values: [r.usage, r.referral] }))}
        compare={rows.map((r) => r.proRata)}
        format={token.fmt}
      />
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>period</th>
              <th className="num">from plays</th>
              <th className="num">from fans you brought</th>
              <th className="num">Gapless paid</th>
              <th className="num">pro-rata would pay</th>
              <th className="num">difference</th>
              <th>payout</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.period} data-testid={`gap-row-${r.period}`}>
                <td>{r.period}</td>
                <td className="num">{token.fmt(r.usage)}</td>
                <td className="num">{token.fmt(r.referral)}</td>
                <td className="num">
                  <b>{token.fmt(r.earned)}</b>
                </td>
                <td className="num">{token.fmt(r.proRata)}</td>
                <td className="num" data-testid="gap-difference" data-amount={String(r.gap)}>
                  {signed(r.gap)}
                </td>
                <td data-testid="gap-status">
                  {STATUS[r.status]}
                  {r.status === "pending" && pendingUntil ? `, claimable ${pendingUntil}` : ""}
                </td>
              </tr>
            ))}
            <tr>
              <td>growth pool</td>
              <td />
              <td />
              <td className="num">{token.fmt(t.growth)}</td>
              <td />
              <td className="num">{signed(t.growth)}</td>
              <td>to date</td>
            </tr>
            <tr className="total">
              <td>total</td>
              <td className="num">{token.fmt(t.usage)}</td>
              <td className="num">{token.fmt(t.referral)}</td>
              <td className="num">
                <b>{token.fmt(t.earned)}</b>
              </td>
              <td className="num">{token.fmt(t.proRata)}</td>
              <td className="num">
                <b>{signed(t.gap)}</b>
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
