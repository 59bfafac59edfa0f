import { Hono } from "hono";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { count } from "ponder";

const app = new Hono();
app.get("/stats", async (c) => {
  const [subs] = await db.select({ n: count() }).from(schema.subscription);
  const [pays] = await db.select({ n: count() }).from(schema.payment);
  return c.json({ subscriptions: subs.n, payments: pays.n });
});
export default app;
