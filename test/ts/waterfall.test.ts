// Unit tests of WaterfallFactory, Waterfall and the TS mirror in lib/chain/waterfall.ts.
import { expect } from "chai";
import { network } from "hardhat";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { cloneInitCode } from "../../lib/chain/split.js";
import {
  MAX_TRANCHES,
  configArgs,
  encodeCreateWaterfall,
  encodeWaterfallReleaseAll,
  entitlements,
  packTranche,
  packTranches,
  predictWaterfallAddress,
  recoupment,
  unpackTranche,
  waterfallConfigHash,
  type WaterfallConfig,
} from "../../lib/chain/waterfall.js";
import { addresses, createSplit, deployFactory, payeesOf } from "./splitFixture.js";
import { ETH, configOf, createWaterfall, deployWaterfallFactory } from "./waterfallFixture.js";

const { ethers } = await network.create();
const SALT = keccak256(toHex("waterfall salt")) as Hex;
const ZERO = `0x${"00".repeat(32)}` as Hex;
const E18 = 10n ** 18n;

async function token(decimals = 6) {
  const t: any = await ethers.deployContract("TestToken", ["Six", "SIX", decimals]);
  return { t, addr: (await t.getAddress()) as Address };
}

/** A funder repaid 1,000 first, a second tranche of 500, then the residual. */
async function setup(caps: bigint[] = [1000n, 500n]) {
  const signers = await ethers.getSigners();
  const { factory, implementation } = await deployWaterfallFactory(ethers);
  const { t, addr } = await token();
  const recipients = signers.slice(1, 1 + caps.length).map((s) => s.address as Address);
  const residual = signers[9].address as Address;
  const config = configOf(
    addr,
    caps.map((cap, i) => ({ recipient: recipients[i], cap })),
    residual,
    SALT,
  );
  const w = await createWaterfall(ethers, factory, config);
  return { signers, factory, implementation, t, tokenAddr: addr, recipients, residual, ...w };
}

describe("WaterfallFactory", function () {
  it("test_createWaterfall_emitsFullConfigAndDeploysAtPredictedAddress", async function () {
    const { factory } = await deployWaterfallFactory(ethers);
    const [a, b, r] = addresses(3, "wf");
    const config = configOf(
      ETH,
      [
        { recipient: a, cap: 10n },
        { recipient: b, cap: 20n },
      ],
      r,
      SALT,
    );
    const args = configArgs(config);
    const [predicted, configHash] = await factory.predictWaterfall(...args);
    expect(configHash).to.equal(waterfallConfigHash(config));
    const impl = (await factory.IMPLEMENTATION()) as Address;
    expect(predicted).to.equal(predictWaterfallAddress((await factory.getAddress()) as Address, impl, config));
    await expect(factory.createWaterfall(...args))
      .to.emit(factory, "WaterfallCreated")
      .withArgs(predicted, ETH, ethers.getAddress(r), configHash, SALT, packTranches(config));
    const runtime = await ethers.provider.getCode(predicted);
    expect(runtime.toLowerCase()).to.equal(("0x" + cloneInitCode(impl).slice(20)).toLowerCase());
  });

  it("test_cloneInitCodeHash_matchesTsMirrorAndImplementation", async function () {
    const { factory, implementation } = await deployWaterfallFactory(ethers);
    const hash = keccak256(cloneInitCode((await factory.IMPLEMENTATION()) as Address));
    expect(await factory.CLONE_INIT_CODE_HASH()).to.equal(hash);
    expect(await implementation.CLONE_INIT_CODE_HASH()).to.equal(hash);
    expect(await implementation.FACTORY()).to.equal(await factory.getAddress());
    expect(await factory.MAX_TRANCHES()).to.equal(BigInt(MAX_TRANCHES));
    expect(await implementation.MAX_TRANCHES()).to.equal(BigInt(MAX_TRANCHES));
  });

  it("test_RevertWhen_trancheCountOutOfRange", async function () {
    const { factory } = await deployWaterfallFactory(ethers);
    const [r] = addresses(1, "r");
    await expect(factory.createWaterfall(ETH, [], r, SALT))
      .to.be.revertedWithCustomError(factory, "WaterfallTrancheCount")
      .withArgs(0n);
    const many = addresses(MAX_TRANCHES + 1, "t").map((a) => packTranche({ recipient: a, cap: 1n }));
    await expect(factory.createWaterfall(ETH, many, r, SALT))
      .to.be.revertedWithCustomError(factory, "WaterfallTrancheCount")
      .withArgs(BigInt(MAX_TRANCHES + 1));
    await expect(factory.predictWaterfall(ETH, many, r, SALT)).to.be.revertedWithCustomError(
      factory,
      "WaterfallTrancheCount",
    );
    // The most tranches allowed is fine.
    await expect(factory.createWaterfall(ETH, many.slice(1), r, SALT)).to.emit(factory, "WaterfallCreated");
  });

  it("test_RevertWhen_capIsZeroOrRecipientIsZeroAddress", async function () {
    const { factory } = await deployWaterfallFactory(ethers);
    const [a, b, r] = addresses(3, "z");
    const ok = [packTranche({ recipient: a, cap: 5n }), packTranche({ recipient: b, cap: 5n })];
    await expect(factory.createWaterfall(ETH, [ok[0], BigInt(b)], r, SALT))
      .to.be.revertedWithCustomError(factory, "WaterfallZeroCap")
      .withArgs(1n);
    await expect(factory.createWaterfall(ETH, [ok[0], 5n << 160n], r, SALT))
      .to.be.revertedWithCustomError(factory, "WaterfallZeroRecipient")
      .withArgs(1n);
    await expect(factory.createWaterfall(ETH, ok, ETH, SALT))
      .to.be.revertedWithCustomError(factory, "WaterfallZeroRecipient")
      .withArgs(2n);
  });

  it("test_RevertWhen_waterfallAlreadyExists", async function () {
    const { factory } = await deployWaterfallFactory(ethers);
    const [a, r] = addresses(2, "dup");
    const config = recoupment(ETH, a, 100n, r, SALT);
    const { address } = await createWaterfall(ethers, factory, config);
    await expect(factory.createWaterfall(...configArgs(config), { gasLimit: 1_000_000 }))
      .to.be.revertedWithCustomError(factory, "WaterfallAlreadyExists")
      .withArgs(address);
    // Another salt, token, cap or residual is another Waterfall.
    for (const other of [
      { ...config, salt: ZERO },
      { ...config, token: a },
      { ...config, tranches: [{ recipient: a, cap: 101n }] },
      { ...config, residual: a },
    ])
      await expect(factory.createWaterfall(...configArgs(other))).to.emit(factory, "WaterfallCreated");
  });
});

describe("Waterfall", function () {
  it("test_receive_plainEthTransferFromEoaAndSolidityTransfer", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployWaterfallFactory(ethers);
    const w = await createWaterfall(
      ethers,
      factory,
      recoupment(ETH, signers[1].address as Address, E18, signers[2].address as Address),
    );
    await signers[0].sendTransaction({ to: w.address, value: E18 });
    const sender = await ethers.deployContract("SplitEtherSender");
    await signers[0].sendTransaction({ to: await sender.getAddress(), value: 2n * E18 });
    await expect(sender.transferTo(w.address, E18)).to.emit(sender, "Sent").withArgs(w.address, E18, true);
    await expect(sender.sendTo(w.address, E18)).to.emit(sender, "Sent").withArgs(w.address, E18, true);
    await expect(w.releaseAll()).to.changeEtherBalances(
      ethers,
      [w.address, signers[1].address, signers[2].address],
      [-3n * E18, E18, 2n * E18],
    );
  });

  it("test_release_tranchePaidUpToItsCapThenResidual", async function () {
    const { t, address, release, recipients, residual, waterfall, positions } = await setup();
    await t.mint(address, 600n);
    // Only tranche 0 is entitled until its 1,000 is reached.
    expect((await positions()).owed).to.deep.equal([600n, 0n, 0n]);
    await expect(release(0)).to.emit(waterfall, "Released").withArgs(0n, recipients[0], 600n);
    expect(
      await release(1)
        .then((tx: any) => tx.wait())
        .then((r: any) => r.logs.length),
    ).to.equal(0);
    await t.mint(address, 1000n); // received 1,600: tranche 0 full (400 more), tranche 1 gets 500, residual 100.
    expect((await positions()).owed).to.deep.equal([400n, 500n, 100n]);
    await expect(release(2)).to.emit(waterfall, "Released").withArgs(2n, residual, 100n);
    await expect(release(1)).to.emit(waterfall, "Released").withArgs(1n, recipients[1], 500n);
    await expect(release(0)).to.emit(waterfall, "Released").withArgs(0n, recipients[0], 400n);
    expect(await t.balanceOf(recipients[0])).to.equal(1000n);
    expect(await t.balanceOf(recipients[1])).to.equal(500n);
    expect(await t.balanceOf(residual)).to.equal(100n);
    expect(await t.balanceOf(address)).to.equal(0n);
    expect(await waterfall.trancheReleased(0)).to.equal(1000n);
    expect(await waterfall.trancheReleased(1)).to.equal(500n);
    expect(await waterfall.residualReleased()).to.equal(100n);
    // Past the caps, everything goes to the residual.
    await t.mint(address, 7n);
    expect((await positions()).owed).to.deep.equal([0n, 0n, 7n]);
  });

  it("test_releaseAll_onePaymentStraddlingEveryCap_exactToTheUnit", async function () {
    const { t, address, args, releaseAll, recipients, residual, waterfall, positions } = await setup([3n, 5n, 7n]);
    await t.mint(address, 16n);
    expect(await waterfall.releaseAll.staticCall(...args)).to.equal(16n);
    const tx = releaseAll();
    await expect(tx)
      .to.emit(waterfall, "Released")
      .withArgs(0n, recipients[0], 3n)
      .and.to.emit(waterfall, "Released")
      .withArgs(1n, recipients[1], 5n)
      .and.to.emit(waterfall, "Released")
      .withArgs(2n, recipients[2], 7n)
      .and.to.emit(waterfall, "Released")
      .withArgs(3n, residual, 1n);
    await expect(tx).to.changeTokenBalances(ethers, t, [address, ...recipients, residual], [-16n, 3n, 5n, 7n, 1n]);
    expect(await positions()).to.deep.equal({
      received: 16n,
      released: [3n, 5n, 7n, 1n],
      owed: [0n, 0n, 0n, 0n],
    });
    await expect(releaseAll()).not.to.emit(waterfall, "Released");
  });

  it("test_release_returnsZeroWithoutEventWhenNothingOwed", async function () {
    const { t, address, waterfall, args, release } = await setup();
    expect(await waterfall.release.staticCall(...args, 0)).to.equal(0n);
    await t.mint(address, 10n);
    await release(0);
    await expect(release(0)).not.to.emit(waterfall, "Released");
    expect(await waterfall.releaseAll.staticCall(...args)).to.equal(0n);
  });

  it("test_RevertWhen_positionUnknown", async function () {
    const { waterfall, args } = await setup();
    await expect(waterfall.release(...args, 3))
      .to.be.revertedWithCustomError(waterfall, "WaterfallUnknownPosition")
      .withArgs(3n, 2n);
  });

  it("test_RevertWhen_configIsWrong", async function () {
    const { waterfall, config, signers } = await setup();
    const cases: WaterfallConfig[] = [
      { ...config, token: ETH },
      { ...config, salt: ZERO },
      { ...config, residual: signers[8].address as Address },
      { ...config, tranches: [...config.tranches].reverse() },
      { ...config, tranches: [{ ...config.tranches[0], cap: 1001n }, config.tranches[1]] },
      { ...config, tranches: config.tranches.slice(0, 1) },
    ];
    for (const c of cases) {
      const args = configArgs(c);
      await expect(waterfall.release(...args, 0)).to.be.revertedWithCustomError(waterfall, "WaterfallConfigMismatch");
      await expect(waterfall.releaseAll(...args)).to.be.revertedWithCustomError(waterfall, "WaterfallConfigMismatch");
      await expect(waterfall.positions(...args)).to.be.revertedWithCustomError(waterfall, "WaterfallConfigMismatch");
      await expect(waterfall.recover(ETH, ...args)).to.be.revertedWithCustomError(waterfall, "WaterfallConfigMismatch");
    }
  });

  it("test_RevertWhen_calledOnImplementationDirectly", async function () {
    const { implementation, args, signers } = await setup();
    await expect(implementation.release(...args, 0)).to.be.revertedWithCustomError(
      implementation,
      "WaterfallConfigMismatch",
    );
    await expect(implementation.releaseAll(...args)).to.be.revertedWithCustomError(
      implementation,
      "WaterfallConfigMismatch",
    );
    await expect(signers[0].sendTransaction({ to: await implementation.getAddress(), value: 1n })).to.be.revert(ethers);
  });

  it("test_preCreationFunding_isReleasableAfterCreation", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployWaterfallFactory(ethers);
    const { t, addr } = await token();
    const [funder, band] = [signers[3].address, signers[4].address] as Address[];
    const config = recoupment(addr, funder, 700n, band, SALT);
    const [predicted] = await factory.predictWaterfall(...configArgs(config));
    await t.mint(predicted, 1000n);
    await signers[0].sendTransaction({ to: await factory.getAddress(), data: encodeCreateWaterfall(config) });
    await expect(
      signers[0].sendTransaction({ to: predicted, data: encodeWaterfallReleaseAll(config) }),
    ).to.changeTokenBalances(ethers, t, [predicted, funder, band], [-1000n, 700n, 300n]);
  });

  it("test_sameRecipientInTwoPositions_isPaidForEach", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployWaterfallFactory(ethers);
    const { t, addr } = await token();
    const a = signers[1].address as Address;
    const w = await createWaterfall(
      ethers,
      factory,
      configOf(
        addr,
        [
          { recipient: a, cap: 10n },
          { recipient: signers[2].address as Address, cap: 10n },
        ],
        a,
        SALT,
      ),
    );
    await t.mint(w.address, 25n);
    await w.releaseAll();
    expect(await t.balanceOf(a)).to.equal(15n);
    expect(await t.balanceOf(signers[2].address)).to.equal(10n);
  });

  it("test_recover_otherTokenAndEthGoWholeToTheResidual", async function () {
    const { t, address, waterfall, args, residual, signers } = await setup();
    const other = await token(18);
    await other.t.mint(address, 5n * E18);
    await signers[0].sendTransaction({ to: address, value: E18 });
    await expect(waterfall.recover(other.addr, ...args))
      .to.emit(waterfall, "Recovered")
      .withArgs(other.addr, residual, 5n * E18);
    await expect(waterfall.recover(ETH, ...args)).to.changeEtherBalances(ethers, [address, residual], [-E18, E18]);
    expect(await waterfall.recover.staticCall(ETH, ...args)).to.equal(0n);
    await expect(waterfall.recover(ETH, ...args)).not.to.emit(waterfall, "Recovered");
    // The waterfall's own token is only ever waterfalled.
    await t.mint(address, 10n);
    await expect(waterfall.recover(await t.getAddress(), ...args))
      .to.be.revertedWithCustomError(waterfall, "WaterfallTokenNotRecoverable")
      .withArgs(await t.getAddress());
  });

  it("test_RevertWhen_residualWouldOverflowItsSlot_onlyTheResidualIsBlocked", async function () {
    const { t, address, waterfall, args, recipients } = await setup([1n]);
    await t.mint(address, (1n << 160n) + 1n);
    await expect(waterfall.release(...args, 1))
      .to.be.revertedWithCustomError(waterfall, "WaterfallAmountOverflow")
      .withArgs(1n << 160n);
    await expect(waterfall.release(...args, 0))
      .to.emit(waterfall, "Released")
      .withArgs(0n, recipients[0], 1n);
  });

  it("test_nesting_splitPaysWaterfallAndWaterfallPaysSplits", async function () {
    const signers = await ethers.getSigners();
    const { factory: splitFactory } = await deployFactory(ethers);
    const { factory } = await deployWaterfallFactory(ethers);
    const { t, addr } = await token();
    const members = [signers[5].address, signers[6].address] as Address[];
    const band = await createSplit(ethers, splitFactory, payeesOf(members, [1n, 1n]), SALT);
    const funderSplit = await createSplit(
      ethers,
      splitFactory,
      payeesOf([signers[7].address, signers[8].address], [3n, 1n]),
      SALT,
    );
    // The funder's tranche is itself a Split; the residual is the band's Split.
    for (const tokenAddr of [addr, ETH]) {
      const config = recoupment(tokenAddr, funderSplit.address, 400n, band.address, SALT);
      const w = await createWaterfall(ethers, factory, config);
      // A label's Split pays its share into the Waterfall (ETH through releaseAll's stipend, ERC-20 by transfer).
      const label = await createSplit(
        ethers,
        splitFactory,
        payeesOf([w.address, signers[10].address], [1n, 1n]),
        tokenAddr === ETH ? ZERO : SALT,
      );
      if (tokenAddr === ETH) await signers[0].sendTransaction({ to: label.address, value: 2000n });
      else await t.mint(label.address, 2000n);
      await expect(label.split.releaseAll(tokenAddr, label.tree.packed, label.tree.salt))
        .to.emit(label.split, "Released")
        .withArgs(tokenAddr, w.address, 1000n);
      await expect(w.releaseAll()).to.emit(w.waterfall, "Released").withArgs(1n, band.address, 600n);
      await band.split.releaseAll(tokenAddr, band.tree.packed, band.tree.salt);
      await funderSplit.split.releaseAll(tokenAddr, funderSplit.tree.packed, funderSplit.tree.salt);
    }
    expect(await t.balanceOf(members[0])).to.equal(300n);
    expect(await t.balanceOf(signers[7].address)).to.equal(300n);
    expect(await t.balanceOf(signers[8].address)).to.equal(100n);
  });

  it("test_ethWaterfall_singleReleaseForwardsAllGas", async function () {
    const signers = await ethers.getSigners();
    const { factory } = await deployWaterfallFactory(ethers);
    // A contract recipient that runs code on receipt (a reentry attempt, unarmed here).
    const receiver = await ethers.deployContract("ReentrantRecipient");
    const config = recoupment(ETH, (await receiver.getAddress()) as Address, E18, signers[2].address as Address, SALT);
    const w = await createWaterfall(ethers, factory, config);
    await signers[0].sendTransaction({ to: w.address, value: 3n * E18 });
    await expect(w.release(0)).to.changeEtherBalance(ethers, await receiver.getAddress(), E18);
    await expect(w.release(1)).to.changeEtherBalance(ethers, signers[2].address, 2n * E18);
  });
});

describe("lib/chain/waterfall.ts", function () {
  it("test_packTranche_roundTripsAndRejectsBadCaps", function () {
    const [a] = addresses(1);
    expect(unpackTranche(packTranche({ recipient: a, cap: 7n }))).to.deep.equal({
      recipient: a.toLowerCase(),
      cap: 7n,
    });
    expect(() => packTranche({ recipient: a, cap: 0n })).to.throw();
    expect(() => packTranche({ recipient: a, cap: 1n << 96n })).to.throw();
    expect(() => packTranche({ recipient: ETH, cap: 1n })).to.throw();
    expect(() => packTranches({ token: ETH, tranches: [], residual: a, salt: ZERO })).to.throw();
    expect(() => packTranches(recoupment(ETH, a, 1n, ETH))).to.throw();
  });

  it("test_entitlements_fillInOrderAndAddUpToReceived", function () {
    expect(entitlements([3n, 5n], 0n)).to.deep.equal([0n, 0n, 0n]);
    expect(entitlements([3n, 5n], 2n)).to.deep.equal([2n, 0n, 0n]);
    expect(entitlements([3n, 5n], 7n)).to.deep.equal([3n, 4n, 0n]);
    expect(entitlements([3n, 5n], 20n)).to.deep.equal([3n, 5n, 12n]);
  });
});
