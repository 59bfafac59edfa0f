// Unit tests of SplitFactory, Split and the TS mirror in lib/chain/split.ts.
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Address, type Hex } from "viem";
import {
  buildSplitTree,
  cloneInitCode,
  encodeCreateSplit,
  encodeRelease,
  encodeReleaseAll,
  encodeReleaseTokens,
  owedAmount,
  packPayee,
  predictSplitAddress,
  sortPayees,
  unpackPayee,
} from "../../lib/chain/split.js";
import { ETH, addresses, createSplit, deployFactory, payeesOf, releaseArgs } from "./splitFixture.js";

const { ethers } = await network.create();
const SALT = keccak256(toHex("salt")) as Hex;
const E18 = 10n ** 18n;

async function setup(shares: bigint[] = [1n, 2n, 3n]) {
  const signers = await ethers.getSigners();
  const { factory, implementation } = await deployFactory(ethers);
  const accounts = signers.slice(1, 1 + shares.length).map((s) => s.address as Address);
  const created = await createSplit(ethers, factory, payeesOf(accounts, shares), SALT);
  const token = await ethers.deployContract("TestToken", ["Six", "SIX", 6]);
  return {
    signers,
    factory,
    implementation,
    accounts,
    token,
    tokenAddr: (await token.getAddress()) as Address,
    ...created,
  };
}

describe("SplitFactory", function () {
  it("test_createSplit_emitsFullConfigAndDeploysAtPredictedAddress", async function () {
    const { factory } = await deployFactory(ethers);
    const tree = buildSplitTree(payeesOf(addresses(5)), SALT);
    const [predicted, root] = await factory.predictSplit(tree.packed, tree.salt);
    expect(root).to.equal(tree.root);
    const impl = (await factory.IMPLEMENTATION()) as Address;
    expect(predicted).to.equal(predictSplitAddress((await factory.getAddress()) as Address, impl, tree.root));
    await expect(factory.createSplit(tree.packed, tree.salt))
      .to.emit(factory, "SplitCreated")
      .withArgs(predicted, tree.root, tree.totalShares, tree.salt, tree.packed);
    const runtime = await ethers.provider.getCode(predicted);
    expect(runtime.toLowerCase()).to.equal(("0x" + cloneInitCode(impl).slice(20)).toLowerCase());
    expect(runtime.length).to.equal(2 + 2 * 50);
  });

  it("test_cloneInitCodeHash_matchesTsMirrorAndImplementation", async function () {
    const { factory, implementation } = await deployFactory(ethers);
    const hash = keccak256(cloneInitCode((await factory.IMPLEMENTATION()) as Address));
    expect(await factory.CLONE_INIT_CODE_HASH()).to.equal(hash);
    expect(await implementation.CLONE_INIT_CODE_HASH()).to.equal(hash);
    expect(await implementation.FACTORY()).to.equal(await factory.getAddress());
    expect(predictSplitAddress((await factory.getAddress()) as Address, hash, SALT)).to.equal(
      predictSplitAddress((await factory.getAddress()) as Address, (await factory.IMPLEMENTATION()) as Address, SALT),
    );
    expect(await factory.MAX_PAYEES()).to.equal(256n);
  });

  it("test_splitRoot_matchesTsTreeForRandomConfigs", async function () {
    const { factory } = await deployFactory(ethers);
    for (const n of [2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64, 100, 255, 256]) {
      const shares = Array.from({ length: n }, (_, i) => BigInt(keccak256(toHex(`s${n}-${i}`))) % (1n << 96n) || 1n);
      const salt = keccak256(toHex(`salt-${n}`));
      const tree = buildSplitTree(payeesOf(addresses(n, `cfg${n}`), shares), salt);
      const [root, total] = await factory.splitRoot(tree.packed, salt);
      expect(root, `n=${n}`).to.equal(tree.root);
      expect(total).to.equal(tree.totalShares);
    }
  });

  it("test_RevertWhen_payeeCountOutOfRange", async function () {
    const { factory } = await deployFactory(ethers);
    const one = [packPayee(addresses(1)[0], 1n)];
    await expect(factory.createSplit(one, SALT)).to.be.revertedWithCustomError(factory, "SplitPayeeCount").withArgs(1n);
    await expect(factory.createSplit([], SALT)).to.be.revertedWithCustomError(factory, "SplitPayeeCount").withArgs(0n);
    const many = sortPayees(payeesOf(addresses(257))).map((p) => packPayee(p.account, 1n));
    await expect(factory.createSplit(many, SALT))
      .to.be.revertedWithCustomError(factory, "SplitPayeeCount")
      .withArgs(257n);
  });

  it("test_RevertWhen_payeesUnsortedOrDuplicate", async function () {
    const { factory } = await deployFactory(ethers);
    const tree = buildSplitTree(payeesOf(addresses(4)), SALT);
    const swapped = [tree.packed[0], tree.packed[2], tree.packed[1], tree.packed[3]];
    await expect(factory.createSplit(swapped, SALT))
      .to.be.revertedWithCustomError(factory, "SplitPayeesNotSorted")
      .withArgs(2n);
    const dup = [tree.packed[0], tree.packed[1], tree.packed[1]];
    await expect(factory.createSplit(dup, SALT))
      .to.be.revertedWithCustomError(factory, "SplitPayeesNotSorted")
      .withArgs(2n);
    await expect(factory.predictSplit(swapped, SALT)).to.be.revertedWithCustomError(factory, "SplitPayeesNotSorted");
    await expect(factory.splitRoot(swapped, SALT)).to.be.revertedWithCustomError(factory, "SplitPayeesNotSorted");
  });

  it("test_RevertWhen_shareIsZero", async function () {
    const { factory } = await deployFactory(ethers);
    const tree = buildSplitTree(payeesOf(addresses(3)), SALT);
    const zeroShare = [tree.packed[0], tree.packed[1] & ((1n << 160n) - 1n), tree.packed[2]];
    await expect(factory.createSplit(zeroShare, SALT))
      .to.be.revertedWithCustomError(factory, "SplitZeroShare")
      .withArgs(1n);
  });

  it("test_RevertWhen_payeeIsZeroAddress", async function () {
    const { factory } = await deployFactory(ethers);
    const tree = buildSplitTree(payeesOf(addresses(2)), SALT);
    await expect(factory.createSplit([1n << 160n, ...tree.packed], SALT)).to.be.revertedWithCustomError(
      factory,
      "SplitZeroAddress",
    );
  });

  it("test_RevertWhen_splitAlreadyExists", async function () {
    const { factory } = await deployFactory(ethers);
    const { tree, address } = await createSplit(ethers, factory, payeesOf(addresses(3)), SALT);
    await expect(factory.createSplit(tree.packed, tree.salt, { gasLimit: 1_000_000 }))
      .to.be.revertedWithCustomError(factory, "SplitAlreadyExists")
      .withArgs(address);
    // A different salt is a different Split.
    await expect(factory.createSplit(tree.packed, ZERO)).to.emit(factory, "SplitCreated");
  });
});

const ZERO = `0x${"00".repeat(32)}` as Hex;

describe("Split", function () {
  it("test_receive_plainEthTransferFromEoaAndSolidityTransfer", async function () {
    const { signers, address } = await setup();
    await signers[0].sendTransaction({ to: address, value: E18 });
    const sender = await ethers.deployContract("SplitEtherSender");
    await signers[0].sendTransaction({ to: await sender.getAddress(), value: 3n * E18 });
    await expect(sender.transferTo(address, E18)).to.emit(sender, "Sent").withArgs(address, E18, true);
    await expect(sender.sendTo(address, E18)).to.emit(sender, "Sent").withArgs(address, E18, true);
    expect(await ethers.provider.getBalance(address)).to.equal(3n * E18);
  });

  it("test_release_paysShareAndEmitsReleased", async function () {
    const { signers, split, tree, accounts, address, token, tokenAddr } = await setup();
    await signers[0].sendTransaction({ to: address, value: 6n * E18 });
    await token.mint(address, 600n);
    const payee = accounts[2];
    await expect(split.release(...releaseArgs(tree, ETH, payee)))
      .to.emit(split, "Released")
      .withArgs(ETH, payee, 3n * E18);
    const tx = split.release(...releaseArgs(tree, tokenAddr, payee));
    await expect(tx).to.emit(split, "Released").withArgs(tokenAddr, payee, 300n);
    await expect(tx).to.changeTokenBalances(ethers, token, [address, payee], [-300n, 300n]);
    expect(await split.released(tokenAddr, payee)).to.equal(300n);
    expect(await split.totalReleased(tokenAddr)).to.equal(300n);
    expect(await split.totalReleased(ETH)).to.equal(3n * E18);
  });

  it("test_release_paysOnlyTheDifference", async function () {
    const { split, tree, accounts, address, token, tokenAddr } = await setup();
    await token.mint(address, 600n);
    await split.release(...releaseArgs(tree, tokenAddr, accounts[0]));
    await token.mint(address, 60n);
    expect(await split.owed(tokenAddr, accounts[0], 1n, 6n)).to.equal(10n);
    await expect(split.release(...releaseArgs(tree, tokenAddr, accounts[0])))
      .to.emit(split, "Released")
      .withArgs(tokenAddr, accounts[0], 10n);
    expect(await token.balanceOf(accounts[0])).to.equal(110n);
  });

  it("test_release_returnsZeroWithoutEventWhenNothingOwed", async function () {
    const { split, tree, accounts, address, token, tokenAddr } = await setup();
    expect(await split.release.staticCall(...releaseArgs(tree, tokenAddr, accounts[0]))).to.equal(0n);
    await token.mint(address, 600n);
    await split.release(...releaseArgs(tree, tokenAddr, accounts[0]));
    await expect(split.release(...releaseArgs(tree, tokenAddr, accounts[0]))).not.to.emit(split, "Released");
    expect(await split.owed(tokenAddr, accounts[0], 1n, 6n)).to.equal(0n);
  });

  it("test_RevertWhen_proofShareTotalOrSaltIsWrong", async function () {
    const { split, tree, accounts, tokenAddr, signers } = await setup();
    const [t, p, share, total, salt, proof] = releaseArgs(tree, tokenAddr, accounts[0]);
    const cases = [
      [t, p, share + 1n, total, salt, proof],
      [t, p, share, total + 1n, salt, proof],
      [t, p, share, total, ZERO, proof],
      [t, p, share, total, salt, [...proof].reverse()],
      [t, signers[9].address, share, total, salt, proof],
      [t, p, share, total, salt, []],
    ] as const;
    for (const args of cases) {
      await expect(split.release(...(args as any))).to.be.revertedWithCustomError(split, "SplitConfigMismatch");
    }
    await expect(split.releaseTokens([t], p, share, total, ZERO, proof)).to.be.revertedWithCustomError(
      split,
      "SplitConfigMismatch",
    );
  });

  it("test_RevertWhen_calledOnImplementationDirectly", async function () {
    const { implementation, tree, accounts, tokenAddr } = await setup();
    await expect(implementation.release(...releaseArgs(tree, tokenAddr, accounts[0]))).to.be.revertedWithCustomError(
      implementation,
      "SplitConfigMismatch",
    );
    await expect(implementation.releaseAll(tokenAddr, tree.packed, tree.salt)).to.be.revertedWithCustomError(
      implementation,
      "SplitConfigMismatch",
    );
    const [s] = await ethers.getSigners();
    await expect(s.sendTransaction({ to: await implementation.getAddress(), value: 1n })).to.be.revert(ethers);
  });

  it("test_clone_bubblesRevertDataAndReturnsData", async function () {
    const { split, tree, accounts, tokenAddr, address } = await setup();
    const data = encodeRelease(tree, tokenAddr, accounts[0]);
    expect(await ethers.provider.call({ to: address, data })).to.equal(ethers.zeroPadValue("0x", 32));
    const bad = encodeRelease({ ...tree, salt: ZERO }, tokenAddr, accounts[0]);
    await expect(ethers.provider.call({ to: address, data: bad })).to.be.revertedWithCustomError(
      split,
      "SplitConfigMismatch",
    );
  });

  it("test_releaseTokens_paysSeveralTokensWithOneProof", async function () {
    const { signers, split, tree, accounts, address, token, tokenAddr } = await setup();
    const other = await ethers.deployContract("TestToken", ["Eighteen", "E18", 18]);
    const otherAddr = (await other.getAddress()) as Address;
    await signers[0].sendTransaction({ to: address, value: 6000n });
    await token.mint(address, 60n);
    await other.mint(address, 6n * E18);
    const payee = accounts[1];
    const args = releaseArgsMany(tree, [ETH, tokenAddr, otherAddr], payee);
    expect(await split.releaseTokens.staticCall(...args)).to.deep.equal([2000n, 20n, 2n * E18]);
    await expect(split.releaseTokens(...args))
      .to.emit(split, "Released")
      .withArgs(ETH, payee, 2000n)
      .and.to.emit(split, "Released")
      .withArgs(tokenAddr, payee, 20n)
      .and.to.emit(split, "Released")
      .withArgs(otherAddr, payee, 2n * E18);
    expect(await other.balanceOf(payee)).to.equal(2n * E18);
  });

  it("test_releaseAll_paysEveryPayeeInOneTx", async function () {
    const { split, tree, accounts, address, token, tokenAddr } = await setup();
    await token.mint(address, 600n);
    expect(await split.releaseAll.staticCall(tokenAddr, tree.packed, tree.salt)).to.equal(600n);
    const tx = split.releaseAll(tokenAddr, tree.packed, tree.salt);
    await expect(tx)
      .to.emit(split, "Released")
      .withArgs(tokenAddr, accounts[0], 100n)
      .and.to.emit(split, "Released")
      .withArgs(tokenAddr, accounts[1], 200n)
      .and.to.emit(split, "Released")
      .withArgs(tokenAddr, accounts[2], 300n);
    await expect(tx).to.changeTokenBalances(ethers, token, [address, ...accounts], [-600n, 100n, 200n, 300n]);
    await expect(split.releaseAll(tokenAddr, tree.packed, tree.salt)).not.to.emit(split, "Released");
  });

  it("test_RevertWhen_releaseAllListIsTampered", async function () {
    const { split, tree, tokenAddr } = await setup();
    const tampered = [...tree.packed];
    tampered[0] = tampered[0] + (1n << 160n);
    await expect(split.releaseAll(tokenAddr, tampered, tree.salt)).to.be.revertedWithCustomError(
      split,
      "SplitConfigMismatch",
    );
    await expect(split.releaseAll(tokenAddr, tree.packed.slice(0, 2), tree.salt)).to.be.revertedWithCustomError(
      split,
      "SplitConfigMismatch",
    );
  });

  it("test_preCreationFunding_isReleasableAfterCreation", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployFactory(ethers);
    const token = await ethers.deployContract("TestToken", ["Six", "SIX", 6]);
    const accounts = [signers[3].address, signers[4].address] as Address[];
    const tree = buildSplitTree(payeesOf(accounts, [1n, 1n]), SALT);
    const [predicted] = await factory.predictSplit(tree.packed, tree.salt);
    await signers[0].sendTransaction({ to: predicted, value: 2n * E18 });
    await token.mint(predicted, 1000n);
    await signers[0].sendTransaction({ to: await factory.getAddress(), data: encodeCreateSplit(tree) });
    const split = await ethers.getContractAt("Split", predicted);
    await expect(
      signers[0].sendTransaction({ to: predicted, data: encodeReleaseAll(tree, ETH) }),
    ).to.changeEtherBalances(ethers, [predicted, ...accounts], [-2n * E18, E18, E18]);
    await signers[0].sendTransaction({
      to: predicted,
      data: encodeReleaseTokens(tree, [await token.getAddress()] as Address[], accounts[0]),
    });
    expect(await token.balanceOf(accounts[0])).to.equal(500n);
    expect(await split.released(await token.getAddress(), accounts[0])).to.equal(500n);
  });

  it("test_nestedSplit_receivesFromParentAndPaysItsPayees", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployFactory(ethers);
    const innerAccounts = [signers[5].address, signers[6].address] as Address[];
    const inner = await createSplit(ethers, factory, payeesOf(innerAccounts, [1n, 1n]), SALT);
    const outer = await createSplit(ethers, factory, payeesOf([inner.address, signers[7].address], [1n, 1n]), SALT);
    await signers[0].sendTransaction({ to: outer.address, value: 4n * E18 });
    await expect(outer.split.releaseAll(ETH, outer.tree.packed, outer.tree.salt))
      .to.emit(outer.split, "Released")
      .withArgs(ETH, inner.address, 2n * E18);
    await expect(inner.split.releaseAll(ETH, inner.tree.packed, inner.tree.salt)).to.changeEtherBalances(
      ethers,
      [inner.address, ...innerAccounts],
      [-2n * E18, E18, E18],
    );
    // Single release into a Split works too (the clone STOPs on empty calldata).
    await signers[0].sendTransaction({ to: outer.address, value: 2n * E18 });
    await expect(outer.split.release(...releaseArgs(outer.tree, ETH, inner.address))).to.changeEtherBalance(
      ethers,
      inner.address,
      E18,
    );
  });

  it("test_dust_isBelowPayeeCountAndPaidWhenMoreArrives", async function () {
    const { split, tree, accounts, address, token, tokenAddr } = await setup([1n, 1n, 1n]);
    await token.mint(address, 10n);
    await split.releaseAll(tokenAddr, tree.packed, tree.salt);
    expect(await token.balanceOf(address)).to.equal(1n);
    await token.mint(address, 2n);
    await split.releaseAll(tokenAddr, tree.packed, tree.salt);
    expect(await token.balanceOf(address)).to.equal(0n);
    for (const a of accounts) expect(await token.balanceOf(a)).to.equal(4n);
  });
});

describe("lib/chain/split.ts", function () {
  it("test_packPayee_roundTripsAndRejectsBadShares", function () {
    const [a] = addresses(1);
    expect(unpackPayee(packPayee(a, 7n))).to.deep.equal({ account: a.toLowerCase(), share: 7n });
    expect(() => packPayee(a, 0n)).to.throw();
    expect(() => packPayee(a, 1n << 96n)).to.throw();
  });

  it("test_buildSplitTree_sortsAndRejectsInvalid", function () {
    const accounts = addresses(5);
    const tree = buildSplitTree(payeesOf(accounts));
    for (let i = 1; i < tree.payees.length; i++)
      expect(BigInt(tree.payees[i].account) > BigInt(tree.payees[i - 1].account)).to.equal(true);
    expect(() => tree.proof(addresses(1, "other")[0])).to.throw();
    expect(() => buildSplitTree(payeesOf([accounts[0]]))).to.throw();
    expect(() => buildSplitTree(payeesOf([accounts[0], accounts[0]]))).to.throw();
    expect(() =>
      buildSplitTree([
        { account: ETH, share: 1n },
        { account: accounts[0], share: 1n },
      ]),
    ).to.throw();
    expect(owedAmount(1n, 3n, 10n, 0n, 0n)).to.equal(3n);
    expect(owedAmount(1n, 2n, 10n, 100n, 60n)).to.equal(0n);
    expect(owedAmount(1n, 2n, 5n, 100n, 40n)).to.equal(5n);
  });
});

function releaseArgsMany(tree: ReturnType<typeof buildSplitTree>, tokens: Address[], account: Address) {
  const p = tree.payee(account);
  return [tokens, p.account, p.share, tree.totalShares, tree.salt, tree.proof(account)] as const;
}
