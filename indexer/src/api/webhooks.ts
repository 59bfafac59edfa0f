// Webhooks an artist registers for its alerts: stored in a JSON file beside the database (GAPLESS_WEBHOOKS_FILE),
// registered with a signature of the artist's wallet (EIP-191, or ERC-1271 for a contract wallet), delivered by
// polling the alerts every few seconds; a delivery that fails is retried on the next round from the same place.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { publicClients } from "ponder:api";
import { toJson } from "../../../lib/book/json.ts";
import type { Alert } from "../../../lib/book/types.ts";
import { ROOT } from "../../deployment.ts";

type Hex = `0x${string}`;
const FILE = process.env.GAPLESS_WEBHOOKS_FILE ?? join(ROOT, "indexer", ".ponder", "webhooks.json");

interface Hook {
  account: Hex;
  url: string;
  /** Alerts up to this time were delivered. */
  deliveredThrough: number;
  delivered: string[];
}

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

export async function register(account: Hex, url: string, signature: Hex, now: number): Promise<void> {
  if (!/^https?:\/\//.test(url)) throw new Error("the webhook URL must be http(s)");
  const ok = await publicClients.gapless.verifyMessage({
    address: account,
    message: webhookMessage(account, url),
    signature,
  });
  if (!ok) throw new Error(`the signature is not ${account}'s`);
  const hooks = load().filter((h) => !(h.account === account && h.url === url));
  hooks.push({ account, url, deliveredThrough: now, delivered: [] });
  save(hooks);
}

export function hooksOf(account: Hex): { url: string }[] {
  return load()
    .filter((h) => h.account === account)
    .map((h) => ({ url: h.url }));
}

/** One delivery round: POSTs each hook's new alerts (oldest first) as {account, alerts}. */
export async function deliver(alertsOf: (a: Hex) => Promise<Alert[]>): Promise<void> {
  const hooks = load();
  if (!hooks.length) return;
  let changed = false;
  for (const h of hooks) {
    const fresh = (await alertsOf(h.account))
      .filter((a) => a.timestamp >= h.deliveredThrough && !h.delivered.includes(a.id))
      .reverse();
    if (!fresh.length) continue;
    try {
      const res = await fetch(h.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: toJson({ account: h.account, alerts: fresh }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) continue;
    } catch {
      continue;
    }
    const through = fresh.at(-1)!.timestamp;
    h.delivered = [
      ...h.delivered.filter(() => through === h.deliveredThrough),
      ...fresh.filter((a) => a.timestamp === through).map((a) => a.id),
    ];
    h.deliveredThrough = through;
    changed = true;
  }
  if (changed) save(hooks);
}
