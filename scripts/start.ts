// `npm start`: the whole demo on this machine, stopped with Ctrl-C.
//   1. a Hardhat node on 127.0.0.1:8545 (child process)
//   2. build, deploy through Ignition, seed the demo (scripts/seed.ts), write deployments/31337.json
//   3. the indexer (Ponder on an embedded PGlite, indexer/) on 127.0.0.1:42069, indexing from the deploy blocks
//   4. generate the app's ABI/address modules, build the app, serve it with the period folders
// GAPLESS_FANS / GAPLESS_PERIODS size the seed; GAPLESS_APP_PORT (5173), GAPLESS_RPC_PORT (8545) and
// GAPLESS_INDEXER_PORT (42069) move ports; DATABASE_URL puts the indexer on PostgreSQL instead of PGlite.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { privateKeyToAccount } from "viem/accounts";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/artifacts.ts";
import { readDeployments } from "./lib/deployments.ts";
import { startDemoServer } from "./lib/demo-server.ts";
import {
  AUDITOR,
  BAND_MEMBER_ACCOUNTS,
  DEMO_KEEPER_KEY,
  FREE_FAN_ACCOUNTS,
  PLATFORM,
  devAccount,
  demoArtists,
} from "./lib/seed-cast.ts";
import { generate } from "./generate/abis.ts";
import { PSEUDONYM_KEY_VARIABLE, newPseudonymKey, parsePseudonymKey } from "../lib/publication/index.ts";
import { startIndexer } from "./lib/indexer.ts";

const RPC_PORT = Number(process.env.GAPLESS_RPC_PORT ?? 8545);
const APP_PORT = Number(process.env.GAPLESS_APP_PORT ?? 5173);
const INDEXER_PORT = Number(process.env.GAPLESS_INDEXER_PORT ?? 42069);
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
async function assertPortFree(port: number, variable = "GAPLESS_RPC_PORT"): Promise<void> {
  const { createServer } = await import("node:net");
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is already in use (another node or \`npm start\`?); set ${variable}`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

// The platform's pseudonym key: a fresh one per start, in this process's memory and its children's
// environment only — never in the served folder, a log or the repository.
process.env[PSEUDONYM_KEY_VARIABLE] ??= newPseudonymKey();
const pseudonymKey = parsePseudonymKey(process.env[PSEUDONYM_KEY_VARIABLE]);

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
console.log(`\n== indexer on http://127.0.0.1:${INDEXER_PORT} (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`);
await assertPortFree(INDEXER_PORT, "GAPLESS_INDEXER_PORT");
// The demo chain starts empty every time, so its embedded database does too.
const pgliteDir = join(ROOT, "indexer", ".ponder", "demo-pglite");
rmSync(pgliteDir, { recursive: true, force: true });
const indexer = startIndexer({
  rpcUrl: RPC_URL,
  port: INDEXER_PORT,
  pgliteDir,
  databaseUrl: process.env.DATABASE_URL,
  log: (line) => process.stderr.write(`[indexer] ${line}`),
});
children.push(indexer.process);
indexer.process.on("exit", (code) => {
  if (!stopping) console.error(`the indexer exited (code ${code}); the app keeps showing balances from the chain.`);
});
run("build the app", "npx", ["vite", "build", "--config", "app/vite.config.ts", "--logLevel", "warn"], {
  VITE_RPC_URL: RPC_URL,
  VITE_INDEXER_URL: indexer.url,
});
await indexer.synced();
const addresses = readDeployments(31337);
const server = await startDemoServer(APP_PORT, RPC_URL, addresses.SubscriptionHub, pseudonymKey);
process.on("exit", () => server.close());

// The platform's keeper (npm run keeper): renews what falls due as chain time advances (`npm run advance -- 30d`),
// closes a period 30 days after the last one, syncs growth units, promotes roots whose window has passed; it reads
// what falls due from the indexer, and from the hub's events whenever the indexer is down.
// GAPLESS_KEEPER=off leaves it out (the browser tests drive renewals and period closes themselves).
if (process.env.GAPLESS_KEEPER !== "off") {
  const keeperArgs = [
    "scripts/keeper/main.ts",
    "--rpc",
    RPC_URL,
    "--close-every",
    "30d",
    "--poll",
    "5s",
    "--metrics-port",
    "0",
    "--indexer",
    indexer.url,
  ];
  const keeper = spawn(process.execPath, keeperArgs, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, KEEPER_PRIVATE_KEY: DEMO_KEEPER_KEY },
  });
  children.push(keeper);
  createInterface({ input: keeper.stdout! }).on("line", (l) => console.log(`[keeper] ${l}`));
  keeper.on("exit", (code) => {
    if (!stopping) console.error(`the keeper exited (code ${code}); the demo goes on without renewals.`);
  });
}

const url = `http://127.0.0.1:${APP_PORT}`;
const key = (i: number) => devAccount(i).getHdKey().privateKey!;
const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const line = (role: string, i: number) =>
  console.log(`  ${role.padEnd(30)} #${String(i).padEnd(2)} ${devAccount(i).address}  ${hex(key(i))}`);
console.log(`\nGapless demo ready in ${((performance.now() - started) / 1000).toFixed(0)}s: ${url}`);
console.log(`  chain ${RPC_URL} (chain id 31337) — add it to your wallet and import a key below.`);
console.log(`  indexer ${indexer.url}/api (history, fans, alerts, exports; docs/indexer.md)\n`);
console.log("Demo accounts (Hardhat's public dev keys — never use them on a real network):");
line("platform (owner, publisher)", PLATFORM);
line("auditor", AUDITOR);
for (const a of demoArtists().filter((a) => a.account !== undefined)) line(`artist ${a.name}`, a.account!);
BAND_MEMBER_ACCOUNTS.forEach((i) => line("The Lanterns band member", i));
line(`fans (free to subscribe) #${FREE_FAN_ACCOUNTS[0]}–#${FREE_FAN_ACCOUNTS.at(-1)}`, FREE_FAN_ACCOUNTS[0]);
console.log(
  `  ${"keeper (periodCloser)".padEnd(34)} ${privateKeyToAccount(DEMO_KEEPER_KEY).address}  ${DEMO_KEEPER_KEY}`,
);
console.log("Advance the chain with `npm run advance -- 30d` and watch the [keeper] lines renew the fans.");
console.log(`\nArtist dashboard: ${url}/artist   Platform: ${url}/platform   Auditor: ${url}/audit`);
console.log(`Fan's receipt: ${url}/receipt (sign in as a fan; the receipt API is under ${url}/api/receipt)`);
console.log("Press Ctrl-C to stop the chain and the server.");
