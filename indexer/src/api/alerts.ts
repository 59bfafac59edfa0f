// An artist's alerts: its fans' subscriptions, renewals, failures (with the reason) and cancels; every root that
// became claimable (promoted, or matured in its window with nobody promoting it); growth deposits once it holds
// units; payouts a relayer sent for it.
import { db } from "ponder:api";
import schema from "ponder:schema";
import { and, desc, eq, inArray, lte, ne, sql } from "ponder";
import { formatUnits } from "viem";
import type { Alert } from "../../../lib/book/types.ts";

type Hex = `0x${string}`;
const ZERO = "0x0000000000000000000000000000000000000000";

const short = (a: string | null) => (a ? `${a.slice(0, 6)}…${a.slice(-4)}` : "");
const REASONS: Record<string, string> = {
  allowance: "the fan's approval ran out",
  balance: "the fan's balance was too low",
  refused: "the token refused the transfer (the fan is blocklisted)",
  grace: "the token refused everyone past the grace period",
};

export function alertTitle(a: Pick<Alert, "kind" | "subscriber" | "amount" | "reason">, decimals: number): string {
  const amount = a.amount ? formatUnits(BigInt(a.amount), decimals) : "";
  switch (a.kind) {
    case "subscribed":
      return `${a.reason === "returned" ? "Fan came back" : "New fan"} ${short(a.subscriber)} (${amount} per period)`;
    case "renewed":
      return `Fan ${short(a.subscriber)} renewed: ${amount} referral earned`;
    case "deferred":
      return `Fan ${short(a.subscriber)}'s renewal was deferred: the token refused everyone (paused?); retried until ${new Date(Number(a.reason) * 1000).toISOString().slice(0, 10)}`;
    case "failed":
      return `Fan ${short(a.subscriber)} failed to renew: ${REASONS[a.reason ?? ""] ?? a.reason}`;
    case "cancelled":
      return `Fan ${short(a.subscriber)} cancelled`;
    case "root":
      return `A new allocation is claimable (root ${short(a.reason)})`;
    case "growth":
      return `Growth pool deposit of ${amount}: your share of the pool earns from it`;
    case "payout":
      return `Paid out ${amount} to you without gas (${a.reason})`;
  }
}

export async function alertsOf(address: Hex, o: { limit: number; now: bigint; decimals: number }): Promise<Alert[]> {
  const t = schema.alert;
  const firstUnits = db
    .select({ ts: sql<bigint>`min(${schema.growthUnits.timestamp})` })
    .from(schema.growthUnits)
    .where(eq(schema.growthUnits.holder, address));
  const [own, roots, growth, matured, relayed] = await Promise.all([
    db.select().from(t).where(eq(t.account, address)).orderBy(desc(t.block), desc(t.id)).limit(o.limit),
    db
      .select()
      .from(t)
      .where(and(eq(t.account, ZERO), eq(t.kind, "root")))
      .orderBy(desc(t.block))
      .limit(o.limit),
    db
      .select()
      .from(t)
      .where(and(eq(t.account, ZERO), eq(t.kind, "growth"), sql`${t.timestamp} >= (${firstUnits})`))
      .orderBy(desc(t.block))
      .limit(o.limit),
    db
      .select()
      .from(schema.root)
      .where(
        and(
          eq(schema.root.kind, "distribution"),
          eq(schema.root.status, "pending"),
          lte(schema.root.claimableAt, o.now),
        ),
      ),
    db
      .select()
      .from(schema.withdrawal)
      .where(
        and(
          eq(schema.withdrawal.account, address),
          ne(schema.withdrawal.sender, address),
          inArray(schema.withdrawal.source, ["hub", "distributor", "growth"]),
        ),
      )
      .orderBy(desc(schema.withdrawal.timestamp))
      .limit(o.limit),
  ]);
  const rows: Omit<Alert, "title">[] = [
    ...[...own, ...roots, ...growth].map((r) => ({
      id: r.id,
      kind: r.kind as Alert["kind"],
      subscriber: r.subscriber,
      amount: r.amount === null ? null : String(r.amount),
      reason: r.reason,
      timestamp: Number(r.timestamp),
      block: Number(r.block),
      txHash: r.txHash,
    })),
    ...matured.map((r) => ({
      id: `matured:${r.id}`,
      kind: "root" as const,
      subscriber: null,
      amount: r.total === null ? null : String(r.total),
      reason: r.root,
      timestamp: Number(r.claimableAt),
      block: 0,
      txHash: r.txHash,
    })),
    ...relayed.map((r) => ({
      id: `payout:${r.id}`,
      kind: "payout" as const,
      subscriber: null,
      amount: String(r.amount),
      reason: r.source,
      timestamp: Number(r.timestamp),
      block: 0,
      txHash: r.txHash,
    })),
  ];
  return rows
    .map((r) => ({ ...r, title: alertTitle(r, o.decimals) }))
    .sort((a, b) => b.timestamp - a.timestamp || b.block - a.block || b.id.localeCompare(a.id))
    .slice(0, o.limit);
}
