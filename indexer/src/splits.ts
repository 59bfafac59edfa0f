// SplitFactory and every Split it created: configs (payees and shares) and releases, failed ones included.
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { at } from "../book/rows.ts";

const ADDRESS_MASK = (1n << 160n) - 1n;

ponder.on("SplitFactory:SplitCreated", async ({ event, context }) => {
  const { split, root, totalShares, salt, payees } = event.args;
  await context.db.insert(schema.split).values({
    address: split,
    root,
    totalShares,
    salt,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  // A packed payee word is `share << 160 | address` (contracts/split/Split.sol).
  const members = payees.map((word) => ({
    split,
    payee: `0x${(word & ADDRESS_MASK).toString(16).padStart(40, "0")}` as `0x${string}`,
    share: word >> 160n,
  }));
  if (members.length) await context.db.insert(schema.splitMember).values(members);
});

type Release = Parameters<Parameters<typeof ponder.on<"Split:Released">>[1]>[0];

async function release({ event, context }: Release, failed: boolean) {
  await context.db.insert(schema.splitRelease).values({
    id: event.id,
    split: event.log.address,
    token: event.args.token,
    payee: event.args.payee,
    amount: event.args.amount,
    failed,
    sender: event.transaction.from,
    ...at(event),
  });
}

ponder.on("Split:Released", (args) => release(args, false));
// Same arguments (token, payee, amount): the payee's share stays owed.
ponder.on("Split:ReleaseFailed", (args) => release(args as unknown as Release, true));
