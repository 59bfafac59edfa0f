// Off-chain mirror of the Split's on-chain encoding (contracts/libraries/SplitTree.sol, SplitClone.sol):
// packed payee words, leaves, the Merkle root and proofs, the clone creation code and CREATE2 address,
// and calldata for the factory and the Split. Pure and deterministic; used by the app, scripts and tests.
import { splitAbi, splitFactoryAbi } from "./abis.ts";
import { concat, encodeFunctionData, encodePacked, getContractAddress, keccak256, type Address, type Hex } from "viem";

export interface Payee {
  account: Address;
  share: bigint;
}

export interface SplitTree {
  /** Payees sorted ascending by account. */
  payees: Payee[];
  /** Packed words (share << 160 | account), in the order createSplit and releaseAll take them. */
  packed: bigint[];
  totalShares: bigint;
  salt: Hex;
  leaves: Hex[];
  root: Hex;
  /** Merkle proof for `account`; throws if it is not a payee. */
  proof(account: Address): Hex[];
  /** The payee entry of `account`; throws if it is not a payee. */
  payee(account: Address): Payee;
}

export const MAX_PAYEES = 256;
const ADDRESS_MASK = (1n << 160n) - 1n;
const MAX_SHARE = (1n << 96n) - 1n;
export const ZERO_SALT: Hex = `0x${"00".repeat(32)}`;

export { splitAbi, splitFactoryAbi } from "./abis.ts";

/** One payee as the packed word the contracts take: share << 160 | account. */
export function packPayee(account: Address, share: bigint): bigint {
  if (share <= 0n || share > MAX_SHARE) throw new Error(`share out of range: ${share}`);
  return (share << 160n) | BigInt(account);
}

export function unpackPayee(word: bigint): Payee {
  const hex = (word & ADDRESS_MASK).toString(16).padStart(40, "0");
  return { account: `0x${hex}` as Address, share: word >> 160n };
}

/** Payees sorted ascending by account (numerically, so checksum case does not matter). */
export function sortPayees(payees: readonly Payee[]): Payee[] {
  return [...payees].sort((a, b) =>
    BigInt(a.account) < BigInt(b.account) ? -1 : BigInt(a.account) > BigInt(b.account) ? 1 : 0,
  );
}

export function splitLeaf(account: Address, share: bigint, totalShares: bigint, salt: Hex): Hex {
  return keccak256(encodePacked(["address", "uint96", "uint256", "bytes32"], [account, share, totalShares, salt]));
}

function hashPair(a: Hex, b: Hex): Hex {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

/** Levels from the leaves up; pairs (2k, 2k+1), an odd last node carried up unchanged. */
function levels(leaves: Hex[]): Hex[][] {
  const out = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const next: Hex[] = [];
    for (let k = 0; k + 1 < level.length; k += 2) next.push(hashPair(level[k], level[k + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    out.push(next);
    level = next;
  }
  return out;
}

/** Sorts and validates `payees` as the factory does, then builds leaves, root and proofs. */
export function buildSplitTree(payees: readonly Payee[], salt: Hex = ZERO_SALT): SplitTree {
  if (payees.length < 2 || payees.length > MAX_PAYEES) throw new Error(`payee count out of range: ${payees.length}`);
  const sorted = sortPayees(payees);
  sorted.forEach((p, i) => {
    if (BigInt(p.account) === 0n) throw new Error("zero address payee");
    if (i > 0 && BigInt(p.account) === BigInt(sorted[i - 1].account)) throw new Error(`duplicate payee ${p.account}`);
  });
  const packed = sorted.map((p) => packPayee(p.account, p.share));
  const totalShares = sorted.reduce((s, p) => s + p.share, 0n);
  const leaves = sorted.map((p) => splitLeaf(p.account, p.share, totalShares, salt));
  const tree = levels(leaves);
  const indexOf = (account: Address) => {
    const i = sorted.findIndex((p) => BigInt(p.account) === BigInt(account));
    if (i < 0) throw new Error(`not a payee: ${account}`);
    return i;
  };
  const proof = (account: Address): Hex[] => {
    let index = indexOf(account);
    const path: Hex[] = [];
    for (const level of tree.slice(0, -1)) {
      const sibling = index ^ 1;
      if (sibling < level.length) path.push(level[sibling]);
      index >>= 1;
    }
    return path;
  };
  return {
    payees: sorted,
    packed,
    totalShares,
    salt,
    leaves,
    root: tree[tree.length - 1][0],
    proof,
    payee: (account) => sorted[indexOf(account)],
  };
}

/** The 59-byte clone creation code for `implementation` (see SplitClone.sol for the opcodes). */
export function cloneInitCode(implementation: Address): Hex {
  return concat([
    "0x60328060095f395ff3",
    "0x36600557005b365f5f375f5f365f73",
    implementation,
    "0x5af43d5f5f3e5f3d91603057fd5bf3",
  ]);
}

/** The CREATE2 address of the Split with `root`, from the factory and the implementation or init-code hash. */
export function predictSplitAddress(factory: Address, implementationOrInitCodeHash: Address | Hex, root: Hex): Address {
  const hash =
    implementationOrInitCodeHash.length === 42
      ? keccak256(cloneInitCode(implementationOrInitCodeHash as Address))
      : (implementationOrInitCodeHash as Hex);
  return getContractAddress({ opcode: "CREATE2", from: factory, salt: root, bytecodeHash: hash });
}

export function encodeCreateSplit(tree: SplitTree): Hex {
  return encodeFunctionData({
    abi: splitFactoryAbi,
    functionName: "createSplit",
    args: [tree.packed, tree.salt],
  });
}

/** Arguments of `release` for `account` (token: address(0) for ETH). */
export function releaseArgs(tree: SplitTree, token: Address, account: Address) {
  const p = tree.payee(account);
  return [token, p.account, p.share, tree.totalShares, tree.salt, tree.proof(account)] as const;
}

export function encodeRelease(tree: SplitTree, token: Address, account: Address): Hex {
  return encodeFunctionData({
    abi: splitAbi,
    functionName: "release",
    args: releaseArgs(tree, token, account),
  });
}

export function releaseTokensArgs(tree: SplitTree, tokens: readonly Address[], account: Address) {
  const p = tree.payee(account);
  return [tokens, p.account, p.share, tree.totalShares, tree.salt, tree.proof(account)] as const;
}

export function encodeReleaseTokens(tree: SplitTree, tokens: readonly Address[], account: Address): Hex {
  return encodeFunctionData({
    abi: splitAbi,
    functionName: "releaseTokens",
    args: releaseTokensArgs(tree, tokens, account),
  });
}

export function encodeReleaseAll(tree: SplitTree, token: Address): Hex {
  return encodeFunctionData({
    abi: splitAbi,
    functionName: "releaseAll",
    args: [token, tree.packed, tree.salt],
  });
}

/** What the contract computes as owed: floor(share * (balance + totalReleased) / totalShares) - released, clamped. */
export function owedAmount(
  share: bigint,
  totalShares: bigint,
  balance: bigint,
  totalReleased: bigint,
  released: bigint,
): bigint {
  const due = (share * (balance + totalReleased)) / totalShares;
  if (due <= released) return 0n;
  const amount = due - released;
  return amount > balance ? balance : amount;
}
