// What changed for the artist: renewals, failed renewals and why, cancels, claimable roots, growth deposits,
// gas-free payouts — with the feed URLs for a feed reader or a script.
import type { Alert } from "../../../lib/book/types.ts";
import { artistApi } from "../lib/book.ts";
import { formatDate } from "../lib/format.ts";

export function AlertsCard({ account, alerts }: { account: string; alerts: Alert[] }) {
  return (
    <div className="card" data-testid="alerts">
      <h2>Alerts</h2>
      <p className="muted">
        Follow them in any feed reader: <a href={artistApi(account, "/alerts.atom")}>Atom feed</a> ·{" "}
        <a href={artistApi(account, "/alerts")}>JSON</a> · webhooks: POST a signed URL to{" "}
        <code>{artistApi(account, "/webhooks")}</code> (docs/indexer.md).
      </p>
      {alerts.length === 0 && <p className="muted">Nothing yet.</p>}
      <ul>
        {alerts.slice(0, 12).map((a) => (
          <li key={a.id} data-testid="alert" data-kind={a.kind}>
            <span className={a.kind === "failed" ? "fail" : undefined}>{a.title}</span>{" "}
            <span className="muted">{formatDate(a.timestamp)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
