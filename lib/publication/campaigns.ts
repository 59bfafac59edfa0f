// campaigns.csv: the campaigns with a payout address of their own (a recoupment waterfall, a Split), one reader
// and one writer side by side. The engine takes it as an input and publishes it in the period folder; the next
// period and the auditor read it back. A registered campaign's payout is fixed for good: a later registry may add
// campaigns but never drop or redirect one (`checkCampaignsKept`).
import { normalizeAddress, toChecksumAddress } from "../chain/address.ts";
import { csvLine } from "./csv.ts";
import { forEachCsvRow } from "./published.ts";
import { campaignKey, compareStrings, type Artist, type CampaignPayouts } from "../rules/types.ts";

export const CAMPAIGNS_FILE = "campaigns.csv";
export const CAMPAIGN_COLUMNS = ["artist_id", "campaign", "payout_address"] as const;

/** Parses a campaign registry; every artist must be in `artists`, every (artist, campaign) once, never "". */
export function parseCampaigns(
  bytes: Uint8Array,
  artists: ReadonlyMap<string, Artist>,
  file = CAMPAIGNS_FILE,
): Map<string, string> {
  const out = new Map<string, string>();
  forEachCsvRow(file, bytes, CAMPAIGN_COLUMNS, ([artistId, campaign, address], _line, bad) => {
    if (!artists.has(artistId)) bad("artist_id", `unknown artist ${JSON.stringify(artistId)}`);
    if (campaign === "") bad("campaign", "empty campaign (the direct link pays the artist)");
    const key = campaignKey(artistId, campaign);
    if (out.has(key)) bad("campaign", `campaign ${JSON.stringify(campaign)} of ${artistId} listed twice`);
    const a = normalizeAddress(address);
    if ("error" in a) return bad("payout_address", a.error);
    out.set(key, a.address);
  });
  return out;
}

/** The registry as published: sorted by (artist_id, campaign), checksummed addresses. */
export function campaignsCsv(campaigns: CampaignPayouts): string {
  const rows = [...campaigns.entries()].map(([key, address]) => [...key.split("\u0000"), address] as const);
  rows.sort((x, y) => compareStrings(x[0], y[0]) || compareStrings(x[1], y[1]));
  return (
    csvLine([...CAMPAIGN_COLUMNS]) +
    rows.map(([artist, campaign, address]) => csvLine([artist, campaign, toChecksumAddress(address)])).join("")
  );
}

/** Throws unless every campaign of `previous` is in `current` with the same payout address. */
export function checkCampaignsKept(previous: CampaignPayouts, current: CampaignPayouts): void {
  for (const [key, address] of previous) {
    const [artist, campaign] = key.split("\u0000");
    const now = current.get(key);
    if (now === undefined)
      throw new Error(`campaign ${JSON.stringify(campaign)} of ${artist} pays ${address}; it cannot be dropped`);
    if (now !== address)
      throw new Error(
        `campaign ${JSON.stringify(campaign)} of ${artist} pays ${address} for good; it cannot be redirected to ${now}`,
      );
  }
}
