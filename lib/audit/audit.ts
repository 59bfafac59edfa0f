// The auditor's checks on a period folder, pure and browser-safe: the CLI and the app's auditor page
// gather the files (and, in audit-chain.ts, the chain's facts) and run this same code. The period is
// recomputed from its published data files with the engine's rules (streamed over plays.csv, held equal
// to an exact BigInt reference by property tests) and preparePublication, and every file it would write is
// compared byte for byte with the published one.
import { fanRowsCommitment, type FanRowsCommitment } from "../publication/fan-rows.ts";
import { checkFolder, fileSha256, wholeBytes, type FolderFile } from "../publication/folder-check.ts";
import type { StandardDump } from "../publication/merkle.ts";
import { previousFromFiles } from "../publication/previous.ts";
import { preparePublication, type HubEvents, type PreviousPublication } from "../publication/publication.ts";
import { allocatePublishedPlays } from "../publication/published-plays.ts";
import { CAMPAIGNS_FILE, parseCampaigns } from "../publication/campaigns.ts";
import { forEachPublishedPayment, parsePublishedArtists } from "../publication/published.ts";
import { addPayment, emptyPaymentsPass } from "../rules/allocate.ts";
import { addPaymentAggregate, type PaymentAggregate } from "./hub-aggregates.ts";
import { conservationProblem, type ConservedTotals } from "../rules/conservation.ts";
import { compareStrings, type Artist } from "../rules/types.ts";

export interface AuditCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface FilesAudit {
  checks: AuditCheck[];
  /** The published manifest (undefined when manifest.json is unreadable). */
  manifest: Record<string, any> | undefined;
  /** sha256 of manifest.json, the data hash the root must carry on-chain. */
  manifestSha256: string | undefined;
  /** The published leaves (lowercase address → cumulative amount), for the chain checks. */
  leaves: Map<string, bigint>;
  /**
   * The published (or, in committed mode, the auditor's) payments summed per referrer, and the registry,
   * for the hub checks.
   */
  paymentAggregates?: Map<string, PaymentAggregate>;
  artists?: Map<string, Artist>;
}

export interface FilesAuditInput {
  /** Relative path → bytes of every file in the period folder. */
  files: ReadonlyMap<string, FolderFile>;
  /** The previous period's folder (manifest.json, distribution.json, statements.csv suffice); null if none. */
  previous: ReadonlyMap<string, FolderFile> | null;
  /** Committed mode: the per-fan rows a registered auditor received (payments.csv, plays.csv). */
  rows?: ReadonlyMap<string, FolderFile>;
  sha256: (data: Uint8Array) => string;
}

const check = (name: string, ok: boolean, detail: string): AuditCheck => ({ name, ok, detail });

/** Leaves of a StandardMerkleTree dump, address → amount. */
export function dumpLeaves(bytes: Uint8Array): Map<string, bigint> {
  const dump = JSON.parse(new TextDecoder().decode(bytes)) as StandardDump;
  return new Map(dump.values.map(({ value }) => [value[0].toLowerCase(), BigInt(value[1])]));
}

/** The first address whose leaf differs between two leaf maps, as a sentence; undefined when equal. */
export function firstDifferingLeaf(
  published: ReadonlyMap<string, bigint>,
  expected: ReadonlyMap<string, bigint>,
): string | undefined {
  const addresses = [...new Set([...published.keys(), ...expected.keys()])].sort(compareStrings);
  for (const a of addresses) {
    const p = published.get(a);
    const e = expected.get(a);
    if (p !== e) return `leaf ${a}: published ${p ?? "none"}, recomputed ${e ?? "none"}`;
  }
  return undefined;
}

export function auditFiles(input: FilesAuditInput): FilesAudit {
  const files = input.rows ? new Map([...input.files, ...input.rows]) : input.files;
  // Big data files are hashed once, though both the folder check and the recompute need their hash.
  const hashes = new WeakMap<Uint8Array, string>();
  const sha256 = (d: Uint8Array) => hashes.get(d) ?? hashes.set(d, input.sha256(d)).get(d)!;
  const bytes = (name: string) => {
    const f = files.get(name);
    return f === undefined ? undefined : wholeBytes(f);
  };
  const checks: AuditCheck[] = [];
  const out: FilesAudit = { checks, manifest: undefined, manifestSha256: undefined, leaves: new Map() };
  let folder;
  try {
    folder = checkFolder(files, sha256);
  } catch (e) {
    checks.push(check("folder matches manifest.json", false, (e as Error).message));
    return out;
  }
  const m = folder.manifest;
  out.manifest = m;
  out.manifestSha256 = sha256(bytes("manifest.json")!);
  checks.push(
    check("folder matches manifest.json", folder.problems.length === 0, folder.problems[0] ?? `${files.size} files`),
  );
  const dist = bytes("distribution.json");
  try {
    if (dist) out.leaves = dumpLeaves(dist);
  } catch (e) {
    checks.push(check("distribution.json is a StandardMerkleTree dump", false, (e as Error).message));
  }

  let previous: PreviousPublication | null = null;
  if (m.previous) {
    const name = "previous publication";
    if (!input.previous) {
      checks.push(check(name, false, `period ${m.previous.period}'s folder is needed (carry-in, leaves)`));
      return out;
    }
    try {
      previous = previousFromFiles(
        (n) => {
          const f = input.previous!.get(n);
          return f === undefined ? undefined : wholeBytes(f);
        },
        sha256,
        (file, detail) => {
          throw new Error(`previous ${file}: ${detail}`);
        },
      );
    } catch (e) {
      checks.push(check(name, false, (e as Error).message));
      return out;
    }
    const same = previous.manifestSha256 === m.previous.manifest_sha256 && previous.root === m.previous.root;
    checks.push(
      check(
        name,
        same,
        same
          ? `period ${previous.period}, root ${previous.root}`
          : `the given previous folder (manifest sha256 ${previous.manifestSha256}) is not the one manifest.json names (${m.previous.manifest_sha256})`,
      ),
    );
    if (!same) return out;
  }

  let fanRows: FanRowsCommitment | undefined;
  if (m.fan_rows !== undefined) {
    const name = "per-fan rows match the manifest's commitment";
    const missing = (m.fan_rows.files ?? []).filter((f: string) => !files.has(f));
    if (m.fan_rows.mode !== "committed" || missing.length > 0) {
      const why = m.fan_rows.mode !== "committed" ? `unknown fan_rows mode ${JSON.stringify(m.fan_rows.mode)}` : "";
      checks.push(
        check(
          name,
          false,
          why ||
            `committed mode: ${missing.join(" and ")} go to registered auditors only; recomputing needs them (--rows)`,
        ),
      );
      return out;
    }
    try {
      fanRows = fanRowsCommitment(bytes("payments.csv")!, bytes("plays.csv")!).commitment;
    } catch (e) {
      checks.push(check(name, false, (e as Error).message));
      return out;
    }
    const same = fanRows.root === m.fan_rows.root && fanRows.fans === m.fan_rows.fans;
    checks.push(
      check(
        name,
        same,
        same
          ? `${fanRows.fans} fans, root ${fanRows.root}`
          : `recomputed root ${fanRows.root} over ${fanRows.fans} fans, manifest ${m.fan_rows.root} over ${m.fan_rows.fans}`,
      ),
    );
  }

  // Each recomputed file is compared with the published one as it is built, and dropped: a million
  // artists' statements and proofs are never held twice.
  const dataFiles = ["artists.csv", "payments.csv", "plays.csv"];
  const built = new Set<string>();
  const differing: string[] = [];
  const compare = (path: string, recomputed: Uint8Array | undefined) => {
    built.add(path);
    if (!sameBytes(bytes(path), recomputed)) differing.push(path);
  };
  let publication;
  let count: number;
  try {
    const artists = parsePublishedArtists(bytes("artists.csv") ?? new Uint8Array());
    // Payments are read one at a time into the allocation's payments pass and the per-referrer sums.
    const payments = emptyPaymentsPass();
    const aggregates = new Map<string, PaymentAggregate>();
    forEachPublishedPayment(bytes("payments.csv") ?? new Uint8Array(), artists, (p) => {
      addPayment(payments, p);
      addPaymentAggregate(aggregates, p);
    });
    out.paymentAggregates = aggregates;
    out.artists = artists;
    const campaignsFile = bytes(CAMPAIGNS_FILE);
    const campaigns = campaignsFile ? parseCampaigns(campaignsFile, artists) : undefined;
    const plays = files.get("plays.csv") ?? new Uint8Array();
    const carryIn = previous?.carryOut ?? 0n;
    const allocation = allocatePublishedPlays(
      plays instanceof Uint8Array ? plays : plays.chunks(),
      artists,
      payments,
      carryIn,
    );
    const dataHashes: Record<string, string> = {};
    for (const name of dataFiles) dataHashes[name] = fileSha256(files.get(name)!, sha256);
    const prepared = preparePublication(
      {
        period: String(m.period),
        allocation,
        artists,
        previous,
        campaigns,
        inputs: m.inputs,
        hubEvents: hubEventsOf(m),
        sha256,
      },
      compare,
    );
    publication = prepared.finish(dataHashes, fanRows);
    compare("manifest.json", publication.files.get("manifest.json"));
    count = prepared.count + 1;
  } catch (e) {
    checks.push(check("recomputed from the published data", false, (e as Error).message));
    return out;
  }

  const expectedLeaves = new Map((publication.tree?.values ?? []).map((l) => [l.address, l.amount]));
  const leafDiff = firstDifferingLeaf(out.leaves, expectedLeaves);
  for (const path of files.keys()) if (!built.has(path) && !dataFiles.includes(path)) differing.push(path);
  differing.sort(compareStrings);
  const first = differing[0];
  const why =
    first === "distribution.json" && leafDiff
      ? ` (${leafDiff})`
      : first === "manifest.json"
        ? ` (${firstDifferingField(bytes(first), publication.files.get(first)) ?? "bytes differ"})`
        : "";
  const more = differing.length > 1 ? ` and ${differing.length - 1} more: ${differing.slice(1, 4).join(", ")}` : "";
  const fileDetail = differing.length ? `${first} differs${why}${more}` : `${count} files identical`;
  checks.push(check("recomputed files match byte for byte", differing.length === 0, fileDetail));
  checks.push(
    check(
      "leaves match the recomputed allocation",
      leafDiff === undefined,
      leafDiff ?? `${expectedLeaves.size} leaves`,
    ),
  );

  const root = publication.tree?.root ?? null;
  const dumpRoot = dist ? safeRoot(dist) : null;
  const rootOk = root === m.root && dumpRoot === m.root;
  checks.push(
    check(
      "root",
      rootOk,
      rootOk ? String(root) : `manifest ${m.root}, distribution.json ${dumpRoot}, recomputed ${root}`,
    ),
  );

  let monotone: string | undefined;
  for (const [address, amount] of previous?.leaves ?? []) {
    const now = out.leaves.get(address) ?? 0n;
    if (now < amount) {
      monotone = `leaf ${address} fell from ${amount} to ${now}`;
      break;
    }
  }
  checks.push(
    check(
      "leaves never decrease from the previous period",
      monotone === undefined,
      monotone ?? `${previous?.leaves.size ?? 0} previous leaves`,
    ),
  );

  const conservation = manifestConservation(m);
  checks.push(
    check(
      "conservation: allocated + carry = funded, carry ≥ 0",
      conservation.problem === undefined,
      conservation.problem ?? conservation.detail,
    ),
  );
  return out;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return a === b;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function safeRoot(bytes: Uint8Array): string | null {
  try {
    return (JSON.parse(new TextDecoder().decode(bytes)) as StandardDump).tree[0] ?? null;
  } catch {
    return null;
  }
}

/** Conservation of the published manifest's own figures (lib/rules/conservation.ts), and its cumulative total. */
export function manifestConservation(m: Record<string, any>): { problem: string | undefined; detail: string } {
  const t = m.totals ?? {};
  const big = (v: unknown): bigint | undefined => {
    try {
      return typeof v === "string" || typeof v === "number" ? BigInt(v) : undefined;
    } catch {
      return undefined;
    }
  };
  const fields = {
    poolShares: big(t.pool_shares),
    carryIn: big(m.carry_in),
    pool: big(t.pool),
    unplayedPool: big(t.unplayed_pool),
    referralOffchain: big(t.referral_offchain),
    userCentric: big(t.user_centric),
    unplayed: big(t.unplayed),
    allocated: big(t.allocated),
    funded: big(t.funded),
    carryOut: big(m.carry_out),
  };
  const missing = Object.entries(fields).find(([, v]) => v === undefined);
  if (missing) return { problem: `manifest.json: ${missing[0]} is missing or not an integer`, detail: "" };
  const totals = fields as ConservedTotals;
  const cumulative = big(m.cumulative_total);
  const previous = big(m.previous_cumulative_total) ?? 0n;
  const problem =
    conservationProblem(totals) ??
    (cumulative !== previous + totals.allocated
      ? `cumulative_total ${m.cumulative_total} ≠ previous ${previous} + allocated ${totals.allocated}`
      : undefined);
  return { problem, detail: `${totals.allocated} + ${totals.carryOut} = ${totals.funded}` };
}

/** The first field (dotted path) where two JSON documents differ, as a sentence; undefined when none does. */
export function firstDifferingField(
  published: Uint8Array | undefined,
  expected: Uint8Array | undefined,
): string | undefined {
  const parse = (b: Uint8Array | undefined): unknown => {
    try {
      return b ? JSON.parse(new TextDecoder().decode(b)) : undefined;
    } catch {
      return undefined;
    }
  };
  const walk = (p: unknown, e: unknown, path: string): string | undefined => {
    if (p !== null && e !== null && typeof p === "object" && typeof e === "object") {
      const keys = [...new Set([...Object.keys(p), ...Object.keys(e)])].sort(compareStrings);
      for (const k of keys) {
        const d = walk((p as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
        if (d) return d;
      }
      return undefined;
    }
    if (JSON.stringify(p) === JSON.stringify(e)) return undefined;
    const show = (v: unknown) => (v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v));
    return `manifest.json field ${path}: published ${show(p)}, recomputed ${show(e)}`;
  };
  const p = parse(published);
  if (p === undefined) return undefined;
  return walk(p, parse(expected), "") ?? "same fields, different bytes (formatting)";
}

/** The manifest's record of where its payments were read, when they are a hub's Paid events. */
export function hubEventsOf(m: Record<string, any>): HubEvents | undefined {
  const h = m.hub_events;
  if (!h) return undefined;
  return {
    hub: String(h.hub),
    fromBlock: BigInt(h.from_block),
    toBlock: BigInt(h.to_block),
    hubPeriod: h.hub_period === undefined ? undefined : BigInt(h.hub_period),
  };
}
