// Webhooks an artist registers for its alerts: stored in a JSON file beside the database (GAPLESS_WEBHOOKS_FILE),
// registered with a signature of the artist's wallet (EIP-191, or ERC-1271 for a contract wallet), delivered by
// polling the alerts every few seconds, each delivery signed with the registration's secret and retried with capped
// exponential backoff until it lands (indexer/book/webhooks.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { publicClients } from "ponder:api";
import type { Alert } from "../../../lib/book/types.ts";
import { deliverRound, newSecret, type Backoff, type Hook } from "../../book/webhooks.ts";
import { ROOT } from "../../deployment.ts";

type Hex = `0x${string}`;
const FILE = process.env.GAPLESS_WEBHOOKS_FILE ?? join(ROOT, "indexer", ".ponder", "webhooks.json");

const BACKOFF: Backoff = {
  baseMs: Number(process.env.GAPLESS_WEBHOOK_RETRY_MS ?? 5_000),
  capMs: Number(process.env.GAPLESS_WEBHOOK_RETRY_CAP_MS ?? 3_600_000),
};

export const webhookMessage = (account: string, url: string) =>
  `Gapless: send the alerts of ${account.toLowerCase()} to ${url}`;

function load(): Hook[] {
  return existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as Hook[]) : [];
}
function save(hooks: Hook[]) {
  mkdirSync(dirname(FILE), { recursive: true });
  writeFileSync(`${FILE}.tmp`, JSON.stringify(hooks, null, 2));
  renameSync(`${FILE}.tmp`, FILE);
}

/** Registers (or re-registers, with a new secret) `url` for `account`'s alerts; returns the signing secret. */
export async function register(account: Hex, url: string, signature: Hex, now: number): Promise<string> {
  if (!/^https?:\/\//.test(url)) throw new Error("the webhook URL must be http(s)");
  const ok = await publicClients.gapless.verifyMessage({
    address: account,
    message: webhookMessage(account, url),
    signature,
  });
  if (!ok) throw new Error(`the signature is not ${account}'s`);
  const hooks = load().filter((h) => !(h.account === account && h.url === url));
  const secret = newSecret();
  hooks.push({ account, url, secret, deliveredThrough: now, delivered: [] });
  save(hooks);
  return secret;
}

export function hooksOf(account: Hex): { url: string }[] {
  return load()
    .filter((h) => h.account === account)
    .map((h) => ({ url: h.url }));
}

/** One delivery round over the hooks due now (indexer/book/webhooks.ts `deliverRound`). */
export async function deliver(alertsOf: (a: Hex) => Promise<Alert[]>): Promise<void> {
  const hooks = load();
  if (!hooks.length) return;
  if (await deliverRound(hooks, alertsOf, { nowMs: Date.now(), backoff: BACKOFF })) save(hooks);
}
