// The fan's receipt: "Where your 9.99 went in period 7", exact to the base unit, verified in the
// browser against the published files and the on-chain root (lib/audit, the audit's own code), with a
// share line per artist. Data and checks live in useReceipt; display lines in lib/receipt.ts.
import { useState } from "react";
import { passed } from "../audit/checks.ts";
import { ErrorBox } from "../components/Tx.tsx";
import { usePeriodIndex } from "../hooks/useChainData.ts";
import { useReceipt, useToken } from "../hooks/useReceipt.ts";
import { exact, receiptLines, shareText, short, type Token } from "../lib/receipt.ts";
import type { VerifiedReceipt } from "../hooks/useReceipt.ts";

function Verdict({ v }: { v: VerifiedReceipt }) {
  const ok = passed(v.checks) && v.receipt !== null;
  const failed = v.checks.filter((c) => !c.ok);
  return (
    <div>
      <p data-testid="receipt-verdict" data-verified={ok} className={ok ? "ok" : "fail"}>
        {ok
          ? "✓ Verified: recomputed from the published files, which match the root on-chain"
          : `✗ Mismatch: ${failed[0]?.name ?? "no receipt"}${failed[0] ? ` (${failed[0].detail})` : ""}`}
      </p>
      <details>
        <summary className="muted">{v.checks.length} checks</summary>
        <ul>
          {v.checks.map((c) => (
            <li key={c.name} className={c.ok ? "ok" : "fail"} data-pass={c.ok}>
              {c.ok ? "✓" : "✗"} {c.name}: <code>{c.detail}</code>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function Receipt({ v, token }: { v: VerifiedReceipt; token: Token }) {
  const [shared, setShared] = useState<string | null>(null);
  const ok = passed(v.checks);
  const r = v.receipt!;
  const name = (id: string) => v.names.get(id) ?? id;
  const share = async (artistId: string) => {
    const text = shareText(r, artistId, name(artistId), token);
    setShared(text);
    try {
      if (navigator.share) await navigator.share({ text });
      else await navigator.clipboard.writeText(text);
    } catch {
      // the text stays on the page to copy by hand
    }
  };
  return (
    <div className="card">
      <h2 data-testid="receipt-title">
        Where your {short(r.amount, token)} {token.symbol} went in period {v.entry.period}
      </h2>
      {!ok && (
        <p className="fail" data-testid="receipt-unverified">
          These figures come from files that do not match what was committed on-chain: do not rely on them.
        </p>
      )}
      <p className="muted">
        {r.payments} payment{r.payments === 1 ? "" : "s"}, {r.countedPlays} counted plays. Your id in this period:{" "}
        <code data-testid="receipt-pseudonym">{v.period.subscriber}</code> (unlinkable to your wallet and to other
        periods without the platform's key).
      </p>
      <table>
        <thead>
          <tr>
            <th>to</th>
            <th className="num">your plays</th>
            <th className="num">amount</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {receiptLines(r, name).map((l) => (
            <tr key={l.key} data-testid={`receipt-${l.key}`} data-amount={String(l.amount)}>
              <td>{l.label}</td>
              <td className="num">{l.plays ?? ""}</td>
              <td className="num">{exact(l.amount, token)}</td>
              <td>
                {l.share && (
                  <button
                    className="secondary"
                    data-testid={`share-${l.share}`}
                    disabled={!ok}
                    onClick={() => share(l.share!)}
                  >
                    Share
                  </button>
                )}
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <b>Total paid</b>
            </td>
            <td />
            <td className="num" data-testid="receipt-total" data-amount={String(r.amount)}>
              <b>{exact(r.amount, token)}</b>
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      {shared && (
        <p data-testid="share-text">
          {shared} <span className="muted">(copied)</span>
        </p>
      )}
    </div>
  );
}

export default function ReceiptPage() {
  const index = usePeriodIndex();
  const entries = index.data ?? [];
  const token = useToken();
  const { address, session, verified, busy, error, signIn, verify } = useReceipt(entries);
  return (
    <>
      <h1>Your receipt</h1>
      <ErrorBox error={index.error ?? error} />
      <div className="card">
        <p>
          Sign in with your wallet (a signature, no transaction) and the platform tells you your id in each period — and
          only yours. Your browser then recomputes the period from the published files and checks them against the root
          on-chain.
        </p>
        {!address ? (
          <p className="muted">Connect a wallet first.</p>
        ) : (
          <button data-testid="receipt-sign-in" onClick={signIn} disabled={!!busy}>
            Sign in to see my receipts
          </button>
        )}
        {busy && <p className="muted">{busy}…</p>}
        {session && session.periods.length === 0 && (
          <p data-testid="receipt-none">No published period has payments or plays of this wallet.</p>
        )}
        {session && session.periods.length > 0 && (
          <label>
            Period{" "}
            <select
              data-testid="receipt-period"
              value={verified?.entry.period ?? ""}
              onChange={(e) => verify(session, e.target.value)}
            >
              {session.periods.map((p) => (
                <option key={p.period} value={p.period}>
                  {p.period}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {verified && (
        <div className="card">
          <Verdict v={verified} />
        </div>
      )}
      {verified?.receipt && token && <Receipt v={verified} token={token} />}
    </>
  );
}
