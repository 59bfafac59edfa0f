// `npm start`: the whole demo on this machine, stopped with Ctrl-C.
//   1. a Hardhat node on 127.0.0.1:8545 (child process)
//   2. build, deploy through Ignition, seed the demo (scripts/seed.ts), write deployments/31337.json
//   3. generate the app's ABI/address modules, build the app, serve it with the period folders
// GAPLESS_FANS / GAPLESS_PERIODS size the seed; GAPLESS_APP_PORT (5173) and GAPLESS_RPC_PORT (8545) move ports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { ROOT } from "./lib/artifacts.ts";
import { readDeployments } from "./lib/deployments.ts";
import { startDemoServer } from "./lib/demo-server.ts";
import {
  AUDITOR,
  BAND_MEMBER_ACCOUNTS,
  FREE_FAN_ACCOUNTS,
  PLATFORM,
  devAccount,
  demoArtists,
} from "./lib/seed-cast.ts";
import { generate } from "./generate/abis.ts";

const RPC_PORT = Number(process.env.GAPLESS_RPC_PORT ?? 8545);
const APP_PORT = Number(process.env.GAPLESS_APP_PORT ?? 5173);
const RPC_URL = `http://127.0.0.1:${RPC_PORT}`;

const children: ChildProcess[] = [];
let stopping = false;

function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  // Each child leads its own process group, so npx and what it started stop together.
  for (const child of children)
    if (child.exitCode === null && child.pid)
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
  setTimeout(() => process.exit(code), 300).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

function run(step: string, cmd: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n== ${step}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`${step} failed (exit ${r.status}); stopping.`);
    stop(1);
    throw new Error(`${step} failed`);
  }
}

async function waitForRpc(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(RPC_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
      });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the Hardhat node did not answer on ${RPC_URL} within ${timeoutMs / 1000}s (is the port taken?)`);
}

/** Refuses to start when the RPC port is taken: the seed would otherwise talk to whatever node answers there. */
async function assertPortFree(port: number): Promise<void> {
  const { createServer } = await import("node:net");
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is already in use (another node or \`npm start\`?); set GAPLESS_RPC_PORT`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

const started = performance.now();
await assertPortFree(RPC_PORT);
run("build contracts", "npx", ["hardhat", "build"]);
console.log(`\n== Hardhat node on ${RPC_URL}`);
const node = spawn("npx", ["hardhat", "node", "--port", String(RPC_PORT)], {
  cwd: ROOT,
  detached: true,
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(node);
node.on("exit", (code) => {
  if (!stopping) {
    console.error(`the Hardhat node exited (code ${code}); stopping.`);
    stop(1);
  }
});
await waitForRpc(60_000);
run("deploy and seed the demo", "npx", ["hardhat", "run", "--network", "localhost", "scripts/seed.ts"], {
  GAPLESS_RPC_URL: RPC_URL,
});
generate();
run("build the app", "npx", ["vite", "build", "--config", "app/vite.config.ts", "--logLevel", "warn"], {
  VITE_RPC_URL: RPC_URL,
});
const addresses = readDeployments(31337);
const server = await startDemoServer(APP_PORT, RPC_URL, addresses.SubscriptionHub);
process.on("exit", () => server.close());

const url = `http://127.0.0.1:${APP_PORT}`;
const key = (i: number) => devAccount(i).getHdKey().privateKey!;
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const line = (role: string, i: number) =>
  console.log(`  ${role.padEnd(30)} #${String(i).padEnd(2)} ${devAccount(i).address}  ${hex(key(i))}`);
console.log(`\nGapless demo ready in ${((performance.now() - started) / 1000).toFixed(0)}s: ${url}`);
console.log(`  chain ${RPC_URL} (chain id 31337) — add it to your wallet and import a key below.\n`);
console.log("Demo accounts (Hardhat's public dev keys — never use them on a real network):");
line("platform (owner, publisher)", PLATFORM);
line("auditor", AUDITOR);
for (const a of demoArtists().filter((a) => a.account !== undefined)) line(`artist ${a.name}`, a.account!);
BAND_MEMBER_ACCOUNTS.forEach((i) => line("The Lanterns band member", i));
line(`fans (free to subscribe) #${FREE_FAN_ACCOUNTS[0]}–#${FREE_FAN_ACCOUNTS.at(-1)}`, FREE_FAN_ACCOUNTS[0]);
console.log(`\nArtist dashboard: ${url}/artist   Platform: ${url}/platform   Auditor: ${url}/audit`);
console.log("Press Ctrl-C to stop the chain and the server.");
