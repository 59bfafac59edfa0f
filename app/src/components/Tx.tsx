// A transaction's progress, hash and plain-sentence failure.
import { STEP_LABEL, type TxState } from "../hooks/useTx.ts";

export function TxStatus({ tx }: { tx: TxState }) {
  if (tx.step === "idle") return null;
  return (
    <div data-testid="tx-status" data-step={tx.step} className="muted">
      {STEP_LABEL[tx.step]}{" "}
      {tx.hash && (
        <span>
          tx <code data-testid="tx-hash">{tx.hash}</code>
        </span>
      )}
      {tx.error && (
        <div className="error" data-testid="tx-error">
          {tx.error}
        </div>
      )}
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
