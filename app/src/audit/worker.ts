// Web Worker: fetches a period folder and runs lib/'s auditFiles on it — the same checks as
// `npm run audit` — off the main thread, posting progress, then the result.
import { sha256 } from "viem";
import { fetchFolder, fetchPrevious } from "../../../lib/publication/index.ts";
import { auditFiles } from "../../../lib/audit/index.ts";

self.onmessage = async (e: MessageEvent<{ base: string; previousBase: string | null }>) => {
  const get = async (url: string) => {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const progress = (message: string, fraction: number) => self.postMessage({ type: "progress", message, fraction });
  try {
    progress("fetching the period folder", 0.05);
    const files = await fetchFolder(e.data.base, get, progress);
    const previous = e.data.previousBase ? await fetchPrevious(e.data.previousBase, get) : null;
    progress("recomputing the period (rules v1) and comparing every file", 0.6);
    const result = auditFiles({ files, previous, sha256: (d) => sha256(d).slice(2) });
    progress("done", 1);
    self.postMessage({ type: "result", result });
  } catch (err) {
    self.postMessage({ type: "error", message: (err as Error).message });
  }
};
