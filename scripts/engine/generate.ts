// CLI: seeded synthetic periods for tests, benchmarks and the demo, written by DuckDB straight from
// SQL (range() + hash-based randomness), so 100M plays stream to Parquet without touching JS.
//   npm run generate -- --seed 7 --period 0 --plays 1000000 --subscribers 10000 --artists 1000 --out data/p0
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { cliArgs, type FlagSpec } from "./args.ts";
import { q } from "./inputs.ts";
import { Progress } from "./progress.ts";

export interface GenerateOptions {
  seed: number;
  /** 0-based period index: subscribers join and churn across periods. */
  period: number;
  plays: number;
  subscribers: number;
  artists: number;
  format: "csv" | "parquet";
  out: string;
  /** Share of referred subscribers whose referral share the hub paid on-chain. */
  onchainShare?: number;
  threads?: number;
  progress?: Progress;
}

/** A uniform double in [0, 1) from the seed, a salt and row values. */
const u = (seed: number, salt: number, ...cols: string[]) =>
  `(hash(${seed}::BIGINT, ${salt}::BIGINT, ${cols.join(", ")})::DOUBLE / 18446744073709551616.0)`;

export function generateSql(o: GenerateOptions): { artists: string; payments: string; plays: string } {
  const { seed, period: k, subscribers: S, artists: A, plays: P } = o;
  const onchain = o.onchainShare ?? 0.5;
  const zipfArtist = (salt: number, row: string) => `(floor(exp(${u(seed, salt, row)} * ln(${A} + 1)))::BIGINT - 1)`;
  const artists = `SELECT 'a' || i AS artist_id,
      '0x' || substr(sha256('${seed}:address:' || i), 1, 40) AS payout_address,
      'Artist ' || i AS name
    FROM range(${A}) r(i)`;
  // Subscriber i starts in period `start` (70% at 0) and stays `life` periods (geometric, mean ~6).
  const start = `(CASE WHEN ${u(seed, 1, "i")} < 0.7 THEN 0 ELSE floor(${u(seed, 2, "i")} * 6)::BIGINT END)`;
  const life = `(1 + floor(-ln(1 - ${u(seed, 3, "i")}) * 6)::BIGINT)`;
  const referred = `${u(seed, 4, "i")} < 0.3`;
  const campaigns = `['', 'launch', 'tour', 'holiday'][1 + floor(${u(seed, 6, "i")} * 4)::BIGINT]`;
  const price = `(CASE WHEN ${u(seed, 7, "i")} < 0.8 THEN 9990000 ELSE 14990000 END)`;
  const payments = `SELECT 'p' || ${k} || '-' || i AS payment_id, 's' || i AS subscriber_id,
      ${price}::BIGINT AS amount, (${price} * 60 // 100)::BIGINT AS pool_share,
      (CASE WHEN ${referred} THEN ${price} * 10 // 100 ELSE 0 END)::BIGINT AS referral_share,
      CASE WHEN ${referred} THEN 'a' || ${zipfArtist(5, "i")} ELSE '' END AS referrer_artist_id,
      (${referred} AND ${u(seed, 8, "i")} < ${onchain}) AS referral_paid_onchain,
      CASE WHEN ${referred} THEN ${campaigns} ELSE '' END AS campaign,
      (1735689600 + ${k} * 2592000 + floor(${u(seed, 9, "i", String(k))} * 2592000))::BIGINT AS paid_at
    FROM range(${S}) r(i)
    WHERE ${start} <= ${k} AND ${k} < ${start} + ${life}`;
  // 20% heavy listeners play 60% of the plays; 5% of subscribers play nothing (their plays go to the
  // next id); 70% of a subscriber's plays follow global Zipf popularity, 30% its own favourites; 3% of
  // plays are shorter than 30 s.
  const rawSub = `(CASE WHEN ${u(seed, 10, "j", String(k))} < 0.6
      THEN floor(${u(seed, 11, "j", String(k))} * ${Math.max(1, Math.floor(S * 0.2))})
      ELSE ${Math.floor(S * 0.2)} + floor(${u(seed, 11, "j", String(k))} * ${S - Math.floor(S * 0.2)}) END)::BIGINT`;
  const scrambled = `((${rawSub} * 1000003) % ${S})`;
  const plays = `SELECT 's' || sub AS subscriber_id,
      'a' || (CASE WHEN ${u(seed, 12, "j", String(k))} < 0.7 THEN ${zipfArtist(13, `j, ${k}`)}
        ELSE floor(${u(seed, 14, "sub", `floor(${u(seed, 15, "j", String(k))} * 5)::BIGINT`)} * ${A})::BIGINT END) AS artist_id,
      (CASE WHEN ${u(seed, 16, "j", String(k))} < 0.03 THEN floor(${u(seed, 17, "j", String(k))} * 30000)
        ELSE 30000 + floor(${u(seed, 17, "j", String(k))} * 240000) END)::BIGINT AS ms_played
    FROM (SELECT j, CASE WHEN ${u(seed, 18, "s0")} < 0.05 THEN (s0 + 1) % ${S} ELSE s0 END AS sub
          FROM (SELECT j, ${scrambled} AS s0 FROM range(${P}) r(j)))`;
  return { artists, payments, plays };
}

export async function generate(o: GenerateOptions): Promise<Record<string, string>> {
  if (o.subscribers < 1 || o.artists < 1 || o.plays < 0) throw new Error("need ≥ 1 subscriber and artist");
  const progress = o.progress ?? new Progress(false);
  mkdirSync(o.out, { recursive: true });
  const instance = await DuckDBInstance.create(":memory:", {
    threads: String(o.threads ?? 2),
    preserve_insertion_order: "true",
  });
  const conn = await instance.connect();
  const sql = generateSql(o);
  const opts =
    o.format === "parquet" ? "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)" : "(HEADER, DELIMITER ',')";
  const files: Record<string, string> = {};
  try {
    for (const name of ["artists", "payments", "plays"] as const) {
      const path = join(o.out, `${name}.${o.format}`);
      await progress.track(`generating ${name}`, conn, () => conn.run(`COPY (${sql[name]}) TO ${q(path)} ${opts}`));
      files[name] = path;
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return files;
}

const FLAGS: FlagSpec[] = [
  { name: "out", value: "dir", help: "folder for artists, payments and plays files" },
  { name: "seed", value: "n", help: "random seed", default: "1" },
  { name: "period", value: "k", help: "0-based period index (churn across periods)", default: "0" },
  { name: "plays", value: "n", help: "play rows", default: "100000" },
  { name: "subscribers", value: "n", help: "subscriber population across periods", default: "10000" },
  { name: "artists", value: "n", help: "artists in the registry", default: "1000" },
  { name: "format", value: "csv|parquet", help: "file format", default: "parquet" },
  {
    name: "onchain-share",
    value: "0..1",
    help: "share of referrals paid on-chain by the hub",
    default: "0.5",
  },
  { name: "threads", value: "n", help: "DuckDB threads", default: "2" },
];

async function main(argv: string[]): Promise<number> {
  const parsed = cliArgs(
    "generate",
    argv,
    FLAGS,
    "Writes a seeded synthetic period (artists, payments, plays) with heavy-tailed artist popularity, heavy and\nlight listeners, silent subscribers, referrals with campaigns, churn across periods and some plays under 30 s.\nSame flags and DuckDB version → identical files.",
  );
  if (typeof parsed === "number") return parsed;
  const args = parsed;
  if (typeof args.out !== "string") {
    process.stderr.write("generate: --out is required (see --help)\n");
    return 2;
  }
  const format = args.format;
  if (format !== "csv" && format !== "parquet") {
    process.stderr.write("generate: --format must be csv or parquet\n");
    return 2;
  }
  const ints = ["seed", "period", "plays", "subscribers", "artists", "threads"].map((f) => Number(args[f]));
  if (ints.some((n) => !Number.isSafeInteger(n) || n < 0)) {
    process.stderr.write(
      "generate: --seed, --period, --plays, --subscribers, --artists, --threads must be non-negative integers\n",
    );
    return 2;
  }
  const [seed, period, plays, subscribers, artists, threads] = ints;
  const t0 = performance.now();
  try {
    const files = await generate({
      seed,
      period,
      plays,
      subscribers,
      artists,
      format,
      out: args.out,
      threads,
      onchainShare: Number(args["onchain-share"]),
      progress: new Progress(process.stderr.isTTY === true),
    });
    process.stderr.write(
      `\r\x1b[Kgenerate: ${Object.values(files).join(", ")} in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`generate: error: ${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1]?.endsWith("generate.ts")) process.exitCode = await main(process.argv.slice(2));
