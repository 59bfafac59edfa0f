// The fan's receipt endpoint: a signed-in fan gets their own pseudonym per period (and, in committed
// mode, their rows with a proof) and nobody else's; a bad signature, a replayed or unknown nonce, a
// foreign domain or the wrong key give nothing.
import { expect } from "chai";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { createPublicClient, custom, type Client } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { RECEIPT_API, receiptSignInMessage, type ReceiptResponse } from "../../lib/chain/siwe.ts";
import { Pseudonyms, verifyFanRows } from "../../lib/publication/index.ts";
import { RULES_VERSION } from "../../lib/rules/index.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { ReceiptService } from "../../scripts/receipt/server.ts";
import { randomPeriod, writePeriodCsv, type Period } from "./engine.helpers.ts";

const connection = await network.create();
const client = createPublicClient({ transport: custom(connection.provider) }) as Client;
const KEY = new Uint8Array(32).fill(0x42);
const fans: PrivateKeyAccount[] = Array.from({ length: 6 }, () => privateKeyToAccount(generatePrivateKey()));

/** A random period whose subscribers are the fans' lowercase addresses. */
function fansPeriod(seed: number): Period {
  const p = randomPeriod(seed);
  const wallet = (s: string) => fans[Number(s.slice(1)) % fans.length].address.toLowerCase();
  return {
    artists: p.artists,
    payments: p.payments.map((x) => ({ ...x, subscriberId: wallet(x.subscriberId) })),
    plays: p.plays.map((x) => ({ ...x, subscriberId: wallet(x.subscriberId) })),
  };
}

describe("receipt endpoint (Sign-In with Ethereum)", function () {
  this.timeout(120_000);
  let dir: string;
  let periods: Period[];
  const servers: Server[] = [];

  async function serve(key: Uint8Array): Promise<string> {
    const service = new ReceiptService({
      periodsDir: join(dir, "periods"),
      rowsDir: join(dir, "rows"),
      key,
      domain: "receipts.example",
      client,
    });
    const server = createServer(async (req, res) => {
      if (!(await service.handle(req, res))) res.writeHead(404).end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const a = server.address();
    return `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`;
  }

  async function signIn(
    base: string,
    o: { signer?: PrivateKeyAccount; as?: PrivateKeyAccount; domain?: string; nonce?: string; replay?: boolean } = {},
  ) {
    const as = o.as ?? fans[0];
    const nonce = o.nonce ?? ((await (await fetch(`${base}${RECEIPT_API.nonce}`)).json()) as { nonce: string }).nonce;
    const message = receiptSignInMessage({
      address: as.address,
      chainId: 31337,
      domain: o.domain ?? "receipts.example",
      uri: "https://receipts.example/receipt",
      nonce,
    });
    const signature = await (o.signer ?? as).signMessage({ message });
    const post = () =>
      fetch(`${base}${RECEIPT_API.receipt}`, { method: "POST", body: JSON.stringify({ message, signature }) });
    const first = await post();
    const r = o.replay ? await post() : first;
    return { status: r.status, body: (await r.json()) as ReceiptResponse & { error?: string } };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "receipt-server-"));
    periods = [fansPeriod(11), fansPeriod(12)];
    mkdirSync(join(dir, "periods"));
    const a = writePeriodCsv(join(dir, "in-1"), periods[0]);
    const b = writePeriodCsv(join(dir, "in-2"), periods[1]);
    await runEngine({ ...a, period: "1", out: join(dir, "periods", "1"), pseudonymKey: KEY });
    // Period 2 in committed mode: its rows go to the auditors' folder, which the endpoint reads.
    await runEngine({
      ...b,
      period: "2",
      out: join(dir, "periods", "2"),
      previous: join(dir, "periods", "1"),
      rowsOut: join(dir, "rows", "2"),
      pseudonymKey: KEY,
    });
    writeFileSync(join(dir, "periods", "index.json"), JSON.stringify({ periods: [{ period: "1" }, { period: "2" }] }));
  });
  after(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it("test_signedInFan_getsOwnPseudonymsAndRowsOnly", async () => {
    const base = await serve(KEY);
    for (const fan of fans) {
      const { status, body } = await signIn(base, { as: fan });
      expect(status).to.equal(200);
      expect(body.address).to.equal(fan.address.toLowerCase());
      const mine = (p: Period) =>
        p.payments.some((x) => x.subscriberId === body.address) ||
        p.plays.some((x) => x.subscriberId === body.address && x.msPlayed >= 30_000);
      expect(body.periods.map((p) => p.period)).to.deep.equal(["1", "2"].filter((_, i) => mine(periods[i])));
      for (const p of body.periods) {
        expect(p.subscriber).to.equal(new Pseudonyms(KEY, RULES_VERSION, p.period).subscriber(body.address));
        if (p.period === "2") {
          expect(p.rows!.subscriber).to.equal(p.subscriber);
          const manifest = readFileSync(join(dir, "periods", "2", "manifest.json"), "utf8");
          expect(verifyFanRows(JSON.parse(manifest).fan_rows.root, { rows: p.rows!, proof: p.proof! })).to.equal(true);
        } else {
          expect(p.rows).to.equal(undefined);
        }
      }
    }
  });

  it("test_RevertWhen_badSignatureReplayUnknownNonceOrForeignDomain_returnsNothing", async () => {
    const base = await serve(KEY);
    const refused = [
      await signIn(base, { as: fans[0], signer: fans[1] }), // someone else's signature
      await signIn(base, { replay: true }), // the nonce was used
      await signIn(base, { nonce: "a1b2c3d4e5f6a7b8c9" }), // never issued
      await signIn(base, { domain: "evil.example" }), // signed for another site
    ];
    for (const r of refused) {
      expect(r.status).to.equal(401);
      expect(Object.keys(r.body)).to.deep.equal(["error"]);
    }
    const junk = await fetch(`${base}${RECEIPT_API.receipt}`, { method: "POST", body: "{" });
    expect(junk.status).to.equal(400);
  });

  it("test_wrongKey_returnsNoPeriods", async () => {
    const base = await serve(new Uint8Array(32).fill(0x43));
    for (const fan of fans) {
      const { status, body } = await signIn(base, { as: fan });
      expect(status).to.equal(200);
      expect(body.periods).to.deep.equal([]);
    }
  });
});
