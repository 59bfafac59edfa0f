// Unit tests of the Distributor: every external function's success path, every custom error and event,
// cumulative semantics over three periods, and the proof attacks a Merkle distributor must refuse.
import { expect } from "chai";
import { network } from "hardhat";
import { AbiCoder, Wallet, ZeroAddress, ZeroHash, id } from "ethers";
import type { Address, Hex } from "viem";
import { buildTree, dumpTree, getClaim, allClaims, hashPair, leafHash, loadTree, treeTotal } from "../../scripts/lib/merkle.js";

const { ethers, networkHelpers } = await network.create();

const WINDOW = 3 * 86_400;
const FUNDS = 1_000_000n * 10n ** 6n;
const DATA = id("period data");

describe("Distributor", function () {
  async function deploy() {
    const [owner, publisher, auditor1, auditor2, alice, bob, carol, relayer, stranger] = await ethers.getSigners();
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const distributor = await ethers.deployContract("Distributor", [
      await token.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [auditor1.address, auditor2.address],
    ]);
    await token.mint(publisher.address, 10n * FUNDS);
    await token.connect(publisher).approve(await distributor.getAddress(), ethers.MaxUint256);
    const tree = (entries: [{ address: string }, bigint][]) =>
      buildTree(entries.map(([s, a]) => ({ account: s.address as Address, cumulativeAmount: a })));
    /** Funds and proposes a tree's root with its exact total. */
    const propose = async (t: ReturnType<typeof tree>, fund = treeTotal(t)) =>
      distributor.connect(publisher).fundAndPropose(fund, t.root, treeTotal(t), DATA, "ipfs://period");
    /** Proposes, waits out the window and promotes. */
    const activate = async (t: ReturnType<typeof tree>, fund = treeTotal(t)) => {
      await propose(t, fund);
      await networkHelpers.time.increase(WINDOW);
      await distributor.promote();
    };
    const claim = (t: ReturnType<typeof tree>, who: { address: string }) => {
      const c = getClaim(t, who.address as Address)!;
      return distributor.connect(relayer).claim(c.account, c.cumulativeAmount, c.proof);
    };
    return { owner, publisher, auditor1, auditor2, alice, bob, carol, relayer, stranger, token, distributor, tree, propose, activate, claim };
  }

  describe("deployment", function () {
    it("test_constructor_setsRolesAndEmitsEvents", async function () {
      const { distributor, token, owner, publisher, auditor1, auditor2 } = await networkHelpers.loadFixture(deploy);
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await distributor.owner()).to.equal(owner.address);
      expect(await distributor.publisher()).to.equal(publisher.address);
      expect(await distributor.challengeWindow()).to.equal(WINDOW);
      expect(await distributor.auditors()).to.deep.equal([auditor1.address, auditor2.address]);
      expect(await distributor.isAuditor(auditor1.address)).to.equal(true);
      const tx = distributor.deploymentTransaction()!;
      await expect(tx).to.emit(distributor, "AuditorAdded").withArgs(auditor1.address);
      await expect(tx).to.emit(distributor, "PublisherSet").withArgs(ZeroAddress, publisher.address);
    });

    it("test_RevertWhen_constructorArgumentsAreInvalid", async function () {
      const { distributor, token, owner, publisher, auditor1 } = await networkHelpers.loadFixture(deploy);
      const Factory = await ethers.getContractFactory("Distributor");
      const t = await token.getAddress();
      await expect(Factory.deploy(ZeroAddress, owner, publisher, WINDOW, [])).to.be.revertedWithCustomError(distributor, "DistributorZeroAddress");
      await expect(Factory.deploy(t, owner, publisher, 0, [])).to.be.revertedWithCustomError(distributor, "DistributorZeroWindow");
      await expect(Factory.deploy(t, ZeroAddress, publisher, WINDOW, []))
        .to.be.revertedWithCustomError(distributor, "OwnableInvalidOwner")
        .withArgs(ZeroAddress);
      await expect(Factory.deploy(t, owner, publisher, WINDOW, [ZeroAddress])).to.be.revertedWithCustomError(distributor, "DistributorZeroAddress");
      await expect(Factory.deploy(t, owner, publisher, WINDOW, [auditor1, auditor1]))
        .to.be.revertedWithCustomError(distributor, "DistributorAlreadyAuditor")
        .withArgs(auditor1.address);
    });
  });

  describe("funding", function () {
    it("test_fund_pullsFromAnyoneAndEmitsRunningTotal", async function () {
      const { distributor, token, stranger } = await networkHelpers.loadFixture(deploy);
      await token.mint(stranger.address, 500n);
      await token.connect(stranger).approve(await distributor.getAddress(), 500n);
      await expect(distributor.connect(stranger).fund(200n)).to.emit(distributor, "Funded").withArgs(stranger.address, 200n, 200n);
      const tx1 = distributor.connect(stranger).fund(300n);
      await expect(tx1)
        .to.emit(distributor, "Funded")
        .withArgs(stranger.address, 300n, 500n);
      await expect(tx1).to.changeTokenBalances(ethers, token, [stranger, distributor], [-300n, 300n]);
      expect(await distributor.totalFunded()).to.equal(500n);
    });

    it("test_RevertWhen_fundingZero", async function () {
      const { distributor, publisher } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.connect(publisher).fund(0n)).to.be.revertedWithCustomError(distributor, "DistributorZeroAmount");
    });
  });

  describe("roots", function () {
    it("test_propose_emitsProposedWithClaimableAtAndIsPending", async function () {
      const { distributor, publisher, alice, tree } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await distributor.connect(publisher).fund(100n);
      const at = (await networkHelpers.time.latest()) + 10;
      await networkHelpers.time.setNextBlockTimestamp(at);
      await expect(distributor.connect(publisher).propose(t.root, 100n, DATA, "ipfs://p1"))
        .to.emit(distributor, "RootProposed")
        .withArgs(t.root, 100n, DATA, "ipfs://p1", at + WINDOW);
      expect(await distributor.pendingRoot()).to.deep.equal([t.root, 100n, DATA, "ipfs://p1", BigInt(at + WINDOW)]);
      expect(await distributor.activeRoot()).to.deep.equal([ZeroHash, 0n, ZeroHash, "", 0n]);
      expect(await distributor.isClaimable(t.root)).to.equal(false);
    });

    it("test_fundAndPropose_fundsThenProposesInOneTx", async function () {
      const { distributor, token, publisher, alice, tree } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 70n]]);
      const tx2 = distributor.connect(publisher).fundAndPropose(70n, t.root, 70n, DATA, "u");
      await expect(tx2)
        .to.emit(distributor, "Funded")
        .withArgs(publisher.address, 70n, 70n)
        .and.to.emit(distributor, "RootProposed");
      await expect(tx2).to.changeTokenBalance(ethers, token, distributor, 70n);
    });

    it("test_promote_activatesAfterWindowAndViewsFollow", async function () {
      const { distributor, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await propose(t);
      const [, , , , claimableAt] = await distributor.pendingRoot();
      await networkHelpers.time.increaseTo(claimableAt);
      // Matured but not promoted: views already count it as active.
      expect((await distributor.activeRoot())[0]).to.equal(t.root);
      expect((await distributor.pendingRoot())[0]).to.equal(ZeroHash);
      expect(await distributor.isClaimable(t.root)).to.equal(true);
      await expect(distributor.promote()).to.emit(distributor, "RootActivated").withArgs(t.root);
      expect(await distributor.activeRoot()).to.deep.equal([t.root, 100n, DATA, "ipfs://period", claimableAt]);
    });

    it("test_RevertWhen_promotingNothingOrImmature", async function () {
      const { distributor, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.promote()).to.be.revertedWithCustomError(distributor, "DistributorNothingToPromote").withArgs(ZeroHash, 0n);
      const t = tree([[alice, 100n]]);
      await propose(t);
      const [, , , , claimableAt] = await distributor.pendingRoot();
      await expect(distributor.promote()).to.be.revertedWithCustomError(distributor, "DistributorNothingToPromote").withArgs(t.root, claimableAt);
    });

    it("test_propose_replacesUnmaturedPendingAndRestartsWindow", async function () {
      const { distributor, publisher, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      const wrong = tree([[alice, 90n]]);
      const right = tree([[alice, 80n]]);
      await propose(wrong);
      await networkHelpers.time.increase(WINDOW - 100);
      // A replaced root never paid, so the correction may lower the total below it.
      await expect(distributor.connect(publisher).propose(right.root, 80n, DATA, "fixed"))
        .to.emit(distributor, "RootReplaced")
        .withArgs(wrong.root, right.root);
      await networkHelpers.time.increase(200);
      expect(await distributor.isClaimable(right.root)).to.equal(false);
      expect(await distributor.isClaimable(wrong.root)).to.equal(false);
      await networkHelpers.time.increase(WINDOW);
      expect(await distributor.isClaimable(right.root)).to.equal(true);
    });

    it("test_propose_promotesMaturedPendingFirst", async function () {
      const { distributor, publisher, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      const p2 = tree([[alice, 150n]]);
      await propose(p1);
      await networkHelpers.time.increase(WINDOW);
      await expect(propose(p2, 50n)).to.emit(distributor, "RootActivated").withArgs(p1.root).and.not.to.emit(distributor, "RootReplaced");
      expect((await distributor.activeRoot())[0]).to.equal(p1.root);
      expect((await distributor.pendingRoot())[0]).to.equal(p2.root);
      // Totals may not decrease against the active root.
      await expect(distributor.connect(publisher).propose(tree([[alice, 99n]]).root, 99n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorTotalDecreased")
        .withArgs(99n, 100n);
    });

    it("test_RevertWhen_proposalIsInvalid", async function () {
      const { distributor, publisher, stranger, alice, tree, activate } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await expect(distributor.connect(stranger).propose(t.root, 0n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorNotPublisher")
        .withArgs(stranger.address);
      await expect(distributor.connect(publisher).propose(ZeroHash, 0n, DATA, "")).to.be.revertedWithCustomError(distributor, "DistributorZeroRoot");
      await expect(distributor.connect(publisher).propose(t.root, 1n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorUnderfunded")
        .withArgs(1n, 0n);
      await activate(t);
      await expect(distributor.connect(publisher).propose(t.root, 100n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorRootNotProposable")
        .withArgs(t.root);
    });

    it("test_veto_removesPendingAndRootCanNeverReturn", async function () {
      const { distributor, publisher, auditor1, alice, tree, propose, claim } = await networkHelpers.loadFixture(deploy);
      const bad = tree([[alice, 100n]]);
      await propose(bad);
      await expect(distributor.connect(auditor1).veto(bad.root)).to.emit(distributor, "RootVetoed").withArgs(bad.root, auditor1.address);
      expect(await distributor.isVetoed(bad.root)).to.equal(true);
      expect((await distributor.pendingRoot())[0]).to.equal(ZeroHash);
      await networkHelpers.time.increase(WINDOW * 2);
      expect(await distributor.isClaimable(bad.root)).to.equal(false);
      const c = getClaim(bad, alice.address as Address)!;
      await expect(claim(bad, alice)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof").withArgs(c.account, 100n);
      await expect(distributor.connect(publisher).propose(bad.root, 100n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorRootNotProposable")
        .withArgs(bad.root);
    });

    it("test_RevertWhen_vetoIsNotAllowed", async function () {
      const { distributor, auditor1, stranger, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await propose(t);
      await expect(distributor.connect(stranger).veto(t.root))
        .to.be.revertedWithCustomError(distributor, "DistributorNotAuditor")
        .withArgs(stranger.address);
      await expect(distributor.connect(auditor1).veto(ZeroHash)).to.be.revertedWithCustomError(distributor, "DistributorNotVetoable").withArgs(ZeroHash);
      await expect(distributor.connect(auditor1).veto(id("other")))
        .to.be.revertedWithCustomError(distributor, "DistributorNotVetoable")
        .withArgs(id("other"));
      await networkHelpers.time.increase(WINDOW);
      await expect(distributor.connect(auditor1).veto(t.root)).to.be.revertedWithCustomError(distributor, "DistributorNotVetoable").withArgs(t.root);
    });
  });

  describe("roles", function () {
    it("test_setPublisher_onlyOwnerAndEmits", async function () {
      const { distributor, owner, publisher, stranger } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.connect(stranger).setPublisher(stranger.address))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(distributor.connect(owner).setPublisher(stranger.address))
        .to.emit(distributor, "PublisherSet")
        .withArgs(publisher.address, stranger.address);
      expect(await distributor.publisher()).to.equal(stranger.address);
    });

    it("test_auditors_ownerAddsOnlyAuditorResigns", async function () {
      const { distributor, owner, auditor1, auditor2, stranger } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.connect(stranger).addAuditor(stranger.address))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(distributor.connect(owner).addAuditor(stranger.address)).to.emit(distributor, "AuditorAdded").withArgs(stranger.address);
      await expect(distributor.connect(owner).addAuditor(stranger.address))
        .to.be.revertedWithCustomError(distributor, "DistributorAlreadyAuditor")
        .withArgs(stranger.address);
      await expect(distributor.connect(owner).addAuditor(ZeroAddress)).to.be.revertedWithCustomError(distributor, "DistributorZeroAddress");
      // The owner is no auditor and has no way to remove one.
      await expect(distributor.connect(owner).resignAuditor())
        .to.be.revertedWithCustomError(distributor, "DistributorNotAuditor")
        .withArgs(owner.address);
      await expect(distributor.connect(auditor1).resignAuditor()).to.emit(distributor, "AuditorResigned").withArgs(auditor1.address);
      expect(await distributor.isAuditor(auditor1.address)).to.equal(false);
      expect(await distributor.auditors()).to.have.members([auditor2.address, stranger.address]);
    });

    it("test_ownership_transfersInTwoSteps", async function () {
      const { distributor, owner, stranger } = await networkHelpers.loadFixture(deploy);
      await distributor.connect(owner).transferOwnership(stranger.address);
      expect(await distributor.owner()).to.equal(owner.address);
      await expect(distributor.connect(stranger).acceptOwnership())
        .to.emit(distributor, "OwnershipTransferred")
        .withArgs(owner.address, stranger.address);
    });
  });

  describe("claims", function () {
    it("test_claim_cumulativeOverThreePeriodsPaysOnlyTheDifference", async function () {
      const { distributor, token, alice, bob, tree, activate, claim } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n], [bob, 50n]]);
      const p2 = tree([[alice, 250n], [bob, 50n]]);
      const p3 = tree([[alice, 400n], [bob, 125n]]);
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
      await expect(claim(p1, alice)).to.be.revertedWithCustomError(distributor, "DistributorNothingToClaim").withArgs(alice.address);
    });

    it("test_claim_returnsAmountAndAnyoneMaySubmit", async function () {
      const { distributor, stranger, alice, tree, activate } = await networkHelpers.loadFixture(deploy);
      const p1 = tree([[alice, 100n]]);
      await activate(p1);
      const c = getClaim(p1, alice.address as Address)!;
      expect(await distributor.connect(stranger).claim.staticCall(c.account, c.cumulativeAmount, c.proof)).to.equal(100n);
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
      await expect(claim(p1, alice)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof").withArgs(alice.address, 100n);
    });

    it("test_RevertWhen_noRootYet", async function () {
      const { distributor, alice } = await networkHelpers.loadFixture(deploy);
      // The zero root accepts nothing, not even an empty proof.
      await expect(distributor.claim(alice.address, 0n, [])).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof");
      expect(await distributor.isClaimable(ZeroHash)).to.equal(false);
    });

    it("test_RevertWhen_proofIsForeignOrAmountInflated", async function () {
      const { distributor, alice, bob, tree, activate } = await networkHelpers.loadFixture(deploy);
      const real = tree([[alice, 100n], [bob, 5n]]);
      const foreign = tree([[alice, 1000n], [bob, 5n]]);
      await activate(real);
      const f = getClaim(foreign, alice.address as Address)!;
      await expect(distributor.claim(alice.address, 1000n, f.proof)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof").withArgs(alice.address, 1000n);
      const r = getClaim(real, alice.address as Address)!;
      await expect(distributor.claim(alice.address, 101n, r.proof)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof");
      await expect(distributor.claim(bob.address, 100n, r.proof)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof");
    });

    it("test_RevertWhen_internalNodeIsPassedAsLeaf", async function () {
      const { distributor, alice, bob, carol, relayer, tree, activate } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n], [bob, 200n], [carol, 300n], [relayer, 400n]]);
      await activate(t, 1000n);
      const c = getClaim(t, alice.address as Address)!;
      const sibling = c.proof[0];
      const node = hashPair(leafHash(c.account, 100n), sibling);
      // The node, read as (account, amount) words, with the rest of the proof.
      const asAccount = ("0x" + node.slice(26)) as Address;
      await expect(distributor.claim(asAccount, BigInt(node), c.proof.slice(1))).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof");
      // The two children as the 64-byte preimage: the address word is not clean, so decoding refuses it.
      const [lo, hi] = BigInt(leafHash(c.account, 100n)) < BigInt(sibling) ? [leafHash(c.account, 100n), sibling] : [sibling, leafHash(c.account, 100n)];
      const data =
        distributor.interface.getFunction("claim").selector +
        lo.slice(2) +
        hi.slice(2) +
        AbiCoder.defaultAbiCoder().encode(["bytes32[]"], [c.proof.slice(1)]).slice(2 + 64);
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
      await expect(tx6)
        .to.emit(distributor, "RootActivated");
      await expect(tx6).to.changeTokenBalance(ethers, token, alice, 300n);
      await expect(distributor.claimWithRoot(alice.address, 300n, c2.proof, p2.root))
        .to.be.revertedWithCustomError(distributor, "DistributorNothingToClaim")
        .withArgs(alice.address);
      await expect(distributor.claimWithRoot(alice.address, 301n, c2.proof, p2.root))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(alice.address, 301n);
    });

    it("test_claimMany_paysBatchAndSkipsFullyPaid", async function () {
      const { distributor, token, alice, bob, carol, relayer, tree, activate, claim } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 10n], [bob, 20n], [carol, 30n]]);
      await activate(t);
      await claim(t, bob);
      const batch = [alice, bob, carol].map((s) => {
        const c = getClaim(t, s.address as Address)!;
        return { account: c.account, cumulativeAmount: c.cumulativeAmount, proof: c.proof };
      });
      expect(await distributor.connect(relayer).claimMany.staticCall(batch)).to.equal(40n);
      const tx7 = distributor.connect(relayer).claimMany(batch);
      await expect(tx7)
        .to.emit(distributor, "Claimed")
        .withArgs(carol.address, 30n);
      await expect(tx7).to.changeTokenBalances(ethers, token, [alice, bob, carol], [10n, 0n, 30n]);
      const bad = [{ ...batch[0], cumulativeAmount: 11n }];
      await expect(distributor.connect(relayer).claimMany(bad)).to.be.revertedWithCustomError(distributor, "DistributorInvalidProof").withArgs(alice.address, 11n);
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
        await expect(distributor.claim(account, cumulativeAmount, c.proof)).to.changeTokenBalance(ethers, token, account, cumulativeAmount);
      }
    });
  });

  describe("merkle helpers", function () {
    it("test_buildTree_refusesDuplicatesAndMatchesOnChainLeaf", async function () {
      const { alice } = await networkHelpers.loadFixture(deploy);
      const a = alice.address as Address;
      expect(() => buildTree([{ account: a, cumulativeAmount: 1n }, { account: a, cumulativeAmount: 2n }])).to.throw("duplicate");
      expect(() => buildTree([{ account: a, cumulativeAmount: -1n }])).to.throw("negative");
      const t = buildTree([{ account: a, cumulativeAmount: 7n }]);
      expect(t.root).to.equal(leafHash(a, 7n));
      expect(getClaim(t, Wallet.createRandom().address as Hex as Address)).to.equal(undefined);
      const dump = dumpTree(t);
      expect(() => loadTree({ ...dump, leafEncoding: ["uint256"] })).to.throw("unexpected leaf encoding");
    });
  });
});
