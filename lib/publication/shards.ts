// Proof shards: proofs/<prefix>.json holds the leaves whose address starts with <prefix> (hex after
// 0x), so a browser fetches one small file for one address.
import { canonicalJson } from "./canonical.ts";
import type { DistributionTree } from "./merkle.ts";

/** Target leaves per shard. */
export const SHARD_TARGET = 256;

/** Hex digits of prefix: the smallest (at least 1) giving on average ≤ SHARD_TARGET leaves per shard. */
export function shardPrefixLength(leaves: number): number {
  let length = 1;
  while (leaves / 16 ** length > SHARD_TARGET) length++;
  return length;
}

export function shardOf(address: string, prefixLength: number): string {
  return address.slice(2, 2 + prefixLength).toLowerCase();
}

export interface ProofShard {
  prefix: string;
  /** Canonical JSON text of the shard file. */
  json: string;
}

export interface ShardEntry {
  address: string;
  amount: string;
  proof: string[];
}

/** Shard files of a tree whose values are sorted by address; only non-empty shards. */
export function proofShards(tree: DistributionTree, root: string, prefixLength: number): ProofShard[] {
  return [...eachProofShard(tree, root, prefixLength)];
}

/** proofShards one shard at a time, so the proofs of a million leaves are never all held at once. */
export function* eachProofShard(tree: DistributionTree, root: string, prefixLength: number): Generator<ProofShard> {
  let entries: ShardEntry[] = [];
  let prefix = "";
  const shard = (): ProofShard => ({
    prefix,
    json: canonicalJson({ format: "gapless-proofs-v1", root, prefix, leafEncoding: ["address", "uint256"], entries }),
  });
  for (let i = 0; i < tree.values.length; i++) {
    const leaf = tree.values[i];
    const p = shardOf(leaf.address, prefixLength);
    if (p !== prefix && entries.length > 0) {
      yield shard();
      entries = [];
    }
    prefix = p;
    entries.push({ address: leaf.address, amount: leaf.amount.toString(), proof: tree.proof(i) });
  }
  if (entries.length > 0) yield shard();
}
