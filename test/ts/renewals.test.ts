// The one "renewals covered" rule: lib/chain/renewals.ts (the app's fan page, the keeper's fallback) answers what the
// hub's `renewable` view answers, for balances and allowances around every boundary, unlimited approvals included.
import { expect } from "chai";
import { network } from "hardhat";
import { coverageLimit, renewalsCovered } from "../../lib/chain/renewals.ts";
import { deployFundedHub, MAX, PRICE } from "./hub.fixture.js";

const { ethers } = await network.create();

describe("renewals covered: lib/chain/renewals.ts against the hub's renewable view", function () {
  it("test_renewalsCovered_equalsTheHubsView", async function () {
    const f = await deployFundedHub(ethers);
    const hubAddress = await f.hub.getAddress();
    await f.hub.connect(f.alice).subscribe(0, f.artist.address, 0);
    const amounts = [0n, 1n, PRICE - 1n, PRICE, PRICE + 1n, 11n * PRICE, 11n * PRICE + PRICE - 1n, 12n * PRICE, MAX];
    let seed = 7n;
    for (let i = 0; i < 6; i++) amounts.push((seed = (seed * 6_364_136_223_846_793_005n + 1n) % (40n * PRICE)));
    let checked = 0;
    for (const balance of amounts.filter((a) => a < 10n ** 30n)) {
      const held = await f.token.balanceOf(f.alice.address);
      if (held > balance) await f.token.connect(f.alice).transfer(f.bob.address, held - balance);
      else if (held < balance) await f.token.mint(f.alice.address, balance - held);
      for (const allowance of amounts) {
        await f.token.connect(f.alice).approve(hubAddress, allowance);
        const [, wouldSucceed, , covered] = await f.hub.renewable(f.alice.address);
        const mine = renewalsCovered(balance, allowance, PRICE);
        expect(mine, `balance ${balance}, allowance ${allowance}`).to.equal(covered);
        expect(mine >= 1n).to.equal(wouldSucceed);
        checked++;
      }
    }
    expect(checked).to.be.greaterThan(100);
  });

  it("test_coverageLimit_namesWhatLimitsTheRenewals", function () {
    expect(coverageLimit(5n * PRICE, 11n * PRICE, PRICE)).to.equal("balance");
    expect(coverageLimit(50n * PRICE, 11n * PRICE, PRICE)).to.equal("approval");
    expect(coverageLimit(11n * PRICE + 1n, 11n * PRICE, PRICE)).to.equal("both");
    expect(renewalsCovered(MAX, MAX, 0n)).to.equal(0n);
  });
});
