// A JSON-RPC over HTTP front for the in-process chain, so the engine's CLIs (which take --rpc URL)
// run as child processes against it. Children must be spawned asynchronously: this process serves them.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

interface Eip1193 {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
}

export async function serveRpc(provider: Eip1193): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = async (m: { id: unknown; method: string; params?: unknown }) => {
    try {
      return { jsonrpc: "2.0", id: m.id, result: await provider.request({ method: m.method, params: m.params }) };
    } catch (e) {
      const err = e as { code?: number; message: string; data?: unknown };
      return { jsonrpc: "2.0", id: m.id, error: { code: err.code ?? -32603, message: err.message, data: err.data } };
    }
  };
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const msg = JSON.parse(body);
    const out = Array.isArray(msg) ? await Promise.all(msg.map(handle)) : await handle(msg);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const NODE = join(process.cwd(), "node_modules/.bin/node");

/** Runs scripts/engine/<script> with `args` (and extra environment) without blocking this process. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join("scripts/engine", script), ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
