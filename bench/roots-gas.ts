// `npm run bench:roots`: full-transaction gasUsed of the audited-roots operations (Distributor and GrowthPool)
// and of the hub's closePeriod, as docs/hardening.md's per-operation table quotes them. It also runs against the
// code before the shared AuditedRoots base (copy this file into a checkout of 3f65b8e and run it there): the
// GrowthPool and SubscriptionHub constructors are told apart by their ABIs.
import { network } from "hardhat";
import { buildTree, getClaim } from "../scripts/lib/merkle.ts";

const { ethers, networkHelpers } = await network.create();
const DAY = 86_400n;
const gas = async (p: Promise<any>) => Number((await (await p).wait()).gasUsed);
const [owner, auditor, stranger] = await ethers.getSigners();
const out: Record<string, number> = {};
const id = (s: string) => ethers.id(s);

const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
const d: any = await ethers.deployContract("Distributor", [await token.getAddress(), owner, owner, DAY, [auditor]]);
await token.mint(owner.address, 10n ** 30n);
await token.approve(await d.getAddress(), 10n ** 30n);
await d.fund(10n ** 12n);
out["Distributor propose (first)"] = await gas(d.propose(id("a"), 1000n, id("data"), "ipfs://period-1"));
out["Distributor veto"] = await gas(d.connect(auditor).veto(id("a")));
out["Distributor propose (after a veto)"] = await gas(d.propose(id("b"), 1000n, id("data"), "ipfs://period-1"));
out["Distributor propose (replacing)"] = await gas(d.propose(id("c"), 1000n, id("data"), "ipfs://period-1"));
await networkHelpers.time.increase(DAY);
out["Distributor promote"] = await gas(d.promote());

const growth = await ethers.getContractFactory("GrowthPool");
const shared = growth.interface.deploy.inputs.length === 8; // the publisher argument came with AuditedRoots
const g: any = await ethers.deployContract(
  "GrowthPool",
  shared
    ? [ethers.ZeroAddress, owner, owner, [DAY, DAY, DAY], [auditor], [], [], []]
    : [ethers.ZeroAddress, owner, [DAY, DAY, DAY], [auditor], [], [], []],
);
const tree = buildTree([
  { account: stranger.address as `0x${string}`, cumulativeAmount: 1000n },
  { account: owner.address as `0x${string}`, cumulativeAmount: 2000n },
]);
const propose = (root: string) =>
  shared
    ? g.propose(root, 3000n, id("data"), "ipfs://units-1")
    : g.proposeUnitsRoot(root, id("data"), "ipfs://units-1");
const veto = (root: string) => (shared ? g.connect(auditor).veto(root) : g.connect(auditor).vetoUnitsRoot(root));
out["GrowthPool units root proposal (first)"] = await gas(propose(id("x")));
out["GrowthPool veto"] = await gas(veto(id("x")));
out["GrowthPool units root proposal (after a veto)"] = await gas(propose(id("y")));
out["GrowthPool units root proposal (replacing)"] = await gas(propose(tree.root));
await networkHelpers.time.increase(DAY);
const first = getClaim(tree, stranger.address as `0x${string}`)!;
out["GrowthPool creditUnits (promoting)"] = await gas(
  g.creditUnits(stranger.address, first.cumulativeAmount, first.proof),
);
const second = getClaim(tree, owner.address as `0x${string}`)!;
out["GrowthPool creditUnits (root already active)"] = await gas(
  g.creditUnits(owner.address, second.cumulativeAmount, second.proof),
);

const hubFactory = await ethers.getContractFactory("SubscriptionHub");
const overdue = (hubFactory.interface.deploy.inputs[3] as any).components.length === 4;
const policy = {
  noticePeriod: DAY,
  gracePeriod: DAY,
  enrollmentRequired: false,
  ...(overdue && { overdueAfter: 45n * DAY }),
};
const fundable = await ethers.deployContract("MockFundable", [await token.getAddress()]);
const hub: any = await ethers.deployContract("SubscriptionHub", [
  await token.getAddress(),
  await fundable.getAddress(),
  owner,
  policy,
  1000,
  6000,
  0,
  [{ price: 9_990_001n, period: 30n * DAY }],
]);
await token.mint(stranger.address, 10n ** 12n);
await token.connect(stranger).approve(await hub.getAddress(), 10n ** 30n);
await hub.connect(stranger).subscribe(0, ethers.ZeroAddress, 0);
out["hub closePeriod by the owner"] = await gas(hub.closePeriod());

for (const [operation, used] of Object.entries(out))
  console.log(`${operation.padEnd(48)} ${used.toLocaleString("en-US")}`);
