// Distributor: funding, roots proposed / replaced / vetoed / activated, and claims (the amount each paid).
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { at, paidOut } from "../book/rows.ts";
import { ABIS } from "../abis.ts";
import { proposedRoot, rootId } from "../book/roots.ts";
import { ZERO_ADDRESS } from "../book/rules.ts";

let token: `0x${string}` | undefined;

ponder.on("Distributor:Funded", async ({ event, context }) => {
  await context.db.insert(schema.funding).values({
    id: event.id,
    distributor: event.log.address,
    from: event.args.from,
    amount: event.args.amount,
    totalFunded: event.args.totalFunded,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("Distributor:RootProposed", async ({ event, context }) => {
  const { root, total, dataHash, uri, claimableAt } = event.args;
  const { row, update } = proposedRoot(event, { kind: "distribution", root, total, dataHash, uri, claimableAt });
  await context.db.insert(schema.root).values(row).onConflictDoUpdate(update);
});

ponder.on("Distributor:RootReplaced", async ({ event, context }) => {
  await context.db.update(schema.root, { id: rootId(event, event.args.replaced) }).set({ status: "replaced" });
});

ponder.on("Distributor:RootVetoed", async ({ event, context }) => {
  const id = rootId(event, event.args.root);
  await context.db.update(schema.root, { id }).set({ status: "vetoed", vetoedBy: event.args.auditor });
});

ponder.on("Distributor:RootActivated", async ({ event, context }) => {
  const id = rootId(event, event.args.root);
  await context.db.update(schema.root, { id }).set({ status: "active" });
  // A root matures at `claimableAt` with no event; promotion is when the chain says so. The API also reports
  // matured roots that nobody promoted yet.
  await context.db.insert(schema.alert).values({
    id: event.id,
    account: ZERO_ADDRESS,
    kind: "root",
    reason: event.args.root,
    ...at(event),
  });
});

ponder.on("Distributor:Claimed", async ({ event, context }) => {
  const { account, cumulativeAmount } = event.args;
  const distributor = event.log.address;
  const before = await context.db.find(schema.claimed, { distributor, account });
  await context.db
    .insert(schema.claimed)
    .values({ distributor, account, cumulative: cumulativeAmount })
    .onConflictDoUpdate({ cumulative: cumulativeAmount });
  token ??= (await context.client.readContract({
    abi: ABIS.Distributor,
    address: distributor,
    functionName: "TOKEN",
  })) as `0x${string}`;
  const amount = cumulativeAmount - (before?.cumulative ?? 0n);
  await context.db.insert(schema.withdrawal).values(paidOut(event, "distributor", account, token, amount));
});
