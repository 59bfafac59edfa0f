// The keeper's health and metrics endpoint, in the Prometheus text format (prom-client): GET /metrics, and
// GET /health (200 while the last successful cycle is recent, 503 otherwise).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Counter, Gauge, Registry } from "prom-client";

export class KeeperMetrics {
  readonly registry = new Registry();
  readonly renewed = this.counter("keeper_renewed_total", "Subscriptions renewed by the keeper's transactions");
  readonly ended = this.counter("keeper_ended_total", "Subscriptions ended by the keeper's transactions, by reason", [
    "reason",
  ]);
  readonly deferred = this.counter(
    "keeper_deferred_total",
    "Renewals the hub deferred because the token refused everyone (paused, hub blocklisted)",
  );
  readonly skipped = new Gauge({
    name: "keeper_skipped_subscriptions",
    help: "Due subscriptions left alone in the last cycle, by reason",
    labelNames: ["reason"],
    registers: [this.registry],
  });
  readonly due = new Gauge({
    name: "keeper_due_subscriptions",
    help: "Subscriptions due at the start of the last cycle",
    registers: [this.registry],
  });
  readonly gas = this.counter("keeper_gas_used_total", "Gas used by the keeper's mined transactions, by action", [
    "action",
  ]);
  readonly feesWei = this.counter("keeper_fees_wei_total", "Wei paid for the keeper's mined transactions, by action", [
    "action",
  ]);
  readonly txs = this.counter("keeper_transactions_total", "Transactions mined, by action and status", [
    "action",
    "status",
  ]);
  readonly replacements = this.counter("keeper_replacements_total", "Stuck transactions replaced with higher fees");
  readonly periodsClosed = this.counter("keeper_periods_closed_total", "Hub periods closed by the keeper");
  readonly synced = this.counter("keeper_growth_synced_total", "Referrers whose growth units the keeper synced");
  readonly promoted = this.counter("keeper_roots_promoted_total", "Distributor roots the keeper promoted");
  readonly vetoed = this.counter("keeper_roots_vetoed_total", "Vetoed roots seen, by contract", ["contract"]);
  readonly errors = this.counter("keeper_errors_total", "Errors, by kind", ["kind"]);
  readonly lastSuccess = new Gauge({
    name: "keeper_last_success_timestamp_seconds",
    help: "Unix time (wall clock) the last cycle completed without error",
    registers: [this.registry],
  });
  readonly cycles = this.counter("keeper_cycles_total", "Cycles run, by outcome", ["outcome"]);

  private counter(name: string, help: string, labelNames: string[] = []) {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** Serves /metrics and /health on 127.0.0.1 (or `host`); port 0 picks a free one. */
  async serve(port: number, maxAgeSeconds: number, host = "127.0.0.1"): Promise<{ url: string; server: Server }> {
    const server = createServer(async (req, res) => {
      if (req.url === "/metrics") {
        res.setHeader("content-type", this.registry.contentType);
        res.end(await this.registry.metrics());
      } else if (req.url === "/health") {
        const last = (await this.lastSuccess.get()).values[0]?.value ?? 0;
        const age = Date.now() / 1000 - last;
        const ok = last > 0 && age <= maxAgeSeconds;
        res.statusCode = ok ? 200 : 503;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok, last_success: last || null, age_seconds: last ? Math.round(age) : null }));
      } else {
        res.statusCode = 404;
        res.end("GET /metrics or /health\n");
      }
    });
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const { port: bound } = server.address() as AddressInfo;
    return { url: `http://${host}:${bound}`, server };
  }
}
