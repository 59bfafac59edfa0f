// A local chain for the keeper's tests and benchmark: the platform deployed through Ignition on Hardhat's
// in-process chain, served over HTTP (the keeper runs as a child process, as a platform runs it), thousands of
// subscribers planted by FanFarm (a fifth of them unable to pay a renewal), and a fault-injecting RPC proxy.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { network } from "hardhat";
import { deploy } from "../../scripts/lib/deploy.ts";
import { devAccount } from "../../scripts/lib/seed-cast.ts";
import { serveRpc } from "./engine.rpc.helpers.ts";

type Connection = Awaited<ReturnType<typeof network.create>>;
export const DAY = 86_400;
/** Fan.Funding in contracts/mocks/FanFarm.sol. */
export const Funding = { Full: 0, NoAllowance: 1, NoBalance: 2 } as const;

/** Hardhat's dev account #5: the keeper (the hub's periodCloser), a key no other actor in the test uses. */
export const KEEPER_INDEX = 5;
export const keeperKey = () => `0x${Buffer.from(devAccount(KEEPER_INDEX).getHdKey().privateKey!).toString("hex")}`;

export interface PlantedChain {
  connection: Connection;
  rpc: { url: string; close: () => Promise<void> };
  addresses: Record<string, `0x${string}`>;
  fans: { address: string; funding: number }[];
  keeper: string;
  hub: any;
}

/** Fan i cannot pay a renewal when i % 10 is 3 (no allowance left) or 7 (no balance left): a fifth. */
export const fundingOf = (i: number) =>
  i % 10 === 3 ? Funding.NoAllowance : i % 10 === 7 ? Funding.NoBalance : Funding.Full;

export interface PlantOptions {
  /** A mock with TestToken's mint/approve surface to deploy the platform on (default: a TestToken). */
  token?: "BlocklistToken";
  /** Fan i's funding (default `fundingOf`: a fifth cannot pay a renewal). */
  funding?: (i: number) => number;
}

export async function plantedChain(connection: Connection, count: number, o: PlantOptions = {}): Promise<PlantedChain> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [owner, auditor] = signers;
  const platform: Record<string, unknown> = {
    owner: owner.address,
    publisher: owner.address,
    auditors: [auditor.address],
  };
  if (o.token) platform.token = await (await ethers.deployContract(o.token)).getAddress();
  const { addresses } = await deploy(connection, { Platform: platform });
  const hub = await ethers.getContractAt("SubscriptionHub", addresses.SubscriptionHub);
  const keeper = signers[KEEPER_INDEX].address;
  await (await hub.setPeriodCloser(keeper)).wait();
  const price = (await hub.plan(0)).price;
  const farm = await ethers.deployContract("FanFarm");
  const referrers = signers.slice(10, 15).map((s) => s.address);
  // A hub that requires enrolled referrers (contract hardening, #11) gets them enrolled by its owner.
  if ((hub.interface as any).getFunction("enroll")) {
    for (const r of referrers) await (await (hub as any).enroll(r)).wait();
  }
  const fans: PlantedChain["fans"] = [];
  for (let i = 0; i < count; i += 50) {
    const fundings = Array.from({ length: Math.min(50, count - i) }, (_, k) => (o.funding ?? fundingOf)(i + k));
    const receipt = await (
      await farm.plant(addresses.Token, addresses.SubscriptionHub, 0, price, referrers, fundings, {
        gasLimit: 16_000_000,
      })
    ).wait();
    for (const log of receipt!.logs) {
      const parsed = farm.interface.parseLog(log);
      if (parsed?.name === "Planted") fans.push({ address: parsed.args.fan, funding: Number(parsed.args.funding) });
    }
  }
  const rpc = await serveRpc(connection.provider);
  return { connection, rpc, addresses, fans, keeper, hub };
}

/** Moves chain time forward and mines a block, so every 30-day subscription is due. */
export async function advance(connection: Connection, seconds: number): Promise<void> {
  await connection.provider.request({ method: "evm_increaseTime", params: [seconds] });
  await connection.provider.request({ method: "evm_mine", params: [] });
}

/** Per subscriber, the `Paid` and `SubscriptionEnded` events from block `fromBlock` on. */
export async function outcomes(c: PlantedChain, fromBlock: number) {
  const paid = await c.hub.queryFilter(c.hub.filters.Paid(), fromBlock);
  const ended = await c.hub.queryFilter(c.hub.filters.SubscriptionEnded(), fromBlock);
  const by = new Map<string, { paid: number; ended: number; reason?: number }>();
  const get = (a: string) =>
    by.get(a.toLowerCase()) ?? by.set(a.toLowerCase(), { paid: 0, ended: 0 }).get(a.toLowerCase())!;
  for (const e of paid) get((e as any).args.subscriber).paid++;
  for (const e of ended) {
    const o = get((e as any).args.subscriber);
    o.ended++;
    o.reason = Number((e as any).args.reason);
  }
  return by;
}

/** Every transaction the keeper sent from block `fromBlock` on: gas limit and gas used. */
export async function keeperTransactions(c: PlantedChain, fromBlock: number) {
  const { ethers } = c.connection;
  const head = await ethers.provider.getBlockNumber();
  const out: { hash: string; gasLimit: bigint; gasUsed: bigint; to: string }[] = [];
  for (let n = fromBlock; n <= head; n++) {
    const block = await ethers.provider.getBlock(n, true);
    for (const tx of block!.prefetchedTransactions) {
      if (tx.from.toLowerCase() !== c.keeper.toLowerCase()) continue;
      const receipt = await ethers.provider.getTransactionReceipt(tx.hash);
      out.push({ hash: tx.hash, gasLimit: tx.gasLimit, gasUsed: receipt!.gasUsed, to: tx.to! });
    }
  }
  return out;
}

export interface KeeperRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StopWhen {
  pattern: RegExp;
  /** Stop once this many stdout lines matched. */
  count: number;
  /** Runs before the signal is sent (e.g. to scrape the metrics endpoint). */
  onMatch?: (stdout: string) => Promise<void>;
  /** Default SIGKILL. */
  signal?: NodeJS.Signals;
}

/**
 * Runs `npm run keeper`'s script as a child process (asynchronously: this process serves its RPC). With `stop`,
 * sends it a signal as soon as enough stdout lines match.
 */
export function runKeeper(c: PlantedChain, rpcUrl: string, args: string[], stop?: StopWhen): Promise<KeeperRun> {
  const base = [
    "--rpc",
    rpcUrl,
    "--hub",
    c.addresses.SubscriptionHub,
    "--distributor",
    c.addresses.Distributor,
    "--growth-pool",
    c.addresses.GrowthPool,
    "--from-block",
    "0",
  ];
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      join(process.cwd(), "node_modules/.bin/node"),
      ["scripts/keeper/main.ts", ...base, ...args],
      { env: { ...process.env, KEEPER_PRIVATE_KEY: keeperKey() } },
    );
    let stdout = "";
    let stderr = "";
    let matched = 0;
    let fired = false;
    child.stdout!.on("data", async (d) => {
      const text = String(d);
      stdout += text;
      if (!stop || fired) return;
      for (const line of text.split("\n")) if (stop.pattern.test(line)) matched++;
      if (matched < stop.count) return;
      fired = true;
      await stop.onMatch?.(stdout).catch(reject);
      if (child.exitCode === null) child.kill(stop.signal ?? "SIGKILL");
    });
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export interface FaultProxy {
  url: string;
  counts: Record<"forwarded" | "dropped" | "droppedAfter" | "delayed" | "errored", number>;
  /** Faults injected per JSON-RPC method. */
  faulted: Record<string, number>;
  close: () => Promise<void>;
}

const KINDS = ["dropAfter", "drop", "delay", "error"] as const;

/**
 * A JSON-RPC proxy on 127.0.0.1 that fails one request in `every` of each method, deterministically (the 2nd,
 * 12th, 22nd… of each), cycling through: forwarded but the answer lost (the socket is destroyed after the node
 * ran it — for eth_sendRawTransaction, the transaction is in), dropped before forwarding, delayed past the
 * client's timeout, answered with HTTP 500 or a JSON-RPC internal error. A JSON-RPC batch counts as its first
 * request's method (run the client with batching off to fault every request alike).
 */
export async function faultProxy(upstream: string, every = 10, delayMs = 2_500): Promise<FaultProxy> {
  const target = new URL(upstream);
  const counts = { forwarded: 0, dropped: 0, droppedAfter: 0, delayed: 0, errored: 0 };
  const faulted: Record<string, number> = {};
  const seen = new Map<string, number>();
  let errors = 0;
  const forward = (body: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json" },
        },
        (res) => {
          let out = "";
          res.on("data", (d) => (out += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, body: out }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    let first: { id?: unknown; method?: string } = {};
    try {
      const msg = JSON.parse(body);
      first = Array.isArray(msg) ? (msg[0] ?? {}) : msg;
    } catch {
      /* forwarded as is */
    }
    const method = String(first.method);
    const n = seen.get(method) ?? 0;
    seen.set(method, n + 1);
    const kind = n % every === 1 ? KINDS[Math.floor(n / every) % KINDS.length] : "ok";
    if (kind !== "ok") faulted[method] = (faulted[method] ?? 0) + 1;
    if (kind === "drop") {
      counts.dropped++;
      req.socket.destroy();
      return;
    }
    if (kind === "delay") {
      counts.delayed++;
      await new Promise((r) => setTimeout(r, delayMs));
    }
    if (kind === "error") {
      counts.errored++;
      if (errors++ % 2 === 0) {
        res.statusCode = 500;
        res.end("upstream unavailable");
      } else {
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: first.id ?? null,
            error: { code: -32603, message: "internal error (injected)" },
          }),
        );
      }
      return;
    }
    const out = await forward(body).catch(() => ({ status: 502, body: "" }));
    if (kind === "dropAfter") {
      counts.droppedAfter++;
      req.socket.destroy();
      return;
    }
    counts.forwarded++;
    if (res.destroyed) return;
    res.statusCode = out.status;
    res.setHeader("content-type", "application/json");
    res.end(out.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    faulted,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
