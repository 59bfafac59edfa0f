// ClaimRouter: legs it skipped (the rest of a claim-all still paid).
import { ponder } from "ponder:registry";
import schema from "ponder:schema";

ponder.on("ClaimRouter:ClaimLegSkipped", async ({ event, context }) => {
  await context.db.insert(schema.routerSkip).values({
    id: event.id,
    account: event.args.account,
    kind: event.args.kind,
    target: event.args.target,
    reason: event.args.reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});
