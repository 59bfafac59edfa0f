// Reads a period folder (a path or a file:// URI) into relative path → bytes, as the shared checks
// in lib/engine take it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** A folder path from a path or a file:// URI; other URI schemes are not fetched by the CLI. */
export function folderPath(location: string): string {
  if (location.startsWith("file://")) return fileURLToPath(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new Error(`${location}: only folders and file:// URIs are read; download the folder first`);
  }
  return location;
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
