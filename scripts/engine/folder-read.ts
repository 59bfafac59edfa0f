// Reads a period folder (a path, a file:// URI, or an http(s):// URI) into relative path → bytes, as
// the shared checks in lib/ take it.
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  fetchFolder,
  fetchPrevious,
  type Fetcher,
  type FolderFile,
  type StreamedFile,
} from "../../lib/publication/index.ts";

const isHttp = (location: string) => /^https?:\/\//i.test(location);

/** A folder path from a path or a file:// URI (http(s) folders go through loadFolder). */
export function folderPath(location: string): string {
  if (location.startsWith("file://")) return fileURLToPath(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new Error(`${location}: only folders, file:// and http(s):// URIs are read`);
  }
  return location;
}

const fetchBytes: Fetcher = async (url) => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
};

/** `location` as a folder URL ending in "/". */
const base = (location: string) => (location.endsWith("/") ? location : `${location}/`);

/** The whole period folder, from disk or over HTTP (names taken from the folder's own files there). */
export async function loadFolder(location: string): Promise<Map<string, FolderFile>> {
  return isHttp(location) ? fetchFolder(base(location), fetchBytes, () => undefined) : readFolder(location);
}

/**
 * The previous period's folder: `explicit`, else the sibling of `location` named `period`; null when
 * there is none to read (no such folder, or HTTP 404 on its manifest).
 */
export async function loadPrevious(
  location: string,
  explicit: string | undefined,
  period: string | undefined,
): Promise<Map<string, FolderFile> | null> {
  if (explicit === undefined && period === undefined) return null;
  if (isHttp(explicit ?? location)) {
    const url =
      explicit !== undefined ? base(explicit) : new URL(`../${encodeURIComponent(period!)}/`, base(location)).href;
    const head = await fetch(`${url}manifest.json`);
    if (head.status === 404) return null;
    return fetchPrevious(url, fetchBytes);
  }
  const dir = explicit ?? join(dirname(folderPath(location)), period!);
  return existsSync(folderPath(dir)) ? readFolder(dir) : null;
}

/** Files are read in chunks of this size; a smaller file is one chunk. */
const CHUNK = 16 << 20;

/**
 * A file on disk as a StreamedFile, read only when asked (a folder of a million statements is never held
 * at once): chunks read with readSync, the sha256 computed once on demand.
 */
export function streamedFile(path: string, size = statSync(path).size): StreamedFile {
  let digest: string | undefined;
  function* chunks(): Generator<Uint8Array> {
    if (size <= CHUNK) {
      yield readFileSync(path);
      return;
    }
    const fd = openSync(path, "r");
    try {
      const buf = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK, null);
        if (n === 0) return;
        yield buf.subarray(0, n); // valid until the next chunk is asked for
      }
    } finally {
      closeSync(fd);
    }
  }
  return {
    size,
    sha256() {
      if (digest === undefined) {
        const h = createHash("sha256");
        for (const c of chunks()) h.update(c);
        digest = h.digest("hex");
      }
      return digest;
    },
    chunks,
  };
}

/** A period folder from disk: relative path → its file, read when asked (StreamedFile). */
export function readFolder(location: string): Map<string, FolderFile> {
  const dir = folderPath(location);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: period folder not found`);
  const out = new Map<string, FolderFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p).split("\\").join("/"), streamedFile(p, st.size));
    }
  };
  walk(dir);
  return out;
}
