// The Waterfall against hostile recipients and weird tokens: one failing recipient never blocks another,
// nothing is lost, no tranche is paid above its cap.
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { configOf, createWaterfall, deployWaterfallFactory, ETH } from "./waterfallFixture.js";

const { ethers } = await network.create();
const SALT = keccak256(toHex("waterfall hostile")) as Hex;
const E18 = 10n ** 18n;

async function deploy(name: string, args: unknown[] = []) {
  const c: any = await ethers.deployContract(name, args);
  return { c, addr: (await c.getAddress()) as Address };
}

/** Tranches of `cap` each to `recipients` in order, then the residual (an EOA unless given). */
async function waterfallOf(token: Address, recipients: Address[], cap: bigint, residual?: Address) {
  const signers = await ethers.getSigners();
  const { factory } = await deployWaterfallFactory(ethers);
  const res = residual ?? (signers[9].address as Address);
  const w = await createWaterfall(
    ethers,
    factory,
    configOf(
      token,
      recipients.map((recipient) => ({ recipient, cap })),
      res,
      SALT,
    ),
  );
  return {
    ...w,
    residual: res,
    funder: signers[0],
    eoas: [signers[1].address, signers[2].address] as Address[],
  };
}

describe("Waterfall (hostile)", function () {
  it("test_releaseAll_eth_hostileRecipientsDoNotBlockOthers", async function () {
    const reverting = await deploy("RevertingRecipient");
    const guzzler = await deploy("GasGuzzler");
    const bomb = await deploy("ReturnBomb");
    const reentrant = await deploy("ReentrantRecipient");
    const signers = await ethers.getSigners();
    const good = signers[1].address as Address;
    const w = await waterfallOf(ETH, [reverting.addr, good, guzzler.addr, bomb.addr], E18, reentrant.addr);
    await reentrant.c.arm(w.address, w.waterfall.interface.encodeFunctionData("releaseAll", w.args));
    await w.funder.sendTransaction({ to: w.address, value: 6n * E18 });
    const tx = w.releaseAll({ gasLimit: 3_000_000 });
    for (const [i, h] of [
      [0, reverting.addr],
      [2, guzzler.addr],
      [3, bomb.addr],
    ] as const)
      await expect(tx).to.emit(w.waterfall, "ReleaseFailed").withArgs(BigInt(i), h, E18);
    await expect(tx).to.emit(w.waterfall, "Released").withArgs(1n, good, E18);
    await expect(tx)
      .to.emit(w.waterfall, "Released")
      .withArgs(4n, reentrant.addr, 2n * E18);
    await expect(tx).to.changeEtherBalances(ethers, [w.address, good, reentrant.addr], [-3n * E18, E18, 2n * E18]);
    expect(await reentrant.c.reentered()).to.equal(false);
    const p = await w.positions();
    // Failed tranches stay owed, exactly what is left in the Waterfall.
    expect(p.owed).to.deep.equal([E18, 0n, E18, E18, 0n]);
    expect(await ethers.provider.getBalance(w.address)).to.equal(3n * E18);
    await expect(w.release(0)).to.be.revertedWithCustomError(w.soladyErrors, "ETHTransferFailed");
  });

  it("test_release_eth_reentrantRecipientCannotReenter", async function () {
    const reentrant = await deploy("ReentrantRecipient");
    const w = await waterfallOf(ETH, [reentrant.addr], E18);
    await reentrant.c.arm(w.address, w.waterfall.interface.encodeFunctionData("release", [...w.args, 1]));
    await w.funder.sendTransaction({ to: w.address, value: 3n * E18 });
    await expect(w.release(0)).to.emit(w.waterfall, "Released").withArgs(0n, reentrant.addr, E18);
    expect(await reentrant.c.attempted()).to.equal(true);
    expect(await reentrant.c.reentered()).to.equal(false);
    expect(await w.waterfall.residualReleased()).to.equal(0n);
  });

  it("test_release_tokensOfUnusualDecimals", async function () {
    for (const decimals of [2, 24]) {
      const t = await deploy("TestToken", ["T", "T", decimals]);
      const unit = 10n ** BigInt(decimals);
      const w = await waterfallOf(t.addr, [(await ethers.getSigners())[1].address as Address], 5n * unit);
      await t.c.mint(w.address, 7n * unit + 1n);
      await w.releaseAll();
      expect(await t.c.balanceOf(w.eoas[0])).to.equal(5n * unit);
      expect(await t.c.balanceOf(w.residual)).to.equal(2n * unit + 1n);
      expect(await t.c.balanceOf(w.address)).to.equal(0n);
    }
  });

  it("test_release_missingReturnToken_paysNormally", async function () {
    const t = await deploy("MissingReturnToken");
    const signers = await ethers.getSigners();
    const w = await waterfallOf(t.addr, [signers[1].address as Address], 600n);
    await t.c.mint(w.address, 1000n);
    await expect(w.release(0)).to.emit(w.waterfall, "Released").withArgs(0n, signers[1].address, 600n);
    await w.releaseAll();
    expect(await t.c.balanceOf(w.residual)).to.equal(400n);
  });

  it("test_RevertWhen_returnsFalseTokenFails_andReleaseAllSkipsWithoutLoss", async function () {
    const t = await deploy("ReturnsFalseToken");
    const signers = await ethers.getSigners();
    const w = await waterfallOf(t.addr, [signers[1].address as Address], 600n);
    await t.c.mint(w.address, 1000n);
    await t.c.setFailAll(true);
    await expect(w.release(0)).to.be.revertedWithCustomError(w.soladyErrors, "TransferFailed");
    const tx = w.releaseAll();
    await expect(tx).to.emit(w.waterfall, "ReleaseFailed").withArgs(0n, signers[1].address, 600n);
    await expect(tx).to.emit(w.waterfall, "ReleaseFailed").withArgs(1n, w.residual, 400n);
    expect(await t.c.balanceOf(w.address)).to.equal(1000n);
    expect((await w.positions()).released).to.deep.equal([0n, 0n]);
    await t.c.setFailAll(false);
    await w.releaseAll();
    expect(await t.c.balanceOf(signers[1].address)).to.equal(600n);
    expect(await t.c.balanceOf(w.residual)).to.equal(400n);
  });

  it("test_release_feeOnTransferToken_recipientBearsTheFee_trancheCountsWhatWasSent", async function () {
    const t = await deploy("FeeOnTransferToken");
    const signers = await ethers.getSigners();
    const w = await waterfallOf(t.addr, [signers[1].address as Address], 6000n);
    await t.c.mint(w.address, 10_000n);
    await expect(w.release(0)).to.emit(w.waterfall, "Released").withArgs(0n, signers[1].address, 6000n);
    expect(await t.c.balanceOf(signers[1].address)).to.equal(5940n);
    await w.release(1);
    expect(await t.c.balanceOf(w.address)).to.equal(0n);
    expect(await w.waterfall.trancheReleased(0)).to.equal(6000n);
  });

  it("test_release_rebasingToken_upAndDownClampedAtZeroAndBalance_neverAboveCap", async function () {
    const t = await deploy("RebasingToken");
    const signers = await ethers.getSigners();
    const funder = signers[1].address as Address;
    const w = await waterfallOf(t.addr, [funder], 800n);
    await t.c.mint(w.address, 1000n);
    await w.release(0); // 800 to the funder, 200 left.
    await t.c.rebase(3n, 1n); // Index ×3: 600 left: received 1,400: residual owed 600.
    expect((await w.positions()).owed).to.deep.equal([0n, 600n]);
    await t.c.rebase(1n, 2n); // Index ×1/2: 100 left: received 900: residual entitled 100.
    expect((await w.positions()).owed).to.deep.equal([0n, 100n]);
    await t.c.rebase(1n, 4n); // Index ×1/4: 50 left: received 850 — the funder is never owed beyond its cap.
    await w.releaseAll();
    expect(await w.waterfall.trancheReleased(0)).to.equal(800n);
    expect(await t.c.balanceOf(w.residual)).to.equal(50n);
    expect(await t.c.balanceOf(w.address)).to.equal(0n);
  });

  it("test_releaseAll_blocklistedFunderSkipped_residualStillPaid", async function () {
    const t = await deploy("BlocklistToken");
    const signers = await ethers.getSigners();
    const funder = signers[1].address as Address;
    const w = await waterfallOf(t.addr, [funder], 500n);
    await t.c.mint(w.address, 1200n);
    await t.c.setBlocked(funder, true);
    await expect(w.release(0)).to.be.revertedWithCustomError(w.soladyErrors, "TransferFailed");
    const tx = w.releaseAll();
    await expect(tx).to.emit(w.waterfall, "ReleaseFailed").withArgs(0n, funder, 500n);
    await expect(tx).to.emit(w.waterfall, "Released").withArgs(1n, w.residual, 700n);
    // A blocked residual would likewise only block itself.
    await t.c.setBlocked(funder, false);
    await t.c.setBlocked(w.residual, true);
    await t.c.mint(w.address, 100n);
    const tx2 = w.releaseAll();
    await expect(tx2).to.emit(w.waterfall, "Released").withArgs(0n, funder, 500n);
    await expect(tx2).to.emit(w.waterfall, "ReleaseFailed").withArgs(1n, w.residual, 100n);
    expect(await t.c.balanceOf(w.address)).to.equal(100n);
  });

  it("test_release_reentrantTokenHookCannotReenter", async function () {
    const t = await deploy("ReentrantToken");
    const reentrant = await deploy("ReentrantRecipient");
    const w = await waterfallOf(t.addr, [reentrant.addr], 1000n);
    await reentrant.c.arm(w.address, w.waterfall.interface.encodeFunctionData("releaseAll", w.args));
    await t.c.mint(w.address, 3000n);
    await expect(w.release(0)).to.emit(w.waterfall, "Released").withArgs(0n, reentrant.addr, 1000n);
    expect(await reentrant.c.attempted()).to.equal(true);
    expect(await reentrant.c.reentered()).to.equal(false);
    expect(await t.c.balanceOf(w.residual)).to.equal(0n);
  });

  it("test_recover_hostileResidualOnlyBlocksTheRecovery", async function () {
    const reverting = await deploy("RevertingRecipient");
    const t = await deploy("TestToken", ["T", "T", 6]);
    const signers = await ethers.getSigners();
    const w = await waterfallOf(t.addr, [signers[1].address as Address], 10n, reverting.addr);
    await w.funder.sendTransaction({ to: w.address, value: E18 });
    await expect(w.waterfall.recover(ETH, ...w.args)).to.be.revertedWithCustomError(
      w.soladyErrors,
      "ETHTransferFailed",
    );
    await t.c.mint(w.address, 10n);
    await expect(w.release(0)).to.emit(w.waterfall, "Released").withArgs(0n, signers[1].address, 10n);
  });
});
