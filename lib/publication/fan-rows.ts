// Committed mode: a platform that cannot publish even pseudonymous per-fan rows publishes a Merkle
// root over them instead (manifest `fan_rows`), hands payments.csv and plays.csv to its registered
// auditors only, and gives each signed-in fan their own rows with a proof. One leaf per fan holds all
// of that fan's rows, so a proof shows both that the rows are in the period and that they are all of them.
// Tree shape as @openzeppelin/merkle-tree: leaves sorted by hash, node i = keccak(sorted(2i+1, 2i+2)).
import { keccak256 } from "../chain/keccak.ts";
import { fromHex, toHex } from "../chain/hex.ts";
import { canonicalJson } from "./canonical.ts";
import { parseCsvLine } from "./csv.ts";

/** The data files that hold per-fan rows, and the column of each that names the fan. */
export const FAN_ROW_FILES = { "payments.csv": "subscriber_id", "plays.csv": "subscriber_id" } as const;
export type FanRowFile = keyof typeof FAN_ROW_FILES;

/** One fan's rows: the exact lines (without line ending) of payments.csv and plays.csv, in file order. */
export interface FanRows {
  subscriber: string;
  payments: string[];
  plays: string[];
}

/** manifest.json's `fan_rows` in committed mode. */
export interface FanRowsCommitment {
  mode: "committed";
  /** Merkle root over one leaf per fan. */
  root: string;
  fans: number;
  /** Files given only to registered auditors (their sha256 stay in manifest `files`). */
  files: FanRowFile[];
}

/** The files a manifest lists but a committed-mode folder does not publish. */
export function withheldFiles(manifest: Record<string, any>): Set<string> {
  return new Set(manifest.fan_rows?.mode === "committed" ? (manifest.fan_rows.files ?? []) : []);
}

export interface FanProof {
  rows: FanRows;
  proof: string[];
}

const dec = new TextDecoder();
const enc = new TextEncoder();

/** Every fan's rows from the two files' bytes. */
export function fanRowsOf(payments: Uint8Array, plays: Uint8Array): Map<string, FanRows> {
  const fans = new Map<string, FanRows>();
  const add = (bytes: Uint8Array, file: FanRowFile, into: "payments" | "plays") => {
    const lines = dec.decode(bytes).split("\n");
    if (lines.at(-1) === "") lines.pop();
    const column = parseCsvLine(lines[0] ?? "").indexOf(FAN_ROW_FILES[file]);
    if (column < 0) throw new Error(`${file}: no ${FAN_ROW_FILES[file]} column`);
    for (let i = 1; i < lines.length; i++) {
      const subscriber = parseCsvLine(lines[i])[column];
      let f = fans.get(subscriber);
      if (!f) fans.set(subscriber, (f = { subscriber, payments: [], plays: [] }));
      f[into].push(lines[i]);
    }
  };
  add(payments, "payments.csv", "payments");
  add(plays, "plays.csv", "plays");
  return fans;
}

/** The leaf of one fan: keccak256(keccak256(canonical JSON of the rows)), double-hashed like OZ's leaves. */
export function fanLeaf(rows: FanRows): Uint8Array {
  const body = {
    format: "gapless-fan-rows-v1",
    subscriber: rows.subscriber,
    payments: rows.payments,
    plays: rows.plays,
  };
  return keccak256(keccak256(enc.encode(canonicalJson(body))));
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(64);
  const [x, y] = compare(a, b) <= 0 ? [a, b] : [b, a];
  both.set(x, 0);
  both.set(y, 32);
  return keccak256(both);
}

export class FanRowsTree {
  private readonly nodes: Uint8Array[];
  private readonly index = new Map<string, number>();
  private readonly fans: ReadonlyMap<string, FanRows>;

  constructor(fans: ReadonlyMap<string, FanRows>) {
    this.fans = fans;
    const leaves = [...fans.values()].map((r) => ({ subscriber: r.subscriber, hash: fanLeaf(r) }));
    if (leaves.length === 0) throw new Error("committed mode needs at least one fan row");
    leaves.sort((a, b) => compare(a.hash, b.hash));
    const m = 2 * leaves.length - 1;
    this.nodes = new Array(m);
    leaves.forEach((l, k) => {
      this.nodes[m - 1 - k] = l.hash;
      this.index.set(l.subscriber, m - 1 - k);
    });
    for (let i = m - 1 - leaves.length; i >= 0; i--)
      this.nodes[i] = hashPair(this.nodes[2 * i + 1], this.nodes[2 * i + 2]);
  }

  get root(): string {
    return toHex(this.nodes[0]);
  }

  get size(): number {
    return this.fans.size;
  }

  /** The fan's rows and proof; undefined for a subscriber without rows. */
  proofOf(subscriber: string): FanProof | undefined {
    let i = this.index.get(subscriber);
    if (i === undefined) return undefined;
    const proof: string[] = [];
    while (i > 0) {
      proof.push(toHex(this.nodes[i % 2 === 1 ? i + 1 : i - 1]));
      i = (i - 1) >> 1;
    }
    return { rows: this.fans.get(subscriber)!, proof };
  }
}

export function fanRowsCommitment(
  payments: Uint8Array,
  plays: Uint8Array,
): { commitment: FanRowsCommitment; tree: FanRowsTree } {
  const tree = new FanRowsTree(fanRowsOf(payments, plays));
  return {
    commitment: { mode: "committed", root: tree.root, fans: tree.size, files: ["payments.csv", "plays.csv"] },
    tree,
  };
}

/** Does `proof` show that `rows` are one fan's complete rows under `root`? */
export function verifyFanRows(root: string, { rows, proof }: FanProof): boolean {
  let node = fanLeaf(rows);
  for (const sibling of proof) node = hashPair(node, fromHex(sibling));
  return toHex(node) === root.toLowerCase();
}
