// The engine on an on-chain platform's payments: the hub's `Paid` events, decoded by lib/chain/hub-payments.ts,
// written to a payments CSV the run's manifest hashes, and the block range recorded in the manifest so the
// audit's hub check needs no block numbers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Artist } from "../../lib/rules/index.ts";
import { PAYMENT_COLUMNS, csvLine } from "../../lib/publication/index.ts";
import { readHubPayments, type HubPayment, type HubPayments, type HubRange } from "../../lib/chain/hub-payments.ts";
import { loadArtists, openSource } from "./inputs.ts";
import { artistsCsv, runEngine, type EngineOptions, type EngineResult } from "./run.ts";

export {
  hubLogs,
  readHubPayments,
  type HubPayment,
  type HubPayments,
  type HubRange,
} from "../../lib/chain/hub-payments.ts";

export function hubPaymentsCsv(payments: readonly HubPayment[]): string {
  let out = csvLine([...PAYMENT_COLUMNS, "plan_id", "terms_version"]);
  for (const p of payments) {
    out += csvLine([
      p.paymentId,
      p.subscriberId,
      p.amount,
      p.poolShare,
      p.referralShare,
      p.referrerArtistId,
      p.referralPaidOnchain,
      p.campaign,
      p.paidAt,
      p.planId,
      p.termsVersion,
    ]);
  }
  return out;
}

/** Reads and validates the registry (CSV or Parquet) the way the engine does. */
export async function readRegistry(path: string): Promise<Map<string, Artist>> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const conn = await instance.connect();
  try {
    return await loadArtists(conn, await openSource(conn, "artists", path));
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export type HubEngineOptions = Omit<EngineOptions, "payments"> & HubRange;

/**
 * The engine on the hub's payments: they are written to a payments CSV (and unregistered referrers
 * appended to a copy of the registry) in a temporary folder, which the run's manifest then hashes; the
 * manifest records the hub and block range (`hub_events`). `read` passes payments already read (the demo
 * reads them first to make up its plays).
 */
export async function runEngineFromHub(o: HubEngineOptions, read?: HubPayments): Promise<EngineResult & HubPayments> {
  const registry = await readRegistry(o.artists);
  const hub = read ?? (await readHubPayments(o, registry));
  const dir = mkdtempSync(join(tmpdir(), "gapless-hub-"));
  try {
    const payments = join(dir, `payments-${o.hub.toLowerCase()}-${o.fromBlock}-${o.toBlock}.csv`);
    writeFileSync(payments, hubPaymentsCsv(hub.payments));
    let artists = o.artists;
    if (hub.extraArtists.length > 0) {
      for (const a of hub.extraArtists) registry.set(a.artistId, a);
      artists = join(dir, "artists-with-unregistered-referrers.csv");
      writeFileSync(artists, artistsCsv(registry));
    }
    const hubEvents = { hub: o.hub.toLowerCase(), fromBlock: o.fromBlock, toBlock: o.toBlock, hubPeriod: o.hubPeriod };
    const result = await runEngine({ ...o, payments, artists, hubEvents });
    return { ...result, ...hub };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
