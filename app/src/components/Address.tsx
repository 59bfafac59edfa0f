// An address as people read it: short, with a copy button, an explorer link where the chain has an explorer,
// and the ENS name where the chain has ENS.
import { lazy, Suspense, useState } from "react";
import type { Address as Addr } from "viem";
import { chain, explorerUrl } from "../chain.ts";
import { shortAddress } from "../lib/format.ts";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <button type="button" className="icon" onClick={copy} aria-label={`Copy ${label}`} title={`Copy ${label}`}>
      {copied ? (
        "✓"
      ) : (
        <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden>
          <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M3 11V3a1 1 0 0 1 1-1h7" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      )}
    </button>
  );
}

const EnsName = chain.contracts?.ensUniversalResolver ? lazy(() => import("./EnsName.tsx")) : null;

export function Address({ address, name, testId }: { address: Addr; name?: string; testId?: string }) {
  const url = explorerUrl(chain, "address", address);
  const short = shortAddress(address);
  const label =
    name ??
    (EnsName ? (
      <Suspense fallback={short}>
        <EnsName address={address} fallback={short} />
      </Suspense>
    ) : (
      short
    ));
  return (
    <span className="address nowrap" data-testid={testId} data-address={address}>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer" title={address}>
          {label}
        </a>
      ) : (
        <code title={address}>{label}</code>
      )}
      <CopyButton text={address} label="address" />
    </span>
  );
}
