// Unit tests of the Distributor's deployment, funding, root lifecycle and roles: every success path,
// custom error and event.
import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress, ZeroHash, id } from "ethers";
import type { Address } from "viem";
import { getClaim } from "../../scripts/lib/merkle.js";
import { DATA, WINDOW, distributorFixture } from "./distributor.fixture.js";

const { ethers, networkHelpers } = await network.create();
const deploy = distributorFixture(ethers, networkHelpers);

describe("Distributor", function () {
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

    it("test_RevertWhen_ownershipIsRenounced", async function () {
      const { distributor, owner, stranger } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.connect(owner).renounceOwnership()).to.be.revertedWithCustomError(
        distributor,
        "DistributorRenounceDisabled",
      );
      await expect(distributor.connect(stranger).renounceOwnership()).to.be.revertedWithCustomError(
        distributor,
        "OwnableUnauthorizedAccount",
      );
      expect(await distributor.owner()).to.equal(owner.address);
    });

    it("test_RevertWhen_constructorArgumentsAreInvalid", async function () {
      const { distributor, token, owner, publisher, auditor1 } = await networkHelpers.loadFixture(deploy);
      const Factory = await ethers.getContractFactory("Distributor");
      const t = await token.getAddress();
      await expect(Factory.deploy(ZeroAddress, owner, publisher, WINDOW, [])).to.be.revertedWithCustomError(
        distributor,
        "DistributorZeroAddress",
      );
      for (const w of [0n, 3_599n, 3_650n * 86_400n + 1n, 2n ** 64n]) {
        await expect(Factory.deploy(t, owner, publisher, w, []))
          .to.be.revertedWithCustomError(distributor, "AuditedRootsInvalidWindow")
          .withArgs(w, 3_600n, 3_650n * 86_400n);
      }
      await expect(Factory.deploy(t, ZeroAddress, publisher, WINDOW, []))
        .to.be.revertedWithCustomError(distributor, "OwnableInvalidOwner")
        .withArgs(ZeroAddress);
      await expect(Factory.deploy(t, owner, publisher, WINDOW, [ZeroAddress])).to.be.revertedWithCustomError(
        distributor,
        "AuditedRootsZeroAddress",
      );
      await expect(Factory.deploy(t, owner, publisher, WINDOW, [auditor1, auditor1]))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsAlreadyAuditor")
        .withArgs(auditor1.address);
    });
  });

  describe("funding", function () {
    it("test_fund_pullsFromAnyoneAndEmitsRunningTotal", async function () {
      const { distributor, token, stranger } = await networkHelpers.loadFixture(deploy);
      await token.mint(stranger.address, 500n);
      await token.connect(stranger).approve(await distributor.getAddress(), 500n);
      await expect(distributor.connect(stranger).fund(200n))
        .to.emit(distributor, "Funded")
        .withArgs(stranger.address, 200n, 200n);
      const tx1 = distributor.connect(stranger).fund(300n);
      await expect(tx1).to.emit(distributor, "Funded").withArgs(stranger.address, 300n, 500n);
      await expect(tx1).to.changeTokenBalances(ethers, token, [stranger, distributor], [-300n, 300n]);
      expect(await distributor.totalFunded()).to.equal(500n);
    });

    it("test_RevertWhen_fundingZero", async function () {
      const { distributor, publisher } = await networkHelpers.loadFixture(deploy);
      await expect(distributor.connect(publisher).fund(0n)).to.be.revertedWithCustomError(
        distributor,
        "DistributorZeroAmount",
      );
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
      await expect(distributor.promote())
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNothingToPromote")
        .withArgs(ZeroHash, 0n);
      const t = tree([[alice, 100n]]);
      await propose(t);
      const [, , , , claimableAt] = await distributor.pendingRoot();
      await expect(distributor.promote())
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNothingToPromote")
        .withArgs(t.root, claimableAt);
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
      await expect(propose(p2, 50n))
        .to.emit(distributor, "RootActivated")
        .withArgs(p1.root)
        .and.not.to.emit(distributor, "RootReplaced");
      expect((await distributor.activeRoot())[0]).to.equal(p1.root);
      expect((await distributor.pendingRoot())[0]).to.equal(p2.root);
      // Totals may not decrease against the active root.
      await expect(distributor.connect(publisher).propose(tree([[alice, 99n]]).root, 99n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsTotalDecreased")
        .withArgs(99n, 100n);
    });

    it("test_RevertWhen_proposalIsInvalid", async function () {
      const { distributor, publisher, stranger, alice, tree, activate } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await expect(distributor.connect(stranger).propose(t.root, 0n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotPublisher")
        .withArgs(stranger.address);
      await expect(distributor.connect(publisher).propose(ZeroHash, 0n, DATA, "")).to.be.revertedWithCustomError(
        distributor,
        "AuditedRootsZeroRoot",
      );
      await expect(distributor.connect(publisher).propose(t.root, 1n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "DistributorUnderfunded")
        .withArgs(1n, 0n);
      await activate(t);
      await expect(distributor.connect(publisher).propose(t.root, 100n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotProposable")
        .withArgs(t.root);
    });

    it("test_veto_removesPendingAndRootCanNeverReturn", async function () {
      const { distributor, publisher, auditor1, alice, tree, propose, claim } =
        await networkHelpers.loadFixture(deploy);
      const bad = tree([[alice, 100n]]);
      await propose(bad);
      await expect(distributor.connect(auditor1).veto(bad.root))
        .to.emit(distributor, "RootVetoed")
        .withArgs(bad.root, auditor1.address);
      expect(await distributor.isVetoed(bad.root)).to.equal(true);
      expect((await distributor.pendingRoot())[0]).to.equal(ZeroHash);
      await networkHelpers.time.increase(WINDOW * 2);
      expect(await distributor.isClaimable(bad.root)).to.equal(false);
      const c = getClaim(bad, alice.address as Address)!;
      await expect(claim(bad, alice))
        .to.be.revertedWithCustomError(distributor, "DistributorInvalidProof")
        .withArgs(c.account, 100n);
      await expect(distributor.connect(publisher).propose(bad.root, 100n, DATA, ""))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotProposable")
        .withArgs(bad.root);
    });

    it("test_RevertWhen_vetoIsNotAllowed", async function () {
      const { distributor, auditor1, stranger, alice, tree, propose } = await networkHelpers.loadFixture(deploy);
      const t = tree([[alice, 100n]]);
      await propose(t);
      await expect(distributor.connect(stranger).veto(t.root))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotAuditor")
        .withArgs(stranger.address);
      await expect(distributor.connect(auditor1).veto(ZeroHash))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotVetoable")
        .withArgs(ZeroHash);
      await expect(distributor.connect(auditor1).veto(id("other")))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotVetoable")
        .withArgs(id("other"));
      await networkHelpers.time.increase(WINDOW);
      await expect(distributor.connect(auditor1).veto(t.root))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotVetoable")
        .withArgs(t.root);
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
      await expect(distributor.connect(owner).addAuditor(stranger.address))
        .to.emit(distributor, "AuditorAdded")
        .withArgs(stranger.address);
      await expect(distributor.connect(owner).addAuditor(stranger.address))
        .to.be.revertedWithCustomError(distributor, "AuditedRootsAlreadyAuditor")
        .withArgs(stranger.address);
      await expect(distributor.connect(owner).addAuditor(ZeroAddress)).to.be.revertedWithCustomError(
        distributor,
        "AuditedRootsZeroAddress",
      );
      // The owner is no auditor and has no way to remove one.
      await expect(distributor.connect(owner).resignAuditor())
        .to.be.revertedWithCustomError(distributor, "AuditedRootsNotAuditor")
        .withArgs(owner.address);
      await expect(distributor.connect(auditor1).resignAuditor())
        .to.emit(distributor, "AuditorResigned")
        .withArgs(auditor1.address);
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
});
