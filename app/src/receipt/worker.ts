// Web Worker: fetches a period folder and runs lib/'s checkReceipt on it — the audit's own checks
// (open mode: the whole recompute) plus the fan's rows — off the main thread.
import { sha256 } from "viem";
import { fetchFolder, fetchPrevious, parsePublishedArtists, type FanProof } from "../../../lib/publication/index.ts";
import { checkReceipt } from "../../../lib/audit/index.ts";

export interface ReceiptJob {
  base: string;
  previousBase: string | null;
  subscriber: string;
  fanProof?: FanProof;
}

self.onmessage = async (e: MessageEvent<ReceiptJob>) => {
  const get = async (url: string) => {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  try {
    const files = await fetchFolder(e.data.base, get, () => undefined);
    const previous = e.data.previousBase ? await fetchPrevious(e.data.previousBase, get) : null;
    const { checks, receipt, audit } = checkReceipt({
      files,
      previous,
      sha256: (d) => sha256(d).slice(2),
      subscriber: e.data.subscriber,
      fanProof: e.data.fanProof,
    });
    let names: [string, string][] = [];
    try {
      names = [...parsePublishedArtists(files.get("artists.csv") ?? new Uint8Array())].map(([id, a]) => [id, a.name]);
    } catch {
      // the checks above already report an unreadable registry
    }
    const { checks: _c, paymentAggregates: _p, artists: _a, ...facts } = audit;
    self.postMessage({ type: "result", checks, receipt, audit: { ...facts, checks: [] }, names });
  } catch (err) {
    self.postMessage({ type: "error", message: (err as Error).message });
  }
};
