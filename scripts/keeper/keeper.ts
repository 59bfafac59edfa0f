// One keeper cycle: renew what is due, close the period on schedule, sync growth units, promote a matured root,
// report vetoes, run the payout hook. Every decision is re-derived from the chain at the start of the cycle, so a
// cycle can be cut short at any point (SIGKILL included) and the next one continues where the chain stands: the
// hub refuses to charge a subscription that is not due, so nothing is charged twice.
import { spawn } from "node:child_process";
import { decodeFunctionResult, type Address, type TransactionReceipt } from "viem";
import { fitModel, isolate, shrink, sizeFor, txGasCap, withMargin, type GasModel } from "./batches.ts";
import {
  ABI,
  HUB_DEFERS,
  calls,
  decodeLogs,
  endReasonName,
  type Call,
  type KeeperChain,
  type KeeperEvent,
} from "./chain.ts";
import type { EventScanner } from "./discover.ts";
import { isDue, nextEventAt, verdict, type Verdict } from "./due.ts";
import type { KeeperLog } from "./log.ts";
import type { KeeperMetrics } from "./metrics.ts";
import { closeDecision, type Schedule } from "./schedule.ts";
import type { Sender } from "./sender.ts";
import type { SubscriberSource } from "./sources.ts";

export type Task = "renew" | "close" | "sync" | "promote" | "payout";
export const TASKS: readonly Task[] = ["renew", "close", "sync", "promote", "payout"];

export interface KeeperOptions {
  tasks: ReadonlySet<Task>;
  dryRun: boolean;
  /** How long a due subscription that cannot pay is left alone before the renewal that ends it is sent. */
  graceSeconds: bigint;
  /** Share of the block gas limit one transaction may use, in basis points. */
  blockShareBps: bigint;
  /** The platform's own per-transaction gas cap, below the protocol's. */
  gasCap?: bigint;
  /** Gas limit = estimate plus this margin, in basis points. */
  marginBps: bigint;
  maxBatch: number;
  schedule: Schedule;
  syncEverySeconds: bigint;
  payoutCommand?: string;
  /** The gas-free payouts run in-process (`npm run payout`'s runPayout) after each promoted root. */
  payouts?: () => Promise<void>;
  /** Where renewals find candidates (default: the event scanner); e.g. the indexer's due list. */
  source?: SubscriberSource;
}

export interface CycleReport {
  due: number;
  renewed: number;
  ended: Record<string, number>;
  waiting: number;
  rejected: number;
  /** Transactions mined (renewal batches, closes, syncs, promotions). */
  txs: number;
  closedPeriod?: bigint;
  synced: number;
  promoted: number;
  vetoed: number;
  gasUsed: bigint;
  feesWei: bigint;
  /** Chain time the next thing falls due (a renewal, a grace period, a period boundary, a root's window). */
  nextAt?: bigint;
}

const newReport = (): CycleReport => ({
  due: 0,
  renewed: 0,
  ended: {},
  waiting: 0,
  rejected: 0,
  txs: 0,
  synced: 0,
  promoted: 0,
  vetoed: 0,
  gasUsed: 0n,
  feesWei: 0n,
});

/** A platform's refusal that hits every fan (token paused, hub blocklisted): nobody is ended for it. */
export class TokenRefusesError extends Error {}

export class Keeper {
  private renewModel: GasModel | undefined;
  private syncModel: GasModel | undefined;
  private lastSyncAt: bigint | undefined;
  private roles: Awaited<ReturnType<KeeperChain["hubRoles"]>> | undefined;
  /** The overdue time last reported to a keeper without the closer role (reported once per period). */
  private warnedNotCloser: bigint | undefined;
  private reportedPending = new Set<string>();
  private cycles = 0;
  stopping = false;
  private readonly chain: KeeperChain;
  /** Undefined in a dry run. */
  private readonly sender: Sender | undefined;
  private readonly from: Address;
  private readonly scanner: EventScanner;
  private readonly o: KeeperOptions;
  private readonly log: KeeperLog;
  private readonly metrics: KeeperMetrics;

  constructor(
    chain: KeeperChain,
    sender: Sender | undefined,
    from: Address,
    scanner: EventScanner,
    o: KeeperOptions,
    log: KeeperLog,
    metrics: KeeperMetrics,
  ) {
    this.chain = chain;
    this.sender = sender;
    this.from = from;
    this.scanner = scanner;
    this.o = o;
    this.log = log;
    this.metrics = metrics;
  }

  async cycle(): Promise<CycleReport> {
    const report = newReport();
    const head = await this.chain.head();
    await this.scanner.scan(head.number);
    this.roles ??= await this.chain.hubRoles();
    const cap = txGasCap(head.gasLimit, this.o.blockShareBps, this.o.gasCap);
    const now = head.timestamp;
    const next: bigint[] = [];
    if (this.o.tasks.has("renew")) {
      const at = await this.renew(now, cap, report);
      if (at !== undefined) next.push(at);
    }
    if (this.o.tasks.has("close") && !this.stopping) {
      const at = await this.close(now, cap, report);
      if (at !== undefined) next.push(at);
    }
    if (this.o.tasks.has("sync") && !this.stopping) await this.sync(now, cap, report);
    if (this.o.tasks.has("promote") && !this.stopping) {
      const at = await this.promote(report);
      if (at !== undefined) next.push(at);
    }
    for (const v of this.scanner.takeVetoes()) {
      report.vetoed++;
      this.metrics.vetoed.inc({ contract: v.contract });
      this.log.action("root-vetoed", {
        contract: v.contract,
        root: v.root,
        auditor: v.by,
        block: v.blockNumber,
        tx: v.transactionHash,
      });
    }
    if (
      this.o.tasks.has("payout") &&
      (this.o.payoutCommand || this.o.payouts) &&
      (report.promoted > 0 || this.cycles === 0) &&
      !this.o.dryRun
    ) {
      if (this.o.payouts) await this.runPayouts(this.o.payouts);
      if (this.o.payoutCommand) await this.payout(this.o.payoutCommand);
    }
    this.cycles++;
    report.nextAt = next.length ? next.reduce((a, b) => (a < b ? a : b)) : undefined;
    return report;
  }

  // ---------------------------------------------------------------- renewals

  private async renew(now: bigint, cap: bigint, report: CycleReport): Promise<bigint | undefined> {
    const source = this.o.source ?? this.scanner;
    const subs = await this.chain.subscriptions(await source.candidates(now));
    const due = subs.filter((s) => isDue(s, now));
    const canPay = due.length ? await this.chain.canPay(this.roles!.token, due) : [];
    const verdicts = new Map<Address, Verdict>();
    due.forEach((s, i) => verdicts.set(s.subscriber, verdict(s, canPay[i], now, this.o.graceSeconds)));
    // Oldest first: if the run is cut short, those longest overdue went first.
    const work = due
      .filter((s) => verdicts.get(s.subscriber) !== "wait")
      .sort((a, b) => (a.paidThrough < b.paidThrough ? -1 : a.paidThrough > b.paidThrough ? 1 : 0));
    report.due = due.length;
    report.waiting = due.length - work.length;
    this.metrics.due.set(due.length);
    this.metrics.skipped.set({ reason: "grace" }, report.waiting);
    if (due.length)
      this.log.action("due", {
        due: due.length,
        renew: [...verdicts.values()].filter((v) => v === "renew").length,
        end: work.length - [...verdicts.values()].filter((v) => v === "renew").length,
        waiting: report.waiting,
      });
    const items = work.map((s) => s.subscriber);
    this.renewModel = await this.batches(
      "renew-batch",
      items,
      cap,
      this.renewModel,
      (b) => calls.renewBatch(this.chain.addresses, b),
      report,
      {
        guard: async (batch) => this.guardTokenWide(batch, verdicts),
        onMined: (batch, events) => {
          const renewed = events.filter((e) => e.name === "Paid").length;
          const ended: Record<string, number> = {};
          for (const e of events.filter((x) => x.name === "SubscriptionEnded")) {
            const reason = endReasonName(e.args.reason);
            ended[reason] = (ended[reason] ?? 0) + 1;
            report.ended[reason] = (report.ended[reason] ?? 0) + 1;
            this.metrics.ended.inc({ reason });
          }
          report.renewed += renewed;
          this.metrics.renewed.inc(renewed);
          const deferred = events.filter((e) => e.name === "RenewalDeferred").length;
          if (deferred) this.metrics.deferred.inc(deferred);
          return {
            renewed,
            ended:
              Object.entries(ended)
                .map(([k, v]) => `${k}:${v}`)
                .join(",") || 0,
          };
        },
        progress: (sent) => `keeper: renewing ${sent.toLocaleString("en")}/${items.length.toLocaleString("en")} due`,
      },
    );
    this.metrics.skipped.set({ reason: "rejected" }, report.rejected);
    return nextEventAt(subs, now, this.o.graceSeconds);
  }

  /**
   * Refuses to send a batch when the simulation renews none of at least three subscribers who can pay: the token
   * refuses everyone (paused, or the hub blocklisted), and a hub without deferral (before contract hardening #11)
   * would end them all as if each fan had failed to pay. A hub that defers (`RenewalDeferred`) is left to do so.
   */
  private async guardTokenWide(batch: readonly Address[], verdicts: ReadonlyMap<Address, Verdict>): Promise<void> {
    const payable = batch.filter((s) => verdicts.get(s) === "renew").length;
    if (payable < 3 || HUB_DEFERS) return;
    const sim = await this.chain.simulate<`0x${string}`>(this.from, calls.renewBatch(this.chain.addresses, batch));
    if (!sim.ok) return;
    const renewed = decodeFunctionResult({ abi: ABI.hub, functionName: "renewBatch", data: sim.result }) as bigint;
    if (renewed === 0n) {
      this.metrics.errors.inc({ kind: "token_refuses" });
      throw new TokenRefusesError(
        `the token refuses every pull (${payable} subscribers with allowance and balance would renew none): paused, or the hub blocklisted? Nothing sent.`,
      );
    }
    if (renewed < BigInt(payable)) this.log.action("renew-shortfall", { payable, would_renew: renewed });
  }

  // ---------------------------------------------------------------- period close

  private async close(now: bigint, cap: bigint, report: CycleReport): Promise<bigint | undefined> {
    const me = this.from.toLowerCase();
    const lastBlock = this.scanner.lastCloseBlock ?? this.scanner.deployBlock!;
    const lastClose = await this.chain.blockTime(lastBlock);
    const d = closeDecision(lastClose, now, this.o.schedule);
    // Without the owner's or the closer's role, the hub lets anyone close a period once it is overdue.
    const closer = me === this.roles!.owner.toLowerCase() || me === this.roles!.periodCloser.toLowerCase();
    let overdue = false;
    if (!closer) {
      const overdueAt = (await this.chain.periodOpenedAt()) + this.roles!.overdueAfter;
      overdue = now >= overdueAt;
      if (!overdue) {
        if (this.warnedNotCloser !== overdueAt)
          this.log.action("close-skipped", {
            reason:
              "the keeper is neither the hub's owner nor its periodCloser (setPeriodCloser); anyone may close once overdue",
            overdue_at: new Date(Number(overdueAt) * 1000).toISOString(),
          });
        this.warnedNotCloser = overdueAt;
        return overdueAt;
      }
    } else if (!d.due) return d.boundary;
    const call = calls.closePeriod(this.chain.addresses);
    const est = await this.chain.estimate(this.from, call);
    if (!est.ok) {
      this.metrics.errors.inc({ kind: "close_reverts" });
      this.log.action("close-failed", { reason: est.reason });
      return undefined;
    }
    if (this.o.dryRun || !this.sender) {
      this.log.action("would-close-period", { boundary: d.boundary, missed: d.missed, gas: est.result });
      return undefined;
    }
    const receipt = await this.send(
      call,
      withMargin(est.result, this.o.marginBps) < cap ? withMargin(est.result, this.o.marginBps) : cap,
      "close-period",
      report,
    );
    const closed = decodeLogs(receipt.logs, this.chain.addresses.hub).find((e) => e.name === "PeriodClosed");
    if (closed) {
      report.closedPeriod = closed.args.period;
      this.metrics.periodsClosed.inc();
      this.scanner.lastCloseBlock = receipt.blockNumber;
      this.log.action("period-closed", {
        period: closed.args.period,
        pool: closed.args.pool,
        boundary: d.boundary,
        missed: d.missed,
        ...(overdue ? { overdue: true } : {}),
        tx: receipt.transactionHash,
      });
    }
    return undefined;
  }

  // ---------------------------------------------------------------- growth units

  private async sync(now: bigint, cap: bigint, report: CycleReport): Promise<void> {
    if (!this.chain.addresses.growthPool || this.scanner.referrers.size === 0) return;
    const wanted =
      report.closedPeriod !== undefined ||
      this.lastSyncAt === undefined ||
      now - this.lastSyncAt >= this.o.syncEverySeconds;
    if (!wanted) return;
    const referrers = [...this.scanner.referrers];
    const pending = await this.chain.pendingUnits(referrers);
    const holders = referrers.filter((_, i) => pending[i] > 0n);
    this.lastSyncAt = now;
    if (holders.length === 0) return;
    this.log.action("sync-due", { referrers: holders.length });
    this.syncModel = await this.batches(
      "sync-units",
      holders,
      cap,
      this.syncModel,
      (b) => calls.syncMany(this.chain.addresses, b),
      report,
      {
        onMined: (batch, events) => {
          report.synced += batch.length;
          this.metrics.synced.inc(batch.length);
          return { synced: batch.length, credited: events.filter((e) => e.name === "UnitsCredited").length };
        },
        progress: (sent) => `keeper: syncing ${sent}/${holders.length} referrers`,
      },
    );
  }

  // ---------------------------------------------------------------- roots

  /**
   * The distributor promotes lazily (a claim or a proposal promotes a matured root), and `promote()` lets anyone
   * do it once the window has passed: the keeper does, so the root is the stored active one, `RootActivated` is
   * emitted when the window ends and the first claimant does not pay for the promotion. The growth pool's units
   * roots (the same AuditedRoots, with the same `promote`) are left alone: they count from the end of their window by
   * themselves and the first `creditUnits` promotes them.
   */
  private async promote(report: CycleReport): Promise<bigint | undefined> {
    const distributor = this.chain.addresses.distributor;
    if (!distributor) return undefined;
    const call = calls.promote(this.chain.addresses);
    const sim = await this.chain.simulate(this.from, call);
    if (sim.ok) {
      const est = await this.chain.estimate(this.from, call);
      if (!est.ok) return undefined;
      if (this.o.dryRun || !this.sender) {
        this.log.action("would-promote", { gas: est.result });
        return undefined;
      }
      const receipt = await this.send(call, withMargin(est.result, this.o.marginBps), "promote-root", report);
      const activated = decodeLogs(receipt.logs, distributor).find((e) => e.name === "RootActivated");
      if (activated) {
        report.promoted++;
        this.metrics.promoted.inc();
        this.log.action("root-promoted", { root: activated.args.root, tx: receipt.transactionHash });
      }
      return undefined;
    }
    const pending = await this.chain.pendingRoot();
    if (!pending) return undefined;
    if (!this.reportedPending.has(pending.root)) {
      this.reportedPending.add(pending.root);
      this.log.action("root-pending", {
        root: pending.root,
        claimable_at: new Date(Number(pending.claimableAt) * 1000).toISOString(),
      });
    }
    return pending.claimableAt;
  }

  // ---------------------------------------------------------------- payouts

  private async runPayouts(run: () => Promise<void>): Promise<void> {
    this.log.action("payouts-start", {});
    try {
      await run();
      this.log.action("payouts-done", {});
    } catch (e) {
      this.metrics.errors.inc({ kind: "payout" });
      this.log.action("payouts-failed", { error: (e as Error).message.split("\n")[0] });
    } finally {
      // The payouts sent from the keeper's key: its next send re-reads the nonce.
      this.sender?.forgetNonce();
    }
  }

  private payout(command: string): Promise<void> {
    this.log.action("payout-start", { command });
    return new Promise((resolve) => {
      const child = spawn(command, { shell: true, stdio: "inherit" });
      child.on("close", (code) => {
        if (code !== 0) this.metrics.errors.inc({ kind: "payout" });
        this.log.action("payout-done", { exit: code });
        resolve();
      });
    });
  }

  // ---------------------------------------------------------------- batches and sending

  /**
   * Sends `items` in batches whose gas limit (measured estimate plus margin) stays under `cap`. The first two
   * estimates fit a gas model (fixed + per item); each estimate refines it; a batch estimated over the cap is
   * shrunk before sending; a batch whose simulation reverts is bisected and the items that revert alone are
   * left out (and counted as rejected).
   */
  private async batches(
    label: string,
    items: readonly Address[],
    cap: bigint,
    model: GasModel | undefined,
    callFor: (batch: readonly Address[]) => Call,
    report: CycleReport,
    hooks: {
      guard?: (batch: readonly Address[]) => Promise<void>;
      onMined: (batch: readonly Address[], events: KeeperEvent[]) => Record<string, unknown>;
      progress: (sent: number) => string;
    },
  ): Promise<GasModel | undefined> {
    if (items.length === 0) return model;
    const estimate = async (batch: readonly Address[]) => {
      const est = await this.chain.estimate(this.from, callFor(batch));
      return est.ok ? est.result : undefined;
    };
    if (!model) {
      const n2 = Math.min(items.length, 20);
      const [g1, g2] = [await estimate(items.slice(0, 1)), n2 > 1 ? await estimate(items.slice(0, n2)) : undefined];
      model = g1 !== undefined && g2 !== undefined ? fitModel(1, g1, n2, g2) : { fixed: 60_000n, perItem: 40_000n };
    }
    let size = sizeFor(model, cap, this.o.marginBps, this.o.maxBatch);
    let i = 0;
    while (i < items.length && !this.stopping) {
      const slice = items.slice(i, i + size);
      let batch: readonly Address[] = slice;
      let gas = await estimate(batch);
      if (gas === undefined) {
        const { accepted, rejected } = await isolate(batch, async (b) => (await estimate(b)) !== undefined);
        for (const r of rejected) {
          const why = await this.chain.estimate(this.from, callFor([r]));
          this.log.action(`${label}-rejected`, { item: r, reason: why.ok ? "reverts in a batch" : why.reason });
        }
        report.rejected += rejected.length;
        this.metrics.errors.inc({ kind: `${label}_rejected` }, rejected.length);
        batch = accepted;
        gas = accepted.length ? await estimate(accepted) : undefined;
        if (gas === undefined) {
          i += slice.length;
          continue;
        }
      }
      if (withMargin(gas, this.o.marginBps) > cap) {
        size = shrink(batch.length, gas, cap, this.o.marginBps);
        continue;
      }
      await hooks.guard?.(batch);
      const limit = withMargin(gas, this.o.marginBps);
      if (this.o.dryRun || !this.sender) {
        this.log.action(`would-${label}`, { size: batch.length, gas, gas_limit: limit, cap });
      } else {
        const receipt = await this.send(callFor(batch), limit, label, report);
        if (receipt.status === "success") {
          const events = decodeLogs(receipt.logs, callFor(batch).to);
          const fields = hooks.onMined(batch, events);
          this.log.action(label, {
            size: batch.length,
            ...fields,
            gas: receipt.gasUsed,
            gas_limit: limit,
            cap,
            tx: receipt.transactionHash,
          });
        }
      }
      // Refine the model from this estimate: what an item costs at this size.
      if (batch.length > 1) model = { fixed: model.fixed, perItem: (gas - model.fixed) / BigInt(batch.length) || 1n };
      size = sizeFor(model, cap, this.o.marginBps, this.o.maxBatch);
      i += slice.length;
      this.log.progress(hooks.progress(i));
    }
    return model;
  }

  private async send(call: Call, gas: bigint, label: string, report: CycleReport): Promise<TransactionReceipt> {
    const { receipt, attempts } = await this.sender!.send(call, gas, label);
    report.txs++;
    const fee = receipt.gasUsed * receipt.effectiveGasPrice;
    report.gasUsed += receipt.gasUsed;
    report.feesWei += fee;
    this.metrics.gas.inc({ action: label }, Number(receipt.gasUsed));
    this.metrics.feesWei.inc({ action: label }, Number(fee));
    this.metrics.txs.inc({ action: label, status: receipt.status });
    if (attempts > 1) this.metrics.replacements.inc(attempts - 1);
    if (receipt.status !== "success") {
      this.metrics.errors.inc({ kind: `${label}_reverted` });
      this.log.action(`${label}-reverted`, { tx: receipt.transactionHash, gas: receipt.gasUsed });
    }
    return receipt;
  }
}

/** The one-line summary of a cycle. */
export function summary(r: CycleReport, seconds: number): string {
  const ended =
    Object.entries(r.ended)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ") || "0";
  const parts = [
    `due ${r.due}`,
    `renewed ${r.renewed}`,
    `ended ${ended}`,
    `waiting ${r.waiting}`,
    `rejected ${r.rejected}`,
    `txs ${r.txs}`,
    r.closedPeriod !== undefined ? `closed period ${r.closedPeriod}` : undefined,
    `synced ${r.synced}`,
    `promoted ${r.promoted}`,
    r.vetoed ? `vetoed roots ${r.vetoed}` : undefined,
    `gas ${r.gasUsed.toLocaleString("en")}`,
    `${seconds.toFixed(1)} s`,
  ];
  return parts.filter(Boolean).join(" · ");
}
