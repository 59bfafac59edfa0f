// Deterministic synthetic listening for the demo: each fan favours the artist who brought it and a few
// others, with popular artists played more; a few plays are under 30 s and a few fans play nothing.
export interface PlayRow {
  subscriberId: string;
  artistId: string;
  msPlayed: number;
}

/** mulberry32: a small seeded PRNG, so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fanPlays(
  subscriberId: string,
  referrerArtist: string | undefined,
  artistIds: readonly string[],
  seed: number,
): PlayRow[] {
  const rnd = prng(seed);
  if (rnd() < 0.05) return [];
  // Zipf-like popularity: artist k is picked with weight 1 / (k + 1).
  const zipf = () =>
    artistIds[Math.min(artistIds.length - 1, Math.floor(Math.exp(rnd() * Math.log(artistIds.length + 1))) - 1)];
  const favourites = [referrerArtist ?? zipf(), zipf(), zipf()];
  const count = 5 + Math.floor(rnd() * 40);
  const rows: PlayRow[] = [];
  for (let i = 0; i < count; i++) {
    const artistId = rnd() < 0.7 ? favourites[Math.floor(rnd() * favourites.length)] : zipf();
    const msPlayed = rnd() < 0.05 ? Math.floor(rnd() * 29_000) : 30_000 + Math.floor(rnd() * 240_000);
    rows.push({ subscriberId, artistId, msPlayed });
  }
  return rows;
}
