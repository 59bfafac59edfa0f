// The fan's receipt endpoint (docs/receipt.md), run by a platform beside its engine and by `npm start`
// in the demo. A fan signs in with their wallet (EIP-4361, verified with viem's verifySiweMessage
// against a one-time nonce) and receives, for each published period they have rows in, their own
// pseudonym — and in committed mode their rows and the proof against the manifest's commitment. Nobody
// else's: the pseudonym is derived from the signed-in address, and an unsigned, replayed or foreign
// message gets nothing. Nothing is logged; the key stays in memory.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Client, Hex } from "viem";
import { generateSiweNonce, parseSiweMessage, verifySiweMessage } from "viem/siwe";
import { NONCE_TTL_SECONDS, RECEIPT_API, type ReceiptPeriod, type ReceiptResponse } from "../../lib/chain/siwe.ts";
import { FanRowsTree, fanRowsOf, parseCsvLine, withheldFiles } from "../../lib/publication/index.ts";
import { pseudonymsFor } from "../engine/pseudonymise.ts";

export interface ReceiptServerOptions {
  /** Folder of published period folders (each with manifest.json; index.json gives the order when present). */
  periodsDir: string;
  /** Committed mode: folder of the auditors' rows, one sub-folder per period (payments.csv, plays.csv). */
  rowsDir?: string;
  key: Uint8Array;
  /** The host fans sign in to (the message's domain must equal it). */
  domain: string;
  /** Client for verifySiweMessage (ERC-6492 / ERC-1271 smart accounts need the chain). */
  client: Client;
  now?: () => number;
}

interface PeriodRows {
  stamp: string;
  rulesVersion: string;
  /** Published subscriber ids with rows in this period. */
  subscribers: Set<string>;
  tree?: FanRowsTree;
}

const MAX_BODY = 16_384;

function subscribersOf(bytes: Uint8Array): Set<string> {
  const lines = new TextDecoder().decode(bytes).split("\n");
  const column = parseCsvLine(lines[0] ?? "").indexOf("subscriber_id");
  const out = new Set<string>();
  for (let i = 1; i < lines.length; i++) if (lines[i] !== "") out.add(parseCsvLine(lines[i])[column]);
  return out;
}

export class ReceiptService {
  private readonly nonces = new Map<string, number>();
  private readonly cache = new Map<string, PeriodRows>();
  private readonly now: () => number;
  private readonly o: ReceiptServerOptions;

  constructor(o: ReceiptServerOptions) {
    this.o = o;
    this.now = o.now ?? (() => Date.now());
  }

  nonce(): string {
    const t = this.now();
    for (const [n, until] of this.nonces) if (until < t) this.nonces.delete(n);
    const nonce = generateSiweNonce();
    this.nonces.set(nonce, t + NONCE_TTL_SECONDS * 1000);
    return nonce;
  }

  /** The fan's periods, or null when the message or signature does not hold (nothing is revealed then). */
  async receipts(message: string, signature: Hex): Promise<ReceiptResponse | null> {
    let fields;
    try {
      fields = parseSiweMessage(message);
    } catch {
      return null;
    }
    const nonce = fields.nonce;
    if (!nonce || !fields.address) return null;
    const until = this.nonces.get(nonce);
    this.nonces.delete(nonce); // one attempt per nonce, good or bad
    if (until === undefined || until < this.now()) return null;
    let ok: boolean;
    try {
      ok = await verifySiweMessage(this.o.client, {
        message,
        signature,
        domain: this.o.domain,
        nonce,
        time: new Date(this.now()),
      });
    } catch {
      ok = false;
    }
    if (!ok) return null;
    const address = fields.address.toLowerCase();
    const periods: ReceiptPeriod[] = [];
    for (const period of this.periodIds()) {
      const rows = this.rowsOf(period);
      if (!rows) continue;
      const subscriber = pseudonymsFor(this.o.key, period, rows.rulesVersion).subscriber(address);
      if (!rows.subscribers.has(subscriber)) continue;
      const entry: ReceiptPeriod = { period, subscriber };
      const proof = rows.tree?.proofOf(subscriber);
      if (proof) {
        entry.rows = proof.rows;
        entry.proof = proof.proof;
      }
      periods.push(entry);
    }
    return { address, periods };
  }

  private periodIds(): string[] {
    const dir = this.o.periodsDir;
    const index = join(dir, "index.json");
    if (existsSync(index))
      return (JSON.parse(readFileSync(index, "utf8")).periods as { period: string }[]).map((p) => p.period);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((p) => existsSync(join(dir, p, "manifest.json")));
  }

  private rowsOf(period: string): PeriodRows | undefined {
    const folder = join(this.o.periodsDir, period);
    const manifestPath = join(folder, "manifest.json");
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(period) || !existsSync(manifestPath)) return undefined;
    const stamp = `${statSync(manifestPath).mtimeMs}`;
    const cached = this.cache.get(period);
    if (cached?.stamp === stamp) return cached;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const committed = withheldFiles(manifest).size > 0;
    const from = committed ? (this.o.rowsDir ? join(this.o.rowsDir, period) : undefined) : folder;
    if (!from || !existsSync(join(from, "payments.csv")) || !existsSync(join(from, "plays.csv"))) return undefined;
    const payments = readFileSync(join(from, "payments.csv"));
    const plays = readFileSync(join(from, "plays.csv"));
    const rows: PeriodRows = { stamp, rulesVersion: String(manifest.rules_version), subscribers: new Set() };
    if (committed) {
      rows.tree = new FanRowsTree(fanRowsOf(payments, plays));
      rows.subscribers = new Set(fanRowsOf(payments, plays).keys());
    } else {
      rows.subscribers = new Set([...subscribersOf(payments), ...subscribersOf(plays)]);
    }
    this.cache.set(period, rows);
    return rows;
  }

  /** Handles the receipt API's requests; false for any other path (the caller serves those). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const json = (status: number, body: unknown) =>
      res
        .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
        .end(JSON.stringify(body));
    if (path === RECEIPT_API.nonce && req.method === "GET") {
      json(200, { nonce: this.nonce() });
      return true;
    }
    if (path === RECEIPT_API.receipt && req.method === "POST") {
      let body: { message?: unknown; signature?: unknown };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        json(400, { error: "expected a JSON body {message, signature}" });
        return true;
      }
      const { message, signature } = body;
      const result =
        typeof message === "string" && typeof signature === "string" && /^0x[0-9a-fA-F]+$/.test(signature)
          ? await this.receipts(message, signature as Hex)
          : null;
      if (result) json(200, result);
      else json(401, { error: "sign-in failed: the message, its nonce or its signature is not valid" });
      return true;
    }
    return false;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
