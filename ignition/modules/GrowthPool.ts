import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

const DAY = 24n * 60n * 60n;
/** bytes32 of a short ASCII label, as commitments name their basis on-chain. */
const label = (s: string) => "0x" + Buffer.from(s).toString("hex").padEnd(64, "0");

/**
 * The platform's growth pool on its SubscriptionHub (units from the hub, deposits of ad revenue and other shares).
 * Parameters (ignition/parameters/*.json, module id `GrowthPool`):
 *   hub               the SubscriptionHub whose units it syncs (deploy.ts passes the one it just deployed)
 *   owner             the platform's address (two-step ownership)
 *   publisher         the engine's key that proposes units roots (defaults to the deployer, like owner)
 *   tokens            ERC-20s accepted for deposits besides ETH (deploy.ts passes the hub's token)
 *   auditors          who can veto a publication units root inside the window
 *   noticePeriod      seconds before a new commitment takes effect (default 30 days)
 *   challengeWindow   seconds a units root waits, vetoable (default 3 days); the roots follow the Distributor's rules
 *                     (contracts/roots/AuditedRoots.sol)
 *   unitDelay         the pool's epoch: units credited during one earn from the start of the epoch after the next, so
 *                     nobody can buy units just before a deposit (default 30 days, one period)
 *   bases, bps        commitments in effect from deployment (default "ad-revenue" at 20 %)
 */
export default buildModule("GrowthPool", (m) => {
  const hub = m.getParameter<string>("hub");
  const owner = m.getParameter("owner", m.getAccount(0));
  const publisher = m.getParameter("publisher", m.getAccount(0));
  const tokens = m.getParameter<string[]>("tokens", []);
  const auditors = m.getParameter<string[]>("auditors", []);
  const noticePeriod = m.getParameter("noticePeriod", 30n * DAY);
  const challengeWindow = m.getParameter("challengeWindow", 3n * DAY);
  const unitDelay = m.getParameter("unitDelay", 30n * DAY);
  const bases = m.getParameter<string[]>("bases", [label("ad-revenue")]);
  const bps = m.getParameter<number[]>("bps", [2_000]);
  const growthPool = m.contract("GrowthPool", [
    hub,
    owner,
    publisher,
    [noticePeriod, challengeWindow, unitDelay],
    auditors,
    tokens,
    bases,
    bps,
  ]);
  return { growthPool };
});
