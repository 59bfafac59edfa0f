// Platform console: the open period and closing it (confirmed, locked while in flight), plans, terms and
// commitments with pending changes, each period's engine output and payout status with the next step (publish,
// or after a veto publish a corrected root), revenue and payouts over time.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PlansTerms } from "../components/PlansTerms.tsx";
import { RevenueChart } from "../components/RevenueChart.tsx";
import { ConfirmButton, ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts } from "../contracts.ts";
import { usePeriodIndex, useProposals, useRoots } from "../hooks/useChainData.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { usePlatform } from "../hooks/usePlatform.ts";
import { useToken } from "../hooks/useToken.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatDate } from "../lib/format.ts";
import { periodState, STATE_WORDS } from "../lib/periodStatus.ts";
import { periodUrl, type PeriodEntry } from "../lib/periods.ts";

export default function PlatformPage() {
  const now = useChainTime();
  const token = useToken();
  const index = usePeriodIndex();
  const proposals = useProposals();
  const roots = useRoots();
  const queryClient = useQueryClient();
  const close = useTx();
  const publish = useTx();
  const [engineError, setEngineError] = useState("");
  const [engineRunning, setEngineRunning] = useState<number | null>(null);
  const hub = usePlatform();

  async function runEngine(period: number) {
    setEngineError("");
    setEngineRunning(period);
    try {
      const r = await fetch(`/api/engine/${period}`, { method: "POST" });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
      await queryClient.invalidateQueries({ queryKey: ["period-index"] });
    } catch (e) {
      setEngineError(`The engine could not run for period ${period}: ${(e as Error).message}`);
    } finally {
      setEngineRunning(null);
    }
  }
  const publishPeriod = async (e: PeriodEntry) => {
    if (
      await publish.send({
        ...contracts.distributor,
        functionName: "propose",
        args: [e.root!, BigInt(e.cumulativeTotal), e.dataHash, e.uri],
      })
    )
      await queryClient.invalidateQueries();
  };
  const h = hub.data;
  const pending = roots.data?.pending;
  const state = (e: PeriodEntry) =>
    periodState(e, proposals.data ?? [], roots.data?.active?.root ?? null, pending?.root ?? null);
  const published = new Set(index.data?.map((e) => e.hubPeriod));
  return (
    <>
      <h1>Platform console</h1>
      <ErrorBox error={hub.error ?? index.error ?? proposals.error} />
      {h && (
        <>
          <div className="card">
            <h2>Open period {String(h.openPeriod)}</h2>
            <p>
              Artists' pool so far <b data-testid="open-pool">{token.fmt(h.pool)}</b> · platform balance{" "}
              {token.fmt(h.platformBalance)}
            </p>
            <ConfirmButton
              testId="close-period"
              tx={close}
              label={`Close period ${h.openPeriod} and fund its pool`}
              confirmLabel={`Yes, close period ${h.openPeriod}`}
              warning={
                <>
                  Closing period {String(h.openPeriod)} moves its artists' pool of <b>{token.fmt(h.pool)}</b> to the
                  distributor for allocation and opens period {String(h.openPeriod + 1n)}. This cannot be undone.
                </>
              }
              onConfirm={() => void close.send({ ...contracts.hub, functionName: "closePeriod" })}
            />
            <TxStatus tx={close} />
          </div>
          <PlansTerms h={h} now={now} token={token} />
          <div className="card">
            <h2>Periods</h2>
            <div className="scroll-x">
              <table data-testid="periods">
                <thead>
                  <tr>
                    <th>period</th>
                    <th className="num">pool funded</th>
                    <th>engine output</th>
                    <th>payout</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {h.closed.map((c) => {
                    const e = index.data?.find((x) => x.hubPeriod === c.period);
                    const s = e ? state(e) : null;
                    const words = !e
                      ? "closed, not allocated yet"
                      : s === "pending" && pending
                        ? `pending: claimable on ${formatDate(pending.claimableAt)} unless an auditor stops it`
                        : STATE_WORDS[s!];
                    const canPublish = e && (s === "ready" || s === "vetoed-other");
                    return (
                      <tr key={c.period} data-testid={`period-${c.period}`}>
                        <td>{c.period}</td>
                        <td className="num">{token.fmt(c.pool)}</td>
                        <td>
                          {e ? (
                            <a data-testid="engine-output" href={periodUrl(e, "manifest.json")}>
                              published files
                            </a>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td data-testid="period-status">{words}</td>
                        <td>
                          {(!published.has(c.period) || s === "vetoed") && (
                            <button
                              data-testid={`run-engine-${c.period}`}
                              disabled={engineRunning !== null}
                              onClick={() => runEngine(c.period)}
                            >
                              {engineRunning === c.period
                                ? "Running the engine…"
                                : s === "vetoed"
                                  ? "Re-run the engine"
                                  : "Run the engine"}
                            </button>
                          )}
                          {canPublish &&
                            (pending ? (
                              <ConfirmButton
                                testId={`publish-${c.period}`}
                                tx={publish}
                                label={s === "vetoed-other" ? "Publish the corrected root" : "Publish root on-chain"}
                                confirmLabel="Yes, replace the pending payout"
                                warning={
                                  <>
                                    A payout is already pending (claimable on {formatDate(pending.claimableAt)}).
                                    Publishing replaces it and restarts the challenge window, so artists wait the full
                                    window again.
                                  </>
                                }
                                onConfirm={() => void publishPeriod(e)}
                              />
                            ) : (
                              <button
                                data-testid={`publish-${c.period}`}
                                disabled={publish.disabled}
                                onClick={() => publishPeriod(e)}
                              >
                                {s === "vetoed-other" ? "Publish the corrected root" : "Publish root on-chain"}
                              </button>
                            ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {engineError && <div className="error">{engineError}</div>}
            <TxStatus tx={publish} />
          </div>
          {index.data && <RevenueChart index={index.data} token={token} />}
        </>
      )}
    </>
  );
}
