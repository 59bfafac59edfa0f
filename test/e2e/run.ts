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
// The book-of-business tests (the indexer) move the clock 40 days on: after the others, before the renewal test.
const book: E2eTest[] = [];
bookTests({
  test: (name, fn) => book.push({ name, fn, once: true }),
  assert,
  pageAs: (account, path) => pageAs(account, path, WIDTHS[0]),
  shot,
  client: client as never,
  rpcUrl: stack.rpcUrl,
  indexerUrl: stack.indexerUrl,
  addresses,
  artist: devAddress(2),
});
const tests: E2eTest[] = [
  ...moneyTests,
  ...readingTests,
  ...receiptTests(devAddress(10)),
  ...campaignTests,
  ...book,
  renewalTest,
];

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
