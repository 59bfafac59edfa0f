// Rules v1 over counted plays streamed in subscriber order, in memory bounded by artists and
// subscribers rather than play pairs: the auditor's path over a published plays.csv (sorted by
// subscriber). A property test holds it equal to allocatePeriod, the reference.
import { artistPartials, finishAllocation, paymentsPass, type ArtistAcc, type PaymentsPass } from "./allocate.ts";
import { compareStrings, type Payment, type PeriodAllocation } from "./types.ts";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** An artist's accumulator plus its user-centric sum as a number, flushed to the bigint before it could round. */
export interface ArtistSlot {
  acc: ArtistAcc;
  small: number;
}

/** floor(a × b / c) for safe integers with a × b ≤ 2^53; exact (the float guess is corrected). */
export function mulDivSmall(a: number, b: number, c: number): number {
  const x = a * b;
  let q = Math.floor(x / c);
  if (q * c > x) q--;
  else if ((q + 1) * c <= x) q++;
  return q;
}

/** A sum of non-negative integers kept in a number while that is exact. */
class ExactSum {
  private small = 0;
  private big = 0n;

  add(n: number): void {
    if (this.small + n > MAX_SAFE) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
    this.small += n;
  }

  addBig(n: bigint): void {
    this.big += n;
  }

  value(): bigint {
    return this.big + BigInt(this.small);
  }
}

export class StreamingAllocator {
  private readonly pass: PaymentsPass;
  // The slot list and plays of the current subscriber's pairs, reused between subscribers.
  private readonly carryIn: bigint;
  private readonly slots = new Map<string, ArtistSlot>();
  private subscriber: string | undefined;
  private readonly artistsOfSubscriber: ArtistSlot[] = [];
  private readonly playsOfSubscriber: number[] = [];
  private countedPlays = 0;
  private playPairs = 0;
  private readonly userCentric = new ExactSum();
  private playedPaying = 0;
  private readonly playedShares = new ExactSum();
  /** Pool shares as numbers where that is exact (-1 otherwise), so the common case skips bigints. */
  private readonly poolSmall = new Map<string, number>();

  constructor(payments: readonly Payment[], carryIn: bigint) {
    this.pass = paymentsPass(payments);
    this.carryIn = carryIn;
    for (const [s, share] of this.pass.pool) this.poolSmall.set(s, share <= BigInt(MAX_SAFE) ? Number(share) : -1);
  }

  /**
   * One (subscriber, artist) pair of counted plays. Subscribers must come in ascending order, all
   * pairs of one subscriber together, each pair once (the caller checks pairs; order is checked here).
   */
  add(subscriberId: string, artistId: string, plays: number): void {
    this.addToSlot(subscriberId, this.artistSlot(artistId), plays);
  }

  /** The accumulator of one artist, for callers that resolve artist ids themselves. */
  artistSlot(artistId: string): ArtistSlot {
    let slot = this.slots.get(artistId);
    if (!slot) this.slots.set(artistId, (slot = { acc: this.pass.artist(artistId), small: 0 }));
    return slot;
  }

  /** add() with the artist already resolved; pass the same subscriber string for all its pairs. */
  addToSlot(subscriberId: string, slot: ArtistSlot, plays: number): void {
    if (subscriberId !== this.subscriber) {
      if (this.subscriber !== undefined && compareStrings(this.subscriber, subscriberId) >= 0) {
        throw new Error(
          `subscriber ${JSON.stringify(subscriberId)} out of order (after ${JSON.stringify(this.subscriber)})`,
        );
      }
      this.flush();
      this.subscriber = subscriberId;
    }
    this.artistsOfSubscriber.push(slot);
    this.playsOfSubscriber.push(plays);
  }

  finish(): PeriodAllocation {
    this.flush();
    for (const slot of this.slots.values()) {
      slot.acc.userCentric += BigInt(slot.small);
      slot.small = 0;
    }
    const { pass } = this;
    return finishAllocation(artistPartials(pass.artists), {
      payments: pass.payments,
      payingSubscribers: pass.pool.size,
      unplayedSubscribers: pass.pool.size - this.playedPaying,
      amount: pass.amount,
      poolShares: pass.poolShares,
      referralOnchain: pass.referralOnchain,
      referralOffchain: pass.referralOffchain,
      carryIn: this.carryIn,
      unplayedPoolShares: pass.poolShares - this.playedShares.value(),
      countedPlays: this.countedPlays,
      playPairs: this.playPairs,
      userCentric: this.userCentric.value(),
    });
  }

  /** Closes the current subscriber: its pool share over the artists it played. */
  private flush(): void {
    const artists = this.artistsOfSubscriber;
    const plays = this.playsOfSubscriber;
    const n = artists.length;
    if (n === 0) return;
    let playsS = 0;
    for (let i = 0; i < n; i++) {
      artists[i].acc.countedPlays += plays[i];
      playsS += plays[i];
    }
    this.countedPlays += playsS;
    this.playPairs += n;
    const shareN = this.poolSmall.get(this.subscriber!);
    if (shareN === undefined || shareN === 0) {
      if (shareN === 0) this.playedPaying++;
    } else {
      this.playedPaying++;
      if (shareN > 0) this.playedShares.add(shareN);
      else this.playedShares.addBig(this.pass.pool.get(this.subscriber!)!);
      if (shareN > 0 && shareN * playsS <= MAX_SAFE) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const amount = mulDivSmall(shareN, plays[i], playsS);
          const slot = artists[i];
          if (slot.small + amount > MAX_SAFE) {
            slot.acc.userCentric += BigInt(slot.small);
            slot.small = 0;
          }
          slot.small += amount;
          sum += amount; // ≤ share, so exact
        }
        this.userCentric.add(sum);
      } else {
        const share = this.pass.pool.get(this.subscriber!)!;
        const total = BigInt(playsS);
        for (let i = 0; i < n; i++) {
          const amount = (share * BigInt(plays[i])) / total;
          artists[i].acc.userCentric += amount;
          this.userCentric.addBig(amount);
        }
      }
    }
    artists.length = 0;
    plays.length = 0;
  }
}

/** allocatePeriod over pairs given in subscriber order, without holding them. */
export function allocateStreamed(
  payments: readonly Payment[],
  pairs: Iterable<{ subscriberId: string; artistId: string; plays: number }>,
  carryIn: bigint,
): PeriodAllocation {
  const s = new StreamingAllocator(payments, carryIn);
  for (const p of pairs) s.add(p.subscriberId, p.artistId, p.plays);
  return s.finish();
}
