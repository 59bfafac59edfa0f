// The one exact split kernel of rules v1: each subscriber's pool share over the artists it played,
// floor(pool_s × plays_sa / plays_s) per (subscriber, artist), and the exact sums behind the period's
// totals. Both engine paths (the DuckDB pairs in scripts/engine/sql-allocate.ts and the JS
// StreamingAllocator) and the audit call this; nothing else divides money by plays. Numbers are used
// while every intermediate is an integer below 2^53 (exact in a double), bigints otherwise: each fast
// path checks before it adds, never after, because a double sum above 2^53 has already rounded.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** floor(a × b / c) for non-negative safe integers with a × b ≤ 2^53 − 1; exact (the float guess is corrected). */
export function mulDivSmall(a: number, b: number, c: number): number {
  const x = a * b;
  let q = Math.floor(x / c);
  if (q * c > x) q--;
  else if ((q + 1) * c <= x) q++;
  return q;
}

/** floor(amount × weight / total) in bigints (total > 0): the split of a pool by counted plays. */
export function splitByPlays(amount: bigint, weight: bigint, total: bigint): bigint {
  return (amount * weight) / total;
}

/** A sum of non-negative integers, kept in a number while that is exact. */
export class ExactSum {
  private small = 0;
  private big = 0n;

  /** Adds a non-negative safe integer. */
  add(n: number): void {
    // Checked before adding: small + n > MAX_SAFE is decided correctly even when the double sum rounds.
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

/** A subscriber's pool share: undefined = not paying this period; a number only when it is a safe integer. */
export type Share = number | bigint | undefined;

/** The exact number form of a share when it has one (≤ 2^53 − 1), else the bigint. */
export function shareOf(share: bigint): number | bigint {
  return share <= BigInt(MAX_SAFE) ? Number(share) : share;
}

/**
 * The user-centric split over runs of pairs, one run per subscriber: push() each (artist index, counted
 * plays) pair of the subscriber, then close() with its pool share. Per artist it sums counted plays and
 * user-centric amounts; over the period, counted plays, pairs, played paying subscribers, their pool
 * shares and the user-centric total. Artist indices are the caller's (dense, from 0); arrays grow.
 */
export class UsageSplit {
  private playsA: Float64Array;
  private small: Float64Array;
  private big: bigint[];
  private runArtists = new Int32Array(1024);
  private runPlays = new Int32Array(1024);
  private runLength = 0;
  countedPlays = 0;
  playPairs = 0;
  /** Subscribers with a payment (of any share, zero included) and counted plays. */
  playedPaying = 0;
  /** Σ pool shares of playedPaying subscribers. */
  readonly playedShares = new ExactSum();
  /** Σ of every user-centric amount. */
  readonly userCentric = new ExactSum();

  constructor(artists = 0) {
    const n = Math.max(16, artists);
    this.playsA = new Float64Array(n);
    this.small = new Float64Array(n);
    this.big = new Array<bigint>(n).fill(0n);
  }

  /** One pair of the current subscriber's run: `plays` counted plays (≥ 1) of artist `artist`. */
  push(artist: number, plays: number): void {
    if (artist >= this.playsA.length) this.growArtists(artist + 1);
    if (this.runLength === this.runArtists.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.runArtists = grow(this.runArtists);
      this.runPlays = grow(this.runPlays);
    }
    this.runArtists[this.runLength] = artist;
    this.runPlays[this.runLength++] = plays;
  }

  /** Closes the current run: the subscriber's pool share split over the artists it played. */
  close(share: Share): void {
    const n = this.runLength;
    if (n === 0) return;
    const { runArtists: artists, runPlays: plays, playsA, small } = this;
    let playsS = 0;
    for (let i = 0; i < n; i++) {
      playsA[artists[i]] += plays[i];
      playsS += plays[i];
    }
    this.countedPlays += playsS;
    this.playPairs += n;
    this.runLength = 0;
    if (share === undefined) return;
    this.playedPaying++;
    if (share === 0 || share === 0n) return;
    if (typeof share === "number" && share * playsS <= MAX_SAFE) {
      // Every product share × plays_sa ≤ share × plays_s ≤ 2^53 − 1: exact in doubles.
      this.playedShares.add(share);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const a = artists[i];
        const amount = mulDivSmall(share, plays[i], playsS);
        if (small[a] + amount > MAX_SAFE) {
          this.big[a] += BigInt(small[a]);
          small[a] = 0;
        }
        small[a] += amount;
        sum += amount; // Σ amounts ≤ share ≤ 2^53 − 1, so exact.
      }
      this.userCentric.add(sum);
    } else {
      const shareBig = BigInt(share);
      this.playedShares.addBig(shareBig);
      const total = BigInt(playsS);
      for (let i = 0; i < n; i++) {
        const amount = splitByPlays(shareBig, BigInt(plays[i]), total);
        this.big[artists[i]] += amount;
        this.userCentric.addBig(amount);
      }
    }
  }

  /** Calls `f` for every artist index with counted plays: its plays and exact user-centric sum. */
  forEachPlayed(f: (artist: number, countedPlays: number, userCentric: bigint) => void): void {
    for (let a = 0; a < this.playsA.length; a++) {
      if (this.playsA[a] > 0) f(a, this.playsA[a], this.big[a] + BigInt(this.small[a]));
    }
  }

  private growArtists(need: number): void {
    let size = this.playsA.length * 2;
    while (size < need) size *= 2;
    const playsA = new Float64Array(size);
    playsA.set(this.playsA);
    const small = new Float64Array(size);
    small.set(this.small);
    this.playsA = playsA;
    this.small = small;
    for (let i = this.big.length; i < size; i++) this.big.push(0n);
  }
}
