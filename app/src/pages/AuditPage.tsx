// Auditor page: pick a period, run lib/'s audit (the code behind `npm run audit`) on the published
// files in a Web Worker, check the chain with lib/'s auditChain, and veto a pending root that fails
// (registered auditors only).
import { useState } from "react";
import { usePublicClient, useConnection, useReadContract } from "wagmi";
import { auditChain, readChainFacts, type AuditCheck, type FilesAudit } from "../../../lib/audit/index.ts";
import { checkId, passed } from "../audit/checks.ts";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts } from "../contracts.ts";
import { usePeriodIndex, useProposals, useRoots } from "../hooks/useChainData.ts";
import { useTx } from "../hooks/useTx.ts";

function auditInWorker(
  base: string,
  previousBase: string | null,
  onProgress: (m: string, f: number) => void,
): Promise<FilesAudit> {
  const worker = new Worker(new URL("../audit/worker.ts", import.meta.url), { type: "module" });
  return new Promise<FilesAudit>((resolve, reject) => {
    worker.onmessage = (e) => {
      if (e.data.type === "progress") onProgress(e.data.message, e.data.fraction);
      else {
        worker.terminate();
        if (e.data.type === "result") resolve(e.data.result);
        else reject(new Error(e.data.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "the audit worker failed"));
    };
    worker.postMessage({ base, previousBase });
  });
}

export default function AuditPage() {
  const index = usePeriodIndex();
  const proposals = useProposals();
  const roots = useRoots();
  const client = usePublicClient();
  const { address } = useConnection();
  const isAuditor = useReadContract({
    ...contracts.distributor,
    functionName: "isAuditor",
    args: [address ?? "0x0000000000000000000000000000000000000000"],
    query: { enabled: !!address },
  });
  const [period, setPeriod] = useState("");
  const [progress, setProgress] = useState<{ message: string; fraction: number } | null>(null);
  const [checks, setChecks] = useState<AuditCheck[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chainRoot, setChainRoot] = useState<string | null>(null);
  const veto = useTx();

  const entries = index.data ?? [];
  const selected = entries.find((e) => e.period === period) ?? entries.at(-1);

  async function verify() {
    if (!selected) return;
    setChecks(null);
    setError(null);
    try {
      const i = entries.indexOf(selected);
      const previous = i > 0 ? entries[i - 1] : null;
      const files = await auditInWorker(selected.uri, previous?.uri ?? null, (message, fraction) =>
        setProgress({ message, fraction }),
      );
      setProgress({ message: "reading the distributor", fraction: 1 });
      const facts = await readChainFacts(
        client!,
        contracts.distributor.address,
        files.manifest?.root ?? null,
        files.leaves,
      );
      const fresh = (await proposals.refetch()).data ?? [];
      setChainRoot(fresh.filter((x) => x.uri === selected.uri).at(-1)?.root ?? null);
      await roots.refetch();
      setProgress(null);
      setChecks([...files.checks, ...auditChain(files, facts)]);
    } catch (e) {
      setError(e);
    }
  }

  const pending = roots.data?.pending;
  const canVeto = !!pending && chainRoot === pending.root && checks && !passed(checks);
  return (
    <>
      <h1>Auditor</h1>
      <ErrorBox error={index.error ?? proposals.error ?? error} />
      <div className="card">
        <label>
          Period{" "}
          <select
            data-testid="audit-period"
            value={selected?.period ?? ""}
            onChange={(e) => {
              setPeriod(e.target.value);
              setChecks(null);
            }}
          >
            {entries.map((e) => (
              <option key={e.period} value={e.period}>
                {e.period}
              </option>
            ))}
          </select>
        </label>{" "}
        <button data-testid="verify" onClick={verify} disabled={!selected}>
          Recompute and verify
        </button>
        {progress && (
          <div className="muted">
            {progress.message} <progress value={progress.fraction} max={1} />
          </div>
        )}
      </div>
      {checks && (
        <div className="card">
          <h2 data-testid="audit-verdict" className={passed(checks) ? "ok" : "fail"}>
            {passed(checks) ? "PASS: the period checks out" : "FAIL: the period does not match"}
          </h2>
          <table>
            <tbody>
              {checks.map((c) => (
                <tr key={c.name} data-testid={`check-${checkId(c)}`} data-pass={c.ok}>
                  <td className={c.ok ? "ok" : "fail"}>{c.ok ? "✓" : "✗"}</td>
                  <td>{c.name}</td>
                  <td className="muted">
                    <code>{c.detail}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pending && chainRoot === pending.root && (
            <p>
              This root is pending.{" "}
              {address && isAuditor.data ? (
                <button
                  data-testid="veto"
                  disabled={!canVeto}
                  onClick={() => veto.send({ ...contracts.distributor, functionName: "veto", args: [pending.root] })}
                >
                  Veto this root
                </button>
              ) : (
                <span className="muted">Connect a registered auditor's wallet to veto.</span>
              )}
            </p>
          )}
          <TxStatus tx={veto} />
        </div>
      )}
    </>
  );
}
