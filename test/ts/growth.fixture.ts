// Shared deployment for the GrowthPool tests (no tests here).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { DAY, MAX, NOTICE, deployFundedHub } from "./hub.fixture.js";

export const WINDOW = 3n * DAY;
/** The pool's epoch: units credited during one earn from the start of the epoch after the next. */
export const DELAY = 30n * DAY;

/** Waits until every unit credited so far earns: the start of the epoch after the next. */
export const activate = (time: { increase(seconds: bigint): Promise<unknown> }) => time.increase(2n * DELAY);
export const SCALE = 10n ** 18n;
export const ETH = "0x0000000000000000000000000000000000000000";
export const AD_REVENUE = "0x" + Buffer.from("ad-revenue").toString("hex").padEnd(64, "0");
export const EXIT_PROCEEDS = "0x" + Buffer.from("exit-proceeds").toString("hex").padEnd(64, "0");
export const AD_BPS = 2_000n;
export const AD = 1n; // the id of the commitment in effect from deployment
export const UnitSource = { Hub: 0n, Publication: 1n } as const;

/** A pool on `hub` (a MockUnitsHub unless given) allowing `tokens` and ETH, with "20 % of ad revenue" in effect. */
export async function deployPool(
  ethers: HardhatEthers,
  opts: { hub?: string; tokens?: string[]; auditors?: string[] } = {},
) {
  const [owner, , , , , , , auditor] = await ethers.getSigners();
  const hub = opts.hub ?? (await (await ethers.deployContract("MockUnitsHub")).getAddress());
  const pool = await ethers.deployContract("GrowthPool", [
    hub,
    owner.address,
    owner.address,
    [NOTICE, WINDOW, DELAY],
    opts.auditors ?? [auditor.address],
    opts.tokens ?? [],
    [AD_REVENUE],
    [AD_BPS],
  ]);
  return { pool, hubAddress: hub, auditor };
}

/** A funded hub (alice, bob, carol subscribed-ready) with a pool on it allowing the hub's token. */
export async function deployHubAndPool(ethers: HardhatEthers) {
  const f = await deployFundedHub(ethers);
  const token = await f.token.getAddress();
  const { pool, auditor } = await deployPool(ethers, { hub: await f.hub.getAddress(), tokens: [token] });
  await f.token.mint(f.owner.address, 10n ** 30n);
  await f.token.connect(f.owner).approve(await pool.getAddress(), MAX);
  return { ...f, pool, auditor };
}
