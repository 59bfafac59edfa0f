// The engine command's work: inputs → validated tables → allocation (SQL) → period folder.
import { createHash } from "node:crypto";
import { createReadStream, readFileSync, renameSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { RULES_VERSION, compareStrings, type Artist, type PeriodAllocation } from "../../lib/rules/index.ts";
import {
  FAN_ROW_FILES,
  fanRowsCommitment,
  parseCampaigns,
  preparePublication,
  csvLine,
  type FanRowsCommitment,
  type HubEvents,
  type InputFile,
} from "../../lib/publication/index.ts";
import { toChecksumAddress } from "../../lib/chain/index.ts";
import { InputError } from "./errors.ts";
import { TempFolder } from "./folder.ts";
import { loadArtists, loadPayments, loadPlays, openSource, q, type Source } from "./inputs.ts";
import { dictionary, streamPlaysCsv, type PlaysCsv } from "./plays-csv.ts";
import { readPrevious, sha256 } from "./previous.ts";
import { Progress } from "./progress.ts";
import { prepareAllocation } from "./sql-allocate.ts";
import { pseudonymise, pseudonymsFor } from "./pseudonymise.ts";

export interface EngineOptions {
  payments: string;
  /** Raw plays, or with `counted` the counted plays per (subscriber, artist) (plays.csv's form). */
  plays: string;
  counted?: boolean;
  artists: string;
  /** Campaigns with a payout address of their own (CSV: artist_id, campaign, payout_address); optional. */
  campaigns?: string;
  period: string;
  out: string;
  previous?: string;
  rules?: string;
  force?: boolean;
  threads?: number;
  memoryLimit?: string;
  /** Where DuckDB spills what exceeds memoryLimit (default: DuckDB's, `.tmp` in the working directory). */
  tempDirectory?: string;
  progress?: Progress;
  /**
   * The platform's pseudonym key: subscriber and payment ids are published as per-period pseudonyms
   * (lib/publication/pseudonyms.ts) and payment times by the day. Without it the ids are published as
   * given, so the caller vouches that they are pseudonymous already (the CLI refuses without a key
   * unless told so).
   */
  pseudonymKey?: Uint8Array;
  /**
   * Committed mode: payments.csv and plays.csv go to this folder (for registered auditors only) instead
   * of the published one, whose manifest commits to them with a Merkle root over the per-fan rows.
   */
  rowsOut?: string;
  /** When the payments are the hub's Paid events: where they were read (recorded in the manifest). */
  hubEvents?: HubEvents;
}

export interface EngineResult {
  manifest: Record<string, unknown>;
  /**
   * With a pseudonym key: the fewest fans sharing one (referrer, campaign, amount, parts, day) pattern,
   * i.e. the smallest crowd a fan hides in against the hub's public events (null without payments).
   */
  smallestCrowd?: number | null;
  allocation: PeriodAllocation;
  out: string;
}

export const PERIOD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path, { highWaterMark: 1 << 22 })
      .on("data", (d) => h.update(d))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject);
  });
}

export async function runEngine(o: EngineOptions): Promise<EngineResult> {
  const progress = o.progress ?? new Progress();
  if ((o.rules ?? RULES_VERSION) !== RULES_VERSION)
    throw new Error(`unknown rules version ${o.rules} (this engine implements ${RULES_VERSION})`);
  if (!PERIOD_ID.test(o.period))
    throw new Error(`bad period id ${JSON.stringify(o.period)}: letters, digits, . _ - (max 64)`);

  if (o.rowsOut !== undefined && !relative(resolve(o.out), resolve(o.rowsOut)).startsWith(".."))
    throw new Error(`the auditors' rows folder ${o.rowsOut} must be outside the published folder ${o.out}`);
  progress.phase("reading previous publication");
  const previous = o.previous ? readPrevious(o.previous) : null;

  const instance = await DuckDBInstance.create(":memory:", {
    threads: String(o.threads ?? 2),
    memory_limit: o.memoryLimit ?? "2500MB",
    preserve_insertion_order: "true",
    ...(o.tempDirectory ? { temp_directory: o.tempDirectory } : {}),
  });
  const conn = await instance.connect();
  let folder: TempFolder | undefined;
  let rowsFolder: TempFolder | undefined;
  let smallestCrowd: number | null | undefined;
  let dataWritten: Promise<void> | undefined;
  let playsCsv: Promise<PlaysCsv> | undefined;
  try {
    const sources: Record<"payments" | "plays" | "artists", Source> = {
      artists: await openSource(conn, "artists", o.artists),
      payments: await openSource(conn, "payments", o.payments),
      plays: await openSource(conn, o.counted ? "counted" : "plays", o.plays),
    };
    const inputHashes = Promise.all([o.payments, o.plays, o.artists].map(sha256File));

    progress.phase("validating artists");
    const artists = await loadArtists(conn, sources.artists);
    progress.phase("validating payments");
    const paymentRows = await loadPayments(conn, sources.payments);
    const key = o.pseudonymKey;
    const campaignsBytes = o.campaigns ? readFileSync(o.campaigns) : undefined;
    const campaigns = campaignsBytes ? parseCampaigns(campaignsBytes, artists, o.campaigns) : undefined;
    const plays = await loadPlays(
      conn,
      sources.plays,
      progress,
      key &&
        (async (rawIds) => {
          smallestCrowd = await pseudonymise(conn, rawIds, pseudonymsFor(key, o.period));
        }),
    );

    progress.phase("allocating: pool shares and referrals");
    const allocator = await prepareAllocation(conn, plays, previous?.carryOut ?? 0n);

    folder = new TempFolder(o.out, o.force ?? false);
    const dir = folder.path;
    // This thread reads the pairs out of DuckDB once, allocating as they pass; a worker writes them
    // as plays.csv, and DuckDB writes payments.csv on a second connection, while this
    // thread builds the tree, proofs and statements and the folder's writer thread writes them; only
    // the manifest waits for all of them (it holds the data files' hashes).
    progress.phase("allocating: pairs (and handing them to the plays.csv writer)");
    const paymentsConn = await instance.connect();
    dataWritten = paymentsConn
      .run(
        `COPY (SELECT payment_id, subscriber_id, amount, pool_share, referral_share, referrer_artist_id,
           referral_paid_onchain, campaign, paid_at FROM payments ORDER BY payment_id)
         TO ${q(join(dir, "payments.csv"))} (HEADER, DELIMITER ',')`,
      )
      .then(() => paymentsConn.closeSync());
    dataWritten.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const pairs = await streamPlaysCsv(
      conn,
      join(dir, "plays.csv"),
      plays.artistBits,
      dictionary(plays.artistIds),
      (sid, aid, n, count) => allocator.add(sid, aid, n, count),
    );
    playsCsv = pairs.finished;
    // Every pair has been read: DuckDB's copy of them (spilled or in memory) is no longer needed
    // while the tree, proofs and statements are built.
    await conn.run("DROP TABLE pk; DROP TABLE subs");
    const allocation = allocator.finish();
    progress.phase("waiting for the input files' hashes");
    const [hPayments, hPlays, hArtists] = await inputHashes;
    progress.phase("building and writing tree, proofs and statements");
    folder.write("artists.csv", artistsCsv(artists));
    const input = (path: string, sha: string, rows: number, src: Source): InputFile => ({
      file: basename(path),
      format: src.format,
      sha256: sha,
      rows,
      ...(src.kind === "counted" ? { counted: true } : {}),
    });
    const prepared = preparePublication(
      {
        period: o.period,
        allocation,
        artists,
        previous,
        campaigns,
        hubEvents: o.hubEvents,
        inputs: {
          payments: input(o.payments, hPayments, paymentRows, sources.payments),
          plays: input(o.plays, hPlays, plays.rows, sources.plays),
          artists: input(o.artists, hArtists, artists.size, sources.artists),
          ...(campaignsBytes && {
            campaigns: {
              file: basename(o.campaigns!),
              format: "csv",
              sha256: sha256(campaignsBytes),
              rows: campaigns!.size,
            },
          }),
        },
        sha256,
      },
      (path, bytes) => folder!.write(path, bytes),
    );
    progress.phase("writing plays.csv and payments.csv");
    const [, playsWritten] = await Promise.all([dataWritten, playsCsv]);
    progress.phase("writing the last statement and proof files");
    await folder.flush(); // artists.csv is hashed from disk below
    progress.phase("hashing data files");
    const dataFiles: Record<string, string> = { "plays.csv": playsWritten.sha256 };
    const names = ["artists.csv", "payments.csv"];
    const hashes = await Promise.all(names.map((name) => sha256File(join(dir, name))));
    names.forEach((name, i) => (dataFiles[name] = hashes[i]));
    let fanRows: FanRowsCommitment | undefined;
    if (o.rowsOut !== undefined) {
      progress.phase("committing to the per-fan rows");
      rowsFolder = new TempFolder(o.rowsOut, o.force ?? false);
      fanRows = fanRowsCommitment(
        readFileSync(join(dir, "payments.csv")),
        readFileSync(join(dir, "plays.csv")),
      ).commitment;
      for (const name of Object.keys(FAN_ROW_FILES)) renameSync(join(dir, name), join(rowsFolder.path, name));
    }
    const publication = prepared.finish(dataFiles, fanRows);
    folder.write("manifest.json", publication.files.get("manifest.json")!);
    await rowsFolder?.commit();
    rowsFolder = undefined;
    await folder.commit();
    folder = undefined;
    return { manifest: publication.manifest, allocation, out: o.out, smallestCrowd };
  } finally {
    await dataWritten?.catch(() => undefined); // DuckDB must finish before the connection closes
    await playsCsv?.catch(() => undefined);
    await folder?.discard();
    await rowsFolder?.discard();
    conn.closeSync();
    instance.closeSync();
  }
}

export function artistsCsv(artists: ReadonlyMap<string, Artist>): string {
  let out = csvLine(["artist_id", "payout_address", "name"]);
  for (const id of [...artists.keys()].sort(compareStrings)) {
    const a = artists.get(id)!;
    out += csvLine([a.artistId, toChecksumAddress(a.payoutAddress), a.name]);
  }
  return out;
}

export { InputError };
