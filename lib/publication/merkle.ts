// A fast builder of @openzeppelin/merkle-tree StandardMerkleTree trees of [address, uint256] leaves.
// It produces the same tree array, value order and dump as `StandardMerkleTree.of(values,
// ["address", "uint256"]).dump()`: leaf = keccak256(keccak256(abi.encode(address, amount))), leaves
// sorted by hash, node i = keccak256(sorted(node 2i+1, node 2i+2)), leaf k at index length-1-k.
// Everything stays in one byte array; hex appears only when writing the dump and proofs.
import { keccak256Of32, keccak256Of64, keccak256OfPair } from "../chain/keccak.ts";
import { parseHexInto, toHex, writeAsciiHex } from "../chain/hex.ts";

export const LEAF_ENCODING = ["address", "uint256"] as const;
const MAX_UINT256 = (1n << 256n) - 1n;
/** Leaves per tree: the sort key packs the value index in 24 bits. */
export const MAX_LEAVES = 1 << 24;

/** One leaf: a lowercase payout address and its cumulative amount. */
export interface Leaf {
  address: string;
  amount: bigint;
}

/** The dump shape of @openzeppelin/merkle-tree (`tree.dump()`), values as [address, decimal amount]. */
export interface StandardDump {
  format: "standard-v1";
  leafEncoding: string[];
  tree: string[];
  values: { value: [string, string]; treeIndex: number }[];
}

const encodeBuf = new Uint8Array(64);
const innerHash = new Uint8Array(32);

/** Writes the StandardMerkleTree leaf hash of (address, amount) into `out` at `outOff`. */
export function leafHashInto(address: string, amount: bigint, out: Uint8Array, outOff: number): void {
  if (amount < 0n || amount > MAX_UINT256) throw new Error(`amount out of uint256 range: ${amount}`);
  encodeBuf.fill(0, 0, 12);
  parseHexInto(address, 20, encodeBuf, 12);
  if (amount <= 0x1fffffffffffffn) {
    let a = Number(amount);
    encodeBuf.fill(0, 32, 57);
    for (let i = 63; i >= 57; i--) {
      encodeBuf[i] = a % 256;
      a = Math.floor(a / 256);
    }
  } else {
    parseHexInto("0x" + amount.toString(16).padStart(64, "0"), 32, encodeBuf, 32);
  }
  keccak256Of64(encodeBuf, 0, innerHash, 0);
  keccak256Of32(innerHash, 0, out, outOff);
}

export function leafHash(address: string, amount: bigint): string {
  const out = new Uint8Array(32);
  leafHashInto(address, amount, out, 0);
  return toHex(out);
}

function compare32(a: Uint8Array, ao: number, b: Uint8Array, bo: number): number {
  for (let i = 0; i < 32; i++) {
    const d = a[ao + i] - b[bo + i];
    if (d !== 0) return d;
  }
  return 0;
}

/** keccak256 of the two 32-byte nodes at aOff and bOff of `src`, smaller first, into dst at dstOff. */
function hashPairInto(src: Uint8Array, aOff: number, bOff: number, dst: Uint8Array, dstOff: number): void {
  if (compare32(src, aOff, src, bOff) > 0) keccak256OfPair(src, bOff, aOff, dst, dstOff);
  else keccak256OfPair(src, aOff, bOff, dst, dstOff);
}

/** Leaf order: by hash, as OZ sorts. A 40-bit prefix sort, then exact ordering of prefix ties. */
function sortByHash(hashes: Uint8Array, n: number): Int32Array {
  const keys = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 32;
    const low32 = ((hashes[o + 1] << 24) | (hashes[o + 2] << 16) | (hashes[o + 3] << 8) | hashes[o + 4]) >>> 0;
    const p = hashes[o] * 2 ** 32 + low32;
    keys[i] = (BigInt(p) << 24n) | BigInt(i);
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = Number(keys[i] & 0xffffffn);
  // Equal 40-bit prefixes: order the run by the full hash.
  for (let i = 0; i < n - 1;) {
    let j = i + 1;
    while (j < n && keys[j] >> 24n === keys[i] >> 24n) j++;
    if (j - i > 1) {
      const run = Array.from(order.subarray(i, j)).sort((a, b) => compare32(hashes, a * 32, hashes, b * 32));
      order.set(run, i);
    }
    i = j;
  }
  return order;
}

export class DistributionTree {
  /** Leaves in value order (the order given to the builder). */
  readonly values: readonly Leaf[];
  /** The tree array, 32 bytes per node, node 0 the root. */
  readonly nodes: Uint8Array;
  /** Tree index of each value. */
  readonly treeIndex: Int32Array;
  private readonly hexCache: (string | undefined)[];

  constructor(values: readonly Leaf[], nodes: Uint8Array, treeIndex: Int32Array) {
    this.values = values;
    this.nodes = nodes;
    this.treeIndex = treeIndex;
    this.hexCache = new Array(nodes.length / 32);
  }

  get length(): number {
    return this.nodes.length / 32;
  }

  get root(): string {
    return this.nodeHex(0);
  }

  nodeHex(i: number): string {
    return (this.hexCache[i] ??= toHex(this.nodes, i * 32, 32));
  }

  /** The proof of value `valueIndex`, as OZ's `getProof` returns it. */
  proof(valueIndex: number): string[] {
    let index = this.treeIndex[valueIndex];
    const proof: string[] = [];
    while (index > 0) {
      proof.push(this.nodeHex(index % 2 === 1 ? index + 1 : index - 1));
      index = (index - 1) >> 1;
    }
    return proof;
  }

  /** Exactly the bytes of `JSON.stringify(StandardMerkleTree.of(values, LEAF_ENCODING).dump())`. */
  dumpBytes(): Uint8Array {
    const m = this.length;
    const amounts = this.values.map((v) => v.amount.toString());
    const head = `{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":[`;
    let size = head.length + m * 69 - 1 + `],"values":[`.length + `]}`.length;
    for (let k = 0; k < amounts.length; k++) {
      size += `{"value":["0x`.length + 40 + `","`.length + amounts[k].length + `"],"treeIndex":`.length;
      size += String(this.treeIndex[k]).length + 1 + (k > 0 ? 1 : 0);
    }
    const out = new Uint8Array(size);
    let p = 0;
    const ascii = (s: string) => {
      for (let i = 0; i < s.length; i++) out[p++] = s.charCodeAt(i);
    };
    ascii(head);
    for (let i = 0; i < m; i++) {
      if (i > 0) out[p++] = 44; // ,
      out[p++] = 34; // "
      out[p++] = 48; // 0
      out[p++] = 120; // x
      p = writeAsciiHex(this.nodes, i * 32, 32, out, p);
      out[p++] = 34;
    }
    ascii(`],"values":[`);
    for (let k = 0; k < amounts.length; k++) {
      if (k > 0) out[p++] = 44;
      ascii(`{"value":["`);
      ascii(this.values[k].address);
      ascii(`","`);
      ascii(amounts[k]);
      ascii(`"],"treeIndex":`);
      ascii(String(this.treeIndex[k]));
      out[p++] = 125; // }
    }
    ascii(`]}`);
    if (p !== size) throw new Error(`dump size mismatch ${p} != ${size}`);
    return out;
  }

  dump(): StandardDump {
    return JSON.parse(new TextDecoder().decode(this.dumpBytes())) as StandardDump;
  }
}

/**
 * Builds the tree of `leaves` (kept in the given order as the dump's values). Addresses must be
 * lowercase 0x-hex and distinct; at least one leaf.
 */
export function buildTree(leaves: readonly Leaf[]): DistributionTree {
  const n = leaves.length;
  if (n === 0) throw new Error("a Merkle tree needs at least one leaf");
  if (n > MAX_LEAVES) throw new Error(`more than ${MAX_LEAVES} leaves`);
  const hashes = new Uint8Array(n * 32);
  for (let i = 0; i < n; i++) {
    const { address, amount } = leaves[i];
    if (address !== address.toLowerCase()) throw new Error(`leaf address must be lowercase: ${address}`);
    leafHashInto(address, amount, hashes, i * 32);
  }
  const order = sortByHash(hashes, n);
  const m = 2 * n - 1;
  const nodes = new Uint8Array(m * 32);
  const treeIndex = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const at = m - 1 - k;
    const from = order[k] * 32;
    for (let j = 0; j < 32; j++) nodes[at * 32 + j] = hashes[from + j];
    treeIndex[order[k]] = at;
  }
  for (let i = m - 1 - n; i >= 0; i--) hashPairInto(nodes, (2 * i + 1) * 32, (2 * i + 2) * 32, nodes, i * 32);
  for (let k = 1; k < n; k++) {
    if (compare32(nodes, (m - k) * 32, nodes, (m - 1 - k) * 32) === 0) throw new Error("duplicate leaf");
  }
  return new DistributionTree(leaves, nodes, treeIndex);
}

/** Checks a proof the way MerkleProof.verify and OZ's StandardMerkleTree.verify do. */
export function verifyProof(root: string, address: string, amount: bigint, proof: readonly string[]): boolean {
  const buf = new Uint8Array(96);
  leafHashInto(address.toLowerCase(), amount, buf, 0);
  for (const sibling of proof) {
    parseHexInto(sibling, 32, buf, 32);
    hashPairInto(buf, 0, 32, buf, 0);
  }
  return toHex(buf, 0, 32) === root.toLowerCase();
}
