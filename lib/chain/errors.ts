// The one map from every custom error the contracts can revert with to a plain sentence, and the decoder
// that turns anything a write or read throws into one sentence: used by the app (amounts and addresses
// formatted for people) and by the CLIs (raw base units and full addresses). A test holds the map to the
// compiled contracts, so a new error without a sentence fails `npm test`.
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import * as generated from "./abis.ts";

type Args = readonly unknown[];

/** How a sentence shows amounts (base units), accounts and unix times. */
export interface Say {
  amount(v: bigint): string;
  account(v: string): string;
  date(v: bigint): string;
}

/** The CLIs' rendering: exact base units, full addresses, ISO dates. */
export const PLAIN: Say = {
  amount: (v) => `${v} base units`,
  account: (v) => v,
  date: (v) => new Date(Number(v) * 1000).toISOString().replace(".000Z", "Z"),
};

/** Every ABI whose custom errors a revert may carry (the router wraps the others' errors). */
export const ALL_ABIS: readonly Abi[] = Object.values(generated) as readonly Abi[];

const LEGS = ["hub withdrawal", "distributor claim", "Split release", "growth-pool claim"];

/** Custom error name → sentence. Unknown errors fall back to their name and arguments. */
export const ERROR_SENTENCES: Record<string, (a: Args, say: Say) => string> = {
  // SubscriptionHub
  HubSelfReferral: () => "You cannot use your own referral link (or one that pays an address of yours).",
  HubReferrerNotEnrolled: (a, s) =>
    `${s.account(String(a[0]))} is not an artist enrolled on this platform, so it cannot refer subscribers.`,
  HubUnknownCampaign: (a, s) => `${s.account(String(a[0]))} has no campaign ${a[1]}: check the link.`,
  HubNotEnroller: (a, s) =>
    `Only the platform (or its enroller) can enroll or unenroll artists; ${s.account(String(a[0]))} cannot.`,
  HubNotEnrolled: (a, s) => `${s.account(String(a[0]))} is not enrolled, so it cannot register campaigns.`,
  HubTransferFailed: (a, s) =>
    `The token ${s.account(String(a[0]))} refuses transfers to ${s.account(String(a[1]))}; the ${s.amount(a[2] as bigint)} stay booked and can be withdrawn once it accepts them.`,
  HubInvalidDuration: (a) =>
    `A duration of ${a[0]} s is outside the allowed ${a[1]} s to ${a[2]} s (an hour to ten years).`,
  HubRenounceDisabled: () => "The hub's ownership cannot be renounced (periods could never close again); transfer it.",
  HubAlreadyActive: (a, s) => `This wallet already has an active subscription, paid until ${s.date(a[1] as bigint)}.`,
  HubNotActive: (a, s) => `${s.account(String(a[0]))} has no active subscription.`,
  HubNotDue: (a, s) => `This subscription is paid until ${s.date(a[1] as bigint)}; it cannot be renewed yet.`,
  HubPaymentFailed: (a, s) =>
    `The payment of ${s.amount(a[1] as bigint)} could not be taken: check the token balance and allowance.`,
  HubUnknownPlan: (a) => `Plan ${a[0]} does not exist.`,
  HubPlanUnavailable: (a) => `Plan ${a[0]} is not available (not yet announced as active, or retired).`,
  HubPlanAlreadyRetired: (a, s) => `Plan ${a[0]} is already retired from ${s.date(a[1] as bigint)}.`,
  HubNothingToWithdraw: (a, s) => `${s.account(String(a[0]))} has no referral balance to withdraw.`,
  HubNotPeriodCloser: (a, s) =>
    `Only the platform (or its period closer) can close this period before ${s.date(a[1] as bigint)}; from then on anyone can, ${s.account(String(a[0]))} included.`,
  HubInvalidTerms: (a) => `Referral ${a[0]} bps plus pool ${a[1]} bps is more than 100%.`,
  HubInvalidPlan: () => "A plan needs a price and a period above zero.",
  HubCapacityExceeded: () => "The hub cannot take more plans, terms or subscribers of this kind.",
  HubDistributorTokenMismatch: (a, s) =>
    `The distributor pays in ${s.account(String(a[1]))}, not the hub's token ${s.account(String(a[0]))}.`,
  HubFundingShortfall: (a, s) =>
    `Closing the period should move ${s.amount(a[0] as bigint)} to the distributor but moved ${s.amount(a[1] as bigint)}.`,
  HubInsufficientGas: () => "Not enough gas was sent for the renewal to be tried; send more gas.",
  HubLedgerOverflow: (a) => `The amount ${a[0]} does not fit the hub's ledger.`,
  HubUnsupportedToken: (a, s) =>
    `The token moved ${s.amount(a[1] as bigint)} instead of ${s.amount(a[0] as bigint)}: fee-on-transfer tokens are refused.`,
  HubZeroAddress: () => "An address given to the hub is the zero address.",
  // Audited roots: the Distributor's payout roots and the GrowthPool's units roots (contracts/roots/AuditedRoots.sol)
  AuditedRootsNotPublisher: (a, s) =>
    `Only the platform's publisher can propose a root; ${s.account(String(a[0]))} is not it.`,
  AuditedRootsNotAuditor: (a, s) => `${s.account(String(a[0]))} is not a registered auditor, so it cannot veto.`,
  AuditedRootsAlreadyAuditor: (a, s) => `${s.account(String(a[0]))} is already an auditor.`,
  AuditedRootsZeroAddress: () => "An auditor cannot be the zero address.",
  AuditedRootsZeroRoot: () => "The root is empty (no payouts or units), so there is nothing to publish.",
  AuditedRootsInvalidWindow: (a) =>
    `A challenge window of ${a[0]} s is outside the allowed ${a[1]} s to ${a[2]} s (an hour to ten years).`,
  AuditedRootsNotProposable: () => "This root is already active or was vetoed before; it cannot be proposed again.",
  AuditedRootsTotalDecreased: (a) =>
    `The root's total ${a[0]} is below the active root's ${a[1]}; cumulative leaves can only grow.`,
  AuditedRootsNotVetoable: () => "This root is no longer pending (its challenge window passed, or it was replaced).",
  AuditedRootsNothingToPromote: (a, s) =>
    /^0x0*$/.test(String(a[0]))
      ? "There is no pending root to make active."
      : `The pending root becomes active on ${s.date(a[1] as bigint)}, after its challenge window.`,
  // Distributor
  DistributorZeroAmount: () => "The funding amount is zero.",
  DistributorZeroAddress: () => "The distributor's token cannot be the zero address.",
  DistributorTransferFailed: (a, s) =>
    `The token ${s.account(String(a[0]))} refuses transfers to ${s.account(String(a[1]))}; the claim of ${s.amount(a[2] as bigint)} was not booked and can be made once it accepts them.`,
  DistributorRenounceDisabled: () =>
    "The distributor's ownership cannot be renounced (no publisher or auditor could be set again); transfer it.",
  DistributorUnderfunded: (a, s) =>
    `The root declares ${s.amount(a[0] as bigint)} but only ${s.amount(a[1] as bigint)} has been funded: close the period first.`,
  DistributorInvalidProof: (a, s) =>
    `The proof for ${s.account(String(a[0]))} does not match the active root (refresh and try again).`,
  DistributorNothingToClaim: (a, s) => `${s.account(String(a[0]))} has already claimed everything in the active root.`,
  DistributorRootMismatch: () => "A new root became active meanwhile; refresh and try again.",
  DistributorUnsupportedToken: (a, s) =>
    `The token moved ${s.amount(a[1] as bigint)} instead of ${s.amount(a[0] as bigint)}: fee-on-transfer tokens are refused.`,
  // ClaimRouter: unwrapped in sentenceFor; this covers a leg whose reason cannot be decoded.
  ClaimRouterLegFailed: (a) => `The ${LEGS[Number(a[0])] ?? "claim"} failed.`,
  ClaimRouterZeroAccount: (a) => `Payout request ${Number(a[0]) + 1} of the batch names the zero address.`,
  ClaimRouterLegStarved: (a, s) =>
    `The ${LEGS[Number(a[1])] ?? "claim"} for ${s.account(String(a[0]))} ran short of the ${a[3]} gas each leg may use: send the batch with more gas.`,
  // Split and SplitFactory
  SplitConfigMismatch: () => "This address is not a member of the Split with that share.",
  SplitPayeeCount: (a) => `A Split needs 2 to 256 members, not ${a[0]}.`,
  SplitPayeesNotSorted: (a) =>
    `Split members must be sorted by address without repeats; member ${Number(a[0]) + 1} is not.`,
  SplitZeroShare: (a) => `Member ${Number(a[0]) + 1} has a zero share.`,
  SplitZeroAddress: () => "A member address is the zero address.",
  SplitAlreadyExists: (a, s) => `This Split already exists at ${s.account(String(a[0]))}.`,
  // Waterfall and WaterfallFactory
  WaterfallConfigMismatch: () => "These tranches, residual, token or salt are not this waterfall's.",
  WaterfallUnknownPosition: (a) => `A waterfall with ${a[1]} tranches has positions 0 to ${a[1]}, not ${a[0]}.`,
  WaterfallTokenNotRecoverable: (a, s) =>
    `${s.account(String(a[0]))} is the waterfall's own token: it is paid through the tranches, not recovered.`,
  WaterfallAmountOverflow: (a) => `The residual's total ${a[0]} is too large for the waterfall.`,
  WaterfallTrancheCount: (a) => `A waterfall needs 1 to 32 tranches, not ${a[0]}.`,
  WaterfallZeroCap: (a) => `Tranche ${Number(a[0]) + 1} has a zero cap.`,
  WaterfallZeroRecipient: (a) => `Recipient ${Number(a[0]) + 1} is the zero address.`,
  WaterfallAlreadyExists: (a, s) => `This waterfall already exists at ${s.account(String(a[0]))}.`,
  // GrowthPool
  GrowthCommitmentNotEffective: (a, s) => `Commitment ${a[0]} takes effect only at ${s.date(a[1] as bigint)}.`,
  GrowthInvalidCommitment: (a) => `A commitment needs a basis and a share between 1 and 10000 bps, not ${a[1]} bps.`,
  GrowthInvalidProof: (a, s) => `The units proof for ${s.account(String(a[0]))} does not match the active units root.`,
  GrowthNoUnits: () => "Nobody holds growth units yet, so a deposit would be shared by no one.",
  GrowthNothingToClaim: (a, s) => `${s.account(String(a[0]))} has nothing to claim from the growth pool.`,
  GrowthNothingToCredit: (a, s) => `${s.account(String(a[0]))} was already credited ${a[1]} units.`,
  GrowthOverflow: (a) => `The value ${a[0]} is too large for the growth pool.`,
  GrowthTokenNotAllowed: (a, s) => `The growth pool does not accept the token ${s.account(String(a[0]))}.`,
  GrowthTooManyTokens: (a) => `The growth pool accepts at most ${a[0]} tokens.`,
  GrowthUnknownCommitment: (a) => `Commitment ${a[0]} does not exist.`,
  GrowthUnsupportedToken: (a, s) =>
    `The token moved ${s.amount(a[1] as bigint)} instead of ${s.amount(a[0] as bigint)}: fee-on-transfer tokens are refused.`,
  GrowthUseDepositETH: () => "Send ETH through depositETH, not deposit.",
  GrowthZeroAddress: () => "An address given to the growth pool is the zero address.",
  GrowthZeroAmount: () => "The amount is zero.",
  GrowthTransferFailed: (a, s) =>
    `The token ${s.account(String(a[0]))} refuses transfers to ${s.account(String(a[1]))}; the ${s.amount(a[2] as bigint)} stay claimable once it accepts them.`,
  GrowthInvalidDuration: (a) =>
    `A duration of ${a[0]} s is outside the allowed ${a[1]} s to ${a[2]} s (an hour to ten years).`,
  GrowthRenounceDisabled: () =>
    "The growth pool's ownership cannot be renounced (nothing could be proposed or allowed again); transfer it.",
  // Ownership, reentrancy guard
  OwnableUnauthorizedAccount: (a, s) => `Only the owner can do this; ${s.account(String(a[0]))} is not the owner.`,
  OwnableInvalidOwner: (a, s) => `${s.account(String(a[0]))} cannot be the owner.`,
  Reentrancy: () => "The call re-entered the contract, which is refused.",
  // The token (ERC-20 with EIP-2612 permit)
  ERC20InsufficientBalance: (a, s) =>
    `Not enough tokens: ${s.account(String(a[0]))} holds ${s.amount(a[1] as bigint)}, ${s.amount(a[2] as bigint)} is needed.`,
  ERC20InsufficientAllowance: (a, s) =>
    `The allowance ${s.amount(a[1] as bigint)} is below the ${s.amount(a[2] as bigint)} needed.`,
  ERC20InvalidApprover: (a, s) => `${s.account(String(a[0]))} cannot approve.`,
  ERC20InvalidReceiver: (a, s) => `Tokens cannot be sent to ${s.account(String(a[0]))}.`,
  ERC20InvalidSender: (a, s) => `Tokens cannot be sent from ${s.account(String(a[0]))}.`,
  ERC20InvalidSpender: (a, s) => `${s.account(String(a[0]))} cannot be approved as a spender.`,
  ERC2612ExpiredSignature: () => "The permit signature has expired; sign again.",
  ERC2612InvalidSigner: () => "The permit was signed by another account than the one subscribing.",
  InvalidAccountNonce: () => "The permit's nonce is stale; sign again.",
  ECDSAInvalidSignature: () => "The signature is not valid.",
  ECDSAInvalidSignatureLength: () => "The signature has the wrong length.",
  ECDSAInvalidSignatureS: () => "The signature is malleable and refused.",
  InvalidShortString: () => "The token name is not a valid short string.",
  StringTooLong: () => "The token name is too long.",
};

export interface DecodedError {
  name: string;
  args: Args;
}

/** Decodes revert data against the ABIs; null when none knows it. */
export function decodeRevert(data: Hex, abis: readonly Abi[] = ALL_ABIS): DecodedError | null {
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

/** The sentence for a decoded error; unwraps ClaimRouterLegFailed into the failing leg's own error. */
export function sentenceFor(e: DecodedError, say: Say = PLAIN, abis: readonly Abi[] = ALL_ABIS): string {
  if (e.name === "ClaimRouterLegFailed") {
    const inner = decodeRevert(e.args[2] as Hex, abis);
    const leg = LEGS[Number(e.args[0])] ?? "claim";
    return `The ${leg} failed: ${inner ? sentenceFor(inner, say, abis) : "it reverted without a reason."}`;
  }
  const sentence = ERROR_SENTENCES[e.name];
  if (sentence) return sentence(e.args, say);
  return `The contract refused: ${e.name}(${e.args.map(String).join(", ")}).`;
}

/** viem's, wagmi's and EIP-1193 errors by name → the sentence a user reads instead of the library's message. */
export const LIBRARY_SENTENCES: Record<string, string> = {
  UserRejectedRequestError: "You rejected the request in your wallet; nothing was sent.",
  ConnectorNotConnectedError: "Connect a wallet first; nothing was sent.",
  ConnectorAccountNotFoundError: "Your wallet switched accounts: connect again; nothing was sent.",
  ConnectorUnavailableReconnectingError: "Your wallet is reconnecting: try again in a moment.",
  ConnectorAlreadyConnectedError: "This wallet is already connected.",
  ProviderNotFoundError: "No browser wallet answered: install one (or on the local chain use a dev account).",
  ChainMismatchError: "Your wallet is on another network: switch networks first; nothing was sent.",
  ConnectorChainMismatchError: "Your wallet is on another network: switch networks first; nothing was sent.",
  ChainNotConfiguredError: "Your wallet is on a network this app does not use: switch networks first.",
  SwitchChainNotSupportedError: "Your wallet cannot switch networks from here: switch it in the wallet.",
  InsufficientFundsError: "This account has no ETH to pay the network fee.",
  HttpRequestError: "The chain's RPC did not answer: is the node running (npm start locally)?",
  TimeoutError: "The chain's RPC did not answer in time: try again.",
};

function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && out.length < 20; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** One sentence for any error thrown by viem/wagmi (or anything else); never a library's own message. */
export function explainError(error: unknown, say: Say = PLAIN, abis: readonly Abi[] = ALL_ABIS): string {
  if (error instanceof BaseError) {
    const reverted = error.walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError | null;
    if (reverted) {
      if (reverted.data?.errorName && reverted.data.errorName !== "Error") {
        return sentenceFor({ name: reverted.data.errorName, args: reverted.data.args ?? [] }, say, abis);
      }
      const raw = reverted.raw ?? (reverted as { signature?: Hex }).signature;
      const decoded = raw ? decodeRevert(raw, abis) : null;
      if (decoded) return sentenceFor(decoded, say, abis);
      if (reverted.reason) return `The contract refused: ${reverted.reason}.`;
    }
  }
  for (const e of causes(error)) {
    const name = (e as Error | null)?.name;
    if (name && LIBRARY_SENTENCES[name]) return LIBRARY_SENTENCES[name];
    if ((e as { code?: unknown } | null)?.code === 4001) return LIBRARY_SENTENCES.UserRejectedRequestError;
  }
  // Never a library's own text (viem's and wagmi's messages name the library and its version).
  if (error instanceof BaseError || /Version: (viem|@wagmi)/.test((error as Error | null)?.message ?? ""))
    return "The wallet or the chain refused the request; nothing was changed. Try again, or reload the page.";
  if (error instanceof Error) return error.message;
  return String(error);
}
