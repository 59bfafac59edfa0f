// The engine's privacy step: every subscriber id (in the payments and the raw plays) and every payment
// id is replaced by its per-period pseudonym (lib/publication/pseudonyms.ts) before anything is
// aggregated or written, and payment times are coarsened to the day. loadPlays then ranks subscribers
// by pseudonym through table `pseud(raw, p)`, so plays.csv comes out sorted by the published ids.
import { createHmac } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { PAID_AT_GRANULARITY, Pseudonyms, type HmacSha256 } from "../../lib/publication/index.ts";
import { RULES_VERSION } from "../../lib/rules/index.ts";

/** node:crypto's HMAC-SHA256: the same bytes as lib's pure one (tested), several times faster. */
export const nodeHmac: HmacSha256 = (key, message) => createHmac("sha256", key).update(message).digest();

export const pseudonymsFor = (key: Uint8Array, period: string, rules = RULES_VERSION) =>
  new Pseudonyms(key, rules, period, nodeHmac);

async function mapping(conn: DuckDBConnection, table: string, ids: string[], derive: (id: string) => string) {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${table} (raw VARCHAR, p VARCHAR)`);
  const appender = await conn.createAppender(table);
  for (const id of ids) {
    appender.appendVarchar(id);
    appender.appendVarchar(derive(id));
    appender.endRow();
  }
  appender.closeSync();
  const r = (
    await conn.runAndReadAll(`SELECT count(*) - count(DISTINCT p) AS clashes FROM ${table}`)
  ).getRowObjectsJS();
  if (Number(r[0].clashes) !== 0) throw new Error(`two ids share a pseudonym in ${table}; refusing to write`);
}

/**
 * Rewrites table `payments` to published ids and creates `pseud` for loadPlays, which calls this with
 * the table of the plays' distinct raw ids (so the raw plays are scanned once). Returns the smallest
 * number of fans whose payment rows look alike — same referrer, campaign, amount, parts and day — which
 * is how many fans one of them hides among when matched against the hub's public events (docs/privacy.md);
 * null without payments.
 */
export async function pseudonymise(conn: DuckDBConnection, rawIds: string, p: Pseudonyms): Promise<number | null> {
  const r = await conn.runAndReadAll(
    `SELECT DISTINCT raw FROM (SELECT raw FROM ${rawIds} UNION ALL SELECT subscriber_id FROM payments)
      WHERE coalesce(raw, '') <> ''`,
  );
  const subscribers = (r.getColumnsJS()[0] ?? []) as string[];
  await mapping(conn, "pseud", subscribers, (id) => p.subscriber(id));
  const payments = ((await conn.runAndReadAll("SELECT payment_id FROM payments")).getColumnsJS()[0] ?? []) as string[];
  await mapping(conn, "pay_pseud", payments, (id) => p.payment(id));
  await conn.run(`CREATE OR REPLACE TABLE payments AS SELECT
      pp.p AS payment_id, ps.p AS subscriber_id, amount, pool_share, referral_share, referrer_artist_id,
      referral_paid_onchain, campaign, paid_at - paid_at % ${PAID_AT_GRANULARITY} AS paid_at
    FROM payments JOIN pseud ps ON ps.raw = payments.subscriber_id JOIN pay_pseud pp ON pp.raw = payments.payment_id`);
  await conn.run("DROP TABLE pay_pseud");
  const group =
    await conn.runAndReadAll(`SELECT min(n) AS k FROM (SELECT count(DISTINCT subscriber_id) AS n FROM payments
    GROUP BY referrer_artist_id, campaign, amount, pool_share, referral_share, paid_at)`);
  const k = group.getRowObjectsJS()[0]?.k;
  return k === null || k === undefined ? null : Number(k);
}
