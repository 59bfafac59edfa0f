// Shared fixture of the Distributor unit tests: a 6-decimal token, the platform as owner, a publisher,
// two auditors, and helpers to build, propose, activate and claim real StandardMerkleTree trees.
import type { Address } from "viem";
import { buildTree, getClaim, treeTotal } from "../../scripts/lib/merkle.js";

export const WINDOW = 3 * 86_400;
export const FUNDS = 1_000_000n * 10n ** 6n;
export const DATA = "0x" + "ab".repeat(32);

export function distributorFixture(ethers: any, networkHelpers: any) {
  return async function deploy() {
    const [owner, publisher, auditor1, auditor2, alice, bob, carol, relayer, stranger] = await ethers.getSigners();
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const distributor = await ethers.deployContract("Distributor", [
      await token.getAddress(),
      owner.address,
      publisher.address,
      WINDOW,
      [auditor1.address, auditor2.address],
    ]);
    await token.mint(publisher.address, 10n * FUNDS);
    await token.connect(publisher).approve(await distributor.getAddress(), ethers.MaxUint256);
    const tree = (entries: [{ address: string }, bigint][]) =>
      buildTree(entries.map(([s, a]) => ({ account: s.address as Address, cumulativeAmount: a })));
    /** Funds and proposes a tree's root with its exact total. */
    const propose = async (t: ReturnType<typeof tree>, fund = treeTotal(t)) =>
      distributor.connect(publisher).fundAndPropose(fund, t.root, treeTotal(t), DATA, "ipfs://period");
    /** Proposes, waits out the window and promotes. */
    const activate = async (t: ReturnType<typeof tree>, fund = treeTotal(t)) => {
      await propose(t, fund);
      await networkHelpers.time.increase(WINDOW);
      await distributor.promote();
    };
    const claim = (t: ReturnType<typeof tree>, who: { address: string }) => {
      const c = getClaim(t, who.address as Address)!;
      return distributor.connect(relayer).claim(c.account, c.cumulativeAmount, c.proof);
    };
    return {
      owner,
      publisher,
      auditor1,
      auditor2,
      alice,
      bob,
      carol,
      relayer,
      stranger,
      token,
      distributor,
      tree,
      propose,
      activate,
      claim,
    };
  };
}
