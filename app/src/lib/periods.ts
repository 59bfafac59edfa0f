// Reads published period folders (served under /periods/): the index the engine runner keeps, manifests,
// proof shards and statements. Shapes follow docs/engine-formats.md.
export interface PeriodEntry {
  period: string;
  hubPeriod: number;
  root: `0x${string}` | null;
  cumulativeTotal: string;
  uri: string;
  dataHash: `0x${string}`;
}

export interface ShardEntry {
  address: string;
  amount: string;
  proof: `0x${string}`[];
}

export interface Statement {
  period: string;
  artist_id: string;
  name: string;
  payout_address: string;
  counted_plays: number;
  usage: { user_centric: string; unplayed_pool: string; total: string };
  referral: { onchain: string; offchain: string; total: string };
  allocated: string;
  earned: string;
  pro_rata: string;
  value_gap: string;
  subscribers_acquired: number;
  acquired_payments: string;
  lifetime: { acquired_payments: string; referral_onchain: string; usage: string; earned: string };
  campaigns: {
    campaign: string;
    subscribers: number;
    payments: string;
    lifetime_payments: string;
    lifetime_referral_onchain: string;
  }[];
}

export async function fetchJson<T>(url: string): Promise<T> {
  let r: Response;
  try {
    r = await fetch(url, { cache: "no-store" });
  } catch (e) {
    throw new Error(`Could not reach ${url}: ${(e as Error).message}`);
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
