// Does a period folder hold exactly the files its manifest names? Top-level files by sha256, proof
// shards and statements by their sha256sum-style digests. Publish refuses, and audit fails, otherwise.
import { compareStrings } from "../rules/types.ts";
import { digestOf } from "./publication.ts";

export interface FolderCheck {
  manifest: Record<string, any>;
  /** Problems in path order, the first naming the first differing file; empty when the folder matches. */
  problems: string[];
}

/** Parses manifest.json; throws a plain sentence when it is missing or not a gapless manifest. */
export function parseManifest(bytes: Uint8Array | undefined): Record<string, any> {
  if (!bytes) throw new Error("manifest.json: missing");
  let m: Record<string, any>;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`manifest.json: not JSON (truncated or corrupted): ${(e as Error).message}`, { cause: e });
  }
  if (m?.format !== "gapless-manifest-v1")
    throw new Error(`manifest.json: format ${JSON.stringify(m?.format)}, expected "gapless-manifest-v1"`);
  return m;
}

export function checkFolder(files: ReadonlyMap<string, Uint8Array>, sha256: (data: Uint8Array) => string): FolderCheck {
  const manifest = parseManifest(files.get("manifest.json"));
  const problems: string[] = [];
  const listed: Record<string, string> = manifest.files ?? {};
  for (const name of Object.keys(listed).sort(compareStrings)) {
    const bytes = files.get(name);
    if (!bytes) problems.push(`${name}: missing (manifest.json lists it)`);
    else if (sha256(bytes) !== listed[name])
      problems.push(`${name}: sha256 ${sha256(bytes)} differs from manifest.json's ${listed[name]}`);
  }
  const groups = [
    { dir: "proofs/", count: manifest.proofs?.shards, digest: manifest.proofs?.sha256 },
    { dir: "statements/", count: manifest.statements?.count, digest: manifest.statements?.sha256 },
  ];
  for (const g of groups) {
    const hashes = new Map<string, string>();
    for (const [path, bytes] of files) if (path.startsWith(g.dir)) hashes.set(path, sha256(bytes));
    if (hashes.size !== g.count) problems.push(`${g.dir}: ${hashes.size} files, manifest.json says ${g.count}`);
    else if (digestOf(hashes, sha256) !== g.digest)
      problems.push(`${g.dir}: files differ from manifest.json's digest ${g.digest}`);
  }
  for (const path of [...files.keys()].sort(compareStrings)) {
    const known = path === "manifest.json" || path in listed || groups.some((g) => path.startsWith(g.dir));
    if (!known) problems.push(`${path}: not listed in manifest.json`);
  }
  return { manifest, problems };
}
