// Rules v1, rule by rule, with hand-computed expectations.
import { expect } from "chai";
import { allocatePeriod, cumulativeLeaves, type Artist, type Payment, type Play } from "../../lib/rules/index.ts";
import { aggregatePlays } from "./rules.reference.ts";
import { buildStatements, lifetimeFromStatementsCsv, statementsCsv } from "../../lib/publication/index.ts";

const A1 = "0x1111111111111111111111111111111111111111";
const A2 = "0x2222222222222222222222222222222222222222";
const A3 = "0x3333333333333333333333333333333333333333";
const artists = new Map<string, Artist>([
  ["a1", { artistId: "a1", payoutAddress: A1, name: "One" }],
  ["a2", { artistId: "a2", payoutAddress: A2, name: "Two" }],
  ["a3", { artistId: "a3", payoutAddress: A3, name: "Three" }],
]);

let nextId = 0;
function pay(subscriberId: string, poolShare: bigint, extra: Partial<Payment> = {}): Payment {
  return {
    paymentId: `p${nextId++}`,
    subscriberId,
    amount: poolShare * 2n,
    poolShare,
    referralShare: 0n,
    referrerArtistId: "",
    referralPaidOnchain: false,
    campaign: "",
    paidAt: 0,
    ...extra,
  };
}
const plays = (rows: [string, string, number][]): Play[] =>
  rows.map(([subscriberId, artistId, msPlayed]) => ({ subscriberId, artistId, msPlayed }));
const byArtist = (alloc: ReturnType<typeof allocatePeriod>) => new Map(alloc.artists.map((a) => [a.artistId, a]));

describe("engine rules v1", () => {
  it("test_threshold_countsPlaysOfAtLeastThirtySeconds", () => {
    const counted = aggregatePlays(
      plays([
        ["s1", "a1", 29_999],
        ["s1", "a1", 30_000],
        ["s1", "a2", 0],
        ["s1", "a2", 31_000],
        ["s1", "a2", 500_000],
      ]),
    );
    expect(counted).to.deep.equal([
      { subscriberId: "s1", artistId: "a1", plays: 1 },
      { subscriberId: "s1", artistId: "a2", plays: 2 },
    ]);
  });

  it("test_userCentric_splitsEachSubscribersPoolByItsOwnPlays", () => {
    const counted = aggregatePlays(
      plays([
        ["s1", "a1", 40_000],
        ["s1", "a1", 40_000],
        ["s1", "a2", 40_000],
        ["s2", "a3", 40_000],
      ]),
    );
    const alloc = allocatePeriod([pay("s1", 900n), pay("s2", 100n)], counted, 0n);
    const a = byArtist(alloc);
    expect(a.get("a1")!.userCentric).to.equal(600n);
    expect(a.get("a2")!.userCentric).to.equal(300n);
    // s2 plays one artist once and its whole pool share goes there; pro-rata would pay it 250.
    expect(a.get("a3")!.userCentric).to.equal(100n);
    expect(a.get("a3")!.proRata).to.equal(250n); // floor(1000 × 1 / 4)
    expect(alloc.totals.carryOut).to.equal(0n);
  });

  it("test_rounding_floorsPerPairAndCarriesTheRemainder", () => {
    // s1: 100 over 3 plays (1 each) → 33 + 33 + 33, remainder 1 carried.
    const counted = aggregatePlays(
      plays([
        ["s1", "a1", 30_000],
        ["s1", "a2", 30_000],
        ["s1", "a3", 30_000],
      ]),
    );
    const alloc = allocatePeriod([pay("s1", 100n)], counted, 0n);
    for (const a of alloc.artists) expect(a.userCentric).to.equal(33n);
    expect(alloc.totals.allocated).to.equal(99n);
    expect(alloc.totals.carryOut).to.equal(1n);
    expect(alloc.totals.allocated + alloc.totals.carryOut).to.equal(alloc.totals.funded);
  });

  it("test_unplayed_subscribersPoolGoesProRataOverAllCountedPlays", () => {
    // s2 paid 70 and played nothing counted; the carry-in of 5 joins the unplayed pool: 75 over
    // 3 counted plays (a1: 2, a2: 1) → 50 and 25.
    const counted = aggregatePlays(
      plays([
        ["s1", "a1", 30_000],
        ["s1", "a1", 30_000],
        ["s1", "a2", 30_000],
        ["s2", "a3", 10_000],
      ]),
    );
    const alloc = allocatePeriod([pay("s1", 30n), pay("s2", 70n)], counted, 5n);
    const a = byArtist(alloc);
    expect(alloc.totals.unplayedSubscribers).to.equal(1);
    expect(alloc.totals.unplayedPool).to.equal(75n);
    expect(a.get("a1")!.unplayed).to.equal(50n);
    expect(a.get("a2")!.unplayed).to.equal(25n);
    expect(a.get("a1")!.userCentric).to.equal(20n);
    expect(a.get("a2")!.userCentric).to.equal(10n);
    expect(a.has("a3")).to.equal(false);
    expect(alloc.totals.funded).to.equal(105n);
    expect(alloc.totals.carryOut).to.equal(0n);
  });

  it("test_noCountedPlays_everythingCarries", () => {
    const alloc = allocatePeriod([pay("s1", 500n)], aggregatePlays(plays([["s1", "a1", 1_000]])), 7n);
    expect(alloc.totals.allocated).to.equal(0n);
    expect(alloc.totals.carryOut).to.equal(507n);
  });

  it("test_referrals_offchainAllocatedOnchainOnlyReported", () => {
    const payments = [
      pay("s1", 60n, { amount: 100n, referralShare: 10n, referrerArtistId: "a2", campaign: "tour" }),
      pay("s1", 60n, { amount: 100n, referralShare: 10n, referrerArtistId: "a2", campaign: "tour" }),
      pay("s2", 60n, { amount: 100n, referralShare: 10n, referrerArtistId: "a2", referralPaidOnchain: true }),
    ];
    const alloc = allocatePeriod(
      payments,
      aggregatePlays(
        plays([
          ["s1", "a1", 30_000],
          ["s2", "a1", 30_000],
        ]),
      ),
      0n,
    );
    const a2 = byArtist(alloc).get("a2")!;
    expect(a2.referralOffchain).to.equal(20n);
    expect(a2.referralOnchain).to.equal(10n);
    expect(a2.subscribersAcquired).to.equal(2);
    expect(a2.acquiredPayments).to.equal(300n);
    expect(a2.campaigns).to.deep.equal([
      { campaign: "", subscribers: 1, payments: 100n, referralOnchain: 10n, referralOffchain: 0n },
      { campaign: "tour", subscribers: 1, payments: 200n, referralOnchain: 0n, referralOffchain: 20n },
    ]);
    // Funded = pool 180 + off-chain referrals 20; the on-chain 10 never enters the distributor.
    expect(alloc.totals.funded).to.equal(200n);
    expect(alloc.totals.allocated + alloc.totals.carryOut).to.equal(200n);
  });

  it("test_leaves_areCumulativeAndKeepAbsentAddresses", () => {
    const alloc = allocatePeriod([pay("s1", 100n)], aggregatePlays(plays([["s1", "a1", 30_000]])), 0n);
    const previous = new Map([
      [A1, 40n],
      [A3, 7n],
    ]);
    const leaves = cumulativeLeaves(alloc, artists, previous);
    expect(leaves).to.deep.equal([
      { address: A1, amount: 140n, period: 100n },
      { address: A3, amount: 7n, period: 0n },
    ]);
  });

  it("test_leaves_artistsSharingAnAddressShareALeaf", () => {
    const shared = new Map(artists);
    shared.set("a2", { artistId: "a2", payoutAddress: A1, name: "Two" });
    const alloc = allocatePeriod(
      [pay("s1", 100n)],
      aggregatePlays(
        plays([
          ["s1", "a1", 30_000],
          ["s1", "a2", 30_000],
        ]),
      ),
      0n,
    );
    expect(cumulativeLeaves(alloc, shared, new Map())).to.deep.equal([{ address: A1, amount: 100n, period: 100n }]);
  });

  it("test_statements_carryLifetimeTotalsThroughTheCsv", () => {
    const p1 = [pay("s1", 60n, { amount: 100n, referralShare: 10n, referrerArtistId: "a1", campaign: "x" })];
    const c = aggregatePlays(plays([["s1", "a1", 30_000]]));
    const first = buildStatements("gapless-v1", "1", allocatePeriod(p1, c, 0n), artists, new Map());
    const lifetime = lifetimeFromStatementsCsv(new TextEncoder().encode(statementsCsv(first)));
    const second = buildStatements("gapless-v1", "2", allocatePeriod(p1, c, 0n), artists, lifetime);
    const s = second.find((x) => x.artist_id === "a1")!;
    expect(s.lifetime.acquired_payments).to.equal(200n);
    expect(s.lifetime.referral_offchain).to.equal(20n);
    expect(s.lifetime.usage).to.equal(120n);
    expect(s.lifetime.earned).to.equal(140n);
    expect(s.campaigns[0].lifetime_payments).to.equal(200n);
    expect(s.value_gap).to.equal(s.earned - s.pro_rata);
  });
});
