import { expect } from "chai";
import { network } from "hardhat";
import {
  EndReason,
  GRACE,
  MAX,
  MONTH,
  POOL_BPS,
  PRICE,
  REFERRAL_BPS,
  Status,
  deployFundedHub,
  deployHub,
  split,
} from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const solady = { interface: new ethers.Interface(["error Reentrancy()"]) };

async function blocklist() {
  return deployFundedHub(ethers, { tokenName: "BlocklistToken" });
}
async function feeOnTransfer() {
  return deployFundedHub(ethers, { tokenName: "FeeOnTransferToken" });
}
async function missingReturn() {
  return deployFundedHub(ethers, { tokenName: "MissingReturnToken" });
}
async function returnsFalse() {
  return deployFundedHub(ethers, { tokenName: "ReturnsFalseToken" });
}
async function reentrant() {
  return deployFundedHub(ethers, { tokenName: "ReentrantToken" });
}

describe("SubscriptionHub against hostile tokens and recipients", function () {
  it("batch: ends the subscribers without allowance, blocklisted or without balance, renews the rest", async function () {
    const f = await loadFixture(blocklist);
    const { hub, token, alice, bob, carol, artist } = f;
    const [, , , , , , , dave, erin] = await ethers.getSigners();
    const hubAddress = await hub.getAddress();
    for (const s of [dave, erin]) {
      await token.mint(s.address, PRICE * 10n);
      await token.connect(s).approve(hubAddress, MAX);
    }
    for (const s of [alice, bob, carol, dave, erin]) await hub.connect(s).subscribe(0, artist.address, 0);
    await token.connect(alice).approve(hubAddress, 0n); // No allowance.
    const blk = await ethers.getContractAt("BlocklistToken", await token.getAddress());
    await blk.setBlocked(bob.address, true); // Blocklisted.
    await token.connect(carol).transfer(dave.address, await token.balanceOf(carol.address)); // No balance.
    await time.increase(MONTH);

    const tx = hub.renewBatch([alice.address, bob.address, dave.address, carol.address, erin.address]);
    for (const s of [alice, bob, carol]) {
      await expect(tx)
        .to.emit(hub, "SubscriptionEnded")
        .withArgs(s.address, EndReason.PaymentFailed, (v: bigint) => v > 0n);
    }
    const receipt = await (await tx).wait();
    const paid = receipt!.logs.map((l) => hub.interface.parseLog(l)).filter((e) => e?.name === "Paid");
    expect(paid.map((e) => e!.args.subscriber)).to.deep.equal([dave.address, erin.address]);
    for (const s of [alice, bob, carol]) expect((await hub.subscriptionOf(s.address)).status).to.equal(Status.Lapsed);
    for (const s of [dave, erin]) expect((await hub.subscriptionOf(s.address)).status).to.equal(Status.Active);
    const p = split(PRICE, REFERRAL_BPS, POOL_BPS);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(p.referral * 7n);
    expect(await hub.ledger()).to.deep.equal([p.pool * 7n, p.platform * 7n, 1n]);
  });

  it("withdraw to a blocklisted referrer reverts and loses nothing; it pays once unblocked", async function () {
    const { hub, token, alice, artist } = await loadFixture(blocklist);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    const owed = await hub.referralBalanceOf(artist.address);
    const blk = await ethers.getContractAt("BlocklistToken", await token.getAddress());
    await blk.setBlocked(artist.address, true);
    await expect(hub.withdraw(artist.address))
      .to.be.revertedWithCustomError(hub, "HubTransferFailed")
      .withArgs(await token.getAddress(), artist.address, owed);
    expect(await hub.referralBalanceOf(artist.address)).to.equal(owed);
    await blk.setBlocked(artist.address, false);
    await expect(hub.withdraw(artist.address)).to.changeTokenBalances(ethers, token, [artist], [owed]);
  });

  describe("fee-on-transfer", function () {
    it("refuses the first payment", async function () {
      const { hub, alice, artist } = await loadFixture(feeOnTransfer);
      const fee = (PRICE * 100n) / 10_000n;
      await expect(hub.connect(alice).subscribe(0, artist.address, 0))
        .to.be.revertedWithCustomError(hub, "HubUnsupportedToken")
        .withArgs(PRICE, PRICE - fee);
    });

    it("refuses a renewal and a batch once the token starts taking a fee", async function () {
      const { hub, token, alice, bob, artist } = await loadFixture(feeOnTransfer);
      const fot = await ethers.getContractAt("FeeOnTransferToken", await token.getAddress());
      await fot.setFeeBps(0n);
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await hub.connect(bob).subscribe(0, artist.address, 0);
      await fot.setFeeBps(100n);
      await time.increase(MONTH);
      const fee = (PRICE * 100n) / 10_000n;
      await expect(hub.renew(alice.address))
        .to.be.revertedWithCustomError(hub, "HubUnsupportedToken")
        .withArgs(PRICE, PRICE - fee);
      await expect(hub.renewBatch([alice.address, bob.address]))
        .to.be.revertedWithCustomError(hub, "HubUnsupportedToken")
        .withArgs(PRICE * 2n, (PRICE - fee) * 2n);
    });
  });

  for (const [decimals, price] of [
    [2, 999n],
    [24, 9_990_000_000_000_000_000_000_001n],
  ] as const) {
    it(`routes exactly with a ${decimals}-decimal token`, async function () {
      const { hub, token, alice, bob, artist, distributor } = await deployHub(ethers, { decimals, price });
      const hubAddress = await hub.getAddress();
      for (const s of [alice, bob]) {
        await token.mint(s.address, price * 10n);
        await token.connect(s).approve(hubAddress, MAX);
      }
      await hub.connect(alice).subscribe(0, artist.address, 0);
      await hub.connect(bob).subscribe(0, ethers.ZeroAddress, 0);
      await time.increase(MONTH);
      await hub.renewBatch([alice.address, bob.address]);
      const p = split(price, REFERRAL_BPS, POOL_BPS);
      const o = split(price, REFERRAL_BPS, POOL_BPS, false);
      expect(await hub.referralBalanceOf(artist.address)).to.equal(p.referral * 2n);
      const [pool, platform] = await hub.ledger();
      expect([pool, platform]).to.deep.equal([(p.pool + o.pool) * 2n, (p.platform + o.platform) * 2n]);
      expect(pool + platform + p.referral * 2n).to.equal(price * 4n);
      expect(await token.balanceOf(hubAddress)).to.equal(price * 4n);
      await hub.closePeriod();
      expect(await token.balanceOf(await distributor.getAddress())).to.equal(pool);
    });
  }

  it("works end to end with a token that returns nothing (USDT style)", async function () {
    const { hub, token, alice, artist, distributor, owner } = await loadFixture(missingReturn);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    await time.increase(MONTH);
    await expect(hub.renew(alice.address)).to.emit(hub, "Paid");
    const p = split(PRICE, REFERRAL_BPS, POOL_BPS);
    await hub.withdraw(artist.address);
    expect(await token.balanceOf(artist.address)).to.equal(p.referral * 2n);
    await hub.closePeriod();
    expect(await token.balanceOf(await distributor.getAddress())).to.equal(p.pool * 2n);
    await hub.withdrawPlatform(owner.address);
    expect(await token.balanceOf(owner.address)).to.equal(p.platform * 2n);
    expect(await token.balanceOf(await hub.getAddress())).to.equal(0n);
    await token.connect(alice).approve(await hub.getAddress(), 0n);
    await time.increase(MONTH);
    await expect(hub.renew(alice.address)).to.emit(hub, "SubscriptionEnded");
  });

  // closePeriod's safeApprove on a token that requires the allowance to be zero before a new non-zero approve, funding
  // the real Distributor: every period's approval is spent in full by `fund`, so the next one starts from zero.
  for (const tokenName of ["MissingReturnToken", "BlocklistToken", "UsdcLikeToken"]) {
    it(`closes period after period into the real Distributor on ${tokenName}`, async function () {
      const f = await deployFundedHub(ethers, { tokenName, realDistributor: true });
      const distributor = await ethers.getContractAt("Distributor", await f.distributor.getAddress());
      const p = split(PRICE, REFERRAL_BPS, POOL_BPS);
      await f.hub.connect(f.alice).subscribe(0, f.artist.address, 0);
      await expect(f.hub.closePeriod())
        .to.emit(distributor, "Funded")
        .withArgs(await f.hub.getAddress(), p.pool, p.pool);
      await f.hub.connect(f.bob).subscribe(0, f.artist.address, 0);
      await f.hub.connect(f.carol).subscribe(0, ethers.ZeroAddress, 0);
      await expect(f.hub.closePeriod())
        .to.emit(distributor, "Funded")
        .withArgs(await f.hub.getAddress(), p.pool * 2n, p.pool * 3n);
      expect(await f.token.allowance(await f.hub.getAddress(), await distributor.getAddress())).to.equal(0n);
      expect(await f.token.balanceOf(await distributor.getAddress())).to.equal(p.pool * 3n);
    });
  }

  it("defers a renewal while the token returns false to everyone, ends it after the grace period, refuses such a first payment", async function () {
    const { hub, token, alice, bob, artist } = await loadFixture(returnsFalse);
    await hub.connect(alice).subscribe(0, artist.address, 0);
    const paidThrough = (await hub.subscriptionOf(alice.address)).paidThrough;
    const rft = await ethers.getContractAt("ReturnsFalseToken", await token.getAddress());
    await rft.setFailAll(true);
    await time.increase(MONTH);
    expect(await hub.renew.staticCall(alice.address)).to.equal(false);
    await expect(hub.renew(alice.address))
      .to.emit(hub, "RenewalDeferred")
      .withArgs(alice.address, paidThrough, paidThrough + GRACE);
    expect((await hub.subscriptionOf(alice.address)).status).to.equal(Status.Active);
    await time.increaseTo(paidThrough + GRACE);
    await expect(hub.renew(alice.address))
      .to.emit(hub, "SubscriptionEnded")
      .withArgs(alice.address, EndReason.GraceExpired, paidThrough);
    await expect(hub.connect(bob).subscribe(0, artist.address, 0))
      .to.be.revertedWithCustomError(hub, "HubPaymentFailed")
      .withArgs(bob.address, PRICE);
  });

  describe("reentrancy", function () {
    it("a referrer re-entering withdraw from the token hook is stopped and is paid exactly once", async function () {
      const { hub, token, alice } = await loadFixture(reentrant);
      const attacker = await ethers.deployContract("ReentrantRecipient");
      const attackerAddress = await attacker.getAddress();
      await hub.connect(alice).subscribe(0, attackerAddress, 0);
      const owed = await hub.referralBalanceOf(attackerAddress);
      await time.increase(MONTH);
      await hub.renew(alice.address);
      expect(await hub.referralBalanceOf(attackerAddress)).to.equal(owed * 2n);
      await attacker.arm(await hub.getAddress(), hub.interface.encodeFunctionData("withdraw", [attackerAddress]));
      await expect(hub.withdraw(attackerAddress))
        .to.emit(hub, "Withdrawn")
        .withArgs(attackerAddress, attackerAddress, owed * 2n);
      expect(await attacker.attempted()).to.equal(true);
      expect(await attacker.reentered()).to.equal(false);
      expect(await attacker.reentryError()).to.equal(solady.interface.getError("Reentrancy")!.selector);
      expect(await token.balanceOf(attackerAddress)).to.equal(owed * 2n);
      expect(await hub.referralBalanceOf(attackerAddress)).to.equal(0n);
    });

    it("a re-entering renew from a withdrawal hook is stopped too", async function () {
      const { hub, alice, bob } = await loadFixture(reentrant);
      const attacker = await ethers.deployContract("ReentrantRecipient");
      const attackerAddress = await attacker.getAddress();
      await hub.connect(alice).subscribe(0, attackerAddress, 0);
      await hub.connect(bob).subscribe(0, attackerAddress, 0);
      await time.increase(MONTH);
      await attacker.arm(await hub.getAddress(), hub.interface.encodeFunctionData("renew", [bob.address]));
      await hub.withdraw(attackerAddress);
      expect(await attacker.reentered()).to.equal(false);
      expect(await attacker.reentryError()).to.equal(solady.interface.getError("Reentrancy")!.selector);
      expect((await hub.subscriptionOf(bob.address)).paidThrough).to.be.lessThanOrEqual(BigInt(await time.latest()));
    });

    it("a referrer that reverts on every call still receives its tokens (ERC-20 cannot refuse)", async function () {
      const { hub, token, alice } = await loadFixture(reentrant);
      const refuser = await ethers.deployContract("RevertingRecipient");
      const refuserAddress = await refuser.getAddress();
      await hub.connect(alice).subscribe(0, refuserAddress, 0);
      const owed = await hub.referralBalanceOf(refuserAddress);
      await hub.withdraw(refuserAddress);
      expect(await token.balanceOf(refuserAddress)).to.equal(owed);
    });
  });
});
