// Recomputes one published period from its own files with the shared engine code (lib/engine): the same
// allocation and Merkle tree the CLI builds. Pure apart from `fetchText`, so it runs in a worker and in tests.
import {
  allocatePeriod,
  buildTree,
  cumulativeLeaves,
  normalizeAddress,
  parseCsvLine,
  type Artist,
  type CountedPlays,
  type Payment,
} from "../../../lib/engine/index.ts";

export interface Recomputed {
  manifestSha256: string;
  manifest: Record<string, any>;
  /** File name → [sha256 in the manifest, sha256 of what was fetched]. */
  files: Record<string, [string, string]>;
  root: string | null;
  cumulativeTotal: bigint;
  allocated: bigint;
  funded: bigint;
  carryOut: bigint;
  /** Addresses whose leaf is below the previous period's. */
  decreasedLeaves: string[];
}

export type Fetcher = (url: string) => Promise<Uint8Array>;
export type Progress = (message: string, fraction: number) => void;

function payout(address: string): string {
  const n = normalizeAddress(address);
  if ("error" in n) throw new Error(`artists.csv: ${n.error}`);
  return n.address;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function rows(csv: string): Record<string, string>[] {
  const lines = csv.split("\n").filter((l) => l.length > 0);
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((l) => {
    const f = parseCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h, f[i]]));
  });
}

export async function recomputePeriod(
  base: string,
  previousBase: string | null,
  get: Fetcher,
  progress: Progress,
): Promise<Recomputed> {
  progress("fetching manifest", 0.05);
  const manifestBytes = await get(`${base}manifest.json`);
  const manifest = JSON.parse(text(manifestBytes));
  const files: Record<string, [string, string]> = {};
  const fetched: Record<string, Uint8Array> = {};
  const names = Object.keys(manifest.files);
  for (const [i, name] of names.entries()) {
    progress(`fetching and hashing ${name}`, 0.1 + (0.4 * i) / names.length);
    fetched[name] = await get(`${base}${name}`);
    files[name] = [manifest.files[name], await sha256Hex(fetched[name])];
  }

  progress("parsing inputs", 0.55);
  const artists = new Map<string, Artist>();
  for (const r of rows(text(fetched["artists.csv"]))) artists.set(r.artist_id, { artistId: r.artist_id, payoutAddress: payout(r.payout_address), name: r.name }); // prettier-ignore
  const payments: Payment[] = rows(text(fetched["payments.csv"])).map((r) => ({
    paymentId: r.payment_id,
    subscriberId: r.subscriber_id,
    amount: BigInt(r.amount),
    poolShare: BigInt(r.pool_share),
    referralShare: BigInt(r.referral_share),
    referrerArtistId: r.referrer_artist_id ?? "",
    referralPaidOnchain: r.referral_paid_onchain === "true",
    campaign: r.campaign ?? "",
    paidAt: Number(r.paid_at),
  }));
  const plays: CountedPlays[] = rows(text(fetched["plays.csv"])).map((r) => ({ subscriberId: r.subscriber_id, artistId: r.artist_id, plays: Number(r.plays) })); // prettier-ignore

  progress("reading the previous period", 0.6);
  const previousLeaves = new Map<string, bigint>();
  let carryIn = 0n;
  if (previousBase) {
    const prev = JSON.parse(text(await get(`${previousBase}manifest.json`)));
    carryIn = BigInt(prev.carry_out);
    if (prev.root) {
      const dump = JSON.parse(text(await get(`${previousBase}distribution.json`)));
      for (const { value } of dump.values)
        previousLeaves.set(String(value[0]).toLowerCase(), BigInt(value[1]));
    }
  }

  progress("allocating (rules v1)", 0.7);
  const allocation = allocatePeriod(payments, plays, carryIn);
  progress("building the Merkle tree", 0.85);
  const leaves = cumulativeLeaves(allocation, artists, previousLeaves);
  const tree = leaves.length > 0 ? buildTree(leaves) : null;
  const decreasedLeaves = [...previousLeaves].filter(([a, amount]) => (leaves.find((l) => l.address === a)?.amount ?? 0n) < amount).map(([a]) => a); // prettier-ignore
  progress("done", 1);
  return {
    manifestSha256: await sha256Hex(manifestBytes),
    manifest,
    files,
    root: tree ? tree.root : null,
    cumulativeTotal: leaves.reduce((s, l) => s + l.amount, 0n),
    allocated: allocation.totals.allocated,
    funded: allocation.totals.funded,
    carryOut: allocation.totals.carryOut,
    decreasedLeaves,
  };
}
