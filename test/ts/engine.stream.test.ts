// The auditor's streaming path (StreamingAllocator over a published plays.csv) against the reference
// allocatePeriod over parsePublishedPlays, on random periods with awkward ids (quotes, commas,
// non-ASCII, astral characters whose UTF-16 order differs from UTF-8's) and pool shares beyond 2^53.
import { expect } from "chai";
import { allocateStreamed, type Artist, type Payment, type Play } from "../../lib/rules/index.ts";
import {
  PublishedFileError,
  allocatePublishedPlays,
  csvLine,
  parsePublishedPlays,
} from "../../lib/publication/index.ts";
import { randomPeriod } from "./engine.helpers.ts";
import { aggregatePlays, referenceAllocation } from "./rules.reference.ts";

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));
const enc = new TextEncoder();
const ODD_IDS = ["a", "b,1", 'q"x', "é", "\u{1D11E}", "\uE000", "z9", "0"];

function rng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 48271) % 2147483647) - 1) / 2147483646;
}

function oddPeriod(seed: number) {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const artistIds = ODD_IDS.slice(0, 1 + int(ODD_IDS.length));
  const artists = new Map<string, Artist>(
    artistIds.map((id, i) => [
      id,
      { artistId: id, payoutAddress: `0x${(i + 1).toString(16).padStart(40, "0")}`, name: id },
    ]),
  );
  const subscriberIds = ["s1", "s10", "s2", "\u{1F600}", "\uFFFD", "s,3", 's"4'].slice(0, 1 + int(7));
  const payments: Payment[] = subscriberIds.flatMap((s, i) => {
    if (r() < 0.2) return [];
    const amount = r() < 0.3 ? 2n ** 60n + BigInt(int(1e9)) : BigInt(int(20_000_000));
    const referrer = r() < 0.3 ? artistIds[int(artistIds.length)] : "";
    return [
      {
        paymentId: `p${i}`,
        subscriberId: s,
        amount,
        poolShare: (amount * 9n) / 10n,
        referralShare: referrer ? amount / 20n : 0n,
        referrerArtistId: referrer,
        referralPaidOnchain: r() < 0.5,
        campaign: r() < 0.5 ? "c" : "",
        paidAt: 1,
      },
    ];
  });
  const plays: Play[] = Array.from({ length: int(80) }, () => ({
    subscriberId: subscriberIds[int(subscriberIds.length)],
    artistId: artistIds[int(artistIds.length)],
    msPlayed: r() < 0.1 ? 1000 : 30_000 + int(5),
  }));
  return { artists, payments, plays, carryIn: BigInt(int(1000)) };
}

function playsCsv(rows: readonly { subscriberId: string; artistId: string; plays: number }[]): Uint8Array {
  return enc.encode(
    csvLine(["subscriber_id", "artist_id", "plays"]) +
      rows.map((p) => csvLine([p.subscriberId, p.artistId, p.plays])).join(""),
  );
}

/** The reference's error (line) or result for the same bytes. */
function reference(bytes: Uint8Array, artists: Map<string, Artist>, payments: Payment[], carryIn: bigint) {
  try {
    return { allocation: json(referenceAllocation(payments, parsePublishedPlays(bytes, artists), carryIn)) };
  } catch (e) {
    return { line: (e as PublishedFileError).line };
  }
}

/**
 * The bytes cut into chunks of random sizes (1 byte upward: cuts inside rows and UTF-8 sequences), each
 * a Buffer view of one buffer reused for every chunk, as the CLI's file reader gives them (a chunk is
 * valid until the next is asked for): the reader must copy what it keeps.
 */
function* chunked(bytes: Uint8Array, seed: number): Generator<Uint8Array> {
  const r = rng(seed + 7);
  const reused = Buffer.alloc(64);
  for (let at = 0; at < bytes.length;) {
    const n = Math.min(1 + Math.floor(r() * (r() < 0.5 ? 4 : 64)), bytes.length - at);
    reused.set(bytes.subarray(at, at + n));
    yield reused.subarray(0, n);
    reused.fill(0x2c); // what a later read leaves in a kept view: commas, extra fields
    at += n;
  }
}

/** The streaming pass's result over the whole bytes, held equal to its result over chunks of them. */
function streamed(bytes: Uint8Array, artists: Map<string, Artist>, payments: Payment[], carryIn: bigint) {
  const run = (input: Uint8Array | Iterable<Uint8Array>) => {
    try {
      return { allocation: json(allocatePublishedPlays(input, artists, payments, carryIn)) };
    } catch (e) {
      expect(e).to.be.instanceOf(PublishedFileError);
      return { line: (e as PublishedFileError).line };
    }
  };
  const whole = run(bytes);
  for (let seed = 1; seed <= 3; seed++) expect(run(chunked(bytes, seed)), `chunks ${seed}`).to.deep.equal(whole);
  return whole;
}

describe("engine streaming allocation (audit path)", function () {
  it("testFuzz_streamingAllocator_equalsAllocatePeriod", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const p = randomPeriod(seed);
      const counted = aggregatePlays(p.plays);
      expect(json(allocateStreamed(p.payments, counted, 3n)), `seed ${seed}`).to.equal(
        json(referenceAllocation(p.payments, counted, 3n)),
      );
    }
  });

  it("testFuzz_publishedPlaysPass_equalsReference_withOddIdsAndHugeShares", () => {
    let quoted = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const p = oddPeriod(seed);
      const counted = aggregatePlays(p.plays);
      const bytes = playsCsv(counted);
      if (bytes.includes(34)) quoted++;
      const ref = reference(bytes, p.artists, p.payments, p.carryIn);
      expect(ref.allocation, `seed ${seed}`).to.be.a("string");
      expect(streamed(bytes, p.artists, p.payments, p.carryIn), `seed ${seed}`).to.deep.equal(ref);
    }
    expect(quoted).to.be.greaterThan(50);
  });

  it("testFuzz_publishedPlaysPass_rejectsTheSameLineAsTheReference", () => {
    const mutations: ((rows: { subscriberId: string; artistId: string; plays: number }[]) => string)[] = [
      (rows) =>
        rows
          .map((r) => csvLine([r.subscriberId, r.artistId, r.plays]))
          .join("")
          .slice(0, -1), // no final newline
      (rows) => [...rows, rows[0]].map((r) => csvLine([r.subscriberId, r.artistId, r.plays])).join(""), // duplicate / unsorted
      (rows) =>
        rows.map((r, i) => csvLine([r.subscriberId, i === rows.length - 1 ? "nobody" : r.artistId, r.plays])).join(""),
      (rows) =>
        rows.map((r, i) => csvLine([r.subscriberId, r.artistId, i === 0 ? "0" : i === 1 ? "1x" : r.plays])).join(""),
      (rows) =>
        rows
          .map((r, i) => csvLine(i === 1 ? [r.subscriberId, r.artistId] : [r.subscriberId, r.artistId, r.plays]))
          .join(""),
      (rows) =>
        rows.map((r, i) => csvLine([i === rows.length - 1 ? "" : r.subscriberId, r.artistId, r.plays])).join(""),
      (rows) =>
        [...rows]
          .reverse()
          .map((r) => csvLine([r.subscriberId, r.artistId, r.plays]))
          .join(""),
      (rows) => rows.map((r) => csvLine([r.subscriberId, r.artistId, r.plays])).join("") + "\n",
    ];
    let checked = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const p = oddPeriod(seed);
      const counted = aggregatePlays(p.plays);
      if (counted.length < 3) continue;
      const mutate = mutations[seed % mutations.length];
      const bytes = enc.encode(csvLine(["subscriber_id", "artist_id", "plays"]) + mutate(counted));
      const ref = reference(bytes, p.artists, p.payments, p.carryIn);
      expect(ref.line, `seed ${seed}`).to.be.a("number");
      expect(streamed(bytes, p.artists, p.payments, p.carryIn), `seed ${seed}`).to.deep.equal(ref);
      checked++;
    }
    expect(checked).to.be.greaterThan(60);
  });

  it("test_publishedPlaysPass_chunks_quotedRecordsSpanningLines", () => {
    // Quoted ids may hold newlines (one record over several lines): chunks are cut only between records.
    const ids = ["a\nb", 'q"\n"x', "z"];
    const artists = new Map<string, Artist>(
      ids.map((id, i) => [
        id,
        { artistId: id, payoutAddress: `0x${(i + 1).toString(16).padStart(40, "0")}`, name: id },
      ]),
    );
    const rows = ["s\n1", "s2", "s3"].flatMap((s) =>
      [...ids].sort().map((a, i) => ({ subscriberId: s, artistId: a, plays: i + 1 })),
    );
    const bytes = playsCsv(
      aggregatePlays(
        rows.flatMap((r) =>
          Array.from({ length: r.plays }, () => ({
            subscriberId: r.subscriberId,
            artistId: r.artistId,
            msPlayed: 40_000,
          })),
        ),
      ),
    );
    const payments: Payment[] = [
      {
        paymentId: "p",
        subscriberId: "s2",
        amount: 100n,
        poolShare: 90n,
        referralShare: 0n,
        referrerArtistId: "",
        referralPaidOnchain: false,
        campaign: "",
        paidAt: 1,
      },
    ];
    const ref = reference(bytes, artists, payments, 0n);
    expect(ref.allocation).to.be.a("string");
    expect(streamed(bytes, artists, payments, 0n)).to.deep.equal(ref);
  });

  it("test_streamingAllocator_subscriberOutOfOrder_throws", () => {
    const counted = [
      { subscriberId: "s2", artistId: "a", plays: 1 },
      { subscriberId: "s1", artistId: "a", plays: 1 },
    ];
    expect(() => allocateStreamed([], counted, 0n)).to.throw(Error);
    expect(() => allocateStreamed([], [...counted].reverse(), 0n)).not.to.throw();
  });
});
