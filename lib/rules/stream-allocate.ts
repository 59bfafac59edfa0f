// Rules v1 over counted plays streamed in subscriber order, in memory bounded by artists and
// subscribers rather than play pairs: the auditor's path over a published plays.csv (sorted by
// subscriber) and lib's allocatePeriod. The arithmetic is lib/rules/split.ts's UsageSplit, the same
// kernel the engine's DuckDB path runs; a property test holds both to an exact BigInt reference.
import { artistPartials, finishAllocation, paymentsPass, type PaymentsPass } from "./allocate.ts";
import { shareOf, UsageSplit, type Share } from "./split.ts";
import { compareStrings, type CountedPlays, type Payment, type PeriodAllocation } from "./types.ts";

export class StreamingAllocator {
  private readonly pass: PaymentsPass;
  private readonly carryIn: bigint;
  private readonly split = new UsageSplit();
  /** Artist id → dense index into the kernel's arrays, and back. */
  private readonly index = new Map<string, number>();
  private readonly ids: string[] = [];
  private subscriber: string | undefined;
  /** Pool share per paying subscriber, as a number where that is exact. */
  private readonly shares = new Map<string, number | bigint>();

  /** Paying subscribers (the pass's pool, moved into `shares`). */
  private readonly paying: number;

  /** Over the payments, or a payments pass read one payment at a time, which the allocator takes over. */
  constructor(payments: readonly Payment[] | PaymentsPass, carryIn: bigint) {
    this.pass = Array.isArray(payments) ? paymentsPass(payments) : (payments as PaymentsPass);
    this.carryIn = carryIn;
    const { pool } = this.pass;
    for (const [s, share] of pool) this.shares.set(s, shareOf(share));
    this.paying = pool.size;
    pool.clear(); // ten million subscribers' shares are held once, not twice
  }

  /**
   * One (subscriber, artist) pair of counted plays. Subscribers must come in ascending order, all
   * pairs of one subscriber together, each pair once (the caller checks pairs; order is checked here).
   */
  add(subscriberId: string, artistId: string, plays: number): void {
    this.addIndexed(subscriberId, this.artistIndex(artistId), plays);
  }

  /** The kernel index of one artist, for callers that resolve artist ids once. */
  artistIndex(artistId: string): number {
    let i = this.index.get(artistId);
    if (i === undefined) {
      i = this.ids.length;
      this.index.set(artistId, i);
      this.ids.push(artistId);
    }
    return i;
  }

  /** add() with the artist already resolved; pass the same subscriber string for all its pairs. */
  addIndexed(subscriberId: string, artist: number, plays: number): void {
    if (subscriberId !== this.subscriber) {
      if (this.subscriber !== undefined && compareStrings(this.subscriber, subscriberId) >= 0) {
        throw new Error(
          `subscriber ${JSON.stringify(subscriberId)} out of order (after ${JSON.stringify(this.subscriber)})`,
        );
      }
      this.close();
      this.subscriber = subscriberId;
    }
    this.split.push(artist, plays);
  }

  finish(): PeriodAllocation {
    this.close();
    const { pass, split } = this;
    split.forEachPlayed((a, countedPlays, userCentric) => {
      const acc = pass.artist(this.ids[a]);
      acc.countedPlays = countedPlays;
      acc.userCentric = userCentric;
    });
    return finishAllocation(artistPartials(pass.artists), {
      payments: pass.payments,
      payingSubscribers: this.paying,
      unplayedSubscribers: this.paying - split.playedPaying,
      amount: pass.amount,
      poolShares: pass.poolShares,
      referralOnchain: pass.referralOnchain,
      referralOffchain: pass.referralOffchain,
      carryIn: this.carryIn,
      unplayedPoolShares: pass.poolShares - split.playedShares.value(),
      countedPlays: split.countedPlays,
      playPairs: split.playPairs,
      userCentric: split.userCentric.value(),
    });
  }

  private close(): void {
    if (this.subscriber === undefined) return;
    const share: Share = this.shares.get(this.subscriber);
    this.split.close(share);
  }
}

/** The allocation over pairs given in subscriber order, without holding them. */
export function allocateStreamed(
  payments: readonly Payment[],
  pairs: Iterable<{ subscriberId: string; artistId: string; plays: number }>,
  carryIn: bigint,
): PeriodAllocation {
  const s = new StreamingAllocator(payments, carryIn);
  for (const p of pairs) s.add(p.subscriberId, p.artistId, p.plays);
  return s.finish();
}

/** Rules v1 for one period: counted plays per (subscriber, artist), each pair once, in any order. */
export function allocatePeriod(
  payments: readonly Payment[],
  plays: readonly CountedPlays[],
  carryIn: bigint,
): PeriodAllocation {
  const sorted = [...plays].sort(
    (a, b) => compareStrings(a.subscriberId, b.subscriberId) || compareStrings(a.artistId, b.artistId),
  );
  return allocateStreamed(payments, sorted, carryIn);
}
