// The fast tree builder against @openzeppelin/merkle-tree itself.
import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { buildTree, proofShards, shardPrefixLength, verifyProof, type Leaf } from "../../lib/publication/index.ts";
import { keccak256 } from "../../lib/chain/index.ts";

function leaves(n: number, seed: number): Leaf[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const out: Leaf[] = [];
  for (let i = 0; i < n; i++) {
    const address = "0x" + (i.toString(16).padStart(8, "0") + next().toString(16).padStart(8, "0")).padStart(40, "7");
    out.push({ address, amount: BigInt(next()) * BigInt(next()) * 10n ** BigInt(i % 40) });
  }
  return out.sort((a, b) => (a.address < b.address ? -1 : 1));
}

describe("engine merkle", () => {
  it("test_keccak_matchesNobleOnEveryLengthAroundTheRate", () => {
    for (const n of [0, 1, 31, 32, 33, 64, 135, 136, 137, 271, 272, 500]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(Buffer.from(keccak256(data)).toString("hex")).to.equal(Buffer.from(keccak_256(data)).toString("hex"));
    }
  });

  it("test_dump_isByteIdenticalToOpenZeppelins", () => {
    const values = leaves(3000, 1);
    const ours = buildTree(values);
    const oz = StandardMerkleTree.of(
      values.map((l) => [l.address, l.amount.toString()]),
      ["address", "uint256"],
    );
    expect(new TextDecoder().decode(ours.dumpBytes())).to.equal(JSON.stringify(oz.dump()));
    expect(ours.root).to.equal(oz.root);
  });

  it("test_load_openZeppelinAcceptsOurDumpAndVerifiesOurProofs", () => {
    const values = leaves(2500, 2);
    const ours = buildTree(values);
    const loaded = StandardMerkleTree.load(JSON.parse(new TextDecoder().decode(ours.dumpBytes())));
    expect(loaded.root).to.equal(ours.root);
    for (let i = 0; i < values.length; i += 97) {
      const proof = ours.proof(i);
      expect(loaded.verify([values[i].address, values[i].amount.toString()], proof)).to.equal(true);
      expect(
        StandardMerkleTree.verify(ours.root, ["address", "uint256"], [values[i].address, values[i].amount], proof),
      ).to.equal(true);
      expect(verifyProof(ours.root, values[i].address, values[i].amount, proof)).to.equal(true);
      expect(verifyProof(ours.root, values[i].address, values[i].amount + 1n, proof)).to.equal(false);
    }
  });

  it("test_singleLeaf_rootIsTheLeafHash", () => {
    const [leaf] = leaves(1, 3);
    const oz = StandardMerkleTree.of([[leaf.address, leaf.amount.toString()]], ["address", "uint256"]);
    expect(buildTree([leaf]).root).to.equal(oz.root);
    expect(buildTree([leaf]).proof(0)).to.deep.equal([]);
  });

  it("test_shards_holdEveryLeafOnceUnderItsPrefix", () => {
    const values = leaves(5000, 4);
    const tree = buildTree(values);
    const prefixLength = shardPrefixLength(values.length);
    expect(prefixLength).to.equal(2);
    expect(shardPrefixLength(256 * 16)).to.equal(1);
    expect(shardPrefixLength(256 * 16 + 1)).to.equal(2);
    const shards = proofShards(tree, tree.root, prefixLength);
    let count = 0;
    for (const s of shards) {
      const body = JSON.parse(s.json);
      for (const e of body.entries) {
        expect(e.address.slice(2, 2 + prefixLength)).to.equal(s.prefix);
        expect(verifyProof(body.root, e.address, BigInt(e.amount), e.proof)).to.equal(true);
        count++;
      }
    }
    expect(count).to.equal(values.length);
  });

  it("test_buildTree_RevertWhen_duplicateOrUppercaseAddress", () => {
    const [a] = leaves(1, 5);
    expect(() => buildTree([a, a])).to.throw(/duplicate/);
    expect(() => buildTree([{ address: a.address.toUpperCase().replace("0X", "0x"), amount: 1n }])).to.throw(
      /lowercase/,
    );
    expect(() => buildTree([])).to.throw(/at least one/);
  });
});
