// The accountants' CSV of one period (every line by source, token and base units, dates, transaction hashes),
// fetched from the indexer, which refuses to write one that does not equal the period's statement.
import { useState } from "react";
import { artistApi } from "../lib/book.ts";

export function ExportCard({ account, periods }: { account: string; periods: string[] }) {
  const [period, setPeriod] = useState("");
  const [error, setError] = useState<string | null>(null);
  const chosen = period || periods.at(-1) || "";
  async function download() {
    setError(null);
    const r = await fetch(artistApi(account, `/export/${chosen}`));
    if (!r.ok) return setError(((await r.json()) as { error: string }).error);
    const url = URL.createObjectURL(new Blob([await r.text()], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `gapless-${account.toLowerCase()}-period-${chosen}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }
  if (!periods.length) return null;
  return (
    <div className="card" data-testid="export">
      <h2>Export for your accountant</h2>
      <label>
        Period{" "}
        <select data-testid="export-period" value={chosen} onChange={(e) => setPeriod(e.target.value)}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>{" "}
      <button data-testid="export-csv" onClick={() => void download()}>
        Download CSV
      </button>
      <p className="muted">Referral, user-centric, growth and Split lines; totals equal the period's statement.</p>
      {error && <div className="error">{error}</div>}
    </div>
  );
}
