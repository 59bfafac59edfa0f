// The auditor's pass over a published plays.csv: checks every row as parsePublishedPlays does (sorted
// unique pairs, known artists, positive counts) and feeds it straight into the streaming allocator, so
// a period of 100M plays is recomputed without holding its pairs. At that size strings and maps per
// row dominate, so rows are read as bytes: artist ids through a byte-keyed hash table of the
// registry, subscriber ids decoded once per subscriber. A record with a quote takes the one CSV reader.
import { BOM_PROBLEM, CsvError, csvRecordAt } from "./csv.ts";
import { StreamingAllocator } from "../rules/stream-allocate.ts";
import type { PaymentsPass } from "../rules/allocate.ts";
import { compareStrings, type Artist, type Payment, type PeriodAllocation } from "../rules/types.ts";

const FILE = "plays.csv";
const HEADER = "subscriber_id,artist_id,plays";
const COMMA = 44;
const NL = 10;
const QUOTE = 34;
const CR = 13;
const COLUMNS = ["subscriber_id", "artist_id", "plays"];
const UNSORTED = "rows not sorted by (subscriber_id, artist_id) or duplicated";

function fnv1a(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

/** Registry artist ids as UTF-8 bytes in an open-addressing table: id bytes → registry index. */
class ArtistTable {
  readonly ids: string[];
  private readonly bytes: Uint8Array;
  private readonly start: Int32Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(artists: ReadonlyMap<string, Artist>) {
    const enc = new TextEncoder();
    this.ids = [...artists.keys()];
    const encoded = this.ids.map((id) => enc.encode(id));
    this.start = new Int32Array(encoded.length + 1);
    for (let i = 0; i < encoded.length; i++) this.start[i + 1] = this.start[i] + encoded[i].length;
    this.bytes = new Uint8Array(this.start[encoded.length]);
    encoded.forEach((e, i) => this.bytes.set(e, this.start[i]));
    let size = 16;
    while (size < encoded.length * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(-1);
    encoded.forEach((e, i) => {
      let h = fnv1a(e, 0, e.length) & this.mask;
      while (this.table[h] >= 0) h = (h + 1) & this.mask;
      this.table[h] = i;
    });
  }

  /** Registry index of the id in b[from, to), or -1. */
  find(b: Uint8Array, from: number, to: number): number {
    const len = to - from;
    for (let h = fnv1a(b, from, to) & this.mask; ; h = (h + 1) & this.mask) {
      const i = this.table[h];
      if (i < 0) return -1;
      const s = this.start[i];
      if (this.start[i + 1] - s !== len) continue;
      let j = 0;
      while (j < len && this.bytes[s + j] === b[from + j]) j++;
      if (j === len) return i;
    }
  }
}

/** compareStrings order of two UTF-8 byte ranges: plain byte order, which is that order. */
function compareBytes(b: Uint8Array, a0: number, a1: number, c0: number, c1: number): number {
  const n = Math.min(a1 - a0, c1 - c0);
  for (let i = 0; i < n; i++) {
    const x = b[a0 + i];
    const y = b[c0 + i];
    if (x !== y) return x - y;
  }
  return a1 - a0 - (c1 - c0);
}

/**
 * The period's allocation over the published plays.csv: its bytes whole, or in chunks of any size (a Node
 * reader streams a file of tens of GB; only the current chunk's records and one row are held).
 */
export function allocatePublishedPlays(
  input: Uint8Array | Iterable<Uint8Array>,
  artists: ReadonlyMap<string, Artist>,
  payments: readonly Payment[] | PaymentsPass,
  carryIn: bigint,
): PeriodAllocation {
  const allocator = new StreamingAllocator(payments, carryIn);
  const table = new ArtistTable(artists);
  const slots = new Int32Array(table.ids.length).fill(-1);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // `b` holds whole records: the previous row's "subscriber,artist" bytes (when there is one), then the
  // records of the input read so far up to the last newline outside quotes; the rest waits in `partial`.
  let b: Uint8Array = new Uint8Array(0);
  let line = 1;
  const fail = (detail: string, column?: number): never => {
    throw new CsvError(FILE, line, column, detail, column === undefined ? undefined : COLUMNS[column - 1]);
  };
  const decode = (from: number, to: number) => {
    try {
      return decoder.decode(b.subarray(from, to));
    } catch {
      return fail("not UTF-8");
    }
  };

  // The previous row's subscriber and artist as byte ranges (s1 = -1: no row yet, -2: it was quoted,
  // see quotedArtist); `subscriber` is its decoded id.
  let s0 = 0;
  let s1 = -1;
  let a0 = 0;
  let a1 = 0;
  let subscriber = "";
  let quotedArtist = "";
  const previousArtist = () => (s1 === -2 ? quotedArtist : decode(a0, a1));
  let header = true;
  let partial: Uint8Array = new Uint8Array(0);
  let total = 0;
  /** Takes `data` (records from a record start) into b, up to `end`, keeping the previous row's ids. */
  const take = (data: Uint8Array, end: number) => {
    const kept = s1 >= 0 ? b.subarray(s0, a1) : new Uint8Array(0);
    b = concat(kept, data.subarray(0, end));
    if (s1 >= 0) {
      a0 -= s0;
      a1 -= s0;
      s1 -= s0;
      s0 = 0;
    }
    let pos = kept.length;
    if (header) {
      header = false;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) fail(BOM_PROBLEM);
      const headerEnd = b.indexOf(NL);
      if (decode(0, headerEnd) !== HEADER) fail(`header must be ${HEADER}`);
      if (input instanceof Uint8Array && input[input.length - 1] !== NL) {
        // Whole bytes: a missing final newline is reported before any row.
        line = input.reduce((n, c) => (c === NL ? n + 1 : n), 1);
        fail("missing final newline");
      }
      pos = headerEnd + 1;
    }
    rows(pos);
  };
  for (const chunk of input instanceof Uint8Array ? [input] : input) {
    total += chunk.length;
    const pending = partial.length > 0 ? concat(partial, chunk) : chunk;
    const cut = recordBoundary(pending);
    // Copies (new Uint8Array, never .slice, which on a Node Buffer is a view): a reader may reuse the
    // chunk's memory for the next one.
    if (cut < 0) {
      partial = new Uint8Array(pending);
      continue;
    }
    partial = new Uint8Array(pending.subarray(cut + 1));
    take(pending, cut + 1);
  }
  if (total === 0) fail("empty file (expected a header line)");
  if (partial.length > 0) {
    // A quote left open to the end: the CSV reader names it; else the last line lacks its newline.
    if (partial[partial.length - 1] === NL) take(partial, partial.length);
    else {
      if (header && partial[0] === 0xef && partial[1] === 0xbb && partial[2] === 0xbf) fail(BOM_PROBLEM);
      if (!header) line++;
      fail("missing final newline");
    }
  }
  return allocator.finish();

  /** The records of b from `start` (b ends with a record's newline). */
  function rows(start: number): void {
    let pos = start;
    while (pos < b.length) {
      line++;
      let i = pos;
      while (b[i] !== COMMA && b[i] !== NL && b[i] !== QUOTE && b[i] !== CR) i++;
      const c1 = i;
      if (b[i] === COMMA) for (i++; b[i] !== COMMA && b[i] !== NL && b[i] !== QUOTE && b[i] !== CR;) i++;
      const c2 = i;
      let n = 0;
      let digits = 0;
      if (b[i] === COMMA) {
        for (i++; b[i] >= 48 && b[i] <= 57; i++, digits++) n = n * 10 + b[i] - 48;
      }
      if (b[i] !== NL || b[c1] !== COMMA || b[c2] !== COMMA) {
        // Quoted fields (perhaps spanning lines), a wrong field count or a bad count: the one CSV reader says which.
        const r = csvRecordAt(FILE, b, pos, line, COLUMNS);
        pos = r.end;
        line += r.lines - 1;
        const f = r.fields;
        if (f.length !== 3) fail(`expected 3 fields, got ${f.length}`);
        const [s, a, count] = f;
        if (s === "") fail("empty subscriber_id", 1);
        if (!artists.has(a)) fail(`unknown artist ${JSON.stringify(a)} (not in artists.csv)`, 2);
        if (!/^[1-9][0-9]{0,14}$/.test(count)) fail(`plays ${JSON.stringify(count)} is not a positive integer`, 3);
        if (
          s1 !== -1 &&
          (s === subscriber ? compareStrings(a, previousArtist()) <= 0 : compareStrings(s, subscriber) < 0)
        )
          fail(UNSORTED);
        // The row has no byte ranges: the next row compares by string.
        subscriber = s;
        quotedArtist = a;
        s1 = -2;
        allocator.add(s, a, Number(count));
        continue;
      }
      if (c1 === pos) fail("empty subscriber_id", 1);
      const k = table.find(b, c1 + 1, c2);
      if (k < 0) fail(`unknown artist ${JSON.stringify(decode(c1 + 1, c2))} (not in artists.csv)`, 2);
      if (digits === 0 || digits > 15 || b[c2 + 1] === 48)
        fail(`plays ${JSON.stringify(decode(c2 + 1, i))} is not a positive integer`, 3);
      let same = s1 >= 0 && s1 - s0 === c1 - pos;
      for (let j = 0; same && j < c1 - pos; j++) same = b[s0 + j] === b[pos + j];
      if (s1 === -2) {
        // After a quoted line: compare as strings once, then go back to bytes.
        const s = decode(pos, c1);
        same = s === subscriber;
        if (same ? compareStrings(decode(c1 + 1, c2), quotedArtist) <= 0 : compareStrings(s, subscriber) < 0)
          fail(UNSORTED);
      } else if (s1 >= 0) {
        const order = same ? compareBytes(b, a0, a1, c1 + 1, c2) : compareBytes(b, s0, s1, pos, c1);
        if (order >= 0) fail(UNSORTED);
      }
      if (!same) subscriber = decode(pos, c1);
      s0 = pos;
      s1 = c1;
      a0 = c1 + 1;
      a1 = c2;
      if (slots[k] < 0) slots[k] = allocator.artistIndex(table.ids[k]);
      allocator.addIndexed(subscriber, slots[k], n);
      pos = i + 1;
    }
  }
}

/** Index of the last newline in `data` outside quoted fields (data starts at a record), or -1. */
function recordBoundary(data: Uint8Array): number {
  const firstQuote = data.indexOf(QUOTE);
  if (firstQuote < 0) return data.lastIndexOf(NL);
  let last = firstQuote > 0 ? data.lastIndexOf(NL, firstQuote - 1) : -1;
  let quoted = false;
  for (let i = firstQuote; i < data.length; i++) {
    const c = data[i];
    if (c === QUOTE) quoted = !quoted;
    else if (c === NL && !quoted) last = i;
  }
  return last;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
