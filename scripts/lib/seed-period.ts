// Runs the attribution engine for one closed hub period: payments from the hub's `Paid` events, plays from
// the demo's synthetic listening, the artist registry; writes the period folder under the served directory
// (app/public/periods/<period>/) and records it in periods/index.json for the app.
import type { PeriodEntry } from "../../lib/publication/index.ts";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAbiItem, type Address, type PublicClient } from "viem";
import { csvLine, parseCsvLine } from "../../lib/publication/index.ts";
import { Progress } from "../engine/progress.ts";
import { runEngine } from "../engine/run.ts";
import { sha256 } from "../engine/previous.ts";
import { ROOT } from "./artifacts.ts";
import { fanPlays } from "./seed-plays.ts";

export const PERIODS_DIR = join(ROOT, "app", "public", "periods");
export const REGISTRY = join(PERIODS_DIR, "artists.csv");

const paidEvent = parseAbiItem(
  "event Paid(address indexed subscriber, address indexed referrer, uint256 indexed period, uint256 campaign, uint256 amount, uint256 referralPart, uint256 poolPart, uint256 paidThrough)",
);

export function readIndex(dir = PERIODS_DIR): PeriodEntry[] {
  const path = join(dir, "index.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")).periods as PeriodEntry[]) : [];
}

function writeIndex(entries: PeriodEntry[], dir = PERIODS_DIR): void {
  writeFileSync(join(dir, "index.json"), JSON.stringify({ periods: entries }, null, 2) + "\n");
}

/** The registry as artist id → payout address (lowercase). */
export function readRegistry(path = REGISTRY): Map<string, string> {
  const [, ...rows] = readFileSync(path, "utf8").trim().split("\n");
  return new Map(rows.map((r) => parseCsvLine(r)).map(([id, address]) => [id, address.toLowerCase()]));
}

export function writeRegistry(artists: { id: string; payout: Address; name: string }[], path = REGISTRY): void {
  mkdirSync(PERIODS_DIR, { recursive: true });
  writeFileSync(
    path,
    csvLine(["artist_id", "payout_address", "name"]) + artists.map((a) => csvLine([a.id, a.payout, a.name])).join(""),
  );
}

/** Runs the engine for closed hub period `hubPeriod` and returns its index entry (root null if nothing to pay). */
export async function runPeriod(client: PublicClient, hub: Address, hubPeriod: number): Promise<PeriodEntry> {
  const registry = readRegistry();
  const artistOf = new Map([...registry].map(([id, address]) => [address, id]));
  const artistIds = [...registry.keys()];
  const logs = await client.getLogs({
    address: hub,
    event: paidEvent,
    args: { period: BigInt(hubPeriod) },
    fromBlock: 0n,
  });
  const blockTimes = new Map<bigint, bigint>();
  let payments = csvLine([
    "payment_id",
    "subscriber_id",
    "amount",
    "pool_share",
    "referral_share",
    "referrer_artist_id",
    "referral_paid_onchain",
    "campaign",
    "paid_at",
  ]);
  let plays = csvLine(["subscriber_id", "artist_id", "ms_played"]);
  const played = new Set<string>();
  for (const log of logs) {
    const a = log.args;
    if (!blockTimes.has(log.blockNumber))
      blockTimes.set(log.blockNumber, (await client.getBlock({ blockNumber: log.blockNumber })).timestamp);
    const subscriber = a.subscriber!.toLowerCase();
    const referrer = artistOf.get(a.referrer!.toLowerCase()) ?? "";
    // A referrer outside the registry (not a demo artist) still got its share on-chain; the engine sees no referrer.
    const referral = referrer ? a.referralPart! : 0n;
    payments += csvLine([
      `${log.transactionHash}:${log.logIndex}`,
      subscriber,
      String(a.amount),
      String(a.poolPart),
      String(referral),
      referrer,
      referrer ? "true" : "false",
      referrer ? String(a.campaign) : "",
      String(blockTimes.get(log.blockNumber)),
    ]);
    if (played.has(subscriber)) continue;
    played.add(subscriber);
    const seed = Number(BigInt(subscriber) % 1_000_000n) * 31 + hubPeriod;
    for (const p of fanPlays(subscriber, referrer || undefined, artistIds, seed)) {
      plays += csvLine([p.subscriberId, p.artistId, String(p.msPlayed)]);
    }
  }

  const inputs = mkdtempSync(join(tmpdir(), "gapless-seed-"));
  try {
    writeFileSync(join(inputs, "payments.csv"), payments);
    writeFileSync(join(inputs, "plays.csv"), plays);
    const index = readIndex().filter((e) => e.hubPeriod !== hubPeriod);
    const previous = index.filter((e) => e.hubPeriod < hubPeriod).at(-1);
    const period = String(hubPeriod);
    const out = join(PERIODS_DIR, period);
    const { manifest } = await runEngine({
      payments: join(inputs, "payments.csv"),
      plays: join(inputs, "plays.csv"),
      artists: REGISTRY,
      period,
      out,
      previous: previous ? join(PERIODS_DIR, previous.period) : undefined,
      force: true,
      progress: new Progress(false),
    });
    const entry: PeriodEntry = {
      period,
      hubPeriod,
      root: (manifest.root as `0x${string}` | null) ?? null,
      cumulativeTotal: String(manifest.cumulative_total),
      uri: `/periods/${period}/`,
      dataHash: `0x${sha256(readFileSync(join(out, "manifest.json")))}`,
    };
    writeIndex([...index, entry].sort((x, y) => x.hubPeriod - y.hubPeriod));
    return entry;
  } finally {
    rmSync(inputs, { recursive: true, force: true });
  }
}
