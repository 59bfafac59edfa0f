// Reads a period folder's published data files (payments.csv, plays.csv, artists.csv) back into the
// engine's types, strictly: the auditor recomputes the period from exactly these rows. Works on bytes
// (a browser fetch or a Node read), decoded in chunks so a large plays.csv never becomes one string.
import { normalizeAddress } from "../chain/address.ts";
import { CsvError, forEachCsvRecord } from "./csv.ts";
import { compareStrings, type Artist, type CountedPlays, type Payment } from "../rules/types.ts";

/** A published file that is not what the engine writes; names the file, line, column and problem. */
export { CsvError as PublishedFileError } from "./csv.ts";

const MONEY = /^[0-9]{1,24}$/;
const COUNT = /^[1-9][0-9]{0,14}$/;

/** Calls `row` for every data record (header = line 1, checked against `columns`); the one CSV reader. */
export function forEachCsvRow(
  file: string,
  bytes: Uint8Array,
  columns: readonly string[],
  row: (fields: string[], line: number, bad: (column: string, problem: string) => never) => void,
): void {
  forEachCsvRecord(
    file,
    bytes,
    (fields, line) =>
      row(fields, line, (column, problem) => {
        const i = columns.indexOf(column);
        throw new CsvError(file, line, i < 0 ? undefined : i + 1, problem, column);
      }),
    { columns, finalNewline: true },
  );
}

export function parsePublishedArtists(bytes: Uint8Array): Map<string, Artist> {
  const file = "artists.csv";
  const artists = new Map<string, Artist>();
  forEachCsvRow(file, bytes, ["artist_id", "payout_address", "name"], ([id, address, name], _line, bad) => {
    if (id === "" || artists.has(id)) bad("artist_id", `empty or duplicate artist_id ${JSON.stringify(id)}`);
    const a = normalizeAddress(address);
    if ("error" in a) return bad("payout_address", a.error);
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
  const out: Payment[] = [];
  forEachPublishedPayment(bytes, artists, (p) => out.push(p));
  return out;
}

/** parsePublishedPayments one payment at a time, so ten million payments are never all held at once. */
export function forEachPublishedPayment(
  bytes: Uint8Array,
  artists: ReadonlyMap<string, Artist>,
  each: (payment: Payment) => void,
): void {
  const file = "payments.csv";
  const ids = new Set<string>();
  forEachCsvRow(file, bytes, PAYMENT_COLUMNS, (f, _line, bad) => {
    const [paymentId, subscriberId, amount, pool, referral, referrer, onchain, campaign, paidAt] = f;
    if (paymentId === "" || ids.has(paymentId))
      bad("payment_id", `empty or duplicate payment_id ${JSON.stringify(paymentId)}`);
    ids.add(paymentId);
    if (subscriberId === "") bad("subscriber_id", "empty subscriber_id");
    for (const [name, v] of [
      ["amount", amount],
      ["pool_share", pool],
      ["referral_share", referral],
    ]) {
      if (!MONEY.test(v)) bad(name, `${name} ${JSON.stringify(v)} is not a non-negative integer of at most 24 digits`);
    }
    if (onchain !== "true" && onchain !== "false")
      bad("referral_paid_onchain", `expected true or false, got ${JSON.stringify(onchain)}`);
    if (!/^[0-9]{1,12}$/.test(paidAt))
      bad("paid_at", `expected unix seconds (at most 12 digits), got ${JSON.stringify(paidAt)}`);
    if (referrer !== "" && !artists.has(referrer))
      bad("referrer_artist_id", `unknown referrer ${JSON.stringify(referrer)} (not in artists.csv)`);
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
    if (p.poolShare + p.referralShare > p.amount) bad("pool_share", "pool_share + referral_share exceeds amount");
    if (referrer === "" && p.referralShare > 0n) bad("referral_share", "referral_share without a referrer");
    each(p);
  });
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
  forEachCsvRow(file, bytes, PLAYS_COLUMNS, ([s, a, n], _line, bad) => {
    if (s === "") bad("subscriber_id", "empty subscriber_id");
    if (!artists.has(a)) bad("artist_id", `unknown artist ${JSON.stringify(a)} (not in artists.csv)`);
    if (!COUNT.test(n)) bad("plays", `plays ${JSON.stringify(n)} is not a positive integer`);
    if (out.length > 0 && (compareStrings(prevS, s) || compareStrings(prevA, a)) >= 0) {
      bad("subscriber_id", "rows not sorted by (subscriber_id, artist_id) or duplicated");
    }
    prevS = s;
    prevA = a;
    out.push({ subscriberId: s, artistId: a, plays: Number(n) });
  });
  return out;
}
