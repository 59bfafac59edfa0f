// Reads a period folder (a path, a file:// URI, or an http(s):// URI) into relative path → bytes, as
// the shared checks in lib/ take it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { fetchFolder, fetchPrevious, type Fetcher } from "../../lib/publication/index.ts";

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
export async function loadFolder(location: string): Promise<Map<string, Uint8Array>> {
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
): Promise<Map<string, Uint8Array> | null> {
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

export function readFolder(location: string): Map<string, Uint8Array> {
  const dir = folderPath(location);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: period folder not found`);
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split("\\").join("/"), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}
