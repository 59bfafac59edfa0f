// Webhook deliveries against a local HTTP receiver that refuses the first attempts: every POST is signed with the
// registration's secret (HMAC-SHA256 over "<t>.<body>"), a refused delivery is retried after a doubling wait up to a
// cap, and every alert arrives at least once, the retries carrying the same delivery id.
import { expect } from "chai";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { Alert } from "../../lib/book/types.ts";
import {
  DELIVERY_HEADER,
  deliverRound,
  newSecret,
  retryDelay,
  SIGNATURE_HEADER,
  verifyDelivery,
  type Hook,
} from "../../indexer/book/webhooks.ts";

const ACCOUNT = "0x00000000000000000000000000000000000a1157" as const;
const alert = (id: string, timestamp: number): Alert => ({
  id,
  kind: "renewed",
  title: `renewal ${id}`,
  subscriber: "0x00000000000000000000000000000000000000f1",
  amount: "1498500",
  reason: null,
  timestamp,
  block: timestamp,
  txHash: `0x${"ab".repeat(32)}`,
});

describe("webhooks: signed deliveries, retried with capped exponential backoff", function () {
  const received: { at: number; headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  let refuse = 2;
  let clock = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = refuse-- > 0 ? 503 : 200;
      received.push({ at: clock, headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  let url = "";
  before(async function () {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it("test_deliverRound_signsRetriesWithBackoffAndDeliversEveryAlertAtLeastOnce", async function () {
    const secret = newSecret();
    const hooks: Hook[] = [{ account: ACCOUNT, url, secret, deliveredThrough: 100, delivered: [] }];
    // The feed is newest first, as the API answers it.
    let feed = [alert("b", 101), alert("a", 100)];
    const backoff = { baseMs: 1_000, capMs: 3_000 };
    const round = async (at: number) => {
      clock = at;
      return deliverRound(hooks, async () => feed, { nowMs: 1_700_000_000_000 + at, backoff });
    };
    expect(await round(0)).to.equal(true); // refused: retry after 1 s
    expect(await round(500)).to.equal(false); // still waiting
    await round(1_000); // refused: retry after 2 s
    await round(2_999); // still waiting
    await round(3_000); // accepted
    await round(4_000); // nothing new
    expect(received.map((r) => [r.at, r.status])).to.deep.equal([
      [0, 503],
      [1_000, 503],
      [3_000, 200],
    ]);
    for (const r of received) {
      const header = String(r.headers[SIGNATURE_HEADER]);
      const t = Number(/t=(\d+)/.exec(header)![1]);
      expect(verifyDelivery(secret, header, r.body, t)).to.equal(true);
      expect(verifyDelivery(secret, header, r.body.replace("renewal a", "renewal z"), t)).to.equal(false);
      expect(verifyDelivery(newSecret(), header, r.body, t)).to.equal(false);
      expect(verifyDelivery(secret, header, r.body, t + 301)).to.equal(false);
      expect(r.headers[DELIVERY_HEADER]).to.equal("a..b");
      expect((JSON.parse(r.body) as { alerts: Alert[] }).alerts.map((a) => a.id)).to.deep.equal(["a", "b"]);
    }
    expect(hooks[0].failures).to.equal(0);

    // A new alert: delivered alone, the old ones are not sent again.
    feed = [alert("c", 101), ...feed];
    await round(5_000);
    expect(received).to.have.length(4);
    expect((JSON.parse(received[3].body) as { alerts: Alert[] }).alerts.map((a) => a.id)).to.deep.equal(["c"]);
  });

  it("test_deliverRound_retriesAnUnreachableReceiverForeverAtTheCap", async function () {
    const hooks: Hook[] = [
      { account: ACCOUNT, url: "http://127.0.0.1:1/closed", secret: newSecret(), deliveredThrough: 0, delivered: [] },
    ];
    const feed = [alert("x", 1)];
    const backoff = { baseMs: 1_000, capMs: 3_000 };
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await deliverRound(hooks, async () => feed, { nowMs: now, backoff, timeoutMs: 1_000 });
      waits.push(hooks[0].retryAt! - now);
      now = hooks[0].retryAt!;
    }
    expect(waits).to.deep.equal([1_000, 2_000, 3_000, 3_000, 3_000]);
    expect(hooks[0].failures).to.equal(5);
    expect(hooks[0].delivered).to.deep.equal([]);
    expect(retryDelay(1_000, backoff)).to.equal(3_000);
  });
});
