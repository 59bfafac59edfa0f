// Reads published period folders (served under /periods/): the index the engine runner keeps, manifests,
// proof shards and statements. Shapes follow docs/engine-formats.md.
import type { Json, PeriodEntry, Statement as EngineStatement } from "../../../lib/publication/index.ts";
export type { PeriodEntry };

export interface ShardEntry {
  address: string;
  amount: string;
  proof: `0x${string}`[];
}

/** A published statements/<artist_id>.json (lib/'s Statement, bigints as decimal strings). */
export type Statement = Json<EngineStatement>;

export async function fetchJson<T>(url: string): Promise<T> {
  let r: Response;
  try {
    r = await fetch(url, { cache: "no-store" });
  } catch (e) {
    throw new Error(`Could not reach ${url}: ${(e as Error).message}`, { cause: e });
  }
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

export async function fetchText(url: string): Promise<string> {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

export const periodUrl = (entry: { uri: string }, file: string) => `${entry.uri.replace(/\/?$/, "/")}${file}`;

export async function fetchIndex(): Promise<PeriodEntry[]> {
  try {
    return (await fetchJson<{ periods: PeriodEntry[] }>("/periods/index.json")).periods;
  } catch {
    return []; // nothing published yet
  }
}

/** The registry the engine uses: artist id, payout address, name. */
export async function fetchRegistry(): Promise<{ id: string; payout: string; name: string }[]> {
  const text = await fetchText("/periods/artists.csv");
  return text
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [id, payout, ...name] = line.split(",");
      return { id, payout, name: name.join(",").replace(/^"|"$/g, "") };
    });
}

/** The leaf and proof of `address` in the period's tree, from its shard only; null if it has no leaf. */
export async function fetchProof(
  entry: PeriodEntry,
  address: string,
  prefixLength: number,
): Promise<ShardEntry | null> {
  const a = address.toLowerCase();
  const prefix = a.slice(2, 2 + prefixLength);
  let shard: { root: string; entries: ShardEntry[] };
  try {
    shard = await fetchJson(periodUrl(entry, `proofs/${prefix}.json`));
  } catch {
    return null; // no leaf in this shard
  }
  return shard.entries.find((e) => e.address.toLowerCase() === a) ?? null;
}

export async function fetchStatement(entry: PeriodEntry, artistId: string): Promise<Statement | null> {
  try {
    return await fetchJson<Statement>(periodUrl(entry, `statements/${encodeURIComponent(artistId)}.json`));
  } catch {
    return null;
  }
}
