// Turns anything a write or read can throw into one plain sentence: custom errors decoded with the
// contracts' ABIs and explained; wallet rejections and RPC failures named as such.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import { formatDate, formatToken, shortAddress, type TokenUnit } from "./format.ts";

type Args = readonly unknown[];
let unit: TokenUnit = { symbol: "tokens", decimals: 6 };
/** The token amounts in sentences are shown in (set once the app has read the token). */
export const setErrorUnit = (u: TokenUnit) => void (unit = u);
const amt = (v: unknown) => formatToken(v as bigint, unit);
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
  DistributorNothingToPromote: (a) =>
    /^0x0+$/.test(String(a[0]))
      ? "There is no pending payout to make claimable."
      : `The pending payout becomes claimable on ${formatDate(a[1] as bigint)}, after its challenge window.`,
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

/** Library errors (viem, wagmi, EIP-1193 codes) by name → the sentence a user reads instead of the library's text. */
const LIBRARY: Record<string, string> = {
  UserRejectedRequestError: "You rejected the request in your wallet; nothing was sent.",
  ConnectorNotConnectedError: "Connect a wallet first (top right); nothing was sent.",
  ConnectorAccountNotFoundError: "Your wallet switched accounts: connect again; nothing was sent.",
  ConnectorUnavailableReconnectingError: "Your wallet is reconnecting: try again in a moment.",
  ConnectorAlreadyConnectedError: "This wallet is already connected.",
  ProviderNotFoundError: "No browser wallet answered: install one (or on the local chain use a dev account).",
  ChainMismatchError: "Your wallet is on another network: switch networks first; nothing was sent.",
  ConnectorChainMismatchError: "Your wallet is on another network: switch networks first; nothing was sent.",
  ChainNotConfiguredError: "Your wallet is on a network this app does not use: switch networks first.",
  SwitchChainNotSupportedError: "Your wallet cannot switch networks from here: switch it in the wallet.",
  InsufficientFundsError: "This account has no ETH to pay the network fee.",
  HttpRequestError: "The chain's RPC did not answer: is the node running (npm start)?",
  TimeoutError: "The chain's RPC did not answer in time: try again.",
};

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && out.length < 20; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** One sentence for any error thrown by viem/wagmi (or anything else); never a library's own text. */
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
  }
  for (const e of causes(error)) {
    const name = (e as Error)?.name;
    if (name && LIBRARY[name]) return LIBRARY[name];
    if ((e as { code?: number })?.code === 4001) return LIBRARY.UserRejectedRequestError;
  }
  if (
    error instanceof BaseError ||
    ((error as Error)?.name?.endsWith("Error") && /Version: /.test((error as Error).message ?? ""))
  )
    // prettier-ignore
    return "The wallet or the chain refused the request; nothing was changed. Try again, or reload the page.";
  if (error instanceof Error) return error.message;
  return String(error);
}
