import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

const DAY = 24n * 60n * 60n;

/**
 * One platform: its Distributor (cumulative Merkle claims, challenge window, auditors) and its SubscriptionHub
 * (plans, terms, routing). Parameters (ignition/parameters/*.json):
 *   token             the ERC-20 subscriptions are paid in (a stablecoin with EIP-2612 permit)
 *   owner             the platform's address (two-step ownership of both contracts)
 *   publisher         the engine's key that proposes roots (defaults to owner)
 *   auditors          the initial auditors who can veto a root inside the window
 *   challengeWindow   seconds a root waits before it becomes claimable (default 3 days)
 *   noticePeriod      seconds before a terms or plan change takes effect (default 30 days)
 *   referralBps, poolBps, referralDuration (0 = lifetime), plans [{price, period}]
 *   gracePeriod       seconds a due subscription stays active while the token refuses everyone (default 14 days)
 *   enrollmentRequired  referrers must be artists the platform enrolled (default true: no referral farming)
 *   overdueAfter      seconds a period stays open before anyone may close it, so the pool reaches the distributor even
 *                     if the owner and the period closer never act (default 45 days: a monthly period and two weeks)
 */
export default buildModule("Platform", (m) => {
  const deployer = m.getAccount(0);
  const token = m.getParameter<string>("token");
  const owner = m.getParameter("owner", deployer);
  const publisher = m.getParameter("publisher", deployer);
  const auditors = m.getParameter<string[]>("auditors", []);
  const challengeWindow = m.getParameter("challengeWindow", 3n * DAY);
  const noticePeriod = m.getParameter("noticePeriod", 30n * DAY);
  const referralBps = m.getParameter("referralBps", 1_500n);
  const poolBps = m.getParameter("poolBps", 5_500n);
  const referralDuration = m.getParameter("referralDuration", 0n);
  const plans = m.getParameter<{ price: string; period: string }[]>("plans", [
    { price: "9990000", period: String(30n * DAY) },
  ]);

  const gracePeriod = m.getParameter("gracePeriod", 14n * DAY);
  const enrollmentRequired = m.getParameter("enrollmentRequired", true);
  const overdueAfter = m.getParameter("overdueAfter", 45n * DAY);

  const distributor = m.contract("Distributor", [token, owner, publisher, challengeWindow, auditors]);
  const subscriptionHub = m.contract("SubscriptionHub", [
    token,
    distributor,
    owner,
    { noticePeriod, gracePeriod, enrollmentRequired, overdueAfter },
    referralBps,
    poolBps,
    referralDuration,
    plans,
  ]);
  return { distributor, subscriptionHub };
});
