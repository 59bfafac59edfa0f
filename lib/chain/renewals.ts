// The one "renewals covered" rule: what the hub's `renewable(subscriber)` view answers, for callers that hold the
// balance and allowance already (a fan's page before its subscription is active, the keeper's fallback for a hub
// without the view). The hub pulls `price` per renewal with `transferFrom`, so each renewal needs both the allowance
// and the balance: min(balance, allowance) / price renewals go through (an unlimited allowance counts as the
// balance). test/ts/renewals.test.ts holds it to the hub's view.

/** Renewals `balance` and `allowance` pay for at `price`, as the hub's `renewable` view counts them. */
export function renewalsCovered(balance: bigint, allowance: bigint, price: bigint): bigint {
  if (price <= 0n) return 0n;
  return (balance < allowance ? balance : allowance) / price;
}

/** What limits the renewals: the approval, the balance, or neither (both cover the same number). */
export function coverageLimit(balance: bigint, allowance: bigint, price: bigint): "approval" | "balance" | "both" {
  if (price <= 0n) return "both";
  const byBalance = balance / price;
  const byApproval = allowance / price;
  return byBalance === byApproval ? "both" : byBalance < byApproval ? "balance" : "approval";
}
