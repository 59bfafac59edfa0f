// The demo's web server: the built app (app/dist, with SPA fallback to index.html), the published period
// folders (/periods/ → app/public/periods/, written while it runs), and one local-only endpoint standing in
// for the platform's back office: POST /api/engine/<hubPeriod> runs the engine for a closed period.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { createPublicClient, http, type Address } from "viem";
import { hardhat } from "viem/chains";
import { ROOT } from "./artifacts.ts";
import { PERIODS_DIR, runPeriod } from "./seed-period.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export const APP_DIST = join(ROOT, "app", "dist");

/** Resolves `urlPath` under `base`, refusing anything that escapes it. */
function inside(base: string, urlPath: string): string | null {
  const path = normalize(join(base, decodeURIComponent(urlPath)));
  return path === base || path.startsWith(base + sep) ? path : null;
}

export function startDemoServer(port: number, rpcUrl: string, hub: Address): Promise<Server> {
  const client = createPublicClient({ chain: hardhat, transport: http(rpcUrl) });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const engine = /^\/api\/engine\/(\d+)$/.exec(url.pathname);
    if (engine && req.method === "POST") {
      try {
        const entry = await runPeriod(client as never, hub, Number(engine[1]));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(entry));
      } catch (e) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: (e as Error).message }));
      }
      return;
    }
    const fromPeriods = url.pathname.startsWith("/periods/");
    let path = fromPeriods
      ? inside(PERIODS_DIR, url.pathname.slice("/periods/".length))
      : inside(APP_DIST, url.pathname);
    if (path && existsSync(path) && statSync(path).isDirectory()) path = fromPeriods ? null : join(path, "index.html");
    if (!path || !existsSync(path)) {
      if (fromPeriods || extname(url.pathname)) return void res.writeHead(404).end("not found");
      path = join(APP_DIST, "index.html");
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": fromPeriods ? "no-store" : "no-cache",
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
