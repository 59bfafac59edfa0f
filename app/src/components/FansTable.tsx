// Every fan an artist brought: since when, campaign, plan, payments to date, referral earned, status and why.
import { useState } from "react";
import type { Address } from "viem";
import { campaignName } from "../../../lib/chain/campaigns.ts";
import type { FansPage } from "../../../lib/book/types.ts";
import { fanStatus } from "../lib/book.ts";
import { formatAmount, formatDate, shortAddress } from "../lib/format.ts";

const PAGE = 25;

export function FansTable(props: {
  page: FansPage | undefined;
  now: bigint | undefined;
  offset: number;
  status: string;
  onChange: (next: { offset: number; status: string }) => void;
}) {
  const [copied, setCopied] = useState<Address | null>(null);
  const { page, offset, status } = props;
  return (
    <div className="card" data-testid="fans">
      <h2>Fans you brought</h2>
      <label>
        Show{" "}
        <select
          data-testid="fan-filter"
          value={status}
          onChange={(e) => props.onChange({ offset: 0, status: e.target.value })}
        >
          <option value="">all</option>
          <option value="active">active</option>
          <option value="lapsed">lapsed</option>
          <option value="cancelled">cancelled</option>
        </select>
      </label>{" "}
      <span className="muted">{page ? `${page.total} fans` : "…"}</span>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>fan</th>
              <th>since</th>
              <th>campaign</th>
              <th className="num">plan</th>
              <th className="num">payments</th>
              <th className="num">paid to date</th>
              <th className="num">your referral</th>
              <th>status</th>
            </tr>
          </thead>
          <tbody>
            {page?.fans.map((f) => (
              <tr key={f.subscriber} data-testid="fan-row" data-status={f.status} data-reason={f.endReason ?? ""}>
                <td>
                  <code title={f.subscriber} onClick={() => setCopied(f.subscriber as Address)}>
                    {copied === f.subscriber ? f.subscriber : shortAddress(f.subscriber)}
                  </code>
                </td>
                <td>{formatDate(f.since).slice(0, 10)}</td>
                <td>{campaignName(f.campaign)}</td>
                <td className="num">{formatAmount(BigInt(f.price))}</td>
                <td className="num">{f.payments}</td>
                <td className="num">{formatAmount(BigInt(f.paidTotal))}</td>
                <td className="num">{formatAmount(BigInt(f.referralTotal))}</td>
                <td className={f.status === "lapsed" ? "fail" : undefined} data-testid="fan-status">
                  {fanStatus(f, props.now)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page && page.total > PAGE && (
        <p>
          <button
            className="secondary"
            disabled={offset === 0}
            onClick={() => props.onChange({ offset: Math.max(0, offset - PAGE), status })}
          >
            previous
          </button>{" "}
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total}
          </span>{" "}
          <button
            className="secondary"
            disabled={offset + PAGE >= page.total}
            onClick={() => props.onChange({ offset: offset + PAGE, status })}
          >
            next
          </button>
        </p>
      )}
    </div>
  );
}
