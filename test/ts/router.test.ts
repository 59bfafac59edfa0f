// ClaimRouter: legs that fail are skipped with an event (or revert everything when strict); the router never
// holds funds.
import { expect } from "chai";
import { network } from "hardhat";
import { deployFundedHub } from "./hub.fixture.js";

const { ethers } = await network.create();

describe("ClaimRouter", function () {
  async function deploy() {
    const [account] = await ethers.getSigners();
    const router = await ethers.deployContract("ClaimRouter");
    const reverting = await ethers.deployContract("RevertingRecipient");
    const noThanks = reverting.interface.encodeErrorResult("NoThanks", []);
    return { account, router, reverting, noThanks };
  }

  it("test_claimAll_skipsAFailingLegWithAnEvent", async function () {
    const { account, router, reverting, noThanks } = await deploy();
    const target = await reverting.getAddress();
    await expect(
      router.claimAll(
        account.address,
        [target],
        [{ distributor: target, cumulativeAmount: 1n, proof: [] }],
        [{ split: target, tokens: [target], share: 1n, totalShares: 1n, salt: ethers.ZeroHash, proof: [] }],
        false,
      ),
    )
      .to.emit(router, "ClaimLegSkipped")
      .withArgs(account.address, 0, target, noThanks)
      .and.to.emit(router, "ClaimLegSkipped")
      .withArgs(account.address, 1, target, noThanks)
      .and.to.emit(router, "ClaimLegSkipped")
      .withArgs(account.address, 2, target, noThanks);
  });

  it("test_RevertWhen_strictAndALegFails", async function () {
    const { account, router, reverting, noThanks } = await deploy();
    const target = await reverting.getAddress();
    await expect(router.claimAll(account.address, [target], [], [], true))
      .to.be.revertedWithCustomError(router, "ClaimRouterLegFailed")
      .withArgs(0, target, noThanks);
    await expect(
      router.claimAll(account.address, [], [{ distributor: target, cumulativeAmount: 1n, proof: [] }], [], true),
    )
      .to.be.revertedWithCustomError(router, "ClaimRouterLegFailed")
      .withArgs(1, target, noThanks);
    await expect(
      router.claimAll(
        account.address,
        [],
        [],
        [{ split: target, tokens: [], share: 1n, totalShares: 1n, salt: ethers.ZeroHash, proof: [] }],
        true,
      ),
    )
      .to.be.revertedWithCustomError(router, "ClaimRouterLegFailed")
      .withArgs(2, target, noThanks);
  });

  it("test_claimAllWithGrowth_skipsFailingGrowthLegsAndRunsTheOthers", async function () {
    const { account, router, reverting, noThanks } = await deploy();
    const target = await reverting.getAddress();
    const tx = router.claimAllWithGrowth(
      account.address,
      [target],
      [],
      [],
      [{ pool: target, tokens: [ethers.ZeroAddress] }],
      false,
    );
    await expect(tx).to.emit(router, "ClaimLegSkipped").withArgs(account.address, 0, target, noThanks);
    const skipped = (await (await tx).wait())!.logs.map((l) => router.interface.parseLog(l)!.args.kind);
    // The hub leg, then the growth pool's sync and claim.
    expect(skipped).to.deep.equal([0n, 3n, 3n]);
  });

  it("test_claimAllWithGrowth_RevertWhen_strictAndAGrowthLegFails", async function () {
    const { account, router, reverting, noThanks } = await deploy();
    const target = await reverting.getAddress();
    await expect(router.claimAllWithGrowth(account.address, [], [], [], [{ pool: target, tokens: [] }], true))
      .to.be.revertedWithCustomError(router, "ClaimRouterLegFailed")
      .withArgs(3, target, noThanks);
  });

  it("test_claimAll_skipsLegsWithoutCodeOrWithMalformedReturnData_andPaysTheRest", async function () {
    const f = await deployFundedHub(ethers);
    await f.hub.connect(f.alice).subscribe(0, f.artist.address, 0);
    const owed = await f.hub.referralBalanceOf(f.artist.address);
    const router = await ethers.deployContract("ClaimRouter");
    const malformed = await (await ethers.deployContract("MalformedReturner")).getAddress();
    const notYetCreated = ethers.Wallet.createRandom().address; // a Split paid before it is created
    const tokenAddress = await f.token.getAddress();
    const release = (split: string) => ({ split, tokens: [tokenAddress], share: 1n, totalShares: 1n, salt: ethers.ZeroHash, proof: [] }); // prettier-ignore
    const tx = router.claimAllWithGrowth(
      f.artist.address,
      [await f.hub.getAddress()],
      [{ distributor: notYetCreated, cumulativeAmount: 1n, proof: [] }],
      [release(notYetCreated), release(malformed)],
      [{ pool: notYetCreated, tokens: [tokenAddress] }],
      false,
    );
    await expect(tx).to.changeTokenBalances(ethers, f.token, [f.artist], [owed]);
    const skipped = (await (await tx).wait())!.logs
      .filter((l) => l.address === (router.target as string))
      .map((l) => router.interface.parseLog(l)!.args);
    expect(skipped.map((a) => [a.kind, a.target, a.reason])).to.deep.equal([
      [1n, notYetCreated, "0x"],
      [2n, notYetCreated, "0x"],
      [3n, notYetCreated, "0x"],
      [3n, notYetCreated, "0x"],
    ]);
    // The malformed leg "succeeded" (nothing is decoded), so it is not reported as skipped; strict mode still
    // reverts on the leg without code.
    await expect(router.claimAll(f.artist.address, [], [], [release(notYetCreated)], true))
      .to.be.revertedWithCustomError(router, "ClaimRouterLegFailed")
      .withArgs(2, notYetCreated, "0x");
    await expect(router.claimAll(f.artist.address, [], [], [release(malformed)], true)).not.to.be.revert(ethers);
  });

  it("test_router_cannotReceiveEther", async function () {
    const { account, router } = await deploy();
    await expect(account.sendTransaction({ to: await router.getAddress(), value: 1n })).to.be.revert(ethers);
  });
});
