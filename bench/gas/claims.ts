// Claims: the Gapless Distributor (cumulative leaves, root in storage, challenge window) vs Uniswap's
// MerkleDistributor (its published bytecode; immutable root, one contract per distribution, (index, account,
// amount) leaves). Proofs are synthetic: the claimed leaf hashed with deterministic siblings up to a root of
// the tree's depth, since gas depends only on the proof's length and the claim's storage, not other leaves.
import { createRequire } from "node:module";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { ContractFactory, ZeroHash } from "ethers";
import { encodePacked, keccak256, type Address, type Hex } from "viem";
import { hashPair, leafHash, rootFromProof } from "../../scripts/lib/merkle.ts";
import { addressOf, gasOf, GAPLESS, word, type Fresh, type GasRow } from "./rows.ts";

const require = createRequire(import.meta.url);
const UNISWAP = "Uniswap MerkleDistributor";
const uniswapBuild = require("@uniswap/merkle-distributor/build/MerkleDistributor.json");
const WINDOW = 86_400;
const FUNDING = 10n ** 24n;

/** Levels of a balanced tree of `leaves` leaves: the proof length of a claim. */
export const depthOf = (leaves: number) => Math.ceil(Math.log2(leaves));

/** Two sibling leaves (so a second claimant can share the first's bitmap word) under deterministic nodes. */
function pairProofs(leafA: Hex, leafB: Hex, depth: number, label: string) {
  const upper = Array.from({ length: depth - 1 }, (_, i) => word(`${label} sibling ${i}`));
  const proofA = [leafB, ...upper];
  const proofB = [leafA, ...upper];
  const root = rootFromProof(hashPair(leafA, leafB), upper);
  return { proofA, proofB, root };
}

const uniswapLeaf = (index: bigint, account: Address, amount: bigint) =>
  keccak256(encodePacked(["uint256", "address", "uint256"], [index, account, amount]));

/** A TestToken and a Gapless Distributor (signer 0 owns it, signer 1 publishes, funded and approved; signer 2 relays). */
export async function gaplessDistributor(ethers: HardhatEthers) {
  const [platform, publisher, relayer] = await ethers.getSigners();
  const token: any = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
  const distributor: any = await ethers.deployContract("Distributor", [
    await token.getAddress(),
    platform.address,
    publisher.address,
    WINDOW,
    [],
  ]);
  await token.mint(publisher.address, 10n ** 30n);
  await token.connect(publisher).approve(await distributor.getAddress(), 2n ** 256n - 1n);
  return { token, distributor, publisher, relayer, window: WINDOW };
}

/** Claims on a tree of `leaves` leaves; `label` keeps accounts distinct per size. */
async function gapless(ethers: HardhatEthers, leaves: number, rows: GasRow[]) {
  const { token, distributor, publisher, relayer } = await gaplessDistributor(ethers);
  const artist = addressOf(`gapless claimant ${leaves}`);
  const depth = depthOf(leaves);
  const size = `${leaves.toLocaleString("en-US")} leaves`;
  const add = (operation: string, gas: number, note?: string) =>
    rows.push({ section: "claims", operation, size, system: GAPLESS, gas, source: "measured", note });

  let publishGas = 0;
  const claimPeriod = async (cumulative: bigint, period: number) => {
    const proof = Array.from({ length: depth }, (_, i) => word(`gapless ${leaves} p${period} sibling ${i}`));
    const root = rootFromProof(leafHash(artist, cumulative), proof);
    publishGas = await gasOf(
      distributor.connect(publisher).fundAndPropose(FUNDING, root, FUNDING * BigInt(period), ZeroHash, "ipfs://period"),
    );
    await ethers.provider.send("evm_increaseTime", [WINDOW]);
    publishGas += await gasOf(distributor.promote());
    const gas = await gasOf(distributor.connect(relayer).claim(artist, cumulative, proof));
    if ((await token.balanceOf(artist)) !== cumulative) throw new Error("Gapless claim paid a wrong amount");
    return gas;
  };
  add("first claim", await claimPeriod(1_234_567_890n, 1), "claimed slot and recipient balance were zero");
  add("repeat claim (next period)", await claimPeriod(2_469_135_780n, 2), "same account, cumulative leaf");
  if (leaves === 1_000) add("publish a period", publishGas, "fundAndPropose + promote (1 root, any size)");
}

async function uniswap(ethers: HardhatEthers, leaves: number, rows: GasRow[]) {
  const [funder, , relayer] = await ethers.getSigners();
  const token: any = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
  await token.mint(funder.address, 10n ** 30n);
  const factory = new ContractFactory(uniswapBuild.abi, uniswapBuild.bytecode, funder);
  const neighbour = addressOf(`uniswap neighbour ${leaves}`);
  const artist = addressOf(`uniswap claimant ${leaves}`);
  const depth = depthOf(leaves);
  const size = `${leaves.toLocaleString("en-US")} leaves`;
  const add = (operation: string, gas: number, note: string) =>
    rows.push({ section: "claims", operation, size, system: UNISWAP, gas, source: "measured", note });

  // The root is immutable, so every period is a new distributor holding that period's amounts. The neighbour
  // claims first, so the measured claim finds its bitmap word already set: the case of 255 claims in 256.
  let publishGas = 0;
  const claimPeriod = async (amount: bigint, period: number) => {
    const leafA = uniswapLeaf(0n, neighbour, 1n);
    const leafB = uniswapLeaf(1n, artist, amount);
    const { proofA, proofB, root } = pairProofs(leafA, leafB, depth, `uniswap ${leaves} p${period}`);
    const deployed: any = await factory.deploy(await token.getAddress(), root);
    publishGas = Number((await deployed.deploymentTransaction()!.wait())!.gasUsed);
    publishGas += await gasOf(token.transfer(await deployed.getAddress(), FUNDING));
    const distributor: any = deployed.connect(relayer);
    await (await distributor.claim(0n, neighbour, 1n, proofA)).wait();
    const before: bigint = await token.balanceOf(artist);
    const gas = await gasOf(distributor.claim(1n, artist, amount, proofB));
    if ((await token.balanceOf(artist)) - before !== amount) throw new Error("Uniswap claim paid a wrong amount");
    return gas;
  };
  add("first claim", await claimPeriod(1_234_567_890n, 1), "bitmap word already set; recipient balance was zero");
  add(
    "repeat claim (next period)",
    await claimPeriod(1_234_567_890n, 2),
    "new distributor per period; bitmap word already set",
  );
  if (leaves === 1_000) add("publish a period", publishGas, "deploy a distributor + transfer its funds");
}

/** Measures first and repeat claims on trees of `sizes` leaves, each system on a fresh chain. */
export async function measureClaims(fresh: Fresh, sizes: number[]): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  for (const leaves of sizes) {
    await gapless(await fresh(), leaves, rows);
    await uniswap(await fresh(), leaves, rows);
  }
  return rows;
}
