// Off-chain campaign routing: a campaign with a payout address of its own (its recoupment waterfall) receives its
// off-chain referral shares, the statements say so, the registry is published, kept for good, and audited.
import { expect } from "chai";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditFiles } from "../../lib/audit/index.ts";
import {
  buildStatements,
  campaignsCsv,
  checkCampaignsKept,
  parseCampaigns,
  PublishedFileError,
} from "../../lib/publication/index.ts";
import { aggregatePlays } from "./rules.reference.ts";
import { allocatePeriod, campaignKey, cumulativeLeaves, type Artist, type Payment } from "../../lib/rules/index.ts";
import { runEngine } from "../../scripts/engine/run.ts";
import { readTree, writePeriodCsv, type Period } from "./engine.helpers.ts";

const sha256 = (d: Uint8Array) => createHash("sha256").update(d).digest("hex");
const A1 = "0x1111111111111111111111111111111111111111";
const A2 = "0x2222222222222222222222222222222222222222";
const WATERFALL = "0x3333333333333333333333333333333333333333";
const OTHER = "0x4444444444444444444444444444444444444444";
const artists = new Map<string, Artist>([
  ["a1", { artistId: "a1", payoutAddress: A1, name: "One" }],
  ["a2", { artistId: "a2", payoutAddress: A2, name: "Band" }],
]);
const enc = (s: string) => new TextEncoder().encode(s);

function pay(id: string, subscriberId: string, extra: Partial<Payment> = {}): Payment {
  return {
    paymentId: id,
    subscriberId,
    amount: 100n,
    poolShare: 60n,
    referralShare: 10n,
    referrerArtistId: "a2",
    referralPaidOnchain: false,
    campaign: "launch",
    paidAt: 1_700_000_000,
    ...extra,
  };
}

const period: Period = {
  artists: [...artists.values()],
  payments: [
    pay("p1", "s1"),
    pay("p2", "s2"),
    pay("p3", "s3", { campaign: "" }), // the band's direct link: its own payout
    pay("p4", "s4", { referralPaidOnchain: true }), // paid by the hub already: in statements only
  ],
  plays: [
    { subscriberId: "s1", artistId: "a1", msPlayed: 60_000 },
    { subscriberId: "s2", artistId: "a2", msPlayed: 60_000 },
  ],
};
const registry = new Map([[campaignKey("a2", "launch"), WATERFALL]]);

describe("engine: campaigns paid to their own payout address", function () {
  this.timeout(60_000);

  it("test_leaves_offchainReferralOfACampaignGoToItsPayout", () => {
    const alloc = allocatePeriod(period.payments, aggregatePlays(period.plays), 0n);
    const leaves = cumulativeLeaves(alloc, artists, new Map(), registry);
    const byAddress = new Map(leaves.map((l) => [l.address, l.period]));
    expect(byAddress.get(WATERFALL)).to.equal(20n);
    const band = alloc.artists.find((a) => a.artistId === "a2")!;
    expect(byAddress.get(A2)).to.equal(band.userCentric + band.unplayed + band.referralOffchain - 20n);
    expect(leaves.reduce((s, l) => s + l.period, 0n)).to.equal(alloc.totals.allocated);
    // Without the registry, the same shares go to the band's own address.
    expect(cumulativeLeaves(alloc, artists, new Map()).find((l) => l.address === WATERFALL)).to.equal(undefined);
  });

  it("test_statements_sayWhereEachCampaignsReferralsWent", () => {
    const alloc = allocatePeriod(period.payments, aggregatePlays(period.plays), 0n);
    const s = buildStatements("gapless-v1", "1", alloc, artists, new Map(), registry).find(
      (x) => x.artist_id === "a2",
    )!;
    expect(s.referral).to.deep.equal({ onchain: 10n, offchain: 30n, total: 40n, offchain_to_campaigns: 20n });
    expect(s.allocated).to.equal(s.usage.total + 30n - 20n);
    const launch = s.campaigns.find((c) => c.campaign === "launch")!;
    expect(launch.payout_address).to.equal(WATERFALL);
    expect(launch.referral_offchain).to.equal(20n);
    expect(s.campaigns.find((c) => c.campaign === "")!.payout_address).to.equal(null);
  });

  it("test_registry_roundTripsAndIsRefusedWhenBad", () => {
    const csv = campaignsCsv(registry);
    expect(csv).to.equal(`artist_id,campaign,payout_address\na2,launch,${WATERFALL}\n`);
    expect(parseCampaigns(enc(csv), artists)).to.deep.equal(registry);
    for (const [bad, pattern] of [
      ["artist_id,campaign,payout_address\nzz,launch,0x3333333333333333333333333333333333333333\n", /unknown artist/],
      ["artist_id,campaign,payout_address\na2,,0x3333333333333333333333333333333333333333\n", /empty campaign/],
      ["artist_id,campaign,payout_address\na2,x,0x12\n", /line 2/],
      [`artist_id,campaign,payout_address\na2,x,${OTHER}\na2,x,${OTHER}\n`, /listed twice/],
    ] as const)
      expect(() => parseCampaigns(enc(bad), artists)).to.throw(PublishedFileError, pattern);
  });

  it("test_registry_neverDropsOrRedirectsACampaign", () => {
    expect(() => checkCampaignsKept(registry, new Map([[campaignKey("a2", "launch"), OTHER]]))).to.throw(
      /cannot be redirected/,
    );
    expect(() => checkCampaignsKept(registry, new Map())).to.throw(/cannot be dropped/);
    checkCampaignsKept(registry, new Map([...registry, [campaignKey("a1", "tour"), OTHER]]));
  });

  it("test_engine_publishesTheRegistry_auditPasses_andTamperingOrRedirectingFails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-campaigns-"));
    try {
      const inputs = writePeriodCsv(join(dir, "in"), period);
      const campaigns = join(dir, "in", "campaigns.csv");
      writeFileSync(campaigns, campaignsCsv(registry));
      const first = await runEngine({ period: "p1", ...inputs, campaigns, out: join(dir, "p1") });
      const files = readTree(join(dir, "p1"));
      expect(new TextDecoder().decode(files.get("campaigns.csv"))).to.equal(campaignsCsv(registry));
      expect((first.manifest.inputs as Record<string, unknown>).campaigns).to.include({
        file: "campaigns.csv",
        rows: 1,
      });
      const dump = JSON.parse(new TextDecoder().decode(files.get("distribution.json")));
      expect(dump.values.map((v: { value: string[] }) => v.value[0].toLowerCase())).to.include(WATERFALL);
      const statement = JSON.parse(new TextDecoder().decode(files.get("statements/a2.json")));
      expect(statement.campaigns.find((c: { campaign: string }) => c.campaign === "launch").payout_address).to.equal(
        WATERFALL,
      );
      const audit = auditFiles({ files, previous: null, sha256 });
      expect(audit.checks.filter((c) => !c.ok)).to.deep.equal([]);

      // Redirecting the campaign in the published registry is caught.
      const tampered = new Map<string, Uint8Array>(files).set(
        "campaigns.csv",
        enc(campaignsCsv(new Map([[campaignKey("a2", "launch"), OTHER]]))),
      );
      expect(auditFiles({ files: tampered, previous: null, sha256 }).checks.some((c) => !c.ok)).to.equal(true);

      // The next period carries the registry without being given it, and refuses one that redirects it.
      await runEngine({ period: "p2", ...inputs, previous: join(dir, "p1"), out: join(dir, "p2") });
      expect(readTree(join(dir, "p2")).get("campaigns.csv")!.toString()).to.equal(campaignsCsv(registry));
      writeFileSync(campaigns, campaignsCsv(new Map([[campaignKey("a2", "launch"), OTHER]])));
      let refused: Error | undefined;
      await runEngine({ period: "p3", ...inputs, campaigns, previous: join(dir, "p2"), out: join(dir, "p3") }).catch(
        (e: Error) => (refused = e),
      );
      expect(refused?.message).to.match(/cannot be redirected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
