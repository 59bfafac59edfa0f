// End-to-end tests in Debian's Chromium (driven by playwright-core; no browser is downloaded) against the
// local chain and the built app, with a test wallet injected as an EIP-1193 provider. Each test runs at
// 1280 px and at 390 px (a phone), with its own accounts where it writes. Screenshots go to test-artifacts/
// (and to docs/screenshots/ with GAPLESS_SCREENSHOTS=1). Prints "N passing" / "N failing" for scripts/test.ts.
//   npm run test:e2e
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import {
  ARTIFACTS,
  addresses,
  assert,
  client,
  closeAll,
  launch,
  openPages,
  pageAs,
  shot,
  stack,
  WIDTHS,
  type Width,
} from "./harness.ts";
import { moneyTests, renewalTest } from "./tests-money.ts";
import { readingTests } from "./tests-reading.ts";
import { receiptTests } from "./receipt.ts";
import { campaignTests } from "./tests-campaigns.ts";
import { bookTests } from "./book.ts";
import { devAddress } from "../../scripts/lib/seed-cast.ts";

export type E2eTest = { name: string; fn: (width: Width) => Promise<void>; once?: boolean };
// The receipt tests read the period published by the money tests, in which fan #10 subscribed at 1280 px.
const tests: E2eTest[] = [
  ...moneyTests,
  ...readingTests,
  ...receiptTests(devAddress(10)),
  ...campaignTests,
  renewalTest,
];

test("manager funds a campaign (its waterfall), fans subscribe through its link, the recoupment moves", async () => {
  // The artist's own payout is the residual; the artist registers the campaign (its payout: the waterfall).
  const band = ARTIST;
  const page = await pageAs(MANAGER, "/campaigns");
  await page.getByTestId("campaign-name").fill("e2e launch");
  await page.getByTestId("campaign-spend-input").fill("2");
  await page.getByTestId("campaign-residual").fill(band);
  await page.getByTestId("create-campaign").click();
  await waitTx(page);
  const [created] = (
    await client.getContractEvents({
      address: addresses.WaterfallFactory,
      abi: waterfallFactoryAbi,
      eventName: "WaterfallCreated",
      fromBlock: 0n,
    })
  ).filter((e) => e.args.tranches![0] % (1n << 160n) === BigInt(MANAGER));
  assert(created, "no waterfall repays the manager");
  const waterfall = created.args.waterfall!;
  const card = page.getByTestId(`campaign-${waterfall.toLowerCase()}`);
  const artistPage = await pageAs(ARTIST, "/campaigns");
  const artistCard = artistPage.getByTestId(`campaign-${waterfall.toLowerCase()}`);
  await artistCard.getByTestId("register-campaign").click();
  await waitTx(artistPage, artistCard);
  await artistPage.context().close();
  await page.reload();
  const link = (await card.getByTestId("campaign-link").textContent())!;
  assert(link.includes(`ref=${ARTIST}&c=`), `the campaign link ${link} does not carry the artist's campaign`);
  assert((await card.getByTestId("campaign-recouped").textContent()) === "0.00", "recouped before any fan");

  for (const fan of CAMPAIGN_FANS) {
    const fanPage = await pageAs(fan, new URL(link).pathname + new URL(link).search);
    // The fan is told where its referral share goes: the funder up to the spend, then the band.
    const note = (await fanPage.getByTestId("campaign-waterfall-note").textContent())!;
    assert(note.includes("up to 2.00"), `the subscribe page does not show the campaign's waterfall: ${note}`);
    await fanPage.getByRole("button", { name: "Get 100 test tokens" }).click();
    await waitTx(fanPage);
    await fanPage.getByTestId("subscribe").click();
    await waitTx(fanPage);
    const binding = await read(addresses.SubscriptionHub, abi.hub, "bindingOf", [fan]);
    assert(binding.referrer === waterfall, `fan bound to ${binding.referrer}, not the campaign's waterfall`);
    await fanPage.context().close();
  }
  const referral = (await read(addresses.SubscriptionHub, abi.hub, "referralBalanceOf", [waterfall])) as bigint;
  const spend = 2_000_000n;
  assert(referral > spend, `two payments' referral (${referral}) should exceed the 2.00 spend`);

  await page.reload();
  await card.getByTestId("campaign-fans").getByText("2").waitFor();
  assert((await card.getByTestId("campaign-revenue").textContent()) === formatAmount(referral), "revenue shown");
  assert((await card.getByTestId("campaign-recouped").textContent()) === "2.00", "recouped shown");
  assert((await card.getByTestId("campaign-remaining").textContent()) === "0.00", "remaining shown");
  await shot(page, "campaigns-before-release");
  const managerBefore = (await read(addresses.Token, abi.token, "balanceOf", [MANAGER])) as bigint;
  const bandBefore = (await read(addresses.Token, abi.token, "balanceOf", [band])) as bigint;
  await card.getByTestId("collect-release").click();
  await waitTx(page, card);
  await card.getByTestId("funder-repaid").getByText("2.00 of 2.00").waitFor();
  await shot(page, "campaigns");
  const managerAfter = (await read(addresses.Token, abi.token, "balanceOf", [MANAGER])) as bigint;
  const bandAfter = (await read(addresses.Token, abi.token, "balanceOf", [band])) as bigint;
  assert(managerAfter - managerBefore === spend, `manager repaid ${managerAfter - managerBefore}, not the spend`);
  assert(bandAfter - bandBefore === referral - spend, `band's Split got ${bandAfter - bandBefore}`);
  await page.context().close();
});

bookTests({
  test,
  assert,
  pageAs,
  shot,
  client: client as never,
  rpcUrl: stack.rpcUrl,
  indexerUrl: stack.indexerUrl,
  addresses,
  artist: ARTIST,
});

let passing = 0;
let failing = 0;
const started = performance.now();
try {
  const browser = await launch();
  // The first page's JavaScript, gzipped as a server would send it (the README's bundle figure).
  const home = await browser.newPage();
  const scripts: Promise<Buffer>[] = [];
  home.on("response", (r) => void (r.url().endsWith(".js") && scripts.push(r.body())));
  await home.goto(stack.appUrl);
  await home.getByText("Artist dashboard").first().waitFor();
  await home.waitForLoadState("networkidle");
  const gzipped = (await Promise.all(scripts)).reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  console.log(`  first page: ${scripts.length} JS files, ${(gzipped / 1024).toFixed(1)} kB gzipped (bar 300 kB)`);
  assert(gzipped <= 300 * 1024, "the first page loads more than 300 kB of gzipped JavaScript");
  await home.close();
  const only = process.env.GAPLESS_E2E_GREP ? new RegExp(process.env.GAPLESS_E2E_GREP) : null;
  for (const t of tests) {
    if (only && !only.test(t.name)) continue;
    for (const width of t.once ? [WIDTHS[0]] : WIDTHS) {
      const name = `${t.name} (${width} px)`;
      try {
        await t.fn(width);
        passing++;
        console.log(`  ✔ ${name}`);
      } catch (e) {
        failing++;
        for (const [i, p] of [...openPages].entries())
          await p
            .screenshot({
              path: join(ARTIFACTS, `FAILED-${t.name.slice(0, 30).replace(/\W+/g, "-")}-${width}-${i}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
        for (const p of [...openPages])
          await p
            .context()
            .close()
            .catch(() => undefined);
        console.log(`  ✗ ${name}\n    ${(e as Error).message.split("\n").slice(0, 6).join("\n    ")}`);
      }
    }
  }
} finally {
  await closeAll();
}
console.log(`\n  ${passing} passing (${((performance.now() - started) / 1000).toFixed(0)}s)`);
if (failing) console.log(`  ${failing} failing`);
process.exit(failing ? 1 : 0);
