// What the engine's chain commands (hub events, publish, audit) share: the ABI fragments they use,
// clients from an RPC URL and a key held in an environment variable, batched reads, and custom
// errors decoded into plain sentences.
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
  parseAbi,
  type Account,
  type Address,
  type Chain,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const DISTRIBUTOR_ABI = parseAbi([
  "function fund(uint256 amount)",
  "function fundAndPropose(uint256 amount, bytes32 root, uint256 total, bytes32 dataHash, string uri)",
  "function propose(bytes32 root, uint256 total, bytes32 dataHash, string uri)",
  "function veto(bytes32 root)",
  "function activeRoot() view returns (bytes32 root, uint256 total, bytes32 dataHash, string uri, uint256 claimableAt)",
  "function pendingRoot() view returns (bytes32 root, uint256 total, bytes32 dataHash, string uri, uint256 claimableAt)",
  "function totalFunded() view returns (uint256)",
  "function claimed(address account) view returns (uint256)",
  "function publisher() view returns (address)",
  "function isAuditor(address account) view returns (bool)",
  "function isVetoed(bytes32 root) view returns (bool)",
  "function token() view returns (address)",
  "event RootProposed(bytes32 indexed root, uint256 total, bytes32 dataHash, string uri, uint256 claimableAt)",
  "event RootVetoed(bytes32 indexed root, address indexed auditor)",
  "error DistributorZeroAmount()",
  "error DistributorUnsupportedToken(uint256 expected, uint256 received)",
  "error DistributorNotPublisher(address caller)",
  "error DistributorNotAuditor(address caller)",
  "error DistributorZeroRoot()",
  "error DistributorRootNotProposable(bytes32 root)",
  "error DistributorUnderfunded(uint256 total, uint256 funded)",
  "error DistributorTotalDecreased(uint256 total, uint256 previous)",
  "error DistributorNotVetoable(bytes32 root)",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
]);

export const HUB_ABI = parseAbi([
  "event Paid(address indexed subscriber, address indexed referrer, uint256 indexed period, uint256 campaign, uint256 amount, uint256 referralPart, uint256 poolPart, uint256 paidThrough)",
  "event Subscribed(address indexed subscriber, address indexed referrer, uint256 indexed planId, uint256 campaign, uint256 termsVersion, uint256 price, uint256 period)",
  "function bindingOf(address subscriber) view returns ((address referrer, uint40 referralEndsAt, uint16 referralBps, uint16 poolBps, uint16 termsVersion))",
  "function subscriptionOf(address subscriber) view returns ((uint40 paidThrough, uint96 price, uint32 period, uint16 planId, uint8 status, uint32 campaign))",
]);

export const ERC20_ABI = parseAbi([
  "function approve(address spender, uint256 amount) returns (bool)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
]);

export type Reader = PublicClient<Transport, Chain | undefined>;
export type Writer = WalletClient<Transport, Chain | undefined, Account>;

/** A read client on an RPC URL; JSON-RPC batching keeps many reads to few requests. */
export function readerFor(rpc: string): Reader {
  return createPublicClient({ transport: http(rpc, { batch: { batchSize: 500 }, retryCount: 2 }) });
}

/** A signing client whose private key is read from the environment variable `keyVar` (never a flag). */
export function writerFor(rpc: string, keyVar: string): Writer {
  const key = process.env[keyVar];
  if (!key)
    throw new Error(`set the environment variable ${keyVar} to the signer's private key (0x + 64 hex)`);
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new Error(`${keyVar} is not a private key (0x + 64 hex)`);
  return createWalletClient({ account: privateKeyToAccount(key as `0x${string}`), transport: http(rpc) });
}

export function parseAddress(value: string, flag: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new Error(`--${flag} must be an address (0x + 40 hex), got ${value}`); // prettier-ignore
  return value as Address;
}

/** `calls` view calls, `size` per multicall (deployless: no Multicall3 needed on the chain). */
export async function readMany<T>(
  client: Reader,
  calls: readonly { address: Address; abi: any; functionName: string; args?: readonly unknown[] }[],
  size = 1000,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < calls.length; i += size) {
    const batch = await client.multicall({
      contracts: calls.slice(i, i + size) as any,
      allowFailure: false,
      deployless: true,
      batchSize: 0,
    });
    out.push(...(batch as T[]));
  }
  return out;
}

const SENTENCES: Record<string, (args: readonly any[]) => string> = {
  DistributorZeroAmount: () => "the funding amount is zero",
  DistributorUnsupportedToken: ([e, r]) => `the token moved ${r} instead of ${e}: fee-on-transfer tokens are refused`, // prettier-ignore
  DistributorNotPublisher: ([c]) => `${c} is not the distributor's publisher`,
  DistributorNotAuditor: ([c]) => `${c} is not a registered auditor of this distributor`,
  DistributorZeroRoot: () => "the root is zero",
  DistributorRootNotProposable: ([r]) => `root ${r} is already active or was vetoed`,
  DistributorUnderfunded: ([t, f]) => `the root's total ${t} exceeds everything funded (${f})`,
  DistributorTotalDecreased: ([t, p]) => `the root's total ${t} is below the active root's ${p}`,
  DistributorNotVetoable: ([r]) => `root ${r} is not pending, or its challenge window has passed`,
  ERC20InsufficientBalance: ([s, b, n]) => `${s} holds ${b} tokens, ${n} are needed`,
  ERC20InsufficientAllowance: ([s, a, n]) => `the allowance of ${s} is ${a}, ${n} are needed`,
};

/** A plain sentence for a failed call or transaction: the decoded custom error when there is one. */
export function explain(e: unknown): string {
  if (e instanceof BaseError) {
    const revert = e.walk((x) => x instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
      const say = SENTENCES[revert.data.errorName];
      return say ? say(revert.data.args ?? []) : `${revert.data.errorName}(${(revert.data.args ?? []).join(", ")})`; // prettier-ignore
    }
    return e.shortMessage;
  }
  return e instanceof Error ? e.message : String(e);
}
