// The Split against hostile recipients and weird tokens: one failing payee never blocks another, no funds lost.
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { ETH, createSplit, deployFactory, payeesOf, releaseArgs } from "./splitFixture.js";

const { ethers } = await network.create();
const SALT = keccak256(toHex("hostile")) as Hex;
const E18 = 10n ** 18n;

async function deploy(name: string, args: unknown[] = []) {
  const c = await ethers.deployContract(name, args);
  return { c, addr: (await c.getAddress()) as Address };
}

/** A Split of two EOAs plus the given hostile payees, all with share 1. */
async function splitWith(hostile: Address[]) {
  const signers = await ethers.getSigners();
  const { factory } = await deployFactory(ethers);
  const good = [signers[1].address, signers[2].address] as Address[];
  const s = await createSplit(
    ethers,
    factory,
    payeesOf(
      [...good, ...hostile],
      [...good, ...hostile].map(() => 1n),
    ),
    SALT,
  );
  return { ...s, good, funder: signers[0] };
}

describe("Split (hostile)", function () {
  it("test_releaseAll_eth_hostilePayeesDoNotBlockOthers", async function () {
    const reverting = await deploy("RevertingRecipient");
    const guzzler = await deploy("GasGuzzler");
    const bomb = await deploy("ReturnBomb");
    const reentrant = await deploy("ReentrantRecipient");
    const hostile = [reverting.addr, guzzler.addr, bomb.addr];
    const { split, tree, address, good, funder, soladyErrors } = await splitWith([...hostile, reentrant.addr]);
    await reentrant.c.arm(address, split.interface.encodeFunctionData("releaseAll", [ETH, tree.packed, tree.salt]));
    await funder.sendTransaction({ to: address, value: 6n * E18 });
    const tx = split.releaseAll(ETH, tree.packed, tree.salt, { gasLimit: 2_000_000 });
    for (const h of hostile) await expect(tx).to.emit(split, "ReleaseFailed").withArgs(ETH, h, E18);
    await expect(tx).to.emit(split, "Released").withArgs(ETH, reentrant.addr, E18);
    await expect(tx).to.changeEtherBalances(ethers, [address, ...good], [-3n * E18, E18, E18]);
    // The reentrant payee was paid, but its re-entry hit the guard; failed payees stay owed.
    expect(await reentrant.c.reentered()).to.equal(false);
    expect(await reentrant.c.reentryError()).to.equal(soladyErrors.interface.getError("Reentrancy")!.selector);
    for (const h of hostile) expect(await split.owed(ETH, h, 1n, 6n)).to.equal(E18);
    expect(await split.totalReleased(ETH)).to.equal(3n * E18);
    // A reverting payee's own release reverts, and only blocks itself.
    await expect(split.release(...releaseArgs(tree, ETH, reverting.addr))).to.be.revertedWithCustomError(
      soladyErrors,
      "ETHTransferFailed",
    );
  });

  it("test_release_eth_reentrantPayeeCannotReenter", async function () {
    const reentrant = await deploy("ReentrantRecipient");
    const { split, tree, address, good, funder } = await splitWith([reentrant.addr]);
    await reentrant.c.arm(address, split.interface.encodeFunctionData("release", [...releaseArgs(tree, ETH, good[0])]));
    await funder.sendTransaction({ to: address, value: 3n * E18 });
    await expect(split.release(...releaseArgs(tree, ETH, reentrant.addr)))
      .to.emit(split, "Released")
      .withArgs(ETH, reentrant.addr, E18);
    expect(await reentrant.c.attempted()).to.equal(true);
    expect(await reentrant.c.reentered()).to.equal(false);
    expect(await split.released(ETH, good[0])).to.equal(0n);
  });

  it("test_release_tokensOfUnusualDecimals", async function () {
    const { split, tree, address, good } = await splitWith([]);
    for (const decimals of [2, 24]) {
      const t = await deploy("TestToken", ["T", "T", decimals]);
      const unit = 10n ** BigInt(decimals);
      await t.c.mint(address, 7n * unit + 1n);
      await split.releaseAll(t.addr, tree.packed, tree.salt);
      expect(await t.c.balanceOf(good[0])).to.equal((7n * unit + 1n) / 2n);
      expect(await t.c.balanceOf(address)).to.be.lessThan(2n);
    }
  });

  it("test_release_missingReturnToken_paysNormally", async function () {
    const t = await deploy("MissingReturnToken");
    const { split, tree, address, good } = await splitWith([]);
    await t.c.mint(address, 1000n);
    await expect(split.release(...releaseArgs(tree, t.addr, good[0])))
      .to.emit(split, "Released")
      .withArgs(t.addr, good[0], 500n);
    await split.releaseAll(t.addr, tree.packed, tree.salt);
    expect(await t.c.balanceOf(good[1])).to.equal(500n);
  });

  it("test_RevertWhen_returnsFalseTokenFails_andReleaseAllSkipsWithoutLoss", async function () {
    const t = await deploy("ReturnsFalseToken");
    const { split, tree, address, good, soladyErrors } = await splitWith([]);
    await t.c.mint(address, 1000n);
    await t.c.setFailAll(true);
    await expect(split.release(...releaseArgs(tree, t.addr, good[0]))).to.be.revertedWithCustomError(
      soladyErrors,
      "TransferFailed",
    );
    const tx = split.releaseAll(t.addr, tree.packed, tree.salt);
    await expect(tx).to.emit(split, "ReleaseFailed").withArgs(t.addr, good[0], 500n);
    await expect(tx).to.emit(split, "ReleaseFailed").withArgs(t.addr, good[1], 500n);
    expect(await t.c.balanceOf(address)).to.equal(1000n);
    expect(await split.totalReleased(t.addr)).to.equal(0n);
    await t.c.setFailAll(false);
    await split.releaseAll(t.addr, tree.packed, tree.salt);
    expect(await t.c.balanceOf(good[1])).to.equal(500n);
  });

  it("test_release_feeOnTransferToken_payeeBearsTheFee", async function () {
    const t = await deploy("FeeOnTransferToken");
    const { split, tree, address, good } = await splitWith([]);
    await t.c.mint(address, 10_000n);
    await expect(split.release(...releaseArgs(tree, t.addr, good[0])))
      .to.emit(split, "Released")
      .withArgs(t.addr, good[0], 5000n);
    expect(await t.c.balanceOf(good[0])).to.equal(4950n);
    await split.release(...releaseArgs(tree, t.addr, good[1]));
    expect(await t.c.balanceOf(address)).to.equal(0n);
  });

  it("test_release_rebasingToken_upAndDownClampedAtZeroAndBalance", async function () {
    const t = await deploy("RebasingToken");
    const { split, tree, address, good } = await splitWith([]);
    await t.c.mint(address, 1000n);
    await split.release(...releaseArgs(tree, t.addr, good[0])); // 500 out, 500 left.
    await t.c.rebase(2n, 1n); // 1000 left: T = 1500, each entitled 750.
    expect(await split.owed(t.addr, good[0], 1n, 2n)).to.equal(250n);
    expect(await split.owed(t.addr, good[1], 1n, 2n)).to.equal(750n);
    await t.c.rebase(1n, 4n); // 125 left: T = 625, entitled 312: payee 0 is over (clamped at 0), payee 1 capped at the balance.
    expect(await split.owed(t.addr, good[0], 1n, 2n)).to.equal(0n);
    expect(await split.owed(t.addr, good[1], 1n, 2n)).to.equal(125n);
    await split.releaseAll(t.addr, tree.packed, tree.salt);
    expect(await t.c.balanceOf(good[1])).to.equal(125n);
    expect(await t.c.balanceOf(address)).to.equal(0n);
  });

  it("test_releaseAll_blocklistedPayeeSkipped_othersPaid", async function () {
    const t = await deploy("BlocklistToken");
    const { split, tree, address, good, soladyErrors } = await splitWith([]);
    await t.c.mint(address, 1000n);
    await t.c.setBlocked(good[0], true);
    await expect(split.release(...releaseArgs(tree, t.addr, good[0]))).to.be.revertedWithCustomError(
      soladyErrors,
      "TransferFailed",
    );
    const tx = split.releaseAll(t.addr, tree.packed, tree.salt);
    await expect(tx).to.emit(split, "ReleaseFailed").withArgs(t.addr, good[0], 500n);
    await expect(tx).to.emit(split, "Released").withArgs(t.addr, good[1], 500n);
    expect(await split.owed(t.addr, good[0], 1n, 2n)).to.equal(500n);
    await t.c.setBlocked(good[0], false);
    await split.release(...releaseArgs(tree, t.addr, good[0]));
    expect(await t.c.balanceOf(good[0])).to.equal(500n);
  });

  it("test_release_reentrantTokenHookCannotReenter", async function () {
    const t = await deploy("ReentrantToken");
    const reentrant = await deploy("ReentrantRecipient");
    const { split, tree, address, good } = await splitWith([reentrant.addr]);
    await reentrant.c.arm(address, split.interface.encodeFunctionData("releaseAll", [t.addr, tree.packed, tree.salt]));
    await t.c.mint(address, 3000n);
    await expect(split.release(...releaseArgs(tree, t.addr, reentrant.addr)))
      .to.emit(split, "Released")
      .withArgs(t.addr, reentrant.addr, 1000n);
    expect(await reentrant.c.attempted()).to.equal(true);
    expect(await reentrant.c.reentered()).to.equal(false);
    expect(await t.c.balanceOf(good[0])).to.equal(0n);
  });
});
