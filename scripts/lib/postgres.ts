// A throwaway PostgreSQL server (Debian's postgresql-15) in a temporary directory on a free port, for tests and
// benchmarks. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = process.env.GAPLESS_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface Postgres {
  url: string;
  stop(): void;
}

export function startPostgres(port: number): Postgres {
  const dir = mkdtempSync(join(tmpdir(), "gapless-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [bin, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(BIN, cmd), ...args]]
      : [join(BIN, cmd), args];
    const r = spawnSync(bin, argv, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const id = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(dir, id, gid);
    chmodSync(dir, 0o700);
  }
  run("initdb", ["-D", data, "--auth=trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
