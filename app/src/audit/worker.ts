// Web Worker: recomputes a period off the main thread and posts progress, then the result.
import { recomputePeriod } from "./recompute.ts";

self.onmessage = async (e: MessageEvent<{ base: string; previousBase: string | null }>) => {
  const get = async (url: string) => {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  try {
    const result = await recomputePeriod(e.data.base, e.data.previousBase, get, (message, fraction) =>
      self.postMessage({ type: "progress", message, fraction }),
    );
    self.postMessage({ type: "result", result });
  } catch (err) {
    self.postMessage({ type: "error", message: (err as Error).message });
  }
};
