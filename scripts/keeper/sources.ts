// Where the keeper's renewal step gets the subscribers that may be due: the hub's events (`EventScanner`, every
// subscriber ever seen) or, where one runs, the indexer's due list (`IndexerSource`, only those paid through at
// most now). Either list is only a candidate list: the hub's `subscriptionOf` and `renewable()` decide. When the
// indexer is unreachable or answers nonsense, the cycle falls back to the events, so nothing due is skipped.
import { isAddress, type Address } from "viem";

export interface SubscriberSource {
  /** Subscribers that may be due at chain time `now` (a superset of the due ones; the chain decides). */
  candidates(now: bigint): Promise<Address[]>;
}

/** The indexer's keyset cursor (`next` of `GET /api/subscriptions/due`). */
export interface DueCursor {
  subscriber: Address;
  paidThrough: number;
}

export interface DuePage {
  subscribers: Address[];
  next: DueCursor | null;
}

/** The URL of one page of the indexer's due list. */
export function dueUrl(base: string, before: bigint, limit: number, after: DueCursor | null): string {
  const u = new URL("/api/subscriptions/due", base.endsWith("/") ? base : `${base}/`);
  u.searchParams.set("before", String(before));
  u.searchParams.set("limit", String(limit));
  if (after) {
    u.searchParams.set("afterPaidThrough", String(after.paidThrough));
    u.searchParams.set("afterSubscriber", after.subscriber);
  }
  return u.toString();
}

/** Checks one answer of `GET /api/subscriptions/due` (docs/indexer.md); throws on anything else. */
export function parseDuePage(body: unknown): DuePage {
  const b = body as { subscriptions?: unknown; next?: unknown } | null;
  if (!b || !Array.isArray(b.subscriptions)) throw new Error("the due list has no subscriptions array");
  const subscribers = b.subscriptions.map((s: { subscriber?: unknown }) => {
    if (typeof s?.subscriber !== "string" || !isAddress(s.subscriber, { strict: false }))
      throw new Error(`the due list holds a bad subscriber: ${JSON.stringify(s?.subscriber)}`);
    return s.subscriber as Address;
  });
  const n = b.next as { subscriber?: unknown; paidThrough?: unknown } | null | undefined;
  if (n === null || n === undefined) return { subscribers, next: null };
  if (
    typeof n.subscriber !== "string" ||
    !isAddress(n.subscriber, { strict: false }) ||
    !Number.isSafeInteger(n.paidThrough)
  )
    throw new Error(`the due list has a bad cursor: ${JSON.stringify(n)}`);
  return { subscribers, next: { subscriber: n.subscriber as Address, paidThrough: n.paidThrough as number } };
}

export interface IndexerSourceOptions {
  url: string;
  /** Subscriptions per page (the indexer allows up to 10,000). */
  pageSize: number;
  timeoutMs: number;
  /** Pages at most per cycle: a cursor that never ends is an error, not a hang. */
  maxPages?: number;
  /** Called once per cycle in which the indexer failed and the fallback answered. */
  onFallback: (error: Error) => void;
  fetch?: typeof fetch;
}

export class IndexerSource implements SubscriberSource {
  private readonly o: IndexerSourceOptions;
  private readonly fallback: SubscriberSource;

  constructor(o: IndexerSourceOptions, fallback: SubscriberSource) {
    this.o = o;
    this.fallback = fallback;
  }

  async candidates(now: bigint): Promise<Address[]> {
    try {
      return await this.due(now);
    } catch (e) {
      this.o.onFallback(e as Error);
      return this.fallback.candidates(now);
    }
  }

  /** Every page of the indexer's due list for chain time `now`. */
  async due(now: bigint): Promise<Address[]> {
    const get = this.o.fetch ?? fetch;
    const out = new Set<Address>();
    let after: DueCursor | null = null;
    for (let page = 0; ; page++) {
      if (page === (this.o.maxPages ?? 10_000)) throw new Error(`the due list did not end after ${page} pages`);
      const url = dueUrl(this.o.url, now, this.o.pageSize, after);
      const res = await get(url, { signal: AbortSignal.timeout(this.o.timeoutMs) });
      if (!res.ok) throw new Error(`the indexer answered ${res.status} to ${url}`);
      const { subscribers, next } = parseDuePage(await res.json());
      for (const s of subscribers) out.add(s);
      if (!next) return [...out];
      after = next;
    }
  }
}
