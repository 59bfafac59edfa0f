// The whole story, end to end on the in-process chain: a platform deploys; fans subscribe through two artists'
// links; renewals run for several periods; a period closes; a root built with @openzeppelin/merkle-tree is
// proposed; an auditor vetoes a bad root; the good one matures; the platform shares ad revenue through the growth
// pool by the units the artists' subscribers earned them; artists claim all in one transaction, one of them into a
// Split whose members release; every balance adds up to the wei. It runs on a plain ERC-20 and on a token that behaves
// like Circle's USDC (permit under version "2", pause, blocklist), which pauses for a while during a renewal run.
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { buildTree, getClaim, treeTotal } from "../../scripts/lib/merkle.js";
import { buildSplitTree, packPayee } from "../../lib/chain/split.js";
import { signPermit } from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();

const DAY = 86_400;
const MONTH = 30 * DAY;
const PRICE = 9_990_000n; // 9.99 in a 6-decimal stablecoin
const REFERRAL_BPS = 1_500n;
const POOL_BPS = 5_500n;
const WINDOW = 3 * DAY;
const ZERO_SALT = ("0x" + "00".repeat(32)) as Hex;
const AD_REVENUE_BASIS = ("0x" + Buffer.from("ad-revenue").toString("hex").padEnd(64, "0")) as Hex;
const AD_REVENUE = 1_234_567_891n; // the platform's 20 % of one month's ad revenue

describe("Story: subscribe → renew → close → propose → veto → growth deposit → claim all → split release", function () {
  it("test_story_everyBalanceAddsUpToTheWei", async function () {
    await story(false);
  });

  it("test_story_usdcLike_pausedRenewalsDeferred_everyBalanceAddsUpToTheWei", async function () {
    await story(true);
  });
});

async function story(usdc: boolean) {
  const signers = await ethers.getSigners();
  const [platform, publisher, auditor, keeper, artistA, member1, member2, member3, relayer] = signers;
  const fans = signers.slice(9, 17);
  const bandManager = signers[17];

  // --- A platform deploys its contracts; the band's Split exists at a known address before it is created. ---
  const token = usdc
    ? await ethers.getContractAt(
        "TestToken",
        await (await ethers.deployContract("UsdcLikeToken", [], platform)).getAddress(),
      )
    : await ethers.deployContract("TestToken", ["Gapless Test USD", "gUSD", 6]);
  const usdcAdmin = await ethers.getContractAt("UsdcLikeToken", await token.getAddress());
  const factory = await ethers.deployContract("SplitFactory");
  const router = await ethers.deployContract("ClaimRouter");
  const distributor = await ethers.deployContract("Distributor", [
    token,
    platform.address,
    publisher.address,
    WINDOW,
    [auditor.address],
  ]);
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
  const planId = 0;

  const band = buildSplitTree(
    [
      { account: member1.address as Address, share: 50n },
      { account: member2.address as Address, share: 30n },
      { account: member3.address as Address, share: 20n },
    ],
    ZERO_SALT,
  );
  const [bandSplit] = await factory.predictSplit(band.packed, ZERO_SALT);
  expect(band.packed).to.deep.equal(band.payees.map((p) => packPayee(p.account, p.share)));

  // --- The platform enrolls the two artists; each registers a campaign (the band's pays its Split). ---
  for (const a of [artistA, bandManager]) await hub.connect(platform).enroll(a.address);
  await hub.connect(artistA).registerCampaign(artistA.address);
  await expect(hub.connect(bandManager).registerCampaign(bandSplit))
    .to.emit(hub, "CampaignRegistered")
    .withArgs(bandManager.address, 1n, bandSplit);

  // --- Fans subscribe through the two artists' links (campaign 1 of each), one organically with a permit. ---
  const viaA = fans.slice(0, 4);
  const viaBand = fans.slice(4, 7);
  const organic = fans[7];
  for (const fan of fans) {
    await token.mint(fan.address, 100n * PRICE);
    if (fan !== organic) await token.connect(fan).approve(hub, ethers.MaxUint256);
  }
  // A fan's own second wallet cannot take the referral share: it is not enrolled.
  await expect(hub.connect(viaA[0]).subscribe(planId, viaA[1].address, 0))
    .to.be.revertedWithCustomError(hub, "HubReferrerNotEnrolled")
    .withArgs(viaA[1].address);
  for (const fan of viaA) await hub.connect(fan).subscribe(planId, artistA.address, 1);
  for (const fan of viaBand)
    await expect(hub.connect(fan).subscribe(planId, bandManager.address, 1))
      .to.emit(hub, "ReferralBound")
      .withArgs(fan.address, bandManager.address, 1n, bandSplit, 1n);
  const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
  expect((await token.eip712Domain()).version).to.equal(usdc ? "2" : "1");
  const sig = await signPermit(token, organic, await hub.getAddress(), ethers.MaxUint256, deadline);
  await hub
    .connect(organic)
    .subscribeWithPermit(planId, ethers.ZeroAddress, 0, ethers.MaxUint256, deadline, sig.v, sig.r, sig.s);
  expect(await token.allowance(organic.address, hub)).to.equal(ethers.MaxUint256);

  // --- Renewals for three more months by a keeper; one fan cancels after the first renewal. ---
  let payments = BigInt(fans.length);
  const everyone = fans.map((f) => f.address);
  for (let month = 1; month <= 3; month++) {
    await networkHelpers.time.increase(MONTH);
    if (usdc && month === 2) {
      // USDC is paused while the keeper runs: every due renewal is deferred, none ends, and all renew after.
      await usdcAdmin.connect(platform).pause();
      const paused = await (await hub.connect(keeper).renewBatch(everyone)).wait();
      const names = paused!.logs.map((l) => hub.interface.parseLog(l)?.name);
      expect(names.filter((n) => n === "RenewalDeferred").length).to.equal(7);
      expect(names.filter((n) => n === "SubscriptionEnded" || n === "Paid")).to.deep.equal([]);
      await networkHelpers.time.increase(DAY);
      await usdcAdmin.connect(platform).unpause();
    }
    const tx = await hub.connect(keeper).renewBatch(everyone);
    const renewed = (await tx.wait())!.logs.filter((l) => l.topics[0] === hub.interface.getEvent("Paid").topicHash);
    payments += BigInt(renewed.length);
    if (month === 1) await hub.connect(viaA[0]).cancel();
  }
  expect(payments).to.equal(8n + 8n + 7n + 7n);

  // Every payment is routed exactly: floor bps parts, the platform takes the remainder.
  const referralPerPayment = (PRICE * REFERRAL_BPS) / 10_000n;
  const poolPerPayment = (PRICE * POOL_BPS) / 10_000n;
  const paymentsViaA = 4n + 3n * 3n + 1n; // 4 fans, one cancelled after its first renewal
  const paymentsViaBand = 3n * 4n;
  expect(await hub.referralBalanceOf(artistA.address)).to.equal(paymentsViaA * referralPerPayment);
  expect(await hub.referralBalanceOf(bandSplit)).to.equal(paymentsViaBand * referralPerPayment);

  // --- The period closes: its pool moves into the distributor. ---
  const pool = payments * poolPerPayment;
  await expect(hub.connect(platform).closePeriod()).to.emit(distributor, "Funded").withArgs(hub, pool, pool);
  expect(await token.balanceOf(distributor)).to.equal(pool);

  // --- The engine's allocation (usage split by plays) becomes a StandardMerkleTree. ---
  const usageA = (pool * 3n) / 5n;
  const usageBand = pool - usageA - 7n; // 7 base units of rounding carried to the next period
  const good = buildTree([
    { account: artistA.address as Address, cumulativeAmount: usageA },
    { account: bandSplit as Address, cumulativeAmount: usageBand },
  ]);
  const total = treeTotal(good);

  // A bad root (everything to one address) is proposed first; the auditor vetoes it inside the window.
  const bad = buildTree([{ account: relayer.address as Address, cumulativeAmount: total }]);
  await distributor.connect(publisher).propose(bad.root, total, ethers.id("bad"), "ipfs://bad");
  await expect(distributor.connect(auditor).veto(bad.root))
    .to.emit(distributor, "RootVetoed")
    .withArgs(bad.root, auditor.address);

  await distributor.connect(publisher).propose(good.root, total, ethers.id("period-1"), "ipfs://period-1");
  const claimA = getClaim(good, artistA.address as Address)!;
  await expect(distributor.claim(artistA.address, claimA.cumulativeAmount, claimA.proof)).to.be.revertedWithCustomError(
    distributor,
    "DistributorInvalidProof",
  );

  await networkHelpers.time.increase(WINDOW + 1);

  // --- The platform shares ad revenue through the growth pool, by the units the artists' subscribers earned. ---
  const growthPool = await ethers.deployContract("GrowthPool", [
    hub,
    platform.address,
    platform.address,
    [30 * DAY, WINDOW, MONTH],
    [auditor.address],
    [token],
    [AD_REVENUE_BASIS],
    [2_000],
  ]);
  await growthPool.syncMany([artistA.address, bandSplit]);
  // Units earn from the start of the epoch after the next (one month each), so none can be bought for this deposit.
  await networkHelpers.time.increase(2 * MONTH);
  const unitsA = paymentsViaA * PRICE;
  const unitsBand = paymentsViaBand * PRICE;
  expect(await growthPool.totalUnits()).to.equal(unitsA + unitsBand);
  await token.mint(platform.address, AD_REVENUE);
  await token.connect(platform).approve(growthPool, AD_REVENUE);
  await expect(growthPool.connect(platform).deposit(token, AD_REVENUE, 1, ethers.id("ad revenue, month 1")))
    .to.emit(growthPool, "Deposited")
    .withArgs(token, 1, ethers.id("ad revenue, month 1"), platform.address, AD_REVENUE, anyValue);
  const growthA = (AD_REVENUE * unitsA) / (unitsA + unitsBand);
  const growthBand = (AD_REVENUE * unitsBand) / (unitsA + unitsBand);
  const growth = [{ pool: growthPool, tokens: [await token.getAddress()] }];

  // --- Artist A claims everything (referral balance + usage + growth) in one transaction, sent by a relayer. ---
  const aBefore = await token.balanceOf(artistA.address);
  await router
    .connect(relayer)
    .claimAllWithGrowth(
      artistA.address,
      [hub],
      [{ distributor, cumulativeAmount: claimA.cumulativeAmount, proof: claimA.proof }],
      [],
      growth,
      true,
    );
  const aReceived = (await token.balanceOf(artistA.address)) - aBefore;
  expect(aReceived).to.equal(paymentsViaA * referralPerPayment + usageA + growthA);

  // --- The band's Split is created only now; it collects its referral, usage and growth earnings at once. ---
  await factory.createSplit(band.packed, ZERO_SALT);
  const claimBand = getClaim(good, bandSplit as Address)!;
  await router.claimAllWithGrowth(
    bandSplit,
    [hub],
    [{ distributor, cumulativeAmount: claimBand.cumulativeAmount, proof: claimBand.proof }],
    [],
    growth,
    true,
  );
  const bandIncome = paymentsViaBand * referralPerPayment + usageBand + growthBand;
  expect(await token.balanceOf(bandSplit)).to.equal(bandIncome);

  // Member 1 releases through the router (as its own claim-all); the others through releaseAll.
  const split = await ethers.getContractAt("Split", bandSplit);
  const m1 = band.payee(member1.address as Address);
  await router.claimAll(
    member1.address,
    [],
    [],
    [
      {
        split: bandSplit,
        tokens: [await token.getAddress()],
        share: m1.share,
        totalShares: band.totalShares,
        salt: ZERO_SALT,
        proof: band.proof(member1.address as Address),
      },
    ],
    true,
  );
  await split.releaseAll(token, band.packed, ZERO_SALT);
  const paidToMembers = [member1, member2, member3].map((m) => token.balanceOf(m.address));
  const [b1, b2, b3] = await Promise.all(paidToMembers);
  expect(b1).to.equal((bandIncome * 50n) / 100n);
  expect(b2).to.equal((bandIncome * 30n) / 100n);
  expect(b3).to.equal((bandIncome * 20n) / 100n);
  const splitDust = await token.balanceOf(bandSplit);
  expect(splitDust).to.equal(bandIncome - b1 - b2 - b3);
  expect(splitDust < 3n).to.equal(true);

  // --- The platform withdraws its part; every base unit is accounted for. ---
  await hub.connect(platform).withdrawPlatform(platform.address);
  const paidByFans = payments * PRICE;
  const platformPart = paidByFans - payments * referralPerPayment - pool + 0n;
  const referralToOthers = payments * referralPerPayment - (paymentsViaA + paymentsViaBand) * referralPerPayment;
  expect(await token.balanceOf(platform.address)).to.equal(platformPart + referralToOthers);
  expect(await token.balanceOf(hub)).to.equal(0n);
  expect(await token.balanceOf(distributor)).to.equal(pool - usageA - usageBand);
  expect(await distributor.claimed(artistA.address)).to.equal(usageA);
  expect(await distributor.claimed(bandSplit)).to.equal(usageBand);

  const everywhere =
    (await token.balanceOf(platform.address)) +
    aReceived +
    b1 +
    b2 +
    b3 +
    splitDust +
    (await token.balanceOf(distributor)) +
    (await token.balanceOf(hub)) +
    (await token.balanceOf(growthPool));
  // The growth pool keeps only what rounding could not give a whole base unit: under one per holder.
  expect(await token.balanceOf(growthPool)).to.equal(AD_REVENUE - growthA - growthBand);
  expect(AD_REVENUE - growthA - growthBand < 2n).to.equal(true);
  expect(everywhere).to.equal(paidByFans + AD_REVENUE);
}
