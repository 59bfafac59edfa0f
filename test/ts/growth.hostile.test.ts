// The GrowthPool against weird tokens and hostile holders: every money path either works exactly or is refused,
// and one bad holder never costs another anything.
import { expect } from "chai";
import { network } from "hardhat";
import { Interface } from "ethers";
import { MAX } from "./hub.fixture.js";
import { AD, ETH, activate, deployPool } from "./growth.fixture.js";

const { ethers, networkHelpers } = await network.create();

// Solady's errors: SafeTransferLib reverts with its own error; the transient guard with `Reentrancy()`.
const SOLADY = new Interface(["error TransferFromFailed()", "error Reentrancy()"]);
const ref = ethers.id("ad revenue");

/** A pool over the mock `name`, with `holders` at 1 unit each and `amount` deposited (if nonzero). */
async function setup(name: string, holders: string[], amount = 1_000n) {
  const [owner] = await ethers.getSigners();
  const token = await ethers.getContractAt("TestToken", await (await ethers.deployContract(name)).getAddress());
  const { pool, hubAddress } = await deployPool(ethers, { tokens: [await token.getAddress()] });
  const hub = await ethers.getContractAt("MockUnitsHub", hubAddress);
  await hub.setDefaultUnits(1n);
  await pool.syncMany(holders);
  await activate(networkHelpers.time);
  await token.mint(owner.address, 10n ** 24n);
  await token.approve(await pool.getAddress(), MAX);
  if (amount !== 0n) await pool.deposit(token, amount, AD, ref);
  return { pool, token, owner };
}

describe("GrowthPool with hostile tokens and holders", function () {
  it("test_RevertWhen_feeOnTransferTokenIsDeposited", async function () {
    const [, alice] = await ethers.getSigners();
    const { pool, token } = await setup("FeeOnTransferToken", [alice.address], 0n);
    await expect(pool.deposit(token, 10_000n, AD, ref))
      .to.be.revertedWithCustomError(pool, "GrowthUnsupportedToken")
      .withArgs(10_000n, 9_900n);
  });

  it("test_missingReturnToken_depositsAndPays", async function () {
    const [, alice, bob] = await ethers.getSigners();
    const { pool, token } = await setup("MissingReturnToken", [alice.address, bob.address]);
    await pool.claim(alice.address, [token]);
    expect(await token.balanceOf(alice.address)).to.equal(500n);
  });

  it("test_RevertWhen_tokenReturnsFalse", async function () {
    const [, alice] = await ethers.getSigners();
    const { pool, token } = await setup("ReturnsFalseToken", [alice.address]);
    const falseToken = await ethers.getContractAt("ReturnsFalseToken", await token.getAddress());
    await falseToken.setFailAll(true);
    await expect(pool.deposit(token, 1n, AD, ref)).to.be.revertedWithCustomError(
      { interface: SOLADY },
      "TransferFromFailed",
    );
    await expect(pool.claim(alice.address, [token]))
      .to.be.revertedWithCustomError(pool, "GrowthTransferFailed")
      .withArgs(await token.getAddress(), alice.address, (v: bigint) => v > 0n);
    // Nothing was lost: the claim pays once the token works again.
    await falseToken.setFailAll(false);
    await pool.claim(alice.address, [token]);
    expect(await token.balanceOf(alice.address)).to.equal(1_000n);
  });

  it("test_blocklistedHolder_blocksOnlyItself", async function () {
    const [, alice, bob] = await ethers.getSigners();
    const { pool, token } = await setup("BlocklistToken", [alice.address, bob.address]);
    const blocklist = await ethers.getContractAt("BlocklistToken", await token.getAddress());
    await blocklist.setBlocked(alice.address, true);
    await expect(pool.claim(alice.address, [token])).to.be.revert(ethers);
    await pool.claim(bob.address, [token]);
    expect(await token.balanceOf(bob.address)).to.equal(500n);
    expect(await pool.claimable(alice.address, token)).to.equal(500n);
  });

  it("test_reentrantTokenHolder_cannotClaimTwice", async function () {
    const attacker = await ethers.deployContract("ReentrantRecipient");
    const [, bob] = await ethers.getSigners();
    const { pool, token } = await setup("ReentrantToken", [await attacker.getAddress(), bob.address]);
    await attacker.arm(
      await pool.getAddress(),
      pool.interface.encodeFunctionData("claim", [await attacker.getAddress(), [await token.getAddress()]]),
    );
    await pool.claim(attacker, [token]);
    expect(await attacker.attempted()).to.equal(true);
    expect(await attacker.reentered()).to.equal(false);
    expect(await attacker.reentryError()).to.equal(SOLADY.encodeErrorResult("Reentrancy", []));
    expect(await token.balanceOf(attacker)).to.equal(500n);
  });

  it("test_hostileEtherHolders_blockOnlyThemselves", async function () {
    const [, bob] = await ethers.getSigners();
    const reentrant = await ethers.deployContract("ReentrantRecipient");
    const guzzler = await ethers.deployContract("GasGuzzler");
    const bomb = await ethers.deployContract("ReturnBomb");
    const hostile = [reentrant, guzzler, bomb].map((c) => c.target as string);
    const { pool } = await setup("MissingReturnToken", [...hostile, bob.address], 0n);
    await pool.depositETH(AD, ref, { value: 4_000n });
    await reentrant.arm(await pool.getAddress(), pool.interface.encodeFunctionData("claim", [reentrant.target, [ETH]]));
    await pool.claim(reentrant, [ETH]);
    expect(await reentrant.reentered()).to.equal(false);
    expect(await ethers.provider.getBalance(reentrant)).to.equal(1_000n);
    await expect(pool.claim(guzzler, [ETH], { gasLimit: 1_000_000n })).to.be.revert(ethers);
    await expect(pool.claim(bomb, [ETH])).to.be.revert(ethers);
    await pool.claim(bob.address, [ETH]);
    expect(await pool.claimable(guzzler, ETH)).to.equal(1_000n);
    expect(await ethers.provider.getBalance(pool)).to.equal(2_000n);
  });
});
