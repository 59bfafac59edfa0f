// The recoupment story, end to end on the in-process chain: a manager funds a campaign by creating its waterfall
// (the manager's tranche capped at the spend, the band's Split as residual); fans subscribe through the campaign's
// link; renewals over several periods repay the manager exactly the spend, then the band's Split receives the rest;
// every balance adds up to the wei.
import { expect } from "chai";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { buildSplitTree } from "../../lib/chain/split.js";
import { configArgs, entitlements, recoupment } from "../../lib/chain/waterfall.js";

const { ethers, networkHelpers } = await network.create();

const DAY = 86_400;
const MONTH = 30 * DAY;
const PRICE = 9_990_000n; // 9.99 in a 6-decimal stablecoin
const REFERRAL_BPS = 1_500n;
const POOL_BPS = 5_500n;
const ZERO_SALT = ("0x" + "00".repeat(32)) as Hex;
const CAMPAIGN_SALT = ethers.id("album launch, manager M") as Hex;

describe("Story: fund a campaign → fans subscribe through it → renewals repay the spend → the band's Split", function () {
  it("test_recoupment_trancheRepaidExactly_thenBandSplit_everyBalanceAddsUp", async function () {
    const signers = await ethers.getSigners();
    const [platform, keeper, manager, member1, member2, member3, stranger, bandManager] = signers;
    const fans = signers.slice(8, 14);

    // A USDC-like token: 6 decimals, permit under version "2", pause and blocklist (contracts/mocks).
    const token = await ethers.deployContract("UsdcLikeToken", [], platform);
    const splitFactory = await ethers.deployContract("SplitFactory");
    const waterfallFactory = await ethers.deployContract("WaterfallFactory");
    const distributor = await ethers.deployContract("MockFundable", [await token.getAddress()]);
    const hub = await ethers.deployContract("SubscriptionHub", [
      token,
      distributor,
      platform.address,
      { noticePeriod: 30 * DAY, gracePeriod: 7 * DAY, enrollmentRequired: true, overdueAfter: 45 * DAY },
      REFERRAL_BPS,
      POOL_BPS,
      0,
      [{ price: PRICE, period: MONTH }],
    ]);

    // --- The band's Split and the campaign's waterfall are known addresses before either exists. ---
    const band = buildSplitTree(
      [
        { account: member1.address as Address, share: 50n },
        { account: member2.address as Address, share: 30n },
        { account: member3.address as Address, share: 20n },
      ],
      ZERO_SALT,
    );
    const [bandSplit] = await splitFactory.predictSplit(band.packed, ZERO_SALT);
    const referralPerPayment = (PRICE * REFERRAL_BPS) / 10_000n;
    // The manager spent what 2.5 periods of the campaign's fans pay in referral shares (6 fans × 2.5 months).
    const spend = referralPerPayment * 15n - 12_345n;
    const config = recoupment(
      (await token.getAddress()) as Address,
      manager.address as Address,
      spend,
      bandSplit as Address,
      CAMPAIGN_SALT,
    );
    const args = configArgs(config);
    const [waterfallAddress] = await waterfallFactory.predictWaterfall(...args);

    // --- The band is enrolled and registers the campaign, paying its waterfall for good; its link carries both. ---
    await hub.connect(platform).enroll(bandManager.address);
    await expect(hub.connect(bandManager).registerCampaign(waterfallAddress))
      .to.emit(hub, "CampaignRegistered")
      .withArgs(bandManager.address, 1, waterfallAddress);

    // --- Fans subscribe through the campaign's link: the hub binds them to its waterfall for good. ---
    for (const fan of fans) {
      await token.connect(platform).mint(fan.address, 100n * PRICE);
      await token.connect(fan).approve(hub, ethers.MaxUint256);
      await hub.connect(fan).subscribe(0, bandManager.address, 1);
      expect(await hub.referralOf(fan.address)).to.deep.equal([bandManager.address, 1n, waterfallAddress]);
    }

    // --- Each period: renewals, then anyone moves the campaign's referral balance into its waterfall and
    // releases it. The waterfall is created only after its first period's revenue arrived at its address. ---
    let payments = BigInt(fans.length);
    let referred = 0n;
    const history: { received: bigint; manager: bigint; band: bigint }[] = [];
    for (let month = 1; month <= 5; month++) {
      if (month > 1) {
        await networkHelpers.time.increase(MONTH);
        const renewed = await hub.connect(keeper).renewBatch.staticCall(fans.map((f) => f.address));
        await hub.connect(keeper).renewBatch(fans.map((f) => f.address));
        payments += renewed;
      }
      const owedByHub = await hub.referralBalanceOf(waterfallAddress);
      await hub.connect(stranger).withdraw(waterfallAddress);
      referred += owedByHub;
      if (month === 1) {
        expect(await ethers.provider.getCode(waterfallAddress)).to.equal("0x");
        await expect(waterfallFactory.connect(manager).createWaterfall(...args)).to.emit(
          waterfallFactory,
          "WaterfallCreated",
        );
      }
      const waterfall = await ethers.getContractAt("Waterfall", waterfallAddress);
      await waterfall.connect(stranger).releaseAll(...args);
      const [expectedManager, expectedBand] = entitlements([spend], referred);
      const got = {
        received: referred,
        manager: await token.balanceOf(manager.address),
        band: await token.balanceOf(bandSplit),
      };
      expect(got.manager, `month ${month}: manager repaid`).to.equal(expectedManager);
      expect(got.band, `month ${month}: band's Split`).to.equal(expectedBand);
      expect(got.manager).to.be.lte(spend);
      history.push(got);
    }
    expect(payments).to.equal(6n * 5n);
    expect(referred).to.equal(payments * referralPerPayment);

    // The spend was recouped during month 3 (15 − ε payments' worth): the band received nothing before, only the
    // excess in that month, and everything after.
    expect(history.map((h) => h.band > 0n)).to.deep.equal([false, false, true, true, true]);
    expect(history[2].manager).to.equal(spend);
    expect(history[2].band).to.equal(referralPerPayment * 18n - spend);
    expect(history[4].manager).to.equal(spend);
    expect(history[4].band).to.equal(referred - spend);

    // --- The band's members release their shares of the Split. ---
    const split = await ethers.getContractAt("Split", bandSplit);
    await splitFactory.createSplit(band.packed, ZERO_SALT);
    await split.releaseAll(token, band.packed, ZERO_SALT);
    const members = await Promise.all([member1, member2, member3].map((m) => token.balanceOf(m.address)));
    const bandIncome = referred - spend;
    expect(members).to.deep.equal([(bandIncome * 50n) / 100n, (bandIncome * 30n) / 100n, (bandIncome * 20n) / 100n]);
    const dust = await token.balanceOf(bandSplit);
    expect(dust).to.be.lt(3n);

    // --- Every balance adds up to the wei. ---
    const fanSpent = payments * PRICE;
    const [pool, platformBalance] = await hub.ledger();
    const pendingReferral = await hub.referralBalanceOf(waterfallAddress);
    expect(pendingReferral).to.equal(0n);
    expect(await token.balanceOf(waterfallAddress)).to.equal(0n);
    expect(await token.balanceOf(hub)).to.equal(pool + platformBalance);
    expect(fanSpent).to.equal(
      pool + platformBalance + (await token.balanceOf(manager.address)) + members[0] + members[1] + members[2] + dust,
    );
    let fanBalances = 0n;
    for (const fan of fans) fanBalances += await token.balanceOf(fan.address);
    expect(fanBalances + fanSpent).to.equal(BigInt(fans.length) * 100n * PRICE);
  });
});
