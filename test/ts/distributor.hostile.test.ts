// The Distributor against weird tokens and hostile recipients: every money path either works exactly
// or is refused, and one bad claimant never costs another anything.
import { expect } from "chai";
import { network } from "hardhat";
import { Interface, id } from "ethers";
import type { Address } from "viem";
import { buildTree, getClaim, treeTotal } from "../../scripts/lib/merkle.js";

const { ethers, networkHelpers } = await network.create();

const WINDOW = 3600;
// Solady SafeTransferLib's errors: it reverts with its own error instead of bubbling the token's.
const SAFE_TRANSFER_LIB = {
  interface: new Interface(["error TransferFailed()", "error TransferFromFailed()"]),
};
const DATA = id("period data");

describe("Distributor with hostile tokens and recipients", function () {
  /** Deploys a distributor over `token` and funds+activates a tree of `entries`. */
  async function setup(token: any, entries: [string, bigint][]) {
    const [owner, publisher, auditor, relayer] = await ethers.getSigners();
    const distributor = await ethers.deployContract("Distributor", [
      await token.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [auditor.address],
    ]);
    const tree = buildTree(
      entries.map(([account, cumulativeAmount]) => ({ account: account as Address, cumulativeAmount })),
    );
    const total = treeTotal(tree);
    await token.mint(publisher.address, total);
    await token.connect(publisher).approve(await distributor.getAddress(), total);
    await distributor.connect(publisher).fundAndPropose(total, tree.root, total, DATA, "ipfs://p");
    await networkHelpers.time.increase(WINDOW);
    await distributor.promote();
    const claim = (account: string) => {
      const c = getClaim(tree, account as Address)!;
      return distributor.connect(relayer).claim(c.account, c.cumulativeAmount, c.proof);
    };
    return { distributor, tree, claim, publisher };
  }

  async function users() {
    const s = await ethers.getSigners();
    return { alice: s[5].address, bob: s[6].address };
  }

  it("test_RevertWhen_fundingWithFeeOnTransferToken", async function () {
    const [owner, publisher] = await ethers.getSigners();
    const fee = await ethers.deployContract("FeeOnTransferToken");
    const distributor = await ethers.deployContract("Distributor", [
      await fee.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [],
    ]);
    await fee.mint(publisher.address, 10_000n);
    await fee.connect(publisher).approve(await distributor.getAddress(), 10_000n);
    await expect(distributor.connect(publisher).fund(10_000n))
      .to.be.revertedWithCustomError(distributor, "DistributorUnsupportedToken")
      .withArgs(10_000n, 9_900n);
    expect(await distributor.totalFunded()).to.equal(0n);
  });

  it("test_RevertWhen_fundingWithTokenReturningFalse", async function () {
    const [owner, publisher] = await ethers.getSigners();
    const bad = await ethers.deployContract("ReturnsFalseToken");
    const distributor = await ethers.deployContract("Distributor", [
      await bad.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [],
    ]);
    await bad.mint(publisher.address, 100n);
    await bad.connect(publisher).approve(await distributor.getAddress(), 100n);
    await bad.setFailAll(true);
    await expect(distributor.connect(publisher).fund(100n)).to.be.revertedWithCustomError(
      SAFE_TRANSFER_LIB,
      "TransferFromFailed",
    );
  });

  it("test_RevertWhen_rebasingTokenRebasesDuringFunding", async function () {
    // A rebasing token funds fine while it does not rebase; the NatSpec documents it as unsupported.
    const [owner, publisher] = await ethers.getSigners();
    const rebasing = await ethers.deployContract("RebasingToken");
    const distributor = await ethers.deployContract("Distributor", [
      await rebasing.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [],
    ]);
    await rebasing.mint(publisher.address, 1_000n);
    await rebasing.connect(publisher).approve(await distributor.getAddress(), 1_000n);
    await expect(distributor.connect(publisher).fund(500n))
      .to.emit(distributor, "Funded")
      .withArgs(publisher.address, 500n, 500n);
    await rebasing.rebase(1n, 2n);
    expect(await rebasing.balanceOf(await distributor.getAddress())).to.be.lessThan(await distributor.totalFunded());
  });

  it("test_claim_worksWithMissingReturnToken", async function () {
    const { alice, bob } = await users();
    const usdt = await ethers.deployContract("MissingReturnToken");
    const { claim } = await setup(usdt, [
      [alice, 123n],
      [bob, 7n],
    ]);
    await claim(alice);
    await claim(bob);
    expect(await usdt.balanceOf(alice)).to.equal(123n);
    expect(await usdt.balanceOf(bob)).to.equal(7n);
  });

  for (const decimals of [2, 24]) {
    it(`test_claim_worksWith${decimals}DecimalToken`, async function () {
      const { alice, bob } = await users();
      const token = await ethers.deployContract("TestToken", ["T", "T", decimals]);
      const unit = 10n ** BigInt(decimals);
      const { claim } = await setup(token, [
        [alice, 12_345_678n * unit + 1n],
        [bob, 1n],
      ]);
      await expect(claim(alice)).to.changeTokenBalance(ethers, token, alice, 12_345_678n * unit + 1n);
      await expect(claim(bob)).to.changeTokenBalance(ethers, token, bob, 1n);
    });
  }

  it("test_claim_blocklistedClaimantRevertsOthersUnaffectedNothingLost", async function () {
    const { alice, bob } = await users();
    const token = await ethers.deployContract("BlocklistToken");
    const { distributor, claim, tree } = await setup(token, [
      [alice, 100n],
      [bob, 50n],
    ]);
    await token.setBlocked(alice, true);
    await expect(claim(alice))
      .to.be.revertedWithCustomError(distributor, "DistributorTransferFailed")
      .withArgs(await token.getAddress(), alice, 100n);
    expect(await distributor.claimed(alice)).to.equal(0n);
    // A relayer's batch containing the blocked claimant reverts whole; without it, it pays.
    const entry = (a: string) => ({
      account: a,
      cumulativeAmount: getClaim(tree, a as Address)!.cumulativeAmount,
      proof: getClaim(tree, a as Address)!.proof,
    });
    await expect(distributor.claimMany([entry(bob), entry(alice)]))
      .to.be.revertedWithCustomError(distributor, "DistributorTransferFailed")
      .withArgs(await token.getAddress(), alice, 100n);
    await expect(distributor.claimMany([entry(bob)])).to.changeTokenBalance(ethers, token, bob, 50n);
    expect(await token.balanceOf(await distributor.getAddress())).to.equal(100n);
    await token.setBlocked(alice, false);
    await expect(claim(alice)).to.changeTokenBalance(ethers, token, alice, 100n);
  });

  it("test_claim_reentrantTokenHookCannotDoubleClaim", async function () {
    const token = await ethers.deployContract("ReentrantToken");
    const attacker = await ethers.deployContract("ReentrantRecipient");
    const a = await attacker.getAddress();
    const { distributor, tree, claim } = await setup(token, [
      [a, 100n],
      [(await users()).bob, 900n],
    ]);
    const c = getClaim(tree, a as Address)!;
    await attacker.arm(
      await distributor.getAddress(),
      distributor.interface.encodeFunctionData("claim", [a, 100n, c.proof]),
    );
    await claim(a);
    expect(await attacker.attempted()).to.equal(true);
    expect(await attacker.reentered()).to.equal(false);
    expect(await attacker.reentryError()).to.equal(
      distributor.interface.encodeErrorResult("DistributorNothingToClaim", [a]),
    );
    expect(await token.balanceOf(a)).to.equal(100n);
    expect(await distributor.claimed(a)).to.equal(100n);
  });

  it("test_claimMany_reentrantHookIsStoppedByTheGuard", async function () {
    const token = await ethers.deployContract("ReentrantToken");
    const attacker = await ethers.deployContract("ReentrantRecipient");
    const a = await attacker.getAddress();
    const { bob } = await users();
    const { distributor, tree } = await setup(token, [
      [a, 100n],
      [bob, 900n],
    ]);
    const c = getClaim(tree, a as Address)!;
    const cb = getClaim(tree, bob as Address)!;
    // Re-enter a single claim for bob from inside the batch: the transient guard refuses it.
    await attacker.arm(
      await distributor.getAddress(),
      distributor.interface.encodeFunctionData("claim", [bob, 900n, cb.proof]),
    );
    await distributor.claimMany([{ account: a, cumulativeAmount: 100n, proof: c.proof }]);
    expect(await attacker.reentered()).to.equal(false);
    expect(await attacker.reentryError()).to.equal(distributor.interface.encodeErrorResult("Reentrancy", []));
    expect(await distributor.claimed(bob)).to.equal(0n);
  });

  it("test_claim_contractAccountLeafReceivesErc20", async function () {
    const token = await ethers.deployContract("TestToken", ["T", "T", 6]);
    const reverting = await ethers.deployContract("RevertingRecipient");
    const bomb = await ethers.deployContract("ReturnBomb");
    const r = await reverting.getAddress();
    const b = await bomb.getAddress();
    const { claim } = await setup(token, [
      [r, 10n],
      [b, 20n],
    ]);
    await expect(claim(r)).to.changeTokenBalance(ethers, token, r, 10n);
    await expect(claim(b)).to.changeTokenBalance(ethers, token, b, 20n);
  });
});
