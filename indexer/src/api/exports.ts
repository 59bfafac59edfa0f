// Gathers one period's export lines from the tables, the chain (growth earnings per deposit) and the published
// statements, and writes them with lib/book/export (which refuses lines that do not equal the statement).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import { and, asc, eq, gt, lte } from "ponder";
import { parseCsvLine } from "../../../lib/publication/csv.ts";
import {
  artistExportCsv,
  platformExportCsv,
  type ExportLine,
  type PlatformItem,
  type StatementTotals,
} from "../../../lib/book/export.ts";
import { ABIS } from "../../abis.ts";
import { ROOT } from "../../deployment.ts";

type Hex = `0x${string}`;
const client = () => publicClients.gapless;

/** The published period folders (the demo serves app/public/periods); GAPLESS_PERIODS_DIR moves them. */
const PERIODS_DIR = process.env.GAPLESS_PERIODS_DIR ?? join(ROOT, "app", "public", "periods");

interface IndexEntry {
  period: string;
  hubPeriod: number;
  root: string | null;
}

function publishedEntry(hubPeriod: bigint): IndexEntry | undefined {
  const path = join(PERIODS_DIR, "index.json");
  if (!existsSync(path)) return undefined;
  const { periods } = JSON.parse(readFileSync(path, "utf8")) as { periods: IndexEntry[] };
  return periods.find((p) => BigInt(p.hubPeriod) === hubPeriod);
}

/** The statement figures of every artist row paid to `account` in the period's statements.csv. */
function statementTotals(entry: IndexEntry, account: Hex): StatementTotals | null {
  const path = join(PERIODS_DIR, entry.period, "statements.csv");
  if (!existsSync(path)) return null;
  const [header, ...rows] = readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((l, i) => parseCsvLine(l, path, i + 1));
  const col = (name: string) => header.indexOf(name);
  const totals: StatementTotals = {
    referralOnchain: 0n,
    referralOffchain: 0n,
    userCentric: 0n,
    unplayedPool: 0n,
    earned: 0n,
  };
  let found = false;
  for (const r of rows) {
    if (r[col("row")] !== "artist" || r[col("payout_address")].toLowerCase() !== account) continue;
    found = true;
    totals.referralOnchain += BigInt(r[col("referral_onchain")]);
    totals.referralOffchain += BigInt(r[col("referral_offchain")]);
    totals.userCentric += BigInt(r[col("user_centric")]);
    totals.unplayedPool += BigInt(r[col("unplayed_pool")]);
    totals.earned += BigInt(r[col("earned")]);
  }
  return found ? totals : null;
}

let tokenInfo: { token: Hex; decimals: number } | undefined;
export async function token(): Promise<{ token: Hex; decimals: number }> {
  if (!tokenInfo) {
    const [hub] = await db.select().from(schema.hubPeriod).limit(1);
    const hubAddress = hub?.hub ?? ((await db.select().from(schema.subscription).limit(1))[0]?.hub as Hex | undefined);
    if (!hubAddress) return { token: "0x0000000000000000000000000000000000000000", decimals: 6 };
    const t = (await client().readContract({
      abi: ABIS.SubscriptionHub,
      address: hubAddress,
      functionName: "TOKEN",
    })) as Hex;
    const decimals = Number(await client().readContract({ abi: ABIS.Token, address: t, functionName: "decimals" }));
    tokenInfo = { token: t.toLowerCase() as Hex, decimals };
  }
  return tokenInfo;
}

/** The period's time window: after the previous close, up to and including its own close (open: up to now). */
async function periodWindow(hubPeriod: bigint) {
  const closes = await db.select().from(schema.hubPeriod).orderBy(asc(schema.hubPeriod.period));
  const close = closes.find((c) => c.period === hubPeriod);
  const previous = closes.filter((c) => c.period < hubPeriod).at(-1);
  return { from: previous?.timestamp ?? 0n, to: close?.timestamp ?? 2n ** 62n, close };
}

export async function artistExport(account: Hex, hubPeriod: bigint): Promise<string> {
  const { token: tokenAddress, decimals } = await token();
  const window = await periodWindow(hubPeriod);
  const inWindow = (ts: bigint) => ts > window.from && ts <= window.to;
  const lines: ExportLine[] = [];
  const paid = await db
    .select()
    .from(schema.payment)
    .where(and(eq(schema.payment.referrer, account), eq(schema.payment.period, hubPeriod)));
  for (const p of paid) {
    if (p.referralPart === 0n) continue;
    lines.push({
      source: "referral",
      timestamp: Number(p.timestamp),
      counterparty: p.subscriber,
      campaign: String(p.campaign),
      amount: p.referralPart,
      txHash: p.txHash,
      detail: `${p.kind} payment of ${p.amount}`,
    });
  }
  const entry = publishedEntry(hubPeriod);
  const statement = entry ? statementTotals(entry, account) : null;
  if (entry && statement && entry.root) {
    const [root] = await db
      .select()
      .from(schema.root)
      .where(eq(schema.root.root, entry.root.toLowerCase() as Hex));
    const at = Number(root?.proposedAt ?? window.close?.timestamp ?? 0n);
    const tx = root?.txHash ?? "";
    const detail = `root ${entry.root}`;
    const add = (source: ExportLine["source"], amount: bigint) =>
      amount !== 0n &&
      lines.push({
        source,
        timestamp: at,
        counterparty: root?.contract ?? "",
        campaign: "",
        amount,
        txHash: tx,
        detail,
      });
    add("user-centric", statement.userCentric);
    add("unplayed-pool", statement.unplayedPool);
    add("referral-offchain", statement.referralOffchain);
  }
  // Growth: what each deposit added to the account's claimable (read at the deposit's block and the one before,
  // plus anything it claimed in that block), once it holds units.
  const deposits = (await db.select().from(schema.growthDeposit).orderBy(asc(schema.growthDeposit.block))).filter((d) =>
    inWindow(d.timestamp),
  );
  const [firstUnits] = await db
    .select()
    .from(schema.growthUnits)
    .where(eq(schema.growthUnits.holder, account))
    .orderBy(asc(schema.growthUnits.timestamp))
    .limit(1);
  const seen = new Set<string>();
  for (const d of deposits) {
    if (!firstUnits || firstUnits.timestamp > d.timestamp || seen.has(`${d.block}:${d.token}`)) continue;
    seen.add(`${d.block}:${d.token}`);
    const read = (block: bigint) =>
      client().readContract({
        abi: ABIS.GrowthPool,
        address: d.pool,
        functionName: "claimable",
        args: [account, d.token],
        blockNumber: block,
      }) as Promise<bigint>;
    const claims = await db
      .select()
      .from(schema.withdrawal)
      .where(
        and(
          eq(schema.withdrawal.account, account),
          eq(schema.withdrawal.source, "growth"),
          eq(schema.withdrawal.block, d.block),
          eq(schema.withdrawal.token, d.token),
        ),
      );
    const earned = (await read(d.block)) - (await read(d.block - 1n)) + claims.reduce((t, c) => t + c.amount, 0n);
    if (earned > 0n)
      lines.push({
        source: "growth",
        timestamp: Number(d.timestamp),
        counterparty: d.pool,
        campaign: "",
        amount: earned,
        txHash: d.txHash,
        detail: `deposit of ${d.amount} (ref ${d.ref})`,
      });
  }
  const releases = await db
    .select()
    .from(schema.splitRelease)
    .where(
      and(
        eq(schema.splitRelease.payee, account),
        eq(schema.splitRelease.failed, false),
        gt(schema.splitRelease.timestamp, window.from),
        lte(schema.splitRelease.timestamp, window.to),
      ),
    );
  for (const r of releases) {
    if (r.token !== tokenAddress) continue;
    lines.push({
      source: "split",
      timestamp: Number(r.timestamp),
      counterparty: r.split,
      campaign: "",
      amount: r.amount,
      txHash: r.txHash,
      detail: "release",
    });
  }
  return artistExportCsv({ period: String(hubPeriod), account, token: tokenAddress, decimals, lines, statement });
}

export async function platformExport(hubPeriod: bigint): Promise<string> {
  const { token: tokenAddress, decimals } = await token();
  const window = await periodWindow(hubPeriod);
  const paid = await db.select().from(schema.payment).where(eq(schema.payment.period, hubPeriod));
  const sum = (f: (p: (typeof paid)[number]) => bigint) => paid.reduce((t, p) => t + f(p), 0n);
  const last = Number(paid.reduce((m, p) => (p.timestamp > m ? p.timestamp : m), 0n));
  const items: PlatformItem[] = [
    { timestamp: last, item: "payments", count: paid.length, amount: sum((p) => p.amount), txHash: "" },
    {
      timestamp: last,
      item: "referral",
      count: paid.filter((p) => p.referralPart > 0n).length,
      amount: sum((p) => p.referralPart),
      txHash: "",
    },
    { timestamp: last, item: "pool", count: paid.length, amount: sum((p) => p.poolPart), txHash: "" },
    { timestamp: last, item: "platform", count: paid.length, amount: sum((p) => p.platformPart), txHash: "" },
  ];
  if (window.close)
    items.push({
      timestamp: Number(window.close.timestamp),
      item: "pool funded",
      count: 1,
      amount: window.close.pool,
      txHash: window.close.txHash,
    });
  const entry = publishedEntry(hubPeriod);
  if (entry?.root) {
    const [root] = await db
      .select()
      .from(schema.root)
      .where(eq(schema.root.root, entry.root.toLowerCase() as Hex));
    if (root)
      items.push({
        timestamp: Number(root.proposedAt),
        item: `root ${root.status} (cumulative total)`,
        count: 1,
        amount: root.total ?? 0n,
        txHash: root.txHash,
      });
  }
  for (const d of await db.select().from(schema.growthDeposit).orderBy(asc(schema.growthDeposit.block))) {
    if (d.timestamp > window.from && d.timestamp <= window.to)
      items.push({
        timestamp: Number(d.timestamp),
        item: `growth deposit (commitment ${d.commitmentId})`,
        count: 1,
        amount: d.amount,
        txHash: d.txHash,
      });
  }
  return platformExportCsv({ period: String(hubPeriod), token: tokenAddress, decimals, items });
}
