// One status per action: waiting for the wallet, pending (spinner), confirmed with the transaction (explorer link
// where the chain has one), or the error as a sentence. A later attempt replaces the earlier status.
import { useState, type ReactNode } from "react";
import { chain, explorerUrl } from "../chain.ts";
import type { Tx } from "../hooks/useTx.ts";
import { CopyButton } from "./Address.tsx";

export function TxHash({ hash }: { hash: string }) {
  const url = explorerUrl(chain, "tx", hash);
  return (
    <span className="nowrap">
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" data-testid="tx-hash" title={hash}>
          {hash.slice(0, 10)}…{hash.slice(-6)}
        </a>
      ) : (
        <code data-testid="tx-hash" title={`transaction ${hash} on the local chain`}>
          {hash.slice(0, 10)}…{hash.slice(-6)}
        </code>
      )}
      <CopyButton text={hash} label="transaction hash" />
    </span>
  );
}

export function TxStatus({ tx }: { tx: Tx }) {
  if (tx.step === "idle") return null;
  const progress = tx.progress ? ` (${tx.progress})` : "";
  return (
    <div data-testid="tx-status" data-step={tx.step} data-seq={tx.seq} className="tx" role="status">
      {tx.step === "wallet" && <span>Waiting for your wallet{progress}…</span>}
      {tx.step === "pending" && (
        <span>
          <span className="spinner" aria-hidden /> Pending{progress}: {tx.hash && <TxHash hash={tx.hash} />}
        </span>
      )}
      {tx.step === "done" && (
        <span className="ok-text" data-testid="tx-done">
          {tx.note ? `${tx.note}. ` : "Confirmed. "}
          {tx.hash && (
            <>
              Transaction <TxHash hash={tx.hash} />
            </>
          )}
        </span>
      )}
      {tx.step === "failed" && (
        <div className="error" data-testid="tx-error">
          {tx.error}
        </div>
      )}
    </div>
  );
}

/** An irreversible action: the first click says what will happen; only "Yes" sends. */
export function ConfirmButton({
  label,
  warning,
  confirmLabel,
  tx,
  onConfirm,
  testId,
}: {
  label: string;
  warning: ReactNode;
  confirmLabel: string;
  tx: Tx;
  onConfirm: () => void;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        data-testid={testId}
        disabled={tx.disabled}
        title={tx.blocker ?? undefined}
        onClick={() => setAsking(true)}
      >
        {tx.busy ? "Waiting…" : label}
      </button>
    );
  return (
    <div className="confirm" data-testid={testId && `${testId}-confirm`}>
      <p>{warning}</p>
      <button
        disabled={tx.disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{" "}
      <button className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {error instanceof Error ? error.message.split("\n")[0] : String(error)}
    </div>
  );
}
