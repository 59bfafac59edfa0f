// Browser tests of the artist's book of business (read from the indexer): each fan with status and lapse reason,
// a campaign's retention chart, an alert after a renewal fails, the CSV export equal to the statement, and the
// dashboard still showing balances and Claim all when the indexer is unreachable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createTestClient, createWalletClient, http, type Address, type PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { parseArtistExport } from "../../lib/book/export.ts";
import type { FansPage } from "../../lib/book/types.ts";
import { subscriptionHubAbi, testTokenAbi } from "../../lib/chain/abis.ts";
import { parseCsvLine } from "../../lib/publication/csv.ts";
import { PLATFORM, devAddress } from "../../scripts/lib/seed-cast.ts";
import { PERIODS_DIR, readIndex } from "../../scripts/lib/seed-period.ts";
import { connect } from "./harness.ts";

export interface BookContext {
  test: (name: string, fn: () => Promise<void>) => void;
  assert: (condition: unknown, message: string) => asserts condition;
  pageAs: (account: Address, path: string) => Promise<Page>;
  shot: (page: Page, name: string) => Promise<unknown>;
  client: PublicClient;
  rpcUrl: string;
  indexerUrl: string;
  addresses: Record<string, Address>;
  artist: Address;
}

export function bookTests(c: BookContext): void {
  const { test } = c;
  const assert: (condition: unknown, message: string) => asserts condition = c.assert;
  const transport = http(c.rpcUrl);
  const wallet = createWalletClient({ chain: hardhat, transport });
  const chain = createTestClient({ chain: hardhat, mode: "hardhat", transport });
  const send = async (account: Address, address: Address, abi: unknown, functionName: string, args: unknown[]) => {
    const hash = await wallet.writeContract({ account, chain: hardhat, address, abi, functionName, args } as never);
    await c.client.waitForTransactionReceipt({ hash });
  };
  let lapsed: Address;

  test("artist sees each fan brought with its status, and an alert after a renewal fails (approval ran out)", async () => {
    const api = `${c.indexerUrl}/api/artists/${c.artist.toLowerCase()}`;
    const page0 = (await (await fetch(`${api}/fans?status=active&limit=1`)).json()) as FansPage;
    assert(page0.fans.length === 1, "the artist has no active fan to lapse");
    lapsed = page0.fans[0].subscriber as Address;
    // The fan withdraws its approval; the renewal after its paid-through time fails.
    await chain.impersonateAccount({ address: lapsed });
    await send(lapsed, c.addresses.Token, testTokenAbi, "approve", [c.addresses.SubscriptionHub, 0n]);
    await chain.increaseTime({ seconds: 40 * 86_400 });
    await chain.mine({ blocks: 1 });
    await send(devAddress(PLATFORM), c.addresses.SubscriptionHub, subscriptionHubAbi, "renewBatch", [[lapsed]]);

    const page = await c.pageAs(c.artist, "/artist");
    await page.getByTestId("fans").waitFor();
    await page.getByTestId("fan-filter").selectOption("lapsed");
    const row = page
      .locator(`[data-testid="fan-row"][data-reason="allowance"]`)
      .filter({ hasText: lapsed.slice(2, 6) });
    await row.first().waitFor({ timeout: 30_000 });
    const status = (await row.first().getByTestId("fan-status").textContent()) ?? "";
    assert(/lapsed: approval ran out/.test(status), `status shown: ${status}`);
    await page.getByTestId("fan-filter").selectOption("active");
    await page.locator(`[data-testid="fan-row"][data-status="active"]`).first().waitFor();
    const active = (await page.getByTestId("fan-status").first().textContent()) ?? "";
    assert(/^active — (renews|renewal due)/.test(active), `an active fan shows: ${active}`);
    const alert = page.locator(`[data-testid="alert"][data-kind="failed"]`).first();
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? "";
    assert(text.includes("failed to renew: the fan's approval ran out"), `alert shown: ${text}`);
    const atom = await (await fetch(`${api}/alerts.atom`)).text();
    assert(atom.includes("failed to renew"), "the Atom feed lacks the failed renewal");
    await c.shot(page, "artist-book");
    await page.context().close();
  });

  test("artist sees a campaign's month-by-month retention chart", async () => {
    const page = await c.pageAs(c.artist, "/artist");
    const chart = page.getByTestId("retention-chart").first();
    await chart.waitFor();
    const cohorts = await page.getByTestId("retention-cohort").count();
    assert(cohorts >= 1, "no cohort drawn");
    const points = await chart.locator("circle").count();
    assert(points >= 2, `a cohort curve needs at least two months, got ${points} points`);
    await page.context().close();
  });

  test("artist downloads a period's CSV whose totals equal the published statement", async () => {
    const entry = readIndex()
      .filter((e) => e.root)
      .at(-1)!;
    const page = await c.pageAs(c.artist, "/artist");
    await page.getByTestId("export").waitFor();
    await page.getByTestId("export-period").selectOption(String(entry.hubPeriod));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const { totals } = parseArtistExport(readFileSync(await download.path(), "utf8"));
    const [header, ...rows] = readFileSync(join(PERIODS_DIR, entry.period, "statements.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l, i) => parseCsvLine(l, "statements.csv", i + 1));
    const col = (n: string) => header.indexOf(n);
    const mine = rows.filter(
      (r) => r[col("row")] === "artist" && r[col("payout_address")].toLowerCase() === c.artist.toLowerCase(),
    );
    assert(mine.length === 1, `one statement row for the artist in period ${entry.period}`);
    const s = mine[0];
    const pairs: [string, bigint, bigint][] = [
      ["referral", totals.referral, BigInt(s[col("referral_onchain")])],
      ["user-centric", totals["user-centric"], BigInt(s[col("user_centric")])],
      ["unplayed-pool", totals["unplayed-pool"], BigInt(s[col("unplayed_pool")])],
    ];
    for (const [name, got, want] of pairs) assert(got === want, `${name}: CSV ${got}, statement ${want}`);
    const earned = totals.referral + totals["referral-offchain"] + totals["user-centric"] + totals["unplayed-pool"];
    assert(earned === BigInt(s[col("earned")]), `CSV earned ${earned}, statement ${s[col("earned")]}`);
    await page.context().close();
  });

  test("with the indexer unreachable the dashboard says so and still shows balances and Claim all", async () => {
    const page = await c.pageAs(c.artist, "/artist");
    await page.context().route(`${c.indexerUrl}/**`, (route) => route.abort());
    await page.reload();
    await connect(page); // like a real wallet, the test wallet forgets the page on reload
    await page.getByTestId("indexer-offline").waitFor({ timeout: 30_000 });
    await page.getByTestId("claimable-total").waitFor();
    assert(await page.getByTestId("claim-all").isVisible(), "Claim all is gone without the indexer");
    await page.context().close();
  });
}
