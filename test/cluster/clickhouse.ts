// A ClickHouse cluster of two shards on this machine, for the cluster test and `npm run bench:engine`:
// two plain clickhouse-server processes (Debian's package), each with its own config, data folder and
// free ports (never the defaults), both declaring the cluster `gapless` (one replica per shard) in
// remote_servers; each holds a local MergeTree table `plays_local` and a Distributed table `plays`
// over both. Queries go over the HTTP interface (ClickHouse 18.16 predates what @clickhouse/client
// speaks); the caller stops the servers.
import { spawn, type ChildProcess } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { freePort } from "../e2e/stack.ts";

/** Where Debian's clickhouse-server package puts the server (older packages: the one `clickhouse` binary). */
const SERVER_BINARIES = ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server", "/usr/bin/clickhouse"];

export function clickhouseServer(): string | undefined {
  return SERVER_BINARIES.find((p) => existsSync(p));
}

interface Server {
  http: number;
  tcp: number;
  interserver: number;
  dir: string;
  child?: ChildProcess;
}

export interface Cluster {
  /** HTTP URLs of the shards' servers, shard 1 first. */
  urls: string[];
  /** Runs `sql` on shard `shard` (0-based); with `body`, the body is the data of an INSERT … FORMAT. */
  query(sql: string, options?: { shard?: number; body?: string | Uint8Array; file?: string }): Promise<string>;
  /** Runs `sql` on shard 1 and streams its answer into the file `out` (an answer may pass a JS string's limit). */
  queryToFile(sql: string, out: string): Promise<void>;
  stop(): Promise<void>;
}

const TABLE = `(subscriber_id String, artist_id String, ms_played UInt64)`;

function config(s: Server, servers: Server[]): string {
  const shards = servers
    .map((x) => `<shard><replica><host>127.0.0.1</host><port>${x.tcp}</port></replica></shard>`)
    .join("");
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${s.dir}/server.log</log><errorlog>${s.dir}/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${s.http}</http_port>
  <tcp_port>${s.tcp}</tcp_port>
  <interserver_http_port>${s.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${s.dir}/data/</path>
  <tmp_path>${s.dir}/tmp/</tmp_path>
  <user_files_path>${s.dir}/user_files/</user_files_path>
  <format_schema_path>${s.dir}/format_schemas/</format_schema_path>
  <users_config>${s.dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <max_concurrent_queries>16</max_concurrent_queries>
  <mlock_executable>false</mlock_executable>
  <remote_servers><gapless>${shards}</gapless></remote_servers>
</yandex>
`;
}

// Each query may hold 2 GB; a GROUP BY beyond 1 GB spills to disk, and the initiator merges the shards'
// partial aggregates bucket by bucket (at 100M plays the in-memory merge needed more than 2 GB).
const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><max_threads>2</max_threads><max_bytes_before_external_group_by>1000000000</max_bytes_before_external_group_by><distributed_aggregation_memory_efficient>1</distributed_aggregation_memory_efficient></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

async function requestToFile(url: string, sql: string, out: string): Promise<void> {
  const r = await fetch(`${url}/`, { method: "POST", body: sql });
  if (!r.ok || !r.body) throw new Error(`ClickHouse ${url}: HTTP ${r.status}: ${(await r.text()).trim()}\n${sql}`);
  await pipeline(Readable.fromWeb(r.body as NodeReadableStream), createWriteStream(out));
}

async function request(url: string, sql: string, body?: string | Uint8Array, file?: string): Promise<string> {
  const withData = body !== undefined || file !== undefined;
  const data = file ? (Readable.toWeb(createReadStream(file)) as ReadableStream) : body;
  const init: RequestInit & { duplex?: "half" } = withData
    ? { method: "POST", body: data as NonNullable<RequestInit["body"]>, duplex: "half" }
    : { method: "POST", body: sql };
  const r = await fetch(withData ? `${url}/?query=${encodeURIComponent(sql)}` : `${url}/`, init);
  const text = await r.text();
  if (!r.ok) throw new Error(`ClickHouse ${url}: HTTP ${r.status}: ${text.trim()}\n${sql}`);
  return text;
}

/** Attempts at starting the cluster when a port picked free was taken before a server bound it. */
const START_ATTEMPTS = 3;

/**
 * Starts two servers under `dir` and creates the tables; rejects (stopping them) if either fails. Six
 * distinct free ports are picked; another process can still take one before the server binds it, so on
 * "Address already in use" the cluster is started again on new ports (START_ATTEMPTS in all).
 */
export async function startCluster(
  dir: string,
  timeoutMs = 60_000,
  pickPorts: (n: number) => Promise<number[]> = distinctFreePorts,
): Promise<Cluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce(join(dir, attempt === 1 ? "" : `attempt${attempt}`), timeoutMs, pickPorts);
    } catch (e) {
      if (attempt >= START_ATTEMPTS || !/Address already in use/.test((e as Error).message)) throw e;
    }
  }
}

/** n distinct ports nothing listens on right now. */
export async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

async function startClusterOnce(
  dir: string,
  timeoutMs: number,
  pickPorts: (n: number) => Promise<number[]>,
): Promise<Cluster> {
  const binary = clickhouseServer();
  if (!binary) throw new Error("clickhouse-server is not installed (apt-get install clickhouse-server)");
  const ports = await pickPorts(6);
  const servers: Server[] = [0, 1].map((i) => ({
    http: ports[3 * i],
    tcp: ports[3 * i + 1],
    interserver: ports[3 * i + 2],
    dir: join(dir, `shard${i + 1}`),
  }));
  const urls = servers.map((s) => `http://127.0.0.1:${s.http}`);
  const stop = async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            const child = s.child;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
            child.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  };
  try {
    for (const s of servers) {
      for (const d of ["data", "tmp", "user_files", "format_schemas"]) mkdirSync(join(s.dir, d), { recursive: true });
      writeFileSync(join(s.dir, "config.xml"), config(s, servers));
      writeFileSync(join(s.dir, "users.xml"), USERS);
      const out = openSync(join(s.dir, "stdout.log"), "a");
      const args = binary.endsWith("/clickhouse")
        ? ["server", `--config-file=${s.dir}/config.xml`]
        : [`--config-file=${s.dir}/config.xml`];
      s.child = spawn(binary, args, { cwd: s.dir, stdio: ["ignore", out, out] });
    }
    const deadline = Date.now() + timeoutMs;
    for (const [i, s] of servers.entries()) {
      for (;;) {
        if (s.child!.exitCode !== null) {
          const log = ["stdout.log", "server.err.log"]
            .map((f) => (existsSync(join(s.dir, f)) ? readFileSync(join(s.dir, f), "utf8") : ""))
            .join("");
          throw new Error(`clickhouse-server (shard ${i + 1}) exited with ${s.child!.exitCode}:\n${log.slice(-2000)}`);
        }
        // Bounded: whatever else holds the port may accept the connection and never answer.
        const ok = await fetch(`${urls[i]}/ping`, { signal: AbortSignal.timeout(2000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`clickhouse-server (shard ${i + 1}) not up after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    for (const url of urls) {
      await request(url, `CREATE TABLE plays_local ${TABLE} ENGINE = MergeTree() ORDER BY (subscriber_id, artist_id)`);
      await request(
        url,
        `CREATE TABLE plays AS plays_local ENGINE = Distributed(gapless, default, plays_local, cityHash64(subscriber_id))`,
      );
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    urls,
    query: (sql, o = {}) => request(urls[o.shard ?? 0], sql, o.body, o.file),
    queryToFile: (sql, out) => requestToFile(urls[0], sql, out),
    stop,
  };
}
