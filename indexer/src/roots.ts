// Audited roots: the Distributor's distribution roots and the GrowthPool's units roots are one mechanism
// (contracts/roots/AuditedRoots.sol) with the same events, so one set of handlers files both in `root`.
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { proposedRoot, rootId } from "../book/roots.ts";
import { at } from "../book/rows.ts";
import { ZERO_ADDRESS } from "../book/rules.ts";

for (const [contract, kind] of [
  ["Distributor", "distribution"],
  ["GrowthPool", "units"],
] as const) {
  ponder.on(`${contract}:RootProposed`, async ({ event, context }) => {
    const { root, total, dataHash, uri, claimableAt } = event.args;
    const { row, update } = proposedRoot(event, { kind, root, total, dataHash, uri, claimableAt });
    await context.db.insert(schema.root).values(row).onConflictDoUpdate(update);
  });

  ponder.on(`${contract}:RootReplaced`, async ({ event, context }) => {
    await context.db.update(schema.root, { id: rootId(event, event.args.replaced) }).set({ status: "replaced" });
  });

  ponder.on(`${contract}:RootVetoed`, async ({ event, context }) => {
    const id = rootId(event, event.args.root);
    await context.db.update(schema.root, { id }).set({ status: "vetoed", vetoedBy: event.args.auditor });
  });

  ponder.on(`${contract}:RootActivated`, async ({ event, context }) => {
    await context.db.update(schema.root, { id: rootId(event, event.args.root) }).set({ status: "active" });
    // A distribution root matures at `claimableAt` with no event; promotion is when the chain says so, and
    // claimants are told (the API also reports matured roots that nobody promoted yet).
    if (kind === "distribution")
      await context.db.insert(schema.alert).values({
        id: event.id,
        account: ZERO_ADDRESS,
        kind: "root",
        reason: event.args.root,
        ...at(event),
      });
  });
}
