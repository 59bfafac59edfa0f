// Gas-free payouts: a relayer paying 20 artists their distributor leaves in one ClaimRouter `claimAllFor`
// transaction, against each artist sending its own `claimAll` through the router, from the same chain state.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroHash } from "ethers";
import { buildTree, getClaim } from "../../scripts/lib/merkle.ts";
import { gaplessDistributor } from "./claims.ts";
import { addressOf, gasOf, GAPLESS, type Fresh, type GasRow } from "./rows.ts";

const ARTISTS = 20;
const LEG_GAS = 500_000n;

export async function measurePayouts(fresh: Fresh): Promise<GasRow[]> {
  const ethers: HardhatEthers = await fresh();
  const { token, distributor, publisher, relayer, window } = await gaplessDistributor(ethers);
  const router: any = await ethers.deployContract("ClaimRouter");
  const artists = Array.from({ length: ARTISTS }, (_, i) => addressOf(`payout artist ${i}`));
  const tree = buildTree(artists.map((account, i) => ({ account, cumulativeAmount: 1_000_000n + BigInt(i) })));
  const total = artists.reduce((t, _, i) => t + 1_000_000n + BigInt(i), 0n);
  await distributor.connect(publisher).fundAndPropose(total, tree.root, total, ZeroHash, "ipfs://period");
  await ethers.provider.send("evm_increaseTime", [window]);
  await distributor.promote();
  const distributorAddress = await distributor.getAddress();
  const legs = artists.map((a) => {
    const c = getClaim(tree, a)!;
    return { distributor: distributorAddress, cumulativeAmount: c.cumulativeAmount, proof: c.proof };
  });
  const requests = artists.map((account, i) => ({ account, hubs: [], claims: [legs[i]], releases: [], growth: [] }));

  const snapshot = await ethers.provider.send("evm_snapshot", []);
  const batch = await gasOf(router.connect(relayer).claimAllFor(requests, LEG_GAS));
  for (const [i, a] of artists.entries())
    if ((await token.balanceOf(a)) !== legs[i].cumulativeAmount) throw new Error("claimAllFor paid a wrong amount");
  await ethers.provider.send("evm_revert", [snapshot]);
  let alone = 0;
  for (const [i, a] of artists.entries())
    alone += await gasOf(router.connect(relayer).claimAll(a, [], [legs[i]], [], false));
  const size = `${ARTISTS} artists, 1 leg each`;
  const row = (operation: string, gas: number, note: string): GasRow => ({
    section: "claims",
    operation,
    size,
    system: GAPLESS,
    gas: Math.floor(gas / ARTISTS),
    source: "measured",
    note,
  });
  return [
    row("payout per artist, one claimAllFor", batch, `one relayer transaction for all ${ARTISTS}; per artist`),
    row("payout per artist, each claimAll alone", alone, `${ARTISTS} router transactions; per artist`),
  ];
}
