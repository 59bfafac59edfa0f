// Reads the previous period's folder and checks that the files the engine relies on are the ones its
// manifest names (sha256), that the dump's root is the manifest's root, and that its leaves add up to
// the manifest's cumulative total.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  lifetimeFromStatementsCsv,
  RULES_VERSION,
  type PreviousPublication,
  type StandardDump,
} from "../../lib/engine/index.ts";
import { InputError } from "./errors.ts";

export const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

function read(dir: string, name: string): Buffer {
  const path = join(dir, name);
  if (!existsSync(path)) throw new InputError(path, "previous publication file not found");
  return readFileSync(path);
}

export function readPrevious(dir: string): PreviousPublication {
  const manifestPath = join(dir, "manifest.json");
  const manifestBytes = read(dir, "manifest.json");
  let manifest: Record<string, any>;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8"));
  } catch (e) {
    throw new InputError(manifestPath, `not JSON: ${(e as Error).message}`);
  }
  if (manifest.format !== "gapless-manifest-v1") throw new InputError(manifestPath, "not a gapless manifest", { column: "format" }); // prettier-ignore
  if (manifest.rules_version !== RULES_VERSION) {
    throw new InputError(manifestPath, `rules version ${manifest.rules_version}, expected ${RULES_VERSION}`, { column: "rules_version" }); // prettier-ignore
  }
  const files: Record<string, string> = manifest.files ?? {};
  const checked = (name: string): Buffer => {
    const bytes = read(dir, name);
    const expected = files[name];
    const actual = sha256(bytes);
    if (expected !== actual) {
      throw new InputError(
        join(dir, name),
        `sha256 ${actual} does not match manifest.json files["${name}"] ${expected}`,
      );
    }
    return bytes;
  };

  const leaves = new Map<string, bigint>();
  let total = 0n;
  if (manifest.root !== null) {
    const path = join(dir, "distribution.json");
    const dump = JSON.parse(checked("distribution.json").toString("utf8")) as StandardDump;
    if (dump.tree[0] !== manifest.root) throw new InputError(path, `root ${dump.tree[0]} differs from manifest root ${manifest.root}`); // prettier-ignore
    for (const { value } of dump.values) {
      const amount = BigInt(value[1]);
      leaves.set(value[0].toLowerCase(), amount);
      total += amount;
    }
  }
  if (String(total) !== String(manifest.cumulative_total)) {
    throw new InputError(join(dir, "distribution.json"), `leaves add up to ${total}, manifest says ${manifest.cumulative_total}`); // prettier-ignore
  }
  const lifetime = lifetimeFromStatementsCsv(checked("statements.csv").toString("utf8"));
  return {
    period: String(manifest.period),
    root: manifest.root,
    manifestSha256: sha256(manifestBytes),
    cumulativeTotal: total,
    carryOut: BigInt(manifest.carry_out),
    leaves,
    lifetime,
  };
}
