import { expect } from "chai";
import hre, { network } from "hardhat";
import { MAX, MONTH, deployHub } from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();

const SINGLE_BAR = 65_000n;
const BATCH_BAR_PER_SUBSCRIBER = 45_000n;
const BATCH_SIZE = 100;
// Coverage instruments the bytecode, so gas is only held to the bars in a plain run.
const MEASURING = hre.globalOptions.coverage !== true;

// Steady state as the bars define it: OZ ERC-20 TestToken, unlimited allowances, referrers with a nonzero balance,
// a nonzero pool and platform balance. Each batch subscriber has its own referrer (worst case: all cold).
async function steadyState() {
  const f = await deployHub(ethers);
  const hubAddress = await f.hub.getAddress();
  const subscribers = [];
  for (let i = 0; i < BATCH_SIZE + 1; i++) {
    const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
    await networkHelpers.setBalance(wallet.address, 10n ** 18n);
    await f.token.mint(wallet.address, 1_000_000_000n);
    await f.token.connect(wallet).approve(hubAddress, MAX);
    const referrer = ethers.Wallet.createRandom().address;
    await f.hub.connect(wallet).subscribe(0, referrer, 0);
    subscribers.push(wallet);
  }
  await networkHelpers.time.increase(MONTH);
  return { ...f, subscribers };
}

describe("SubscriptionHub gas bars", function () {
  it("renews one subscriber with a bound referrer within the single bar", async function () {
    const { hub, keeper, subscribers } = await networkHelpers.loadFixture(steadyState);
    const referrerBalance = await hub.referralBalanceOf((await hub.bindingOf(subscribers[0].address)).referrer);
    expect(referrerBalance).to.be.greaterThan(0n);
    const [pool, platformBalance] = await hub.ledger();
    expect(pool).to.be.greaterThan(0n);
    expect(platformBalance).to.be.greaterThan(0n);

    const receipt = await (await hub.connect(keeper).renew(subscribers[0].address)).wait();
    const gasUsed = receipt!.gasUsed;
    console.log(`      renew (single, bound referrer): ${gasUsed} gas (bar ${SINGLE_BAR})`);
    const paid = receipt!.logs.filter((l) => hub.interface.parseLog(l)?.name === "Paid");
    expect(paid.length).to.equal(1);
    if (MEASURING) expect(gasUsed).to.be.lessThanOrEqual(SINGLE_BAR);
  });

  it("renews a batch of 100 within the per-subscriber bar", async function () {
    const { hub, keeper, subscribers } = await networkHelpers.loadFixture(steadyState);
    const batch = subscribers.slice(1).map((s) => s.address);
    const tx = await hub.connect(keeper).renewBatch(batch);
    const receipt = await tx.wait();
    const paid = receipt!.logs.filter((l) => hub.interface.parseLog(l)?.name === "Paid");
    expect(paid.length).to.equal(BATCH_SIZE);
    const perSubscriber = receipt!.gasUsed / BigInt(BATCH_SIZE);
    console.log(
      `      renewBatch(${BATCH_SIZE}): ${receipt!.gasUsed} gas, ${perSubscriber} per subscriber (bar ${BATCH_BAR_PER_SUBSCRIBER})`,
    );
    if (MEASURING) expect(perSubscriber).to.be.lessThanOrEqual(BATCH_BAR_PER_SUBSCRIBER);
  });
});
