// Starts the whole demo (scripts/start.ts) on spare ports with a smaller seed, for the browser tests.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../scripts/lib/artifacts.ts";

/** A TCP port nothing listens on right now, so parallel runs (or a running `npm start`) never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The demo's pseudonym key in the browser tests, so they can recompute a fan's published id. */
export const E2E_PSEUDONYM_KEY = `0x${"e2".repeat(32)}`;

export interface Stack {
  appUrl: string;
  rpcUrl: string;
  indexerUrl: string;
  stop(): void;
}

export async function startStack(rpcPort: number, appPort: number, timeoutMs = 180_000): Promise<Stack> {
  const indexerPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GAPLESS_RPC_PORT: String(rpcPort),
      GAPLESS_APP_PORT: String(appPort),
      GAPLESS_INDEXER_PORT: String(indexerPort),
      GAPLESS_FANS: "60",
      // The tests renew and close periods themselves; a keeper polling beside them would race them.
      GAPLESS_KEEPER: "off",
      GAPLESS_PSEUDONYM_KEY: E2E_PSEUDONYM_KEY,
    },
  });
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGINT");
  };
  let log = "";
  // Everything the stack prints (chain, seed, indexer, servers) also goes to test-artifacts/stack.log.
  mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
  const file = createWriteStream(join(ROOT, "test-artifacts", "stack.log"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the demo stack did not start within ${timeoutMs / 1000}s:\n${log.slice(-3000)}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      log += d.toString();
      file.write(d);
      if (/Gapless demo ready/.test(log)) {
        clearTimeout(timer);
        resolve({
          appUrl: `http://127.0.0.1:${appPort}`,
          rpcUrl: `http://127.0.0.1:${rpcPort}`,
          indexerUrl: `http://127.0.0.1:${indexerPort}`,
          stop,
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo stack exited (code ${code}):\n${log.slice(-3000)}`));
    });
  });
}
