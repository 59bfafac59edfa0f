// GrowthPool: units credited, deposits (an alert for every holder), claims, units roots (proposed / replaced / vetoed /
// activated, the Distributor's AuditedRoots events).
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { proposedRoot, rootId } from "../book/roots.ts";
import { at, paidOut } from "../book/rows.ts";
import { ZERO_ADDRESS } from "../book/rules.ts";

ponder.on("GrowthPool:UnitsCredited", async ({ event, context }) => {
  const { holder, added, units, totalUnits } = event.args;
  await context.db.insert(schema.growthUnits).values({
    id: event.id,
    pool: event.log.address,
    holder,
    added,
    units,
    totalUnits,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("GrowthPool:Deposited", async ({ event, context }) => {
  const { token, commitmentId, ref, depositor, amount, remainder } = event.args;
  await context.db.insert(schema.growthDeposit).values({
    id: event.id,
    pool: event.log.address,
    token,
    commitmentId,
    ref,
    depositor,
    amount,
    remainder,
    ...at(event),
  });
  // Every holder with units shares in it; the API keeps it in the feeds of accounts holding units by then.
  await context.db.insert(schema.alert).values({
    id: event.id,
    account: ZERO_ADDRESS,
    kind: "growth",
    amount,
    reason: token,
    ...at(event),
  });
});

ponder.on("GrowthPool:Claimed", async ({ event, context }) => {
  await context.db
    .insert(schema.withdrawal)
    .values(paidOut(event, "growth", event.args.holder, event.args.token, event.args.amount));
});

ponder.on("GrowthPool:RootProposed", async ({ event, context }) => {
  const { root, total, dataHash, uri, claimableAt } = event.args;
  const { row, update } = proposedRoot(event, { kind: "units", root, total, dataHash, uri, claimableAt });
  await context.db.insert(schema.root).values(row).onConflictDoUpdate(update);
});

ponder.on("GrowthPool:RootReplaced", async ({ event, context }) => {
  await context.db.update(schema.root, { id: rootId(event, event.args.replaced) }).set({ status: "replaced" });
});

ponder.on("GrowthPool:RootVetoed", async ({ event, context }) => {
  const id = rootId(event, event.args.root);
  await context.db.update(schema.root, { id }).set({ status: "vetoed", vetoedBy: event.args.auditor });
});

ponder.on("GrowthPool:RootActivated", async ({ event, context }) => {
  await context.db.update(schema.root, { id: rootId(event, event.args.root) }).set({ status: "active" });
});
