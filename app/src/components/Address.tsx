// An address as people read it: short, with a copy button, an explorer link where the chain has an explorer,
// and the ENS name where the chain has ENS.
import { useState } from "react";
import type { Address as Addr } from "viem";
import { useEnsName } from "wagmi";
import { chain, explorerUrl } from "../chain.ts";
import { shortAddress } from "../lib/format.ts";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => void navigator.clipboard?.writeText(text).then(() => { setCopied(true); setTimeout(() => setCopied(false), 1500); }); // prettier-ignore
  return (
    <button type="button" className="icon" onClick={copy} aria-label={`Copy ${label}`} title={`Copy ${label}`}>
      {copied ? "✓" : "⧉"}
    </button>
  );
}

const hasEns = !!chain.contracts?.ensUniversalResolver;

export function Address({ address, name, testId }: { address: Addr; name?: string; testId?: string }) {
  const ens = useEnsName({ address, chainId: chain.id, query: { enabled: hasEns } });
  const url = explorerUrl(chain, "address", address);
  const label = name ?? ens.data ?? shortAddress(address);
  return (
    <span className="address nowrap" data-testid={testId} data-address={address}>
      {url ? <a href={url} target="_blank" rel="noreferrer" title={address}>{label}</a> : <code title={address}>{label}</code>}
      <CopyButton text={address} label="address" />
    </span>
  ); // prettier-ignore
}
