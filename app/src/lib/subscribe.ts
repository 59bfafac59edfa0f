// The subscribe page's decisions, as pure functions: the referral link read (and warned about), how much the fan
// approves (this payment and the renewals they choose), and what to ask the wallet for given the fan's balance and
// allowance. The permit itself: lib/chain/permit.ts. How many renewals are covered is the hub's `renewable` view
// (lib/chain/renewals.ts mirrors it).
import { isAddress, maxUint256, zeroAddress, type Address } from "viem";

/** Payments the approval covers, this one included; "unlimited" until the fan cancels. */
export type Coverage = number | "unlimited";
export const COVERAGE_CHOICES: Coverage[] = [12, 24, "unlimited", 1];

export function parseReferral(ref: string | null): { referrer: Address; warning: string | null } {
  if (ref === null || ref === "") return { referrer: zeroAddress, warning: null };
  if (isAddress(ref, { strict: false }) && ref !== zeroAddress) return { referrer: ref as Address, warning: null };
  return {
    referrer: zeroAddress,
    warning: `The link's referrer "${ref}" is not a valid address, so nobody will be credited for bringing you. Ask the artist for their link again.`,
  };
}

/** The allowance to grant: `payments` times the price, or unlimited. */
export const approvalValue = (price: bigint, payments: Coverage): bigint =>
  payments === "unlimited" ? maxUint256 : price * BigInt(payments);

/** The plain-words description of a coverage choice, with the amount. */
export function describeCoverage(payments: Coverage, price: bigint, fmt: (a: bigint) => string, every: string): string {
  if (payments === "unlimited")
    return `Until I cancel: the hub may take ${fmt(price)} every ${every}, never more, until you cancel`;
  if (payments === 1) return `This payment only (${fmt(price)}): the subscription ends at the first renewal`;
  return `${payments} payments (${fmt(price * BigInt(payments))} in all): this one and ${payments - 1} renewals of ${fmt(price)} every ${every}`;
}

export type SubscribeRoute =
  { kind: "short"; message: string } | { kind: "subscribe" } | { kind: "permit"; value: bigint };

/** What to do before anything is signed: refuse when the balance is short, skip the permit when the allowance already covers the choice. */
export function subscribeRoute(o: {
  balance: bigint;
  allowance: bigint;
  price: bigint;
  payments: Coverage;
  fmt: (a: bigint) => string;
}): SubscribeRoute {
  if (o.balance < o.price)
    return {
      kind: "short",
      message: `Your balance is ${o.fmt(o.balance)}; the first payment is ${o.fmt(o.price)}. Top up your wallet first (nothing was signed).`,
    };
  const value = approvalValue(o.price, o.payments);
  if (o.allowance >= value) return { kind: "subscribe" };
  return { kind: "permit", value };
}
