// Gas bars for claims against a 1,000,000-leaf tree (20-element proofs), measured from receipts.
// The tree is synthetic: one real leaf hashed with 20 random siblings in sorted-pair order, since the
// gas depends only on the proof's length and the claim's storage, not on the other leaves.
import { expect } from "chai";
import { network } from "hardhat";
import { hexlify, randomBytes, Wallet, ZeroHash } from "ethers";
import type { Hex } from "viem";
import { leafHash, rootFromProof } from "../../scripts/lib/merkle.js";

const { ethers, networkHelpers } = await network.create();

const DEPTH = 20;
const WINDOW = 86_400;
const FIRST_CLAIM_BAR = 90_000n;
const LATER_CLAIM_BAR = 58_000n;

function syntheticProof(account: string, cumulativeAmount: bigint) {
  const proof = Array.from({ length: DEPTH }, () => hexlify(randomBytes(32)) as Hex);
  const root = rootFromProof(leafHash(account as Hex, cumulativeAmount), proof);
  return { proof, root };
}

describe("Distributor gas (1,000,000-leaf tree, 20-element proofs)", function () {
  it("test_gas_firstAndLaterClaim_meetTheBars", async function () {
    const [platform, publisher, relayer] = await ethers.getSigners();
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 18]);
    const distributor = await ethers.deployContract("Distributor", [
      await token.getAddress(),
      platform.address,
      publisher.address,
      WINDOW,
      [],
    ]);
    await token.mint(publisher.address, 10n ** 30n);
    await token.connect(publisher).approve(await distributor.getAddress(), ethers.MaxUint256);
    // Another artist already holds tokens, so the distributor's own balance slot is the only one warmed.
    const artist = Wallet.createRandom().address;
    expect(await token.balanceOf(artist)).to.equal(0n);

    const period1 = 1_234_567_890_123_456_789n;
    const first = syntheticProof(artist, period1);
    await distributor.connect(publisher).fundAndPropose(10n ** 24n, first.root, 10n ** 24n, ZeroHash, "ipfs://p1");
    await networkHelpers.time.increase(WINDOW);
    await distributor.promote();

    const tx1 = await distributor.connect(relayer).claim(artist, period1, first.proof);
    const firstGas = (await tx1.wait())!.gasUsed;
    expect(await token.balanceOf(artist)).to.equal(period1);

    const period2 = period1 + 987_654_321_987_654_321n;
    const second = syntheticProof(artist, period2);
    await distributor.connect(publisher).fundAndPropose(10n ** 24n, second.root, 2n * 10n ** 24n, ZeroHash, "ipfs://p2");
    await networkHelpers.time.increase(WINDOW);
    await distributor.promote();

    const tx2 = await distributor.connect(relayer).claim(artist, period2, second.proof);
    const laterGas = (await tx2.wait())!.gasUsed;
    expect(await token.balanceOf(artist)).to.equal(period2);

    console.log(`        first claim gasUsed: ${firstGas} (bar ${FIRST_CLAIM_BAR})`);
    console.log(`        later claim gasUsed: ${laterGas} (bar ${LATER_CLAIM_BAR})`);
    expect(firstGas).to.be.lessThanOrEqual(FIRST_CLAIM_BAR);
    expect(laterGas).to.be.lessThanOrEqual(LATER_CLAIM_BAR);
  });
});
