// Splitting: Gapless Split vs OpenZeppelin PaymentSplitter 4.9.6 vs thirdweb Split (clone + initialize through
// thirdweb's TWStatelessFactory, as thirdweb deploys it), on the same ERC-20 and payees.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroAddress } from "ethers";
import type { Address } from "viem";
import { buildSplitTree, releaseArgs } from "../../lib/chain/split.ts";
import { addressOf, gasOf, GAPLESS, word, type Fresh, type GasRow } from "./rows.ts";

const OZ = "OZ PaymentSplitter 4.9.6";
const THIRDWEB = "thirdweb Split";
const OZ_ARTIFACT = "@openzeppelin/contracts-v4/finance/PaymentSplitter.sol:PaymentSplitter";
const TW_SPLIT = "@thirdweb-dev/contracts/prebuilts/split/Split.sol:Split";
const TW_FACTORY = "@thirdweb-dev/contracts/infra/TWStatelessFactory.sol:TWStatelessFactory";
const GAPLESS_SPLIT = "contracts/split/Split.sol:Split";
const SALT = word("gapless bench split salt");

/** One deployed splitter, driven the way its own docs say to use it. */
interface Splitter {
  address: string;
  release(token: string, payee: Address): Promise<any>;
  /** Transactions that pay every payee once, sent one after another. */
  payEveryone(token: string): (() => Promise<any>)[];
}

interface System {
  name: string;
  create(payees: Address[], shares: bigint[]): Promise<{ gas: number; splitter: Splitter }>;
}

const SYSTEMS: Record<string, (ethers: HardhatEthers) => Promise<System>> = {
  async [GAPLESS](ethers) {
    const factory: any = await ethers.deployContract("SplitFactory");
    return {
      name: GAPLESS,
      async create(payees, shares) {
        const tree = buildSplitTree(
          payees.map((account, i) => ({ account, share: shares[i] })),
          SALT,
        );
        const gas = await gasOf(factory.createSplit(tree.packed, tree.salt));
        const [address] = await factory.predictSplit(tree.packed, tree.salt);
        const split: any = await ethers.getContractAt(GAPLESS_SPLIT, address);
        return {
          gas,
          splitter: {
            address,
            release: (token, payee) => split.release(...releaseArgs(tree, token as Address, payee)),
            payEveryone: (token) => [() => split.releaseAll(token, tree.packed, tree.salt)],
          },
        };
      },
    };
  },
  async [OZ](ethers) {
    return {
      name: OZ,
      async create(payees, shares) {
        const contract: any = await ethers.deployContract(OZ_ARTIFACT, [payees, shares]);
        const gas = Number((await contract.deploymentTransaction()!.wait())!.gasUsed);
        const release = (token: string, payee: Address) => contract["release(address,address)"](token, payee);
        return {
          gas,
          splitter: {
            address: await contract.getAddress(),
            release,
            // PaymentSplitter has no batch payout: each payee is one release.
            payEveryone: (token) => payees.map((p) => () => release(token, p)),
          },
        };
      },
    };
  },
  async [THIRDWEB](ethers) {
    const [admin] = await ethers.getSigners();
    const twImplementation = await ethers.deployContract(TW_SPLIT);
    const twFactory: any = await ethers.deployContract(TW_FACTORY, [ZeroAddress]);
    let twSalt = 0;
    return {
      name: THIRDWEB,
      async create(payees, shares) {
        const init = twImplementation.interface.encodeFunctionData("initialize", [
          admin.address,
          "",
          [],
          payees,
          shares,
        ]);
        const salt = word(`thirdweb salt ${twSalt++}`);
        const implementation = await twImplementation.getAddress();
        const address = await twFactory.deployProxyByImplementation.staticCall(implementation, init, salt);
        const gas = await gasOf(twFactory.deployProxyByImplementation(implementation, init, salt));
        const split: any = await ethers.getContractAt(TW_SPLIT, address);
        return {
          gas,
          splitter: {
            address,
            release: (token, payee) => split["release(address,address)"](token, payee),
            payEveryone: (token) => [() => split["distribute(address)"](token)],
          },
        };
      },
    };
  },
};

const payeesFor = (n: number) => Array.from({ length: n }, (_, i) => addressOf(`bench payee ${n}-${i}`));
const sharesFor = (n: number) => Array.from({ length: n }, (_, i) => BigInt(i + 1));

/** Measures every splitting row for payee counts `sizes` (ascending); `full` adds the 30-payment scenario.
 * Each system runs on a fresh chain, so its addresses (and calldata gas) do not depend on what ran before. */
export async function measureSplits(fresh: Fresh, sizes: number[], full: boolean): Promise<GasRow[]> {
  const rows: GasRow[] = [];
  const add = (operation: string, size: string, system: string, gas: number, note?: string) =>
    rows.push({ section: "splits", operation, size, system, gas, source: "measured", note });

  for (const makeSystem of Object.values(SYSTEMS)) {
    const ethers = await fresh();
    const system = await makeSystem(ethers);
    const [payer] = await ethers.getSigners();
    const token: any = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
    const tokenAddress = await token.getAddress();
    await token.mint(payer.address, 10n ** 30n);
    for (const n of sizes) {
      const payees = payeesFor(n);
      const { gas, splitter } = await system.create(payees, sharesFor(n));
      add("create", `${n} payees`, system.name, gas);

      // One payment in: a plain ERC-20 transfer costs the same into any address, ETH runs the splitter's code.
      add(
        "route one payment (ETH)",
        `${n} payees`,
        system.name,
        await gasOf(payer.sendTransaction({ to: splitter.address, value: 10n ** 15n })),
      );
      add(
        "route one payment (ERC-20)",
        `${n} payees`,
        system.name,
        await gasOf(token.transfer(splitter.address, 10n ** 12n)),
      );

      // Release to the last payee (deepest proof for Gapless): first ever, then again after another payment.
      const payee = payees[n - 1];
      add("release one payee, first", `${n} payees`, system.name, await gasOf(splitter.release(tokenAddress, payee)));
      await token.transfer(splitter.address, 10n ** 12n);
      add("release one payee, again", `${n} payees`, system.name, await gasOf(splitter.release(tokenAddress, payee)));
    }

    if (full) {
      const payees = payeesFor(10).map((_, i) => addressOf(`bench 30x10 payee ${system.name} ${i}`));
      const { splitter } = await system.create(payees, sharesFor(10));
      let total = 0;
      for (let i = 0; i < 30; i++) total += await gasOf(token.transfer(splitter.address, 1_000_000n + BigInt(i)));
      const payouts = splitter.payEveryone(tokenAddress);
      for (const send of payouts) total += await gasOf(send());
      for (const p of payees)
        if ((await token.balanceOf(p)) === 0n) throw new Error(`${system.name}: payee ${p} was not paid`);
      add(
        "30 payments in, every payee paid once (total)",
        "10 payees",
        system.name,
        total,
        `30 ERC-20 transfers + ${payouts.length} payout tx`,
      );
    }
  }
  return rows;
}
