// The previous period's publication, from its files: the engine (cumulative leaves, carry, lifetime
// totals) and the auditor (the same, plus monotone leaves) read it the same way. Checks that the
// files relied on are the ones its manifest names, that the dump's root is the manifest's root, and
// that the leaves add up to the manifest's cumulative total.
import type { StandardDump } from "./merkle.ts";
import type { PreviousPublication } from "./publication.ts";
import { lifetimeFromStatementsCsv } from "./statements.ts";
import { RULES_VERSION } from "../rules/types.ts";

/** `fail(file, detail, field?)` throws; the caller chooses the error type (the CLI names full paths). */
export type Fail = (file: string, detail: string, field?: string) => never;

export function previousFromFiles(
  read: (name: string) => Uint8Array | undefined,
  sha256: (data: Uint8Array) => string,
  fail: Fail,
): PreviousPublication {
  const get = (name: string): Uint8Array => read(name) ?? fail(name, "previous publication file not found");
  const manifestBytes = get("manifest.json");
  let manifest: Record<string, any>;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (e) {
    return fail("manifest.json", `not JSON: ${(e as Error).message}`);
  }
  if (manifest.format !== "gapless-manifest-v1") fail("manifest.json", "not a gapless manifest", "format");
  if (manifest.rules_version !== RULES_VERSION) {
    fail("manifest.json", `rules version ${manifest.rules_version}, expected ${RULES_VERSION}`, "rules_version");
  }
  const files: Record<string, string> = manifest.files ?? {};
  const checkedBytes = (name: string): Uint8Array => {
    const bytes = get(name);
    const actual = sha256(bytes);
    if (files[name] !== actual)
      fail(name, `sha256 ${actual} does not match manifest.json files["${name}"] ${files[name]}`);
    return bytes;
  };

  const leaves = new Map<string, bigint>();
  let total = 0n;
  if (manifest.root !== null) {
    const dump = JSON.parse(new TextDecoder().decode(checkedBytes("distribution.json"))) as StandardDump;
    if (dump.tree[0] !== manifest.root)
      fail("distribution.json", `root ${dump.tree[0]} differs from manifest root ${manifest.root}`);
    for (const { value } of dump.values) {
      const amount = BigInt(value[1]);
      leaves.set(value[0].toLowerCase(), amount);
      total += amount;
    }
  }
  if (String(total) !== String(manifest.cumulative_total)) {
    fail("distribution.json", `leaves add up to ${total}, manifest says ${manifest.cumulative_total}`);
  }
  return {
    period: String(manifest.period),
    root: manifest.root,
    manifestSha256: sha256(manifestBytes),
    cumulativeTotal: total,
    carryOut: BigInt(manifest.carry_out),
    leaves,
    lifetime: lifetimeFromStatementsCsv(checkedBytes("statements.csv")),
  };
}
