// Fetches a published period folder into the path → bytes map that auditFiles takes — in the browser
// auditor and in `npm run audit` for http(s) URIs. A folder over HTTP cannot be listed, so the names
// come from the folder's own files: manifest.json lists the top-level files, distribution.json's
// leaves name the proof shards, statements.csv names the statements.
import type { StandardDump } from "./merkle.ts";
import { shardOf } from "./shards.ts";
import { lifetimeFromStatementsCsv } from "./statements.ts";

export type Fetcher = (url: string) => Promise<Uint8Array>;
export type FetchProgress = (message: string, fraction: number) => void;

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Every file of the folder at `base` (a URL ending in /). */
export async function fetchFolder(
  base: string,
  get: Fetcher,
  progress: FetchProgress,
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const manifestBytes = await get(`${base}manifest.json`);
  files.set("manifest.json", manifestBytes);
  const manifest = JSON.parse(text(manifestBytes));
  for (const name of Object.keys(manifest.files ?? {})) files.set(name, await get(`${base}${name}`));

  const names: string[] = [];
  const dist = files.get("distribution.json");
  if (dist) {
    const dump = JSON.parse(text(dist)) as StandardDump;
    const shards = new Set(dump.values.map(({ value }) => shardOf(value[0], manifest.proofs.prefix_length)));
    names.push(...[...shards].map((s) => `proofs/${s}.json`));
  }
  const statements = files.get("statements.csv");
  if (statements) {
    for (const id of lifetimeFromStatementsCsv(statements).keys())
      names.push(`statements/${encodeURIComponent(id)}.json`);
  }
  // 16 requests in flight; the map is filled in name order afterwards, so the result does not depend
  // on which response came first.
  const bodies: Uint8Array[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const i = next++;
      if (i % 16 === 0) progress(`fetching ${names[i]}`, 0.1 + (0.4 * i) / names.length);
      bodies[i] = await get(`${base}${names[i]}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, names.length) }, worker));
  names.forEach((name, i) => files.set(name, bodies[i]));
  return files;
}

/** What the audit needs of the previous period: its manifest, leaves and lifetime totals. */
export async function fetchPrevious(base: string, get: Fetcher): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const manifestBytes = await get(`${base}manifest.json`);
  files.set("manifest.json", manifestBytes);
  const manifest = JSON.parse(text(manifestBytes));
  for (const name of ["distribution.json", "statements.csv"])
    if (name in (manifest.files ?? {})) files.set(name, await get(`${base}${name}`));
  return files;
}
