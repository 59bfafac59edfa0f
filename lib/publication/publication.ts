// Everything a period folder holds besides the data files the SQL side writes (payments.csv,
// plays.csv, artists.csv): the distribution dump, proof shards, statements and the manifest.
import { canonicalJson } from "./canonical.ts";
import type { FanRowsCommitment } from "./fan-rows.ts";
import { artistSumsProblem, conservationProblem } from "../rules/conservation.ts";
import { cumulativeLeaves } from "../rules/leaves.ts";
import { buildTree, type DistributionTree } from "./merkle.ts";
import { eachProofShard, shardPrefixLength } from "./shards.ts";
import { STATEMENTS_CSV_HEADER, eachStatement, statementCsvRows, statementJson, type Lifetime } from "./statements.ts";
import { CAMPAIGNS_FILE, campaignsCsv, checkCampaignsKept } from "./campaigns.ts";
import {
  RULES_VERSION,
  compareStrings,
  type Artist,
  type CampaignPayouts,
  type PeriodAllocation,
} from "../rules/types.ts";

/** What the engine needs from the previous period's folder. */
export interface PreviousPublication {
  period: string;
  root: string | null;
  manifestSha256: string;
  cumulativeTotal: bigint;
  carryOut: bigint;
  leaves: Map<string, bigint>;
  lifetime: Map<string, Lifetime>;
  /** Its campaign registry (campaigns.csv); empty when it had none. */
  campaigns: CampaignPayouts;
}

export interface InputFile {
  file: string;
  format: "csv" | "parquet";
  sha256: string;
  /** Rows read: plays, or (counted) pairs. */
  rows: number;
  /** The plays input held counted plays per pair (a warehouse's aggregation), not raw plays. */
  counted?: true;
}

/** Where a period's payments were read when they are a hub's Paid events: the audit re-reads the same range. */
export interface HubEvents {
  hub: string;
  fromBlock: bigint;
  toBlock: bigint;
  /** The hub period the payments were filtered to, if any. */
  hubPeriod?: bigint;
}

export interface PublicationInput {
  period: string;
  hubEvents?: HubEvents;
  allocation: PeriodAllocation;
  artists: ReadonlyMap<string, Artist>;
  previous: PreviousPublication | null;
  inputs: { payments: InputFile; plays: InputFile; artists: InputFile; campaigns?: InputFile };
  /** Campaigns paid to their own payout address (the campaigns input); none when absent. */
  campaigns?: CampaignPayouts;
  /** sha256 of the data files already in the folder (payments.csv, plays.csv, artists.csv). */
  dataFiles: Record<string, string>;
  /** Committed mode: the root over the per-fan rows, which then stay out of the published folder. */
  fanRows?: FanRowsCommitment;
  sha256: (data: Uint8Array) => string;
}

export interface Publication {
  /** Relative path → content, manifest.json included. */
  files: Map<string, Uint8Array>;
  manifest: Record<string, unknown>;
  tree: DistributionTree | null;
}

/** sha256sum-style digest of a set of files: sha256 of "<sha256>  <path>\n" lines sorted by path. */
export function digestOf(hashes: ReadonlyMap<string, string>, sha256: (d: Uint8Array) => string): string {
  const lines = [...hashes.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([path, h]) => `${h}  ${path}\n`)
    .join("");
  return sha256(new TextEncoder().encode(lines));
}

/**
 * Where preparePublication hands each file as soon as it is built (the engine writes it to disk, the audit
 * compares it with the published one), so a million artists' statements and proofs are never all held.
 */
export type FileSink = (path: string, bytes: Uint8Array) => void;

/** Everything but the manifest, which needs the data files' hashes: the engine builds this while it writes them. */
export interface PreparedPublication {
  /** Relative path → content, without manifest.json; empty when the files went to a sink. */
  files: Map<string, Uint8Array>;
  /** How many files were built (manifest.json not included). */
  count: number;
  tree: DistributionTree | null;
  /** Adds manifest.json, given the sha256 of the data files (and, in committed mode, the per-fan rows' root). */
  finish(dataFiles: Record<string, string>, fanRows?: FanRowsCommitment): Publication;
}

export function preparePublication(
  input: Omit<PublicationInput, "dataFiles" | "fanRows">,
  sink?: FileSink,
): PreparedPublication {
  const { period, allocation, artists, previous, sha256 } = input;
  const enc = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  const topLevelHashes = new Map<string, string>();
  let count = 0;
  const emit = (path: string, bytes: Uint8Array): string => {
    count++;
    if (sink) sink(path, bytes);
    else files.set(path, bytes);
    return sha256(bytes);
  };
  const t = allocation.totals;
  if (previous && previous.carryOut !== t.carryIn) {
    throw new Error(`carry-in ${t.carryIn} differs from the previous period's carry ${previous.carryOut}`);
  }

  // A campaign's payout is fixed for good: this period's registry keeps every campaign the previous one had.
  const campaigns = input.campaigns ?? previous?.campaigns ?? new Map<string, string>();
  if (previous) checkCampaignsKept(previous.campaigns, campaigns);
  const leaves = cumulativeLeaves(allocation, artists, previous?.leaves ?? new Map(), campaigns);
  let cumulative = 0n;
  let increase = 0n;
  for (const l of leaves) {
    cumulative += l.amount;
    increase += l.period;
  }
  const previousTotal = previous?.cumulativeTotal ?? 0n;
  // Nothing is written unless the allocation conserves: allocated + carry_out == funded, carry_out ≥ 0,
  // every total the sum of its parts, and the leaves' increase exactly what was allocated.
  const problem =
    conservationProblem(t) ??
    artistSumsProblem(t, allocation.artists) ??
    (increase !== t.allocated ? `the leaves grow by ${increase}, not by the ${t.allocated} allocated` : undefined) ??
    (cumulative !== previousTotal + t.allocated
      ? `the leaves add up to ${cumulative}, not the previous ${previousTotal} + ${t.allocated} allocated`
      : undefined);
  if (problem) throw new Error(`period ${period} does not conserve, nothing written: ${problem}`);

  // The statements first: they are most of the files, so a sink that writes them to disk (the engine's
  // writer thread) is busy while the tree and proofs are built.
  const statementHashes = new Map<string, string>();
  const csv: string[] = [STATEMENTS_CSV_HEADER];
  const lifetime = previous?.lifetime ?? new Map();
  for (const s of eachStatement(RULES_VERSION, period, allocation, artists, lifetime, campaigns)) {
    const path = `statements/${encodeURIComponent(s.artist_id)}.json`;
    statementHashes.set(path, emit(path, enc.encode(statementJson(s))));
    csv.push(statementCsvRows(s));
  }
  topLevelHashes.set("statements.csv", emit("statements.csv", enc.encode(csv.join(""))));
  if (campaigns.size > 0) topLevelHashes.set(CAMPAIGNS_FILE, emit(CAMPAIGNS_FILE, enc.encode(campaignsCsv(campaigns))));

  const tree = leaves.length > 0 ? buildTree(leaves) : null;
  const root = tree ? tree.root : null;
  const prefixLength = shardPrefixLength(leaves.length);
  const proofHashes = new Map<string, string>();
  if (tree) {
    topLevelHashes.set("distribution.json", emit("distribution.json", tree.dumpBytes()));
    for (const shard of eachProofShard(tree, root!, prefixLength)) {
      const path = `proofs/${shard.prefix}.json`;
      proofHashes.set(path, emit(path, enc.encode(shard.json)));
    }
  }

  const finish = (dataFiles: Record<string, string>, fanRows?: FanRowsCommitment): Publication => {
    const topLevel: Record<string, string> = { ...dataFiles, ...Object.fromEntries(topLevelHashes) };

    const manifest = {
      format: "gapless-manifest-v1",
      rules_version: RULES_VERSION,
      period,
      previous: previous
        ? { period: previous.period, root: previous.root, manifest_sha256: previous.manifestSha256 }
        : null,
      inputs: input.inputs,
      hub_events: input.hubEvents
        ? {
            hub: input.hubEvents.hub,
            from_block: input.hubEvents.fromBlock,
            to_block: input.hubEvents.toBlock,
            hub_period: input.hubEvents.hubPeriod,
          }
        : undefined,
      totals: {
        payments: t.payments,
        paying_subscribers: t.payingSubscribers,
        unplayed_subscribers: t.unplayedSubscribers,
        amount: t.amount,
        pool_shares: t.poolShares,
        referral_onchain: t.referralOnchain,
        referral_offchain: t.referralOffchain,
        pool: t.pool,
        unplayed_pool: t.unplayedPool,
        counted_plays: t.countedPlays,
        play_pairs: t.playPairs,
        user_centric: t.userCentric,
        unplayed: t.unplayed,
        allocated: t.allocated,
        funded: t.funded,
      },
      carry_in: t.carryIn,
      carry_out: t.carryOut,
      root,
      leaves: leaves.length,
      cumulative_total: cumulative,
      previous_cumulative_total: previousTotal,
      proofs: {
        prefix_length: prefixLength,
        shards: proofHashes.size,
        sha256: digestOf(proofHashes, sha256),
      },
      statements: { count: statementHashes.size, sha256: digestOf(statementHashes, sha256) },
      files: topLevel,
      fan_rows: fanRows,
    };
    const all = new Map(files);
    all.set("manifest.json", enc.encode(canonicalJson(manifest)));
    return { files: all, manifest, tree };
  };
  return { files, count, tree, finish };
}
