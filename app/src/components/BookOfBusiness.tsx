// The artist's book of business, from the indexer: fans, campaigns and retention, alerts, gas-free payouts, the
// CSV export. Balances and Claim all stay on the chain above, so an unreachable indexer only hides this section.
import { useState } from "react";
import type { Address } from "viem";
import { useArtistBook } from "../hooks/useBook.ts";
import { usePeriodIndex } from "../hooks/useChainData.ts";
import { INDEXER_URL } from "../lib/book.ts";
import { formatAmount, formatDate } from "../lib/format.ts";
import { AlertsCard } from "./AlertsCard.tsx";
import { CampaignsCard } from "./CampaignsCard.tsx";
import { ExportCard } from "./ExportCard.tsx";
import { FansTable } from "./FansTable.tsx";

export function BookOfBusiness({ account, now }: { account: Address; now: bigint | undefined }) {
  const [fansPage, setFansPage] = useState({ offset: 0, status: "" });
  const book = useArtistBook(account, fansPage);
  const index = usePeriodIndex();
  if (book.summary.isError)
    return (
      <div className="card error" data-testid="indexer-offline">
        The indexer ({INDEXER_URL}) cannot be reached: fans, campaigns, alerts and exports are unavailable. Balances and
        Claim all above read the chain and still work.
      </div>
    );
  const s = book.summary.data;
  const relayed = (book.payouts.data ?? []).filter((p) => p.relayed);
  return (
    <>
      {s && (
        <div className="card" data-testid="book-summary">
          <h2>Your book of business</h2>
          <div className="grid">
            <div>
              <div className="stat">{s.fans}</div>
              <div className="muted">
                fans brought{s.firstFanAt ? ` since ${formatDate(s.firstFanAt).slice(0, 10)}` : ""}
              </div>
            </div>
            <div>
              <div className="stat">{s.active}</div>
              <div className="muted">
                active · {s.lapsed} lapsed · {s.cancelled} cancelled
              </div>
            </div>
            <div>
              <div className="stat">{formatAmount(BigInt(s.revenue))}</div>
              <div className="muted">paid by your fans to date</div>
            </div>
            <div>
              <div className="stat">{formatAmount(BigInt(s.referral))}</div>
              <div className="muted">your referral share of it</div>
            </div>
          </div>
        </div>
      )}
      {relayed.length > 0 && (
        <div className="card" data-testid="gasless-payouts">
          <h3>Paid out to you without gas</h3>
          <ul>
            {relayed.slice(0, 5).map((p) => (
              <li key={`${p.txHash}:${p.source}`}>
                {formatAmount(BigInt(p.amount))} from the {p.source} on {formatDate(p.timestamp)}, sent by relayer{" "}
                <code>{p.sender}</code> (tx <code>{p.txHash.slice(0, 12)}…</code>)
              </li>
            ))}
          </ul>
        </div>
      )}
      {book.alerts.data && <AlertsCard account={account} alerts={book.alerts.data} />}
      <FansTable
        page={book.fans.data}
        now={now}
        offset={fansPage.offset}
        status={fansPage.status}
        onChange={setFansPage}
      />
      {book.campaigns.data && <CampaignsCard campaigns={book.campaigns.data} />}
      <ExportCard
        account={account}
        periods={(index.data ?? []).filter((e) => e.root).map((e) => String(e.hubPeriod))}
      />
    </>
  );
}
