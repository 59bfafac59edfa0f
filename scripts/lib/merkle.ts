// Merkle helpers for the Distributor's cumulative claims, shared by scripts, tests and the app.
// Leaves are `@openzeppelin/merkle-tree` StandardMerkleTree leaves of [address account, uint256
// cumulativeAmount]: keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount)))), and
// inner nodes hash their two children in sorted order. Nothing here touches the file system, so the
// browser auditor runs the same code as the CLI.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { concat, encodeAbiParameters, getAddress, keccak256, type Address, type Hex } from "viem";

/** The leaf encoding of every distribution tree. */
export const LEAF_ENCODING = ["address", "uint256"] as const;

/** One leaf: an account and everything it is owed up to and including this period. */
export interface Entitlement {
  account: Address;
  cumulativeAmount: bigint;
}

export type DistributionTree = StandardMerkleTree<[string, string]>;
export type DistributionDump = ReturnType<DistributionTree["dump"]>;

/** Builds the tree; amounts are stored as decimal strings so the dump is plain JSON. */
export function buildTree(entitlements: readonly Entitlement[]): DistributionTree {
  const seen = new Set<string>();
  const values = entitlements.map(({ account, cumulativeAmount }): [string, string] => {
    const checksummed = getAddress(account);
    if (seen.has(checksummed)) throw new Error(`duplicate account ${checksummed}`);
    if (cumulativeAmount < 0n) throw new Error(`negative amount for ${checksummed}`);
    seen.add(checksummed);
    return [checksummed, cumulativeAmount.toString()];
  });
  return StandardMerkleTree.of(values, [...LEAF_ENCODING]);
}

/** Sum of all leaves: what the root's `total` must be. */
export function treeTotal(tree: DistributionTree): bigint {
  let total = 0n;
  for (const [, [, amount]] of tree.entries()) total += BigInt(amount);
  return total;
}

/** The leaf's entitlement and proof for `account`, or undefined if the account has no leaf. */
export function getClaim(
  tree: DistributionTree,
  account: Address,
): { account: Address; cumulativeAmount: bigint; proof: Hex[] } | undefined {
  const wanted = getAddress(account);
  for (const [i, [leafAccount, amount]] of tree.entries()) {
    if (getAddress(leafAccount) === wanted) {
      return { account: wanted, cumulativeAmount: BigInt(amount), proof: tree.getProof(i) as Hex[] };
    }
  }
  return undefined;
}

/** Every claim of the tree, keyed by checksummed account (for sharded proof files). */
export function allClaims(tree: DistributionTree): Map<Address, { cumulativeAmount: bigint; proof: Hex[] }> {
  const claims = new Map<Address, { cumulativeAmount: bigint; proof: Hex[] }>();
  for (const [i, [account, amount]] of tree.entries()) {
    claims.set(getAddress(account), { cumulativeAmount: BigInt(amount), proof: tree.getProof(i) as Hex[] });
  }
  return claims;
}

/** The dump in `standard-v1` format, as published. */
export function dumpTree(tree: DistributionTree): DistributionDump {
  return tree.dump();
}

/** Loads a published dump, refusing any other leaf encoding. */
export function loadTree(dump: DistributionDump): DistributionTree {
  if (dump.leafEncoding.join(",") !== LEAF_ENCODING.join(",")) {
    throw new Error(`unexpected leaf encoding ${dump.leafEncoding.join(",")}`);
  }
  return StandardMerkleTree.load(dump);
}

/** The leaf hash the Distributor computes on-chain. */
export function leafHash(account: Address, cumulativeAmount: bigint): Hex {
  return keccak256(
    keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [account, cumulativeAmount])),
  );
}

/** Sorted-pair hash of two nodes, as MerkleProof and the StandardMerkleTree compute it. */
export function hashPair(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** The root a leaf and its proof lead to. */
export function rootFromProof(leaf: Hex, proof: readonly Hex[]): Hex {
  return proof.reduce<Hex>((node, sibling) => hashPair(node, sibling), leaf);
}
