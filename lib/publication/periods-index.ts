// The periods index (periods/index.json beside the period folders): one entry per published period, oldest
// first, which the app reads to find folders, roots and data hashes. `npm run publish` writes it (and the
// demo through it); this module holds its shape and the pure update.

/** One period in a platform's periods index. */
export interface PeriodEntry {
  period: string;
  /** The hub period the payments were read from (manifest hub_events), or null for off-chain billing. */
  hubPeriod: number | null;
  root: `0x${string}` | null;
  cumulativeTotal: string;
  /** Where the app fetches the folder; also the `uri` proposed on-chain. */
  uri: string;
  /** sha256 of manifest.json, proposed on-chain as the data hash. */
  dataHash: `0x${string}`;
}

export interface PeriodsIndex {
  periods: PeriodEntry[];
}

/** The index entry of a period folder, from its manifest. */
export function periodEntry(manifest: Record<string, any>, manifestSha256: string, uri: string): PeriodEntry {
  const hubPeriod = manifest.hub_events?.hub_period;
  return {
    period: String(manifest.period),
    hubPeriod: hubPeriod === undefined || hubPeriod === null ? null : Number(hubPeriod),
    root: (manifest.root as `0x${string}` | null) ?? null,
    cumulativeTotal: String(manifest.cumulative_total),
    uri,
    dataHash: `0x${manifestSha256}`,
  };
}

/** The index with `entry` replacing any entry of the same period, kept in publication order. */
export function withPeriodEntry(index: PeriodsIndex, entry: PeriodEntry): PeriodsIndex {
  const i = index.periods.findIndex((e) => e.period === entry.period);
  const periods = [...index.periods];
  if (i >= 0) periods[i] = entry;
  else periods.push(entry);
  return { periods };
}

export function parsePeriodsIndex(text: string, file = "index.json"): PeriodsIndex {
  let v: any;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!v || !Array.isArray(v.periods)) throw new Error(`${file}: expected {"periods": [...]}`);
  return v as PeriodsIndex;
}
