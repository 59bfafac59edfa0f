// The indexer's HTTP API (Ponder serves it beside /health, /ready and /status). Every answer is per artist
// (payout address) unless it says otherwise; amounts are base-unit strings. Routes are listed in docs/indexer.md.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { publicClients } from "ponder:api";
import { isAddress, type Hex } from "viem";
import { atomFeed } from "../../../lib/book/atom.ts";
import { toJson } from "../../../lib/book/json.ts";
import type { FanReminder } from "../../../lib/book/types.ts";
import { ABIS } from "../../abis.ts";
import { alertsOf } from "./alerts.ts";
import {
  accounts,
  artistSummary,
  campaigns,
  due,
  fans,
  payouts,
  splitsOf,
  subscriptionsOf,
  waterfalls,
} from "./book.ts";
import { artistExport, platformExport, token } from "./exports.ts";
import { deliver, hooksOf, register, webhookMessage } from "./webhooks.ts";

const app = new Hono();
app.use("/api/*", cors());

const json = (value: unknown, status = 200) =>
  new Response(toJson(value), { status, headers: { "content-type": "application/json" } });
const address = (raw: string): Hex => {
  if (!isAddress(raw, { strict: false })) throw new HttpError(400, `not an address: ${raw}`);
  return raw.toLowerCase() as Hex;
};
const int = (raw: string | undefined, fallback: number, max: number) => {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, `not a non-negative integer: ${raw}`);
  return Math.min(n, max);
};
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
app.onError((e) => json({ error: e.message }, e instanceof HttpError ? e.status : 500));

/** Chain time: the latest block's timestamp (what "due" and "claimable" mean on chain). */
// The chain's time, read at most once a second: the alerts route needs it for every request (a root matured in its
// window), and an RPC round trip per dashboard request cost more than the queries under load.
let clock: { at: number; now: Promise<bigint> } | undefined;
const chainNow = () => {
  if (!clock || Date.now() - clock.at > 1_000) {
    const now = publicClients.gapless.getBlock().then((b) => b.timestamp);
    clock = { at: Date.now(), now };
    now.catch(() => (clock = undefined));
  }
  return clock.now;
};

app.get("/api/artists/:address", async (c) => {
  const a = address(c.req.param("address"));
  return json({ ...(await artistSummary(a)), splits: await splitsOf(a) });
});

app.get("/api/artists/:address/fans", async (c) => {
  const q = c.req.query();
  const status = q.status && ["active", "cancelled", "lapsed"].includes(q.status) ? q.status : undefined;
  return json(
    await fans(address(c.req.param("address")), {
      limit: int(q.limit, 50, 1000),
      offset: int(q.offset, 0, 1e9),
      status,
      campaign: q.campaign,
    }),
  );
});

app.get("/api/artists/:address/campaigns", async (c) => json(await campaigns(address(c.req.param("address")))));

app.get("/api/artists/:address/payouts", async (c) => json(await payouts(address(c.req.param("address")))));

const alerts = async (a: Hex, limit = 100) =>
  alertsOf(a, { limit, now: await chainNow(), decimals: (await token()).decimals });

app.get("/api/artists/:address/alerts", async (c) => {
  return json(await alerts(address(c.req.param("address")), int(c.req.query("limit"), 100, 1000)));
});

app.get("/api/artists/:address/alerts.atom", async (c) => {
  const a = address(c.req.param("address"));
  const self = c.req.url;
  const feed = atomFeed({
    id: `urn:gapless:alerts:${a}`,
    title: `Gapless alerts for ${a}`,
    self,
    entries: (await alerts(a)).map((x) => ({
      id: `urn:gapless:alert:${x.id}`,
      title: x.title,
      updated: x.timestamp,
      summary: `${x.title}. Transaction ${x.txHash}.`,
    })),
  });
  return new Response(feed, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
});

app.get("/api/artists/:address/webhooks", (c) => {
  const a = address(c.req.param("address"));
  return json({ hooks: hooksOf(a), message: webhookMessage(a, "<url>") });
});

app.post("/api/artists/:address/webhooks", async (c) => {
  const a = address(c.req.param("address"));
  const body = (await c.req.json()) as { url?: string; signature?: Hex };
  if (!body.url || !body.signature)
    throw new HttpError(400, "send {url, signature}: the signature of the message from GET");
  let secret: string;
  try {
    secret = await register(a, body.url, body.signature, Number(await chainNow()));
  } catch (e) {
    throw new HttpError(400, (e as Error).message);
  }
  // The secret is shown once: every delivery to this URL is signed with it (docs/indexer.md "Webhooks").
  return json({ hooks: hooksOf(a), url: body.url, secret }, 201);
});

const csv = (text: string, name: string) =>
  new Response(text, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"` },
  });

app.get("/api/artists/:address/export/:period", async (c) => {
  const a = address(c.req.param("address"));
  const period = BigInt(int(c.req.param("period"), 0, 2 ** 31));
  try {
    return csv(await artistExport(a, period), `gapless-${a}-period-${period}.csv`);
  } catch (e) {
    throw new HttpError(409, (e as Error).message);
  }
});

app.get("/api/platform/export/:period", async (c) => {
  const period = BigInt(int(c.req.param("period"), 0, 2 ** 31));
  return csv(await platformExport(period), `gapless-platform-period-${period}.csv`);
});

/** For payouts: every artist, campaign payout, Split member and growth-pool holder, with the Splits it is in. */
app.get("/api/accounts", async () => {
  const list = await accounts();
  return json(await Promise.all(list.map(async (account) => ({ account, splits: await splitsOf(account) }))));
});

/** Every recoupment waterfall with its config, registration and referral payments (the app's campaigns page). */
app.get("/api/waterfalls", async () => json(await waterfalls()));

/** For keepers: active subscriptions paid through at most `before` (unix seconds, default now), oldest first. */
app.get("/api/subscriptions/due", async (c) => {
  const q = c.req.query();
  const before = q.before === undefined ? await chainNow() : BigInt(int(q.before, 0, 2 ** 53));
  const after =
    q.afterSubscriber && q.afterPaidThrough
      ? { subscriber: address(q.afterSubscriber), paidThrough: BigInt(int(q.afterPaidThrough, 0, 2 ** 53)) }
      : undefined;
  const limit = int(q.limit, 1000, 10_000);
  const rows = await due(before, limit, after);
  return json({ before: Number(before), subscriptions: rows, next: rows.length === limit ? rows.at(-1) : null });
});

/** A fan's subscriptions and whether each will renew: the hub's `renewable` view (the one rule), with the allowance
 * and balance it counted. */
async function reminders(fan: Hex): Promise<FanReminder[]> {
  const client = publicClients.gapless;
  const out: FanReminder[] = [];
  for (const s of await subscriptionsOf(fan)) {
    const t = (await client.readContract({ abi: ABIS.SubscriptionHub, address: s.hub, functionName: "TOKEN" })) as Hex;
    const [allowance, balance, renewable] = (await Promise.all([
      client.readContract({ abi: ABIS.Token, address: t, functionName: "allowance", args: [fan, s.hub] }),
      client.readContract({ abi: ABIS.Token, address: t, functionName: "balanceOf", args: [fan] }),
      client.readContract({ abi: ABIS.SubscriptionHub, address: s.hub, functionName: "renewable", args: [fan] }),
    ])) as [bigint, bigint, readonly [boolean, boolean, bigint, bigint]];
    const [, wouldSucceed, , covered] = renewable;
    const status = s.status as FanReminder["status"];
    out.push({
      subscriber: fan,
      hub: s.hub,
      status,
      price: String(s.price),
      paidThrough: Number(s.paidThrough),
      allowance: String(allowance),
      balance: String(balance),
      renewalsCovered: Number(covered > 1_000_000n ? 1_000_000n : covered),
      willRenew: status === "active" && wouldSucceed,
    });
  }
  return out;
}

app.get("/api/fans/:address", async (c) => json(await reminders(address(c.req.param("address")))));

/** Renewal reminders: one entry per active subscription charged within `days` (default 7). */
app.get("/api/fans/:address/reminders.atom", async (c) => {
  const fan = address(c.req.param("address"));
  const now = Number(await chainNow());
  const horizon = now + int(c.req.query("days"), 7, 365) * 86_400;
  const { decimals } = await token();
  const entries = (await reminders(fan))
    .filter((r) => r.status === "active" && r.paidThrough <= horizon)
    .map((r) => {
      const price = (Number(BigInt(r.price)) / 10 ** decimals).toFixed(2);
      const when = new Date(r.paidThrough * 1000).toISOString().slice(0, 10);
      const title = r.willRenew
        ? `Your subscription renews on ${when} for ${price}`
        : `Your subscription will not renew on ${when}: approve or top up ${price}`;
      return {
        id: `urn:gapless:reminder:${r.hub}:${fan}:${r.paidThrough}`,
        title,
        updated: Math.min(now, r.paidThrough),
        summary: `${title}. Your approval and balance cover ${r.renewalsCovered} more renewals.`,
      };
    });
  const feed = atomFeed({
    id: `urn:gapless:reminders:${fan}`,
    title: `Gapless renewal reminders for ${fan}`,
    self: c.req.url,
    entries,
  });
  return new Response(feed, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
});

// Webhook delivery: a round every GAPLESS_WEBHOOK_MS (default 5 s), never two at once.
let delivering = false;
setInterval(
  () => {
    if (delivering) return;
    delivering = true;
    deliver((a) => alerts(a))
      .catch((e) => console.error(`webhook delivery: ${(e as Error).message}`))
      .finally(() => (delivering = false));
  },
  Number(process.env.GAPLESS_WEBHOOK_MS ?? 5_000),
).unref();

export default app;
