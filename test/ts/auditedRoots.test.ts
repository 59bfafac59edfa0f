// L-02: the Distributor's roots and the GrowthPool's units roots are one mechanism (contracts/roots/AuditedRoots.sol)
// with the Distributor's rules. The same suite runs against both contracts: the same functions, events and errors, a
// publisher role, a vetoed root refused for good, a window bounded at deployment, an auditor list that only
// auditors leave.
import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import { NOTICE } from "./hub.fixture.js";
import { DELAY } from "./growth.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const WINDOW = 86_400n;
const MIN = 3_600n;
const MAX_D = 3_650n * 86_400n;
const FUNDED = 1_000_000n;
const root = (s: string) => ethers.id(s);

type Kind = "Distributor" | "GrowthPool";

/** Deploys `kind` owned by signer 0 (also its publisher at deployment) with the given window and auditors. */
async function deploy(kind: Kind, window: bigint, auditors: string[]) {
  const [owner] = await ethers.getSigners();
  if (kind === "Distributor") {
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const d = await ethers.deployContract("Distributor", [
      await token.getAddress(),
      owner.address,
      owner.address,
      window,
      auditors,
    ]);
    await token.mint(owner.address, FUNDED);
    await token.approve(await d.getAddress(), FUNDED);
    await d.fund(FUNDED);
    return d as unknown as Contract;
  }
  const pool = await ethers.deployContract("GrowthPool", [
    ethers.ZeroAddress,
    owner.address,
    owner.address,
    [NOTICE, window, DELAY],
    auditors,
    [],
    [],
    [],
  ]);
  return pool as unknown as Contract;
}

for (const kind of ["Distributor", "GrowthPool"] as const) {
  describe(`AuditedRoots (${kind})`, function () {
    async function setup() {
      const [owner, publisher, auditor, other, stranger] = await ethers.getSigners();
      const c = await deploy(kind, WINDOW, [auditor.address]);
      await c.getFunction("setPublisher")(publisher.address);
      return { c, owner, publisher, auditor, other, stranger };
    }

    it("test_propose_onlyByThePublisher_whomOnlyTheOwnerSets", async function () {
      const { c, owner, publisher, stranger } = await loadFixture(setup);
      expect(await c.getFunction("publisher")()).to.equal(publisher.address);
      await expect(c.connect(owner).getFunction("propose")(root("a"), 1n, root("data"), "ipfs://a"))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotPublisher")
        .withArgs(owner.address);
      await expect(c.connect(stranger).getFunction("setPublisher")(stranger.address))
        .to.be.revertedWithCustomError(c, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(c.getFunction("setPublisher")(stranger.address))
        .to.emit(c, "PublisherSet")
        .withArgs(publisher.address, stranger.address);
      const tx = c.connect(stranger).getFunction("propose")(root("a"), 1n, root("data"), "ipfs://a");
      const at = BigInt((await time.latest()) + 1) + WINDOW;
      await expect(tx).to.emit(c, "RootProposed").withArgs(root("a"), 1n, root("data"), "ipfs://a", at);
      expect(await c.getFunction("pendingRoot")()).to.deep.equal([root("a"), 1n, root("data"), "ipfs://a", at]);
      // The zero publisher stops every proposal.
      await c.getFunction("setPublisher")(ethers.ZeroAddress);
      await expect(c.connect(stranger).getFunction("propose")(root("b"), 1n, root("data"), ""))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotPublisher")
        .withArgs(stranger.address);
    });

    it("test_vetoedRoot_isRefusedForGood_evenAfterAnotherRootActivated", async function () {
      const { c, publisher, auditor, stranger } = await loadFixture(setup);
      const p = c.connect(publisher);
      await p.getFunction("propose")(root("bad"), 5n, root("d"), "ipfs://bad");
      await expect(c.connect(stranger).getFunction("veto")(root("bad")))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotAuditor")
        .withArgs(stranger.address);
      await expect(c.connect(auditor).getFunction("veto")(root("bad")))
        .to.emit(c, "RootVetoed")
        .withArgs(root("bad"), auditor.address);
      expect(await c.getFunction("isVetoed")(root("bad"))).to.equal(true);
      expect((await c.getFunction("pendingRoot")())[0]).to.equal(ethers.ZeroHash);
      await expect(p.getFunction("propose")(root("bad"), 5n, root("d"), "ipfs://bad"))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotProposable")
        .withArgs(root("bad"));
      await p.getFunction("propose")(root("good"), 5n, root("d"), "ipfs://good");
      await time.increase(WINDOW);
      await expect(c.getFunction("promote")()).to.emit(c, "RootActivated").withArgs(root("good"));
      await expect(p.getFunction("propose")(root("bad"), 6n, root("d"), "ipfs://bad"))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotProposable")
        .withArgs(root("bad"));
      await expect(p.getFunction("propose")(root("good"), 6n, root("d"), "ipfs://good"))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotProposable")
        .withArgs(root("good"));
    });

    it("test_replacement_activation_andTheWindow_areEventsAndViews", async function () {
      const { c, publisher, auditor } = await loadFixture(setup);
      const p = c.connect(publisher);
      await expect(c.getFunction("promote")())
        .to.be.revertedWithCustomError(c, "AuditedRootsNothingToPromote")
        .withArgs(ethers.ZeroHash, 0n);
      await expect(p.getFunction("propose")(ethers.ZeroHash, 1n, root("d"), "")).to.be.revertedWithCustomError(
        c,
        "AuditedRootsZeroRoot",
      );
      await p.getFunction("propose")(root("one"), 10n, root("d1"), "ipfs://1");
      const at = BigInt(await time.latest()) + WINDOW;
      await expect(p.getFunction("propose")(root("two"), 10n, root("d2"), "ipfs://2"))
        .to.emit(c, "RootReplaced")
        .withArgs(root("one"), root("two"));
      await expect(c.getFunction("promote")())
        .to.be.revertedWithCustomError(c, "AuditedRootsNothingToPromote")
        .withArgs(root("two"), at + 1n);
      await time.increase(WINDOW);
      // Matured: the views count it as active before anyone promotes it, and no auditor can veto it any more.
      expect((await c.getFunction("activeRoot")())[0]).to.equal(root("two"));
      expect((await c.getFunction("pendingRoot")())[0]).to.equal(ethers.ZeroHash);
      await expect(c.connect(auditor).getFunction("veto")(root("two")))
        .to.be.revertedWithCustomError(c, "AuditedRootsNotVetoable")
        .withArgs(root("two"));
      // A proposal promotes the matured root first: one activation, then the new pending root.
      const tx = p.getFunction("propose")(root("three"), 10n, root("d3"), "ipfs://3");
      await expect(tx).to.emit(c, "RootActivated").withArgs(root("two"));
      await expect(tx).to.not.emit(c, "RootReplaced");
      // The cumulative total never falls below the active root's.
      await expect(p.getFunction("propose")(root("four"), 9n, root("d4"), ""))
        .to.be.revertedWithCustomError(c, "AuditedRootsTotalDecreased")
        .withArgs(9n, 10n);
      expect(await c.getFunction("challengeWindow")()).to.equal(WINDOW);
      expect(await c.getFunction("CHALLENGE_WINDOW")()).to.equal(WINDOW);
    });

    it("test_auditors_areAListTheOwnerOnlyAddsTo_andOnlyAuditorsLeave", async function () {
      const { c, auditor, other, stranger } = await loadFixture(setup);
      expect(await c.getFunction("auditors")()).to.deep.equal([auditor.address]);
      await expect(c.connect(stranger).getFunction("addAuditor")(stranger.address))
        .to.be.revertedWithCustomError(c, "OwnableUnauthorizedAccount")
        .withArgs(stranger.address);
      await expect(c.getFunction("addAuditor")(other.address)).to.emit(c, "AuditorAdded").withArgs(other.address);
      await expect(c.getFunction("addAuditor")(other.address))
        .to.be.revertedWithCustomError(c, "AuditedRootsAlreadyAuditor")
        .withArgs(other.address);
      await expect(c.getFunction("addAuditor")(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        c,
        "AuditedRootsZeroAddress",
      );
      expect(await c.getFunction("auditors")()).to.deep.equal([auditor.address, other.address]);
      await expect(c.connect(auditor).getFunction("resignAuditor")())
        .to.emit(c, "AuditorResigned")
        .withArgs(auditor.address);
      expect(await c.getFunction("isAuditor")(auditor.address)).to.equal(false);
      expect(await c.getFunction("auditors")()).to.deep.equal([other.address]);
      await expect(c.connect(auditor).getFunction("resignAuditor")())
        .to.be.revertedWithCustomError(c, "AuditedRootsNotAuditor")
        .withArgs(auditor.address);
    });

    it("test_RevertWhen_windowOutsideAnHourToTenYears_atDeployment", async function () {
      const [, , auditor] = await ethers.getSigners();
      const factory = await ethers.getContractFactory(kind);
      for (const w of [0n, MIN - 1n, MAX_D + 1n, 2n ** 64n]) {
        await expect(deploy(kind, w, [auditor.address]))
          .to.be.revertedWithCustomError(factory, "AuditedRootsInvalidWindow")
          .withArgs(w, MIN, MAX_D);
      }
      await expect(deploy(kind, MIN, [ethers.ZeroAddress])).to.be.revertedWithCustomError(
        factory,
        "AuditedRootsZeroAddress",
      );
      await expect(deploy(kind, MIN, [auditor.address, auditor.address]))
        .to.be.revertedWithCustomError(factory, "AuditedRootsAlreadyAuditor")
        .withArgs(auditor.address);
      for (const w of [MIN, MAX_D]) {
        const c = await deploy(kind, w, []);
        expect(await c.getFunction("challengeWindow")()).to.equal(w);
      }
    });
  });
}

describe("AuditedRoots: one ABI", function () {
  it("test_rootFunctionsEventsAndErrors_areIdenticalInTheDistributorAndTheGrowthPool", async function () {
    const [d, g] = await Promise.all([
      ethers.getContractFactory("Distributor"),
      ethers.getContractFactory("GrowthPool"),
    ]);
    const names = [
      "propose",
      "veto",
      "promote",
      "setPublisher",
      "addAuditor",
      "resignAuditor",
      "activeRoot",
      "pendingRoot",
      "isVetoed",
      "isAuditor",
      "auditors",
      "publisher",
      "challengeWindow",
      "CHALLENGE_WINDOW",
      "RootProposed",
      "RootReplaced",
      "RootVetoed",
      "RootActivated",
      "PublisherSet",
      "AuditorAdded",
      "AuditorResigned",
      "AuditedRootsInvalidWindow",
      "AuditedRootsNotPublisher",
      "AuditedRootsNotAuditor",
      "AuditedRootsAlreadyAuditor",
      "AuditedRootsZeroAddress",
      "AuditedRootsZeroRoot",
      "AuditedRootsNotProposable",
      "AuditedRootsTotalDecreased",
      "AuditedRootsNotVetoable",
      "AuditedRootsNothingToPromote",
    ];
    for (const name of names) {
      const a = d.interface.fragments.find((f) => "name" in f && f.name === name);
      const b = g.interface.fragments.find((f) => "name" in f && f.name === name);
      expect(a, `${name} in the Distributor`).to.not.equal(undefined);
      expect(b?.format("full"), name).to.equal(a!.format("full"));
    }
    // The growth pool's own names for the same mechanism are gone.
    for (const old of ["proposeUnitsRoot", "vetoUnitsRoot", "isUnitsRootVetoed", "unitsRoots", "UnitsRootProposed"]) {
      expect(
        g.interface.fragments.some((f) => "name" in f && f.name === old),
        old,
      ).to.equal(false);
    }
  });
});
