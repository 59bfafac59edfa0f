// Platform console: plans and terms (pending changes with effective dates), the open period, closing a
// period, running the engine and publishing its folder, revenue and payouts over time.
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { usePublicClient } from "wagmi";
import { BarChart } from "../components/BarChart.tsx";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts, deployBlock } from "../contracts.ts";
import { usePeriodIndex, useProposals, useRoots } from "../hooks/useChainData.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatBps, formatDate, formatDuration } from "../lib/format.ts";
import { fetchJson, periodUrl, type PeriodEntry } from "../lib/periods.ts";

export default function PlatformPage() {
  const client = usePublicClient();
  const now = useChainTime();
  const index = usePeriodIndex();
  const proposals = useProposals();
  const roots = useRoots();
  const queryClient = useQueryClient();
  const close = useTx();
  const publish = useTx();
  const [engineError, setEngineError] = useState("");
  const [engineRunning, setEngineRunning] = useState<number | null>(null);

  const hub = useQuery({
    queryKey: ["hub-console", close.step],
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const h = contracts.hub;
      const [ledger, planCount, termsCount, closed] = await Promise.all([
        client!.readContract({ ...h, functionName: "ledger" }),
        client!.readContract({ ...h, functionName: "planCount" }),
        client!.readContract({ ...h, functionName: "termsCount" }),
        inBlockRanges(client!, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
          client!.getContractEvents({ ...h, eventName: "PeriodClosed", fromBlock, toBlock }),
        ),
      ]);
      const plans = await Promise.all(
        [...Array(Number(planCount)).keys()].map((i) =>
          client!.readContract({ ...h, functionName: "plan", args: [i] }),
        ),
      );
      const terms = await Promise.all(
        [...Array(Number(termsCount)).keys()].map((i) =>
          client!.readContract({ ...h, functionName: "terms", args: [BigInt(i + 1)] }),
        ),
      );
      return {
        ledger,
        plans,
        terms,
        closed: closed.map((c) => ({ period: Number(c.args.period), pool: c.args.pool! })),
      };
    },
  });
  const manifests = useQuery({
    queryKey: ["manifests", index.data?.length],
    enabled: !!index.data,
    queryFn: () =>
      Promise.all(index.data!.map((e) => fetchJson<{ totals: Record<string, string> }>(periodUrl(e, "manifest.json")))),
  });

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
  async function publishPeriod(e: PeriodEntry) {
    const receipt = await publish.send({
      ...contracts.distributor,
      functionName: "propose",
      args: [e.root!, BigInt(e.cumulativeTotal), e.dataHash, e.uri],
    });
    if (receipt) await queryClient.invalidateQueries();
  }

  const status = (e: PeriodEntry) => {
    const p = proposals.data?.filter((x) => x.uri === e.uri).at(-1);
    if (!e.root) return "nothing to pay";
    if (!p || p.root !== e.root) return "ready to publish";
    if (p.vetoed) return "vetoed";
    if (roots.data?.active?.root === e.root) return "active (claimable)";
    if (roots.data?.pending?.root === e.root)
      return `pending: claimable in ${now !== undefined ? formatDuration(p.claimableAt - now) : "…"}`;
    return "superseded";
  };
  const h = hub.data;
  const published = new Set(index.data?.map((e) => e.hubPeriod));
  return (
    <>
      <h1>Platform console</h1>
      <ErrorBox error={hub.error ?? index.error ?? proposals.error} />
      {h && (
        <>
          <div className="card">
            <h2>Open period {String(h.ledger[2])}</h2>
            <p>
              Pool so far <b data-testid="open-pool">{formatAmount(h.ledger[0])}</b> · platform balance{" "}
              {formatAmount(h.ledger[1])}
            </p>
            <button
              data-testid="close-period"
              onClick={() => close.send({ ...contracts.hub, functionName: "closePeriod" })}
            >
              Close period {String(h.ledger[2])} and fund its pool
            </button>
            <TxStatus tx={close} />
          </div>
          <div className="card">
            <h2>Plans and terms</h2>
            <table>
              <thead>
                <tr>
                  <th>plan</th>
                  <th className="num">price</th>
                  <th>period</th>
                  <th>available</th>
                </tr>
              </thead>
              <tbody>
                {h.plans.map((p, i) => (
                  <tr key={i}>
                    <td>{i}</td>
                    <td className="num">{formatAmount(p.price)}</td>
                    <td>{formatDuration(p.period)}</td>
                    <td>
                      {now !== undefined && BigInt(p.availableFrom) > now ? (
                        <b>pending: from {formatDate(p.availableFrom)}</b>
                      ) : (
                        `since ${formatDate(p.availableFrom)}`
                      )}
                      {BigInt(p.retiredFrom) < 2n ** 39n ? `, retired from ${formatDate(p.retiredFrom)}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <thead>
                <tr>
                  <th>terms</th>
                  <th>referral</th>
                  <th>pool</th>
                  <th>referral duration</th>
                  <th>effective</th>
                </tr>
              </thead>
              <tbody>
                {h.terms.map((t, i) => (
                  <tr key={i}>
                    <td>v{i + 1}</td>
                    <td>{formatBps(t.referralBps)}</td>
                    <td>{formatBps(t.poolBps)}</td>
                    <td>{t.referralDuration === 0 ? "lifetime" : formatDuration(t.referralDuration)}</td>
                    <td>
                      {now !== undefined && BigInt(t.effectiveAt) > now ? (
                        <b>pending: from {formatDate(t.effectiveAt)}</b>
                      ) : (
                        `since ${formatDate(t.effectiveAt)}`
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <h2>Periods</h2>
            <table data-testid="periods">
              <thead>
                <tr>
                  <th>period</th>
                  <th className="num">pool funded</th>
                  <th>engine output</th>
                  <th>status</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {h.closed.map((c) => {
                  const e = index.data?.find((x) => x.hubPeriod === c.period);
                  const s = e ? status(e) : "closed, not allocated";
                  return (
                    <tr key={c.period} data-testid={`period-${c.period}`}>
                      <td>{c.period}</td>
                      <td className="num">{formatAmount(c.pool)}</td>
                      <td>{e ? <a href={e.uri}>{e.uri}</a> : "—"}</td>
                      <td data-testid="period-status">{s}</td>
                      <td>
                        {!published.has(c.period) && (
                          <button
                            data-testid={`run-engine-${c.period}`}
                            disabled={engineRunning !== null}
                            onClick={() => runEngine(c.period)}
                          >
                            {engineRunning === c.period ? "Running engine…" : "Run engine"}
                          </button>
                        )}
                        {e && s === "ready to publish" && (
                          <button data-testid={`publish-${c.period}`} onClick={() => publishPeriod(e)}>
                            Publish root on-chain
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {engineError && <div className="error">{engineError}</div>}
            <TxStatus tx={publish} />
          </div>
          {manifests.data && index.data && (
            <div className="card">
              <h2>Revenue and payouts over time</h2>
              <BarChart
                series={[
                  { label: "artists' pool allocated", color: "#5b45e0" },
                  { label: "referral shares (on-chain)", color: "#f2a33a" },
                  { label: "platform", color: "#9aa0a6" },
                ]}
                rows={manifests.data.map((m, i) => {
                  const amount = BigInt(m.totals.amount),
                    pool = BigInt(m.totals.pool_shares),
                    ref = BigInt(m.totals.referral_onchain);
                  return {
                    label: `P${index.data![i].period}`,
                    values: [BigInt(m.totals.allocated), ref, amount - pool - ref],
                  };
                })}
              />
            </div>
          )}
        </>
      )}
    </>
  );
}
