// Random small periods for engine property and CLI tests.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type Artist, type Payment, type Play } from "../../lib/rules/index.ts";
import { PAYMENT_COLUMNS, csvLine } from "../../lib/publication/index.ts";

export interface Period {
  artists: Artist[];
  payments: Payment[];
  plays: Play[];
}

export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** A random period: a few artists (some sharing an address), subscribers with and without plays. */
export function randomPeriod(seed: number, k = 0): Period {
  const r = rng(seed * 7919 + k);
  const int = (n: number) => Math.floor(r() * n);
  const nArtists = 1 + int(8);
  const artists: Artist[] = Array.from({ length: nArtists }, (_, i) => ({
    artistId: `a${i}`,
    payoutAddress: "0x" + (i % 5 === 4 ? 1 : i + 1).toString(16).padStart(40, "a"),
    name: `Artist ${i}`,
  }));
  const nSubs = 1 + int(12);
  const payments: Payment[] = [];
  for (let s = 0; s < nSubs; s++) {
    for (let j = int(3); j > 0; j--) {
      const amount = BigInt(int(10_000));
      const poolShare = (amount * BigInt(int(90))) / 100n;
      const referred = r() < 0.4;
      payments.push({
        paymentId: `p${k}-${s}-${j}`,
        subscriberId: `s${s}`,
        amount,
        poolShare,
        referralShare: referred ? (amount - poolShare) / BigInt(1 + int(4)) : 0n,
        referrerArtistId: referred ? `a${int(nArtists)}` : "",
        referralPaidOnchain: r() < 0.5,
        campaign: referred && r() < 0.5 ? ["tour", "launch, 2"][int(2)] : "",
        paidAt: 1_700_000_000 + int(1000),
      });
    }
  }
  const plays: Play[] = [];
  for (let i = int(60); i > 0; i--) {
    plays.push({
      subscriberId: `s${int(nSubs + 2)}`,
      artistId: `a${int(nArtists)}`,
      msPlayed: r() < 0.2 ? int(30_000) : 30_000 + int(200_000),
    });
  }
  return { artists, payments, plays };
}

export function writePeriodCsv(dir: string, p: Period): { payments: string; plays: string; artists: string } {
  mkdirSync(dir, { recursive: true });
  const files = {
    payments: join(dir, "payments.csv"),
    plays: join(dir, "plays.csv"),
    artists: join(dir, "artists.csv"),
  };
  writeFileSync(
    files.artists,
    csvLine(["artist_id", "payout_address", "name"]) +
      p.artists.map((a) => csvLine([a.artistId, a.payoutAddress, a.name])).join(""),
  );
  writeFileSync(
    files.payments,
    csvLine(PAYMENT_COLUMNS) +
      p.payments
        .map((x) =>
          csvLine([
            x.paymentId,
            x.subscriberId,
            x.amount,
            x.poolShare,
            x.referralShare,
            x.referrerArtistId,
            x.referralPaidOnchain,
            x.campaign,
            x.paidAt,
          ]),
        )
        .join(""),
  );
  writeFileSync(
    files.plays,
    csvLine(["subscriber_id", "artist_id", "ms_played"]) +
      p.plays.map((x) => csvLine([x.subscriberId, x.artistId, x.msPlayed])).join(""),
  );
  return files;
}

/** Relative path → bytes of every file under dir. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/**
 * The folder built from counted plays equals the one built from raw plays: every file byte for byte,
 * manifest.json too but for its `inputs.plays` (which names the file read: raw plays or counted pairs).
 */
export function expectSameFolderButPlaysInput(
  rawDir: string,
  countedDir: string,
): { manifest: Record<string, any>; playsInput: Record<string, any> } {
  const raw = readTree(rawDir);
  const counted = readTree(countedDir);
  if ([...counted.keys()].join("\n") !== [...raw.keys()].join("\n"))
    throw new Error(`${countedDir}: other files than ${rawDir}`);
  const differing = [...raw.keys()].filter((p) => p !== "manifest.json" && !raw.get(p)!.equals(counted.get(p)!));
  if (differing.length) throw new Error(`${countedDir}: ${differing[0]} differs from ${rawDir}'s`);
  const [a, b] = [raw, counted].map((t) => JSON.parse(t.get("manifest.json")!.toString("utf8")));
  const inputs = b.inputs.plays;
  delete a.inputs.plays;
  delete b.inputs.plays;
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(`${countedDir}/manifest.json differs beyond inputs.plays`);
  if (inputs.counted !== true || inputs.rows !== b.totals.play_pairs)
    throw new Error(`inputs.plays ${JSON.stringify(inputs)}`);
  return { manifest: b, playsInput: inputs };
}
