// Starts the indexer (Ponder, indexer/) as a child process beside a chain and waits until it has indexed the
// chain's head. Used by `npm start`, the indexer tests, the browser tests and the benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./artifacts.ts";

export interface IndexerOptions {
  rpcUrl: string;
  port: number;
  /** PostgreSQL connection string; without it PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir?: string;
  /** Database schema Ponder writes to (one per running instance). */
  schema?: string;
  env?: Record<string, string>;
  /** Ponder's log level (default "warn"). */
  logLevel?: string;
  log?: (line: string) => void;
}

export interface Indexer {
  url: string;
  process: ChildProcess;
  /** Resolves once the indexer's status reaches `block` (default: the chain's head now). */
  synced(block?: bigint, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function head(rpcUrl: string): Promise<bigint> {
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}',
      });
      return BigInt(((await r.json()) as { result: string }).result);
    } catch (e) {
      if (attempt === 5) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export function startIndexer(o: IndexerOptions): Indexer {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PONDER_TELEMETRY_DISABLED: "1",
    GAPLESS_RPC_URL: o.rpcUrl,
    GAPLESS_POLL_MS: "250",
    ...(o.pgliteDir ? { GAPLESS_INDEXER_DIR: o.pgliteDir } : {}),
    ...o.env,
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  if (o.databaseUrl) env.DATABASE_URL = o.databaseUrl;
  const bin = join(ROOT, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");
  const args = [
    bin,
    "start",
    "--schema",
    o.schema ?? "gapless",
    "-H",
    "127.0.0.1",
    "--port",
    String(o.port),
    "--log-level",
    "warn",
  ];
  const child = spawn(process.execPath, args, {
    cwd: join(ROOT, "indexer"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const onData = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    o.log?.(d.toString());
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const url = `http://127.0.0.1:${o.port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    process: child,
    async synced(block, timeoutMs = 180_000) {
      const target = block ?? (await head(o.rpcUrl));
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (child.exitCode !== null) throw new Error(`the indexer exited (code ${child.exitCode}):\n${output}`);
        try {
          // /ready turns 200 once the backfill is done (after a restart, once the unfinalized blocks are re-indexed),
          // and /status then says which block the tables reflect.
          if ((await fetch(`${url}/ready`)).status !== 200) throw new Error("not ready");
          const status = (await (await fetch(`${url}/status`)).json()) as { gapless?: { block?: { number: number } } };
          if (BigInt(status.gapless?.block?.number ?? -1) >= target) return;
        } catch {
          /* not listening yet */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`the indexer did not reach block ${target} within ${timeoutMs / 1000}s:\n${output}`);
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        const signal = (sig: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, sig);
          } catch {
            /* gone */
          }
        };
        signal("SIGTERM");
        const stopped = await Promise.race([
          exited.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 10_000)),
        ]);
        if (!stopped) {
          signal("SIGKILL");
          await exited;
        }
      }
    },
  };
}
