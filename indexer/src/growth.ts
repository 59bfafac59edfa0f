// GrowthPool: units credited, deposits (an alert for every holder), claims; its units roots are in roots.ts, with the
// Distributor's.
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
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
