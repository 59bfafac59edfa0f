// Runs the attribution engine for one closed hub period the way a platform would, through the CLIs'
// functions: the hub's payments of that period read by lib/chain's decoder (readHubPayments, as
// `npm run engine -- --rpc --hub` does), plays made up by the demo's synthetic listening, then
// runEngineFromHub writes the period folder under the served directory (app/public/periods/<period>/)
// and the period is recorded in periods/index.json (publish records it again when it proposes the root).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address } from "viem";
import { subscriptionHubAbi } from "../../lib/chain/abis.ts";
import { readHubPayments } from "../../lib/chain/hub-payments.ts";
import { inBlockRanges, type Reader } from "../../lib/chain/read.ts";
import { csvLine, parsePeriodsIndex, periodEntry, type PeriodEntry } from "../../lib/publication/index.ts";
import { readRegistry, runEngineFromHub } from "../engine/hub-events.ts";
import { Progress } from "../engine/progress.ts";
import { sha256 } from "../engine/previous.ts";
import { writePeriodsIndex } from "../engine/publish-period.ts";
import { ROOT } from "./artifacts.ts";
import { readDeployBlocks } from "./deployments.ts";
import { fanPlays } from "./seed-plays.ts";

export const PERIODS_DIR = join(ROOT, "app", "public", "periods");
export const REGISTRY = join(PERIODS_DIR, "artists.csv");
const INDEX = join(PERIODS_DIR, "index.json");

export function readIndex(path = INDEX): PeriodEntry[] {
  return existsSync(path) ? parsePeriodsIndex(readFileSync(path, "utf8"), path).periods : [];
}

export function writeRegistry(artists: { id: string; payout: Address; name: string }[], path = REGISTRY): void {
  mkdirSync(PERIODS_DIR, { recursive: true });
  writeFileSync(
    path,
    csvLine(["artist_id", "payout_address", "name"]) + artists.map((a) => csvLine([a.id, a.payout, a.name])).join(""),
  );
}

/** The block range of hub period `hubPeriod`: from the previous close (or the hub's deploy block) to its close. */
async function periodBlocks(
  client: Reader,
  hub: Address,
  hubPeriod: number,
): Promise<{ fromBlock: bigint; toBlock: bigint }> {
  const deployed = BigInt(readDeployBlocks(await client.getChainId()).SubscriptionHub ?? 0);
  const closes = await inBlockRanges(client, { fromBlock: deployed }, (fromBlock, toBlock) =>
    client.getContractEvents({ address: hub, abi: subscriptionHubAbi, eventName: "PeriodClosed", fromBlock, toBlock }),
  );
  const blockOf = (p: number) => closes.find((l) => l.args.period === BigInt(p))?.blockNumber;
  const toBlock = blockOf(hubPeriod);
  if (toBlock === undefined) throw new Error(`hub period ${hubPeriod} is not closed yet`);
  return { fromBlock: hubPeriod === 0 ? deployed : (blockOf(hubPeriod - 1) ?? deployed), toBlock };
}

/** Runs the engine for closed hub period `hubPeriod` and returns its index entry (root null if nothing to pay). */
export async function runPeriod(client: Reader, hub: Address, hubPeriod: number): Promise<PeriodEntry> {
  const blocks = await periodBlocks(client, hub, hubPeriod);
  const range = { client, hub, ...blocks, hubPeriod: BigInt(hubPeriod) };
  const registry = await readRegistry(REGISTRY);
  const hubPayments = await readHubPayments(range, registry);
  const artistIds = [...registry.keys()];

  // The demo's listening: each paying fan plays a few registered artists, its referrer's more often.
  let plays = csvLine(["subscriber_id", "artist_id", "ms_played"]);
  const played = new Set<string>();
  for (const p of hubPayments.payments) {
    if (played.has(p.subscriberId)) continue;
    played.add(p.subscriberId);
    const referrer = registry.has(p.referrerArtistId) ? p.referrerArtistId : undefined;
    const seed = Number(BigInt(p.subscriberId) % 1_000_000n) * 31 + hubPeriod;
    for (const row of fanPlays(p.subscriberId, referrer, artistIds, seed)) {
      plays += csvLine([row.subscriberId, row.artistId, row.msPlayed]);
    }
  }

  const inputs = mkdtempSync(join(tmpdir(), "gapless-seed-"));
  try {
    writeFileSync(join(inputs, "plays.csv"), plays);
    const index = readIndex().filter((e) => e.hubPeriod !== hubPeriod);
    const previous = index.filter((e) => e.hubPeriod !== null && e.hubPeriod < hubPeriod).at(-1);
    const period = String(hubPeriod);
    const out = join(PERIODS_DIR, period);
    const { manifest } = await runEngineFromHub(
      {
        ...range,
        plays: join(inputs, "plays.csv"),
        artists: REGISTRY,
        period,
        out,
        previous: previous ? join(PERIODS_DIR, previous.period) : undefined,
        force: true,
        progress: new Progress(false),
      },
      hubPayments,
    );
    const entry = periodEntry(manifest, sha256(readFileSync(join(out, "manifest.json"))), `/periods/${period}/`);
    writePeriodsIndex(INDEX, entry);
    return entry;
  } finally {
    rmSync(inputs, { recursive: true, force: true });
  }
}
