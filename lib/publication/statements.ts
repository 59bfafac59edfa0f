// Per-artist statements: referral vs usage earnings, subscribers acquired and their payments (this
// period and lifetime, per campaign), and the pro-rata comparison that shows the value gap.
import { canonicalJson } from "./canonical.ts";
import { CsvError, csvLine, forEachCsvRecord } from "./csv.ts";
import { toChecksumAddress } from "../chain/address.ts";
import { campaignReferrals } from "../rules/leaves.ts";
import {
  campaignKey,
  compareStrings,
  type Artist,
  type CampaignPayouts,
  type PeriodAllocation,
} from "../rules/types.ts";

export interface LifetimeCampaign {
  payments: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
}

/** Totals carried from one publication's statements to the next, with the artist's last registry entry. */
export interface Lifetime {
  name: string;
  /** As published (EIP-55). */
  payoutAddress: string;
  acquiredPayments: bigint;
  referralOnchain: bigint;
  referralOffchain: bigint;
  usage: bigint;
  campaigns: Map<string, LifetimeCampaign>;
}

export interface CampaignStatement {
  campaign: string;
  /** The campaign's own payout address, which its off-chain referral shares are paid to; null: the artist's. */
  payout_address: string | null;
  subscribers: number;
  payments: bigint;
  referral_onchain: bigint;
  referral_offchain: bigint;
  lifetime_payments: bigint;
  lifetime_referral_onchain: bigint;
  lifetime_referral_offchain: bigint;
}

export interface Statement {
  format: "gapless-statement-v1";
  rules_version: string;
  period: string;
  artist_id: string;
  name: string;
  payout_address: string;
  counted_plays: number;
  usage: { user_centric: bigint; unplayed_pool: bigint; total: bigint };
  /** `offchain_to_campaigns`: the part of `offchain` paid to campaigns' own payout addresses, not to this one. */
  referral: { onchain: bigint; offchain: bigint; total: bigint; offchain_to_campaigns: bigint };
  /** usage + off-chain referral − what went to campaigns' payouts: this period's increase of the payout address's leaf. */
  allocated: bigint;
  /** allocated + on-chain referral. */
  earned: bigint;
  pro_rata: bigint;
  /** earned − pro_rata (may be negative). */
  value_gap: bigint;
  subscribers_acquired: number;
  acquired_payments: bigint;
  lifetime: {
    acquired_payments: bigint;
    referral_onchain: bigint;
    referral_offchain: bigint;
    usage: bigint;
    earned: bigint;
  };
  campaigns: CampaignStatement[];
}

const zeroLifetime = (): Lifetime => ({
  name: "",
  payoutAddress: "",
  acquiredPayments: 0n,
  referralOnchain: 0n,
  referralOffchain: 0n,
  usage: 0n,
  campaigns: new Map(),
});

/**
 * Statements of every artist active this period or with a previous statement, sorted by artist id.
 * An artist who has left the registry keeps its statement (lifetime totals, zero this period) under its
 * last registered name and payout address; its leaf is kept by cumulativeLeaves. Only artists in the
 * registry can be played, refer or be paid in a period (the inputs are checked for that).
 */
export function buildStatements(...args: Parameters<typeof eachStatement>): Statement[] {
  return [...eachStatement(...args)];
}

/** buildStatements one statement at a time, so a million artists' statements are never all held at once. */
export function* eachStatement(
  rulesVersion: string,
  period: string,
  allocation: PeriodAllocation,
  artists: ReadonlyMap<string, Artist>,
  previous: ReadonlyMap<string, Lifetime>,
  campaignPayouts: CampaignPayouts = new Map(),
): Generator<Statement> {
  const byId = new Map(allocation.artists.map((a) => [a.artistId, a]));
  const ids = [...new Set([...byId.keys(), ...previous.keys()])].sort(compareStrings);
  for (const id of ids) yield statementOf(id);

  function statementOf(id: string): Statement {
    const a = byId.get(id);
    const prev = previous.get(id) ?? zeroLifetime();
    const registered = artists.get(id);
    if (!registered && a) throw new Error(`artist ${JSON.stringify(id)} has an allocation but is not in the registry`);
    const name = registered ? registered.name : prev.name;
    const payoutAddress = registered ? toChecksumAddress(registered.payoutAddress) : prev.payoutAddress;
    const usage = (a?.userCentric ?? 0n) + (a?.unplayed ?? 0n);
    const on = a?.referralOnchain ?? 0n;
    const off = a?.referralOffchain ?? 0n;
    const earned = usage + on + off;
    const proRata = a?.proRata ?? 0n;
    const routed = campaignReferrals(id, a?.campaigns ?? [], campaignPayouts).reduce((t, r) => t + r.amount, 0n);
    const campaignNames = new Set([...(a?.campaigns.map((c) => c.campaign) ?? []), ...prev.campaigns.keys()]);
    const campaigns = [...campaignNames].sort(compareStrings).map((name): CampaignStatement => {
      const c = a?.campaigns.find((x) => x.campaign === name);
      const p = prev.campaigns.get(name) ?? { payments: 0n, referralOnchain: 0n, referralOffchain: 0n };
      const payout = campaignPayouts.get(campaignKey(id, name));
      return {
        campaign: name,
        payout_address: payout === undefined ? null : toChecksumAddress(payout),
        subscribers: c?.subscribers ?? 0,
        payments: c?.payments ?? 0n,
        referral_onchain: c?.referralOnchain ?? 0n,
        referral_offchain: c?.referralOffchain ?? 0n,
        lifetime_payments: p.payments + (c?.payments ?? 0n),
        lifetime_referral_onchain: p.referralOnchain + (c?.referralOnchain ?? 0n),
        lifetime_referral_offchain: p.referralOffchain + (c?.referralOffchain ?? 0n),
      };
    });
    const lifetimeUsage = prev.usage + usage;
    const lifetimeOn = prev.referralOnchain + on;
    const lifetimeOff = prev.referralOffchain + off;
    return {
      format: "gapless-statement-v1",
      rules_version: rulesVersion,
      period,
      artist_id: id,
      name,
      payout_address: payoutAddress,
      counted_plays: a?.countedPlays ?? 0,
      usage: { user_centric: a?.userCentric ?? 0n, unplayed_pool: a?.unplayed ?? 0n, total: usage },
      referral: { onchain: on, offchain: off, total: on + off, offchain_to_campaigns: routed },
      allocated: usage + off - routed,
      earned,
      pro_rata: proRata,
      value_gap: earned - proRata,
      subscribers_acquired: a?.subscribersAcquired ?? 0,
      acquired_payments: a?.acquiredPayments ?? 0n,
      lifetime: {
        acquired_payments: prev.acquiredPayments + (a?.acquiredPayments ?? 0n),
        referral_onchain: lifetimeOn,
        referral_offchain: lifetimeOff,
        usage: lifetimeUsage,
        earned: lifetimeUsage + lifetimeOn + lifetimeOff,
      },
      campaigns,
    };
  }
}

export function statementJson(s: Statement): string {
  return canonicalJson(s);
}

export const STATEMENT_COLUMNS = [
  "row",
  "artist_id",
  "campaign",
  "name",
  "payout_address",
  "counted_plays",
  "user_centric",
  "unplayed_pool",
  "usage",
  "referral_onchain",
  "referral_offchain",
  "allocated",
  "earned",
  "pro_rata",
  "value_gap",
  "subscribers",
  "payments",
  "lifetime_payments",
  "lifetime_referral_onchain",
  "lifetime_referral_offchain",
  "lifetime_usage",
  "lifetime_earned",
] as const;

/**
 * statements.csv: one "artist" row per statement followed by one "campaign" row per campaign
 * (figures that do not apply to a campaign row are empty).
 */
export function statementsCsv(statements: Iterable<Statement>): string {
  let out = STATEMENTS_CSV_HEADER;
  for (const s of statements) out += statementCsvRows(s);
  return out;
}

export const STATEMENTS_CSV_HEADER = csvLine(STATEMENT_COLUMNS);

/** One statement's rows of statements.csv: its "artist" row, then one "campaign" row per campaign. */
export function statementCsvRows(s: Statement): string {
  let out = csvLine([
    "artist",
    s.artist_id,
    "",
    s.name,
    s.payout_address,
    s.counted_plays,
    s.usage.user_centric,
    s.usage.unplayed_pool,
    s.usage.total,
    s.referral.onchain,
    s.referral.offchain,
    s.allocated,
    s.earned,
    s.pro_rata,
    s.value_gap,
    s.subscribers_acquired,
    s.acquired_payments,
    s.lifetime.acquired_payments,
    s.lifetime.referral_onchain,
    s.lifetime.referral_offchain,
    s.lifetime.usage,
    s.lifetime.earned,
  ]);
  for (const c of s.campaigns) {
    out += csvLine([
      "campaign",
      s.artist_id,
      c.campaign,
      "",
      "",
      "",
      "",
      "",
      "",
      c.referral_onchain,
      c.referral_offchain,
      "",
      "",
      "",
      "",
      c.subscribers,
      c.payments,
      c.lifetime_payments,
      c.lifetime_referral_onchain,
      c.lifetime_referral_offchain,
      "",
      "",
    ]);
  }
  return out;
}

/** Lifetime totals per artist from a previous statements.csv (the one CSV reader, so quoted names may span lines). */
export function lifetimeFromStatementsCsv(bytes: Uint8Array, file = "statements.csv"): Map<string, Lifetime> {
  const col = Object.fromEntries(STATEMENT_COLUMNS.map((c, i) => [c, i])) as Record<
    (typeof STATEMENT_COLUMNS)[number],
    number
  >;
  const out = new Map<string, Lifetime>();
  forEachCsvRecord(
    file,
    bytes,
    (f, line) => {
      const id = f[col.artist_id];
      const amount = (c: keyof typeof col): bigint => {
        if (!/^[0-9]{1,30}$/.test(f[col[c]]))
          throw new CsvError(
            file,
            line,
            col[c] + 1,
            `${c} ${JSON.stringify(f[col[c]])} is not a non-negative integer`,
            c,
          );
        return BigInt(f[col[c]]);
      };
      if (f[col.row] === "artist") {
        out.set(id, {
          name: f[col.name],
          payoutAddress: f[col.payout_address],
          acquiredPayments: amount("lifetime_payments"),
          referralOnchain: amount("lifetime_referral_onchain"),
          referralOffchain: amount("lifetime_referral_offchain"),
          usage: amount("lifetime_usage"),
          campaigns: new Map(),
        });
      } else {
        const l = out.get(id);
        if (!l) throw new CsvError(file, line, col.row + 1, "campaign row before its artist row", "row");
        l.campaigns.set(f[col.campaign], {
          payments: amount("lifetime_payments"),
          referralOnchain: amount("lifetime_referral_onchain"),
          referralOffchain: amount("lifetime_referral_offchain"),
        });
      }
    },
    { columns: STATEMENT_COLUMNS, finalNewline: true },
  );
  return out;
}
