// The USDC-like mock behaves like Circle's FiatTokenV2_2 where the contracts can tell: other suites rely on it.
import { expect } from "chai";
import { network } from "hardhat";
import { signPermit } from "./hub.fixture.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function deploy() {
  const [admin, alice, bob] = await ethers.getSigners();
  const token = await ethers.deployContract("UsdcLikeToken");
  await token.mint(alice.address, 1_000_000n);
  return { token, admin, alice, bob };
}

describe("UsdcLikeToken", function () {
  it("has 6 decimals and an EIP-5267 domain with version 2", async function () {
    const { token } = await loadFixture(deploy);
    expect(await token.decimals()).to.equal(6n);
    const domain = await token.eip712Domain();
    expect(domain.name).to.equal("USD Coin");
    expect(domain.version).to.equal("2");
    expect(domain.verifyingContract).to.equal(await token.getAddress());
  });

  it("accepts a permit signed under version 2 and refuses one signed under version 1", async function () {
    const { token, alice, bob } = await loadFixture(deploy);
    const deadline = BigInt(await time.latest()) + 3600n;
    // A wallet that assumes OpenZeppelin's default version "1" signs for another domain than USDC's "2".
    const asVersion = (version: string) => ({
      eip712Domain: async () => {
        const d = await token.eip712Domain();
        return { name: d.name, version, chainId: d.chainId, verifyingContract: d.verifyingContract };
      },
      nonces: (o: string) => token.nonces(o),
    });
    const sign = (version: string) => signPermit(asVersion(version), alice, bob.address, 5n, deadline);
    const v1 = await sign("1");
    await expect(
      token.permit(alice.address, bob.address, 5n, deadline, v1.v, v1.r, v1.s),
    ).to.be.revertedWithCustomError(token, "UsdcInvalidSignature");
    const v2 = await sign("2");
    await token.permit(alice.address, bob.address, 5n, deadline, v2.v, v2.r, v2.s);
    expect(await token.allowance(alice.address, bob.address)).to.equal(5n);
    expect(await token.nonces(alice.address)).to.equal(1n);
  });

  it("reverts every transfer while paused, and only the admin pauses", async function () {
    const { token, alice, bob } = await loadFixture(deploy);
    await expect(token.connect(alice).pause()).to.be.revertedWithCustomError(token, "UsdcNotAdmin");
    await expect(token.pause()).to.emit(token, "Pause");
    await expect(token.connect(alice).transfer(bob.address, 1n)).to.be.revertedWithCustomError(token, "UsdcPaused");
    await expect(token.connect(alice).approve(bob.address, 1n)).to.be.revertedWithCustomError(token, "UsdcPaused");
    await expect(token.unpause()).to.emit(token, "Unpause");
    await token.connect(alice).transfer(bob.address, 1n);
    expect(await token.balanceOf(bob.address)).to.equal(1n);
  });

  it("reverts transfers from, to and pulled by a blocklisted account", async function () {
    const { token, admin, alice, bob } = await loadFixture(deploy);
    await token.connect(alice).approve(bob.address, 10n);
    await expect(token.blacklist(bob.address)).to.emit(token, "Blacklisted").withArgs(bob.address);
    await expect(token.connect(alice).transfer(bob.address, 1n))
      .to.be.revertedWithCustomError(token, "UsdcBlacklisted")
      .withArgs(bob.address);
    await expect(token.connect(bob).transferFrom(alice.address, admin.address, 1n))
      .to.be.revertedWithCustomError(token, "UsdcBlacklisted")
      .withArgs(bob.address);
    await token.blacklist(alice.address);
    await expect(token.connect(alice).transfer(admin.address, 1n))
      .to.be.revertedWithCustomError(token, "UsdcBlacklisted")
      .withArgs(alice.address);
    await token.unBlacklist(alice.address);
    await token.unBlacklist(bob.address);
    await token.connect(bob).transferFrom(alice.address, bob.address, 1n);
    expect(await token.balanceOf(bob.address)).to.equal(1n);
  });
});
