// Merkle benchmark: our builder vs @openzeppelin/merkle-tree on the same N leaves (build + dump).
//   node bench/engine-merkle.ts [leaves=1000000] [--no-oz]
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { buildTree, type Leaf } from "../lib/publication/index.ts";

const n = Number(process.argv[2] ?? 1_000_000);
const withOz = !process.argv.includes("--no-oz");
let x = 42;
const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
const leaves: Leaf[] = Array.from({ length: n }, (_, i) => ({
  address: "0x" + (i.toString(16).padStart(8, "0") + next().toString(16).padStart(8, "0")).padStart(40, "5"),
  amount: BigInt(next()) * 1_000_000n,
}));

let t = performance.now();
const tree = buildTree(leaves);
const dump = tree.dumpBytes();
const ours = (performance.now() - t) / 1000;
console.log(
  `ours: ${n} leaves built and dumped in ${ours.toFixed(2)}s (${(dump.length / 1e6).toFixed(0)} MB), root ${tree.root}`,
);
if (withOz) {
  t = performance.now();
  const oz = StandardMerkleTree.of(
    leaves.map((l) => [l.address, l.amount.toString()]),
    ["address", "uint256"],
  );
  const ozDump = JSON.stringify(oz.dump());
  const theirs = (performance.now() - t) / 1000;
  console.log(
    `oz:   ${theirs.toFixed(2)}s, root ${oz.root}, identical dump: ${ozDump === new TextDecoder().decode(dump)}`,
  );
  console.log(`ratio ours/oz: ${(ours / theirs).toFixed(3)}`);
}
