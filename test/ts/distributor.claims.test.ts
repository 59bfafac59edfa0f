// Unit tests of the Distributor's claims: cumulative semantics over three periods, racing roots, batches,
// and the proof attacks a Merkle distributor must refuse; plus the shared Merkle helpers.
import { expect } from "chai";
import { network } from "hardhat";
import { AbiCoder, Wallet, ZeroHash } from "ethers";
import type { Address, Hex } from "viem";
import {
  allClaims,
  buildTree,
  dumpTree,
  getClaim,
  hashPair,
  leafHash,
  loadTree,
  treeTotal,
} from "../../scripts/lib/merkle.js";
import { WINDOW, distributorFixture } from "./distributor.fixture.js";

const { ethers, networkHelpers } = await network.create();
const deploy = distributorFixture(ethers, networkHelpers);

describe("Distributor claims", function () {
  describe("claims", function () {
    it("test_claim_cumulativeOverThreePeriodsPaysOnlyTheDifference", async function () {
      const { distributor, token, alice, bob, tree, activate, claim } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([
        [alice, 100n],
        [bob, 50n],
      ]);
      const p2 = tree([
        [alice, 250n],
        [bob, 50n],
      ]);
      const p3 = tree([
        [alice, 400n],
        [bob, 125n],
      ]);
      await activate(p1);
      const tx3 = claim(p1, alice);
      await expect(tx3).to.emit(distributor, "Claimed").withArgs(alice.address, 100n);
      await expect(tx3).to.changeTokenBalance(ethers, token, alice, 100n);
      await activate(p2, 150n);
      await activate(p3, 225n);
      // One proof against the latest root covers every past period.
      const tx4 = claim(p3, alice);
      await expect(tx4).to.emit(distributor, "Claimed").withArgs(alice.address, 400n);
      await expect(tx4).to.changeTokenBalance(ethers, token, alice, 300n);
      await expect(claim(p3, bob)).to.changeTokenBalance(ethers, token, bob, 125n);
      expect(await distributor.claimed(alice.address)).to.equal(400n);
      expect(await token.balanceOf(await distributor.getAddress())).to.equal(0n);
    });

    it("test_RevertWhen_replayingAClaim", async function () {
      const { distributor, alice, tree, activate, claim } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      await activate(p1);
      await claim(p1, alice);
      await expect(claim(p1, alice))
        .to.be.revertedWithCustomError(distributor, "DistributorNothingToClaim")
        .withArgs(alice.address);
    });

    it("test_claim_returnsAmountAndAnyoneMaySubmit", async function () {
      const { distributor, stranger, alice, tree, activate } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      await activate(p1);
      const c = getClaim(p1, alice.address as Address)!;
      expect(await distributor.connect(stranger).claim.staticCall(c.account, c.cumulativeAmount, c.proof)).to.equal(
        100n,
      );
    });

    it("test_claim_previousRootStaysClaimableWhileNewOneIsPending", async function () {
      const { distributor, token, alice, tree, activate, propose, claim } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      const p2 = tree([[alice, 300n]]);
      await activate(p1);
      await propose(p2, 200n);
      expect(await distributor.isClaimable(p1.root)).to.equal(true);
      await expect(claim(p2, alice)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof");
      await expect(claim(p1, alice)).to.changeTokenBalance(ethers, token, alice, 100n);
      await networkHelpers.time.increase(WINDOW);
      // Matured but not promoted: both roots are claimable; a claim against the new one promotes it.
      expect(await distributor.isClaimable(p1.root)).to.equal(true);
      const tx5 = claim(p2, alice);
      await expect(tx5).to.emit(distributor, "RootActivated").withArgs(p2.root);
      await expect(tx5).to.changeTokenBalance(ethers, token, alice, 200n);
      expect(await distributor.isClaimable(p1.root)).to.equal(false);
    });

    it("test_RevertWhen_rootIsImmature", async function () {
      const { distributor, alice, tree, propose, claim } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      await propose(p1);
      await networkHelpers.time.increase(WINDOW - 5);
      await expect(claim(p1, alice))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(alice.address, 100n);
    });

    it("test_RevertWhen_noRootYet", async function () {
      const { distributor, alice } = await networkHelpers.loadFixture(deploy);
      // The zero root accepts nothing, not even an empty proof.
      await expect(distributor.claim(alice.address, 0n, [])).to.be.revertedWithCustomError(
        distributor,
        "DistributorInvalidProof",
      );
      expect(await distributor.isClaimable(ZeroHash)).to.equal(false);
    });

    it("test_RevertWhen_proofIsForeignOrAmountInflated", async function () {
      const { distributor, alice, bob, tree, activate } = await networkHelpers.loadFixture(deploy);
      const real = tree([
        [alice, 100n],
        [bob, 5n],
      ]);
      const foreign = tree([
        [alice, 1000n],
        [bob, 5n],
      ]);
      await activate(real);
      const f = getClaim(foreign, alice.address as Address)!;
      await expect(distributor.claim(alice.address, 1000n, f.proof))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(alice.address, 1000n);
      const r = getClaim(real, alice.address as Address)!;
      await expect(distributor.claim(alice.address, 101n, r.proof)).to.be.revertedWithCustomError(
        distributor,
        "DistributorInvalidProof",
      );
      await expect(distributor.claim(bob.address, 100n, r.proof)).to.be.revertedWithCustomError(
        distributor,
        "DistributorInvalidProof",
      );
    });

    it("test_RevertWhen_internalNodeIsPassedAsLeaf", async function () {
      const { distributor, alice, bob, carol, relayer, tree, activate } = await networkHelpers.loadFixture(deploy);
      const t = tree([
        [alice, 100n],
        [bob, 200n],
        [carol, 300n],
        [relayer, 400n],
      ]);
      await activate(t, 1000n);
      const c = getClaim(t, alice.address as Address)!;
      const sibling = c.proof[0];
      const node = hashPair(leafHash(c.account, 100n), sibling);
      // The node, read as (account, amount) words, with the rest of the proof.
      const asAccount = ("0x" + node.slice(26)) as Address;
      await expect(distributor.claim(asAccount, BigInt(node), c.proof.slice(1))).to.be.revertedWithCustomError(
        distributor,
        "DistributorInvalidProof",
      );
      // The two children as the 64-byte preimage: the address word is not clean, so decoding refuses it.
      const [lo, hi] =
        BigInt(leafHash(c.account, 100n)) < BigInt(sibling)
          ? [leafHash(c.account, 100n), sibling]
          : [sibling, leafHash(c.account, 100n)];
      const data =
        distributor.interface.getFunction("claim").selector +
        lo.slice(2) +
        hi.slice(2) +
        AbiCoder.defaultAbiCoder()
          .encode(["bytes32[]"], [c.proof.slice(1)])
          .slice(2 + 64);
      await expect(alice.sendTransaction({ to: await distributor.getAddress(), data })).to.revert(ethers);
    });

    it("test_claimWithRoot_paysOnMatchAndRevertsOnRace", async function () {
      const { distributor, token, alice, tree, activate, propose } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      const p2 = tree([[alice, 300n]]);
      await activate(p1);
      await propose(p2, 200n);
      await networkHelpers.time.increase(WINDOW);
      const c1 = getClaim(p1, alice.address as Address)!;
      // The claimant built against p1, but p2 matured: promotion happens first, then the mismatch.
      await expect(distributor.claimWithRoot(alice.address, 100n, c1.proof, p1.root))
        .to.be.revertedWithCustomError(distributor, "DistributorRootMismatch")
        .withArgs(p1.root, p2.root);
      const c2 = getClaim(p2, alice.address as Address)!;
      const tx6 = distributor.claimWithRoot(alice.address, 300n, c2.proof, p2.root);
      await expect(tx6).to.emit(distributor, "RootActivated");
      await expect(tx6).to.changeTokenBalance(ethers, token, alice, 300n);
      await expect(distributor.claimWithRoot(alice.address, 300n, c2.proof, p2.root))
        .to.be.revertedWithCustomError(distributor, "DistributorNothingToClaim")
        .withArgs(alice.address);
      await expect(distributor.claimWithRoot(alice.address, 301n, c2.proof, p2.root))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(alice.address, 301n);
    });

    it("test_claimMany_paysBatchAndSkipsFullyPaid", async function () {
      const { distributor, token, alice, bob, carol, relayer, tree, activate, claim } =
        await networkHelpers.loadFixture(deploy);
      const t = tree([
        [alice, 10n],
        [bob, 20n],
        [carol, 30n],
      ]);
      await activate(t);
      await claim(t, bob);
      const batch = [alice, bob, carol].map((s) => {
        const c = getClaim(t, s.address as Address)!;
        return { account: c.account, cumulativeAmount: c.cumulativeAmount, proof: c.proof };
      });
      expect(await distributor.connect(relayer).claimMany.staticCall(batch)).to.equal(40n);
      const tx7 = distributor.connect(relayer).claimMany(batch);
      await expect(tx7).to.emit(distributor, "Claimed").withArgs(carol.address, 30n);
      await expect(tx7).to.changeTokenBalances(ethers, token, [alice, bob, carol], [10n, 0n, 30n]);
      const bad = [{ ...batch[0], cumulativeAmount: 11n }];
      await expect(distributor.connect(relayer).claimMany(bad))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(alice.address, 11n);
    });

    it("test_claim_realTreeOf1000LeavesVerifiesOnChain", async function () {
      const { distributor, publisher, token, activate } = await networkHelpers.loadFixture(deploy);
      const entries = Array.from({ length: 1000 }, (_, i) => ({
        account: Wallet.createRandom().address as Address,
        cumulativeAmount: BigInt(i + 1) * 1_000n,
      }));
      // Round-trip through the published dump format.
      const t = loadTree(JSON.parse(JSON.stringify(dumpTree(buildTree(entries)))));
      await token.mint(publisher.address, treeTotal(t));
      await activate(t);
      const claims = allClaims(t);
      expect(claims.size).to.equal(1000);
      for (const i of [0, 1, 499, 998, 999]) {
        const { account, cumulativeAmount } = entries[i];
        const c = claims.get(account)!;
        expect(c.proof.length).to.be.within(9, 10);
        await expect(distributor.claim(account, cumulativeAmount, c.proof)).to.changeTokenBalance(
          ethers,
          token,
          account,
          cumulativeAmount,
        );
      }
    });
  });

  describe("merkle helpers", function () {
    it("test_buildTree_refusesDuplicatesAndMatchesOnChainLeaf", async function () {
      const { alice } = await networkHelpers.loadFixture(deploy);
      const a = alice.address as Address;
      expect(() =>
        buildTree([
          { account: a, cumulativeAmount: 1n },
          { account: a, cumulativeAmount: 2n },
        ]),
      ).to.throw("duplicate");
      expect(() => buildTree([{ account: a, cumulativeAmount: -1n }])).to.throw("negative");
      const t = buildTree([{ account: a, cumulativeAmount: 7n }]);
      expect(t.root).to.equal(leafHash(a, 7n));
      expect(getClaim(t, Wallet.createRandom().address as Hex as Address)).to.equal(undefined);
      const dump = dumpTree(t);
      expect(() => loadTree({ ...dump, leafEncoding: ["uint256"] })).to.throw("unexpected leaf encoding");
    });
  });
});
