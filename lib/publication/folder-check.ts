// Does a period folder hold exactly the files its manifest names? Top-level files by sha256, proof
// shards and statements by their sha256sum-style digests. Publish refuses, and audit fails, otherwise.
import { withheldFiles } from "./fan-rows.ts";
import { compareStrings } from "../rules/types.ts";
import { digestOf } from "./publication.ts";

/**
 * A file too large to hold (a billion-play plays.csv is tens of GB): its digest and its bytes in
 * chunks, read on demand. A Node reader gives these; a browser fetch gives whole bytes.
 */
export interface StreamedFile {
  size: number;
  sha256(): string;
  /** Its bytes in order; a chunk may be a view of memory reused for the next one: copy what you keep. */
  chunks(): Iterable<Uint8Array>;
}

/** A period folder's file: whole bytes or streamed. */
export type FolderFile = Uint8Array | StreamedFile;

/** The whole bytes of a folder file (a streamed one is read into memory). */
export function wholeBytes(file: FolderFile): Uint8Array {
  if (file instanceof Uint8Array) return file;
  const out = new Uint8Array(file.size);
  let at = 0;
  for (const chunk of file.chunks()) {
    if (at === 0 && chunk.length === file.size) return chunk; // a file read in one chunk: no copy
    out.set(chunk, at);
    at += chunk.length;
  }
  return at === out.length ? out : out.subarray(0, at);
}

/** The sha256 of a folder file: `sha256` over whole bytes, the streamed file's own digest otherwise. */
export function fileSha256(file: FolderFile, sha256: (data: Uint8Array) => string): string {
  return file instanceof Uint8Array ? sha256(file) : file.sha256();
}

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

export function checkFolder(files: ReadonlyMap<string, FolderFile>, sha256: (data: Uint8Array) => string): FolderCheck {
  const hash = (f: FolderFile) => fileSha256(f, sha256);
  const m = files.get("manifest.json");
  const manifest = parseManifest(m === undefined ? undefined : wholeBytes(m));
  const problems: string[] = [];
  const listed: Record<string, string> = manifest.files ?? {};
  // Committed mode: the per-fan rows go to registered auditors only; when given, they must match.
  const withheld = withheldFiles(manifest);
  for (const name of Object.keys(listed).sort(compareStrings)) {
    const bytes = files.get(name);
    if (!bytes && withheld.has(name)) continue;
    if (!bytes) problems.push(`${name}: missing (manifest.json lists it)`);
    else if (hash(bytes) !== listed[name])
      problems.push(`${name}: sha256 ${hash(bytes)} differs from manifest.json's ${listed[name]}`);
  }
  const groups = [
    { dir: "proofs/", count: manifest.proofs?.shards, digest: manifest.proofs?.sha256 },
    { dir: "statements/", count: manifest.statements?.count, digest: manifest.statements?.sha256 },
  ];
  for (const g of groups) {
    const hashes = new Map<string, string>();
    for (const [path, bytes] of files) if (path.startsWith(g.dir)) hashes.set(path, hash(bytes));
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
