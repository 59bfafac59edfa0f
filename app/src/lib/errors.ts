// Turns anything a write or read can throw into one plain sentence: custom errors decoded with the
// contracts' ABIs and explained; wallet rejections and RPC failures named as such.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import { formatAmount, formatDate, shortAddress } from "./format.ts";

type Args = readonly unknown[];
const amt = (v: unknown) => `${formatAmount(v as bigint)} tokens`;
const who = (v: unknown) => shortAddress(String(v));
const LEGS = ["hub withdrawal", "distributor claim", "Split release"];

/** Custom error name → sentence for the user. Unknown errors fall back to their name and arguments. */
export const SENTENCES: Record<string, (a: Args) => string> = {
  HubSelfReferral: () => "You cannot use your own referral link.",
  HubAlreadyActive: (a) =>
    `This wallet already has an active subscription, paid until ${formatDate(a[1] as bigint)}.`,
  HubNotActive: () => "This wallet has no active subscription.",
  HubNotDue: (a) =>
    `This subscription is paid until ${formatDate(a[1] as bigint)}; it cannot be renewed yet.`,
  HubPaymentFailed: (a) =>
    `The payment of ${amt(a[1])} could not be taken: check your token balance and allowance.`,
  HubUnknownPlan: (a) => `Plan ${a[0]} does not exist.`,
  HubPlanUnavailable: (a) => `Plan ${a[0]} is not available (not yet announced as active, or retired).`,
  HubNothingToWithdraw: (a) => `${who(a[0])} has no referral balance to withdraw.`,
  HubNotPeriodCloser: (a) =>
    `Only the platform (or its period closer) can close a period; ${who(a[0])} cannot.`,
  HubInvalidTerms: (a) => `Referral ${a[0]} bps plus pool ${a[1]} bps is more than 100%.`,
  HubInvalidPlan: () => "A plan needs a price and a period above zero.",
  DistributorNotPublisher: (a) => `Only the platform's publisher can propose a root; ${who(a[0])} is not it.`,
  DistributorNotAuditor: (a) => `${who(a[0])} is not a registered auditor, so it cannot veto.`,
  DistributorZeroRoot: () => "The period has no payouts (empty root), so there is nothing to publish.",
  DistributorRootNotProposable: () =>
    "This root is already active or was vetoed before; it cannot be proposed again.",
  DistributorUnderfunded: (a) => `The root declares ${amt(a[0])} but only ${amt(a[1])} has been funded: close the period first.`, // prettier-ignore
  DistributorTotalDecreased: (a) => `The root's total ${amt(a[0])} is below the active root's ${amt(a[1])}; leaves can only grow.`, // prettier-ignore
  DistributorNotVetoable: () =>
    "This root is no longer pending (its challenge window passed, or it was replaced).",
  DistributorNothingToPromote: () => "There is no pending root whose challenge window has passed.",
  DistributorInvalidProof: (a) =>
    `The proof for ${who(a[0])} does not match the active root (refresh the page).`,
  DistributorNothingToClaim: (a) => `${who(a[0])} has already claimed everything in the active root.`,
  DistributorRootMismatch: () => "A new root became active meanwhile; refresh and try again.",
  SplitConfigMismatch: () => "This address is not a member of the Split with that share.",
  SplitPayeeCount: (a) => `A Split needs 2 to 256 members, not ${a[0]}.`,
  SplitZeroShare: (a) => `Member ${Number(a[0]) + 1} has a zero share.`,
  SplitZeroAddress: () => "A member address is the zero address.",
  SplitAlreadyExists: (a) => `This Split already exists at ${who(a[0])}.`,
  ERC20InsufficientBalance: (a) => `Not enough tokens: the balance is ${amt(a[1])}, ${amt(a[2])} is needed.`,
  ERC20InsufficientAllowance: (a) => `The allowance ${amt(a[1])} is below the ${amt(a[2])} needed.`,
  ERC2612ExpiredSignature: () => "The permit signature has expired; sign again.",
  ERC2612InvalidSigner: () => "The permit was signed by another account than the one subscribing.",
  OwnableUnauthorizedAccount: (a) => `Only the owner can do this; ${who(a[0])} is not the owner.`,
};

export interface DecodedError {
  name: string;
  args: Args;
}

/** Decodes revert data against the ABIs; unwraps ClaimRouterLegFailed into the failing leg's own error. */
export function decodeRevert(data: Hex, abis: readonly Abi[]): DecodedError | null {
  for (const abi of abis) {
    try {
      const d = decodeErrorResult({ abi, data });
      return { name: d.errorName, args: (d.args ?? []) as Args };
    } catch {
      /* not this ABI */
    }
  }
  return null;
}

export function sentenceFor(e: DecodedError, abis: readonly Abi[]): string {
  if (e.name === "ClaimRouterLegFailed") {
    const inner = decodeRevert(e.args[2] as Hex, abis);
    const leg = LEGS[Number(e.args[0])] ?? "claim";
    return `The ${leg} failed: ${inner ? sentenceFor(inner, abis) : "it reverted without a reason."}`;
  }
  const sentence = SENTENCES[e.name];
  if (sentence) return sentence(e.args);
  return `The contract refused: ${e.name}(${e.args.map(String).join(", ")}).`;
}

/** One sentence for any error thrown by viem/wagmi (or anything else). */
export function explainError(error: unknown, abis: readonly Abi[]): string {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null; // prettier-ignore
    if (reverted) {
      if (reverted.data?.errorName && reverted.data.errorName !== "Error") {
        return sentenceFor({ name: reverted.data.errorName, args: reverted.data.args ?? [] }, abis);
      }
      const raw = reverted.raw ?? (reverted as { signature?: Hex }).signature;
      const decoded = raw ? decodeRevert(raw, abis) : null;
      if (decoded) return sentenceFor(decoded, abis);
      if (reverted.reason) return `The contract refused: ${reverted.reason}.`;
    }
    const names = new Set<string>();
    error.walk((e) => {
      names.add((e as Error).name);
      return false;
    });
    if (names.has("UserRejectedRequestError")) return "You rejected the request in your wallet.";
    if (names.has("HttpRequestError") || names.has("TimeoutError"))
      return "The chain's RPC did not answer: is the local node running (npm start)?";
    if (names.has("ChainMismatchError"))
      return "Your wallet is on another network: switch to the Gapless chain.";
    return error.shortMessage;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
