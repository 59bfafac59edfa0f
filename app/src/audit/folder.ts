// Fetches a published period folder into the path → bytes map that lib/engine's auditFiles takes. A browser
// cannot list a folder, so the names come from the folder's own files: manifest.json lists the top-level
// files, distribution.json's leaves name the proof shards, statements.csv names the statements.
import { lifetimeFromStatementsCsv, shardOf, type StandardDump } from "../../../lib/engine/index.ts";

export type Fetcher = (url: string) => Promise<Uint8Array>;
export type Progress = (message: string, fraction: number) => void;

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Every file of the folder at `base` (a URL ending in /). */
export async function fetchFolder(
  base: string,
  get: Fetcher,
  progress: Progress,
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
    for (const id of lifetimeFromStatementsCsv(text(statements)).keys())
      names.push(`statements/${encodeURIComponent(id)}.json`);
  }
  for (const [i, name] of names.entries()) {
    if (i % 16 === 0) progress(`fetching ${name}`, 0.1 + (0.4 * i) / names.length);
    files.set(name, await get(`${base}${name}`));
  }
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
