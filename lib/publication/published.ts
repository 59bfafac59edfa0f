// Reads a period folder's published data files (payments.csv, plays.csv, artists.csv) back into the
// engine's types, strictly: the auditor recomputes the period from exactly these rows. Works on bytes
// (a browser fetch or a Node read), decoded in chunks so a large plays.csv never becomes one string.
import { normalizeAddress } from "../chain/address.ts";
import { parseCsvLine } from "./canonical.ts";
import { compareStrings, type Artist, type CountedPlays, type Payment } from "../rules/types.ts";

/** A published file that is not what the engine writes; names the file, line and column. */
export class PublishedFileError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, detail: string) {
    super(`${file}, line ${line}: ${detail}`);
    this.name = "PublishedFileError";
    this.file = file;
    this.line = line;
  }
}

const CHUNK = 1 << 24;
const MONEY = /^[0-9]{1,24}$/;
const COUNT = /^[1-9][0-9]{0,14}$/;

/** Calls `row` for every data line (header = line 1, checked against `columns`). */
export function forEachCsvRow(
  file: string,
  bytes: Uint8Array,
  columns: readonly string[],
  row: (fields: string[], line: number) => void,
): void {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 0;
  let start = 0;
  let rest = "";
  while (start < bytes.length || rest !== "") {
    let end = Math.min(start + CHUNK, bytes.length);
    if (end < bytes.length) {
      const nl = bytes.indexOf(10, end);
      end = nl < 0 ? bytes.length : nl + 1;
    }
    const text = rest + decoder.decode(bytes.subarray(start, end));
    start = end;
    rest = "";
    const lines = text.split("\n");
    if (start < bytes.length) rest = lines.pop()!;
    else if (lines.at(-1) === "") lines.pop();
    else throw new PublishedFileError(file, line + lines.length, "missing final newline");
    for (const l of lines) {
      line++;
      let fields: string[];
      try {
        fields = l.includes('"') ? parseCsvLine(l) : l.split(",");
      } catch (e) {
        throw new PublishedFileError(file, line, (e as Error).message);
      }
      if (line === 1) {
        if (fields.join(",") !== columns.join(",")) {
          throw new PublishedFileError(file, 1, `header must be ${columns.join(",")}`);
        }
        continue;
      }
      if (fields.length !== columns.length) {
        throw new PublishedFileError(file, line, `expected ${columns.length} fields, got ${fields.length}`);
      }
      row(fields, line);
    }
  }
  if (line === 0) throw new PublishedFileError(file, 1, "empty file");
}

export function parsePublishedArtists(bytes: Uint8Array): Map<string, Artist> {
  const file = "artists.csv";
  const artists = new Map<string, Artist>();
  forEachCsvRow(file, bytes, ["artist_id", "payout_address", "name"], ([id, address, name], line) => {
    if (id === "" || artists.has(id))
      throw new PublishedFileError(file, line, `empty or duplicate artist_id ${JSON.stringify(id)}`);
    const a = normalizeAddress(address);
    if ("error" in a) throw new PublishedFileError(file, line, a.error);
    artists.set(id, { artistId: id, payoutAddress: a.address, name });
  });
  return artists;
}

/** plays.csv's columns: counted plays per (subscriber, artist); also the engine's pre-aggregated input. */
export const PLAYS_COLUMNS = ["subscriber_id", "artist_id", "plays"] as const;

export const PAYMENT_COLUMNS = [
  "payment_id",
  "subscriber_id",
  "amount",
  "pool_share",
  "referral_share",
  "referrer_artist_id",
  "referral_paid_onchain",
  "campaign",
  "paid_at",
] as const;

export function parsePublishedPayments(bytes: Uint8Array, artists: ReadonlyMap<string, Artist>): Payment[] {
  const file = "payments.csv";
  const out: Payment[] = [];
  const ids = new Set<string>();
  forEachCsvRow(file, bytes, PAYMENT_COLUMNS, (f, line) => {
    const bad = (detail: string): never => {
      throw new PublishedFileError(file, line, detail);
    };
    const [paymentId, subscriberId, amount, pool, referral, referrer, onchain, campaign, paidAt] = f;
    if (paymentId === "" || ids.has(paymentId)) bad(`empty or duplicate payment_id ${JSON.stringify(paymentId)}`);
    ids.add(paymentId);
    if (subscriberId === "") bad("empty subscriber_id");
    for (const [name, v] of [
      ["amount", amount],
      ["pool_share", pool],
      ["referral_share", referral],
    ]) {
      if (!MONEY.test(v)) bad(`${name} ${JSON.stringify(v)} is not a non-negative integer`);
    }
    if (onchain !== "true" && onchain !== "false") bad(`referral_paid_onchain ${JSON.stringify(onchain)}`);
    if (!/^[0-9]{1,12}$/.test(paidAt)) bad(`paid_at ${JSON.stringify(paidAt)}`);
    if (referrer !== "" && !artists.has(referrer)) bad(`unknown referrer ${JSON.stringify(referrer)}`);
    const p: Payment = {
      paymentId,
      subscriberId,
      amount: BigInt(amount),
      poolShare: BigInt(pool),
      referralShare: BigInt(referral),
      referrerArtistId: referrer,
      referralPaidOnchain: onchain === "true",
      campaign,
      paidAt: Number(paidAt),
    };
    if (p.poolShare + p.referralShare > p.amount) bad("pool_share + referral_share exceeds amount");
    if (referrer === "" && p.referralShare > 0n) bad("referral_share without a referrer");
    out.push(p);
  });
  return out;
}

/**
 * Counted plays per (subscriber, artist), which must be sorted and unique (as the engine writes
 * them), so no pair is counted twice.
 */
export function parsePublishedPlays(bytes: Uint8Array, artists: ReadonlyMap<string, Artist>): CountedPlays[] {
  const file = "plays.csv";
  const out: CountedPlays[] = [];
  let prevS = "";
  let prevA = "";
  forEachCsvRow(file, bytes, PLAYS_COLUMNS, ([s, a, n], line) => {
    if (s === "") throw new PublishedFileError(file, line, "empty subscriber_id");
    if (!artists.has(a)) throw new PublishedFileError(file, line, `unknown artist ${JSON.stringify(a)}`);
    if (!COUNT.test(n))
      throw new PublishedFileError(file, line, `plays ${JSON.stringify(n)} is not a positive integer`);
    if (out.length > 0 && (compareStrings(prevS, s) || compareStrings(prevA, a)) >= 0) {
      throw new PublishedFileError(file, line, "rows not sorted by (subscriber_id, artist_id) or duplicated");
    }
    prevS = s;
    prevA = a;
    out.push({ subscriberId: s, artistId: a, plays: Number(n) });
  });
  return out;
}

/** One period in a platform's periods index (periods/index.json, kept by the engine runner, read by the app). */
export interface PeriodEntry {
  period: string;
  hubPeriod: number;
  root: `0x${string}` | null;
  cumulativeTotal: string;
  /** Where the app fetches the folder; also the `uri` proposed on-chain. */
  uri: string;
  /** sha256 of manifest.json, proposed on-chain as the data hash. */
  dataHash: `0x${string}`;
}
