// WaterfallFactory: every recoupment waterfall with its config, so the app's campaign view reads its history here.
import { ponder } from "ponder:registry";
import schema from "ponder:schema";
import { at } from "../book/rows.ts";

ponder.on("WaterfallFactory:WaterfallCreated", async ({ event, context }) => {
  const { waterfall, token, residual, salt, tranches } = event.args;
  await context.db.insert(schema.waterfall).values({
    address: waterfall,
    token,
    residual,
    salt,
    tranches: tranches.map(String),
    ...at(event),
  });
});
