// Distributor: funding and claims (the amount each paid); its roots are in roots.ts, with the growth pool's.
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { paidOut } from "../book/rows.ts";
import { ABIS } from "../abis.ts";

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
