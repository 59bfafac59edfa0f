// Webhook deliveries of an artist's alerts: each POST signed with HMAC-SHA256 under the registration's own secret,
// and retried with exponential backoff (capped) until the receiver answers 2xx — at least once, never given up. The
// indexer (indexer/src/api/webhooks.ts) stores the hooks and calls `deliverRound`; receivers check a delivery with
// `verifyDelivery` (docs/indexer.md "Webhooks" shows it standalone).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { toJson } from "../../lib/book/json.ts";
import type { Alert } from "../../lib/book/types.ts";

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = "x-gapless-signature";
/** The header naming the delivery: the same for every retry of the same alerts (receivers may dedupe on it). */
export const DELIVERY_HEADER = "x-gapless-delivery";

export interface Hook {
  account: `0x${string}`;
  url: string;
  /** The registration's HMAC key (hex), shown once to the artist when it registers. */
  secret: string;
  /** Alerts up to this time were delivered. */
  deliveredThrough: number;
  delivered: string[];
  /** Failed attempts since the last success, and when (unix ms) the next attempt may run. */
  failures?: number;
  retryAt?: number;
}

export interface Backoff {
  /** The wait after the first failure (ms); it doubles per failure. */
  baseMs: number;
  /** The longest wait between attempts (ms). */
  capMs: number;
}

export const newSecret = () => randomBytes(32).toString("hex");

/** The signature header for `body` sent at unix second `t`. */
export function signDelivery(secret: string, body: string, t: number): string {
  const mac = createHmac("sha256", Buffer.from(secret, "hex")).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${mac}`;
}

/** Whether `header` signs `body` under `secret`, sent within `toleranceS` seconds of `now` (unix seconds). */
export function verifyDelivery(secret: string, header: string, body: string, now: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now - t) > toleranceS || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  const expected = Buffer.from(signDelivery(secret, body, t).split("v1=")[1], "hex");
  return timingSafeEqual(expected, Buffer.from(parts.v1, "hex"));
}

/** The wait after `failures` failed attempts in a row: base × 2^(failures − 1), at most the cap. */
export const retryDelay = (failures: number, b: Backoff) =>
  Math.min(b.capMs, b.baseMs * 2 ** Math.min(failures - 1, 40));

/**
 * One round over every hook due now: POSTs its undelivered alerts (oldest first) as `{account, alerts}`, signed; a
 * 2xx marks them delivered, anything else (or no answer in `timeoutMs`) schedules a retry after the backoff. Returns
 * whether a hook changed (the caller saves them).
 */
export async function deliverRound(
  hooks: Hook[],
  alertsOf: (a: `0x${string}`) => Promise<Alert[]>,
  o: { nowMs: number; backoff: Backoff; timeoutMs?: number },
): Promise<boolean> {
  let changed = false;
  for (const h of hooks) {
    if ((h.retryAt ?? 0) > o.nowMs) continue;
    const fresh = (await alertsOf(h.account))
      .filter((a) => a.timestamp >= h.deliveredThrough && !h.delivered.includes(a.id))
      .reverse();
    if (!fresh.length) continue;
    const body = toJson({ account: h.account, alerts: fresh });
    let ok: boolean;
    try {
      const res = await fetch(h.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signDelivery(h.secret, body, Math.floor(o.nowMs / 1000)),
          [DELIVERY_HEADER]: `${fresh[0].id}..${fresh.at(-1)!.id}`,
        },
        body,
        signal: AbortSignal.timeout(o.timeoutMs ?? 5_000),
      });
      await res.body?.cancel();
      ok = res.ok;
    } catch {
      ok = false;
    }
    changed = true;
    if (!ok) {
      h.failures = (h.failures ?? 0) + 1;
      h.retryAt = o.nowMs + retryDelay(h.failures, o.backoff);
      continue;
    }
    const through = fresh.at(-1)!.timestamp;
    h.delivered = [
      ...h.delivered.filter(() => through === h.deliveredThrough),
      ...fresh.filter((a) => a.timestamp === through).map((a) => a.id),
    ];
    h.deliveredThrough = through;
    h.failures = 0;
    h.retryAt = 0;
  }
  return changed;
}
