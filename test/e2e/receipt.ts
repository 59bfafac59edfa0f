// Browser tests of the fan's receipt (run after the money tests, in which this fan subscribed and the
// platform published the period it paid in): sign in with SIWE through the injected wallet, see the receipt
// of the latest published period holding the fan's rows verified, share a line; then a tampered published file
// makes the page report the mismatch.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Address } from "viem";
import { assert, pageAs, shot, type Width } from "./harness.ts";
import type { E2eTest } from "./run.ts";
import { RULES_VERSION, fanReceipt } from "../../lib/rules/index.ts";
import {
  Pseudonyms,
  parsePseudonymKey,
  parsePublishedArtists,
  parsePublishedPayments,
  parsePublishedPlays,
} from "../../lib/publication/index.ts";
import { PERIODS_DIR, readIndex } from "../../scripts/lib/seed-period.ts";
import { E2E_PSEUDONYM_KEY } from "./stack.ts";

/** The latest published period in which `fan` paid (what the receipt page shows first). */
function lastPeriodOf(fan: Address) {
  for (const entry of [...readIndex()].reverse()) {
    const ids = new Pseudonyms(parsePseudonymKey(E2E_PSEUDONYM_KEY), RULES_VERSION, entry.period);
    const payments = readFileSync(join(PERIODS_DIR, entry.period, "payments.csv"), "utf8");
    if (payments.includes(ids.subscriber(fan.toLowerCase()))) return entry;
  }
  throw new Error(`no published period holds a payment of ${fan}`);
}

export function receiptTests(fan: Address): E2eTest[] {
  const tests: E2eTest[] = [];
  const test = (name: string, fn: (width: Width) => Promise<void>) => tests.push({ name, fn });

  async function signedIn(width: Width): Promise<Page> {
    const page = await pageAs(fan, "/receipt", width);
    await page.getByTestId("receipt-sign-in").click();
    await page.getByTestId("receipt-verdict").waitFor();
    return page;
  }

  test("fan signs in with their wallet and sees the verified receipt of the latest published period it paid in", async (width) => {
    const entry = lastPeriodOf(fan);
    const page = await signedIn(width);
    await page.getByTestId("receipt-title").waitFor();
    await shot(page, `receipt-${width}`);
    const verdict = page.getByTestId("receipt-verdict");
    assert((await verdict.getAttribute("data-verified")) === "true", `not verified: ${await verdict.textContent()}`);
    const title = (await page.getByTestId("receipt-title").textContent())!;
    assert(title.endsWith(`in period ${entry.period}`), `title "${title}" is not for period ${entry.period}`);

    // The engine's allocation for this fan, from the published folder and the demo's key.
    const ids = new Pseudonyms(parsePseudonymKey(E2E_PSEUDONYM_KEY), RULES_VERSION, entry.period);
    const subscriber = ids.subscriber(fan.toLowerCase());
    assert((await page.getByTestId("receipt-pseudonym").textContent()) === subscriber, "the page shows another id");
    const dir = join(PERIODS_DIR, entry.period);
    const artists = parsePublishedArtists(readFileSync(join(dir, "artists.csv")));
    const expected = fanReceipt(
      subscriber,
      parsePublishedPayments(readFileSync(join(dir, "payments.csv")), artists),
      parsePublishedPlays(readFileSync(join(dir, "plays.csv")), artists),
    );
    assert(expected.payments > 0 && expected.artists.length > 0, "the fan has no payment or plays in the period");
    const amountOf = async (key: string) =>
      BigInt((await page.getByTestId(`receipt-${key}`).getAttribute("data-amount"))!);
    assert((await amountOf("total")) === expected.amount, "total differs from the engine's");
    for (const a of expected.artists)
      assert((await amountOf(`artist-${a.artistId}`)) === a.amount, `${a.artistId}: page differs from the engine`);
    assert((await amountOf("platform")) === expected.platform, "platform part differs");

    const artist = expected.artists[0].artistId;
    await page.getByTestId(`share-${artist}`).click();
    const text = (await page.getByTestId("share-text").textContent())!;
    assert(
      text.startsWith(`I paid ${artists.get(artist)!.name} `) && text.includes("this month"),
      `share text: ${text}`,
    );
    await page.context().close();
  });

  test("a tampered published file makes the receipt page report the mismatch", async (width) => {
    const entry = lastPeriodOf(fan);
    const path = join(PERIODS_DIR, entry.period, "plays.csv");
    const original = readFileSync(path);
    const lines = original.toString("utf8").split("\n");
    lines[1] = lines[1].replace(/,(\d+)$/, (_, n) => `,${Number(n) + 1}`);
    writeFileSync(path, lines.join("\n"));
    try {
      const page = await signedIn(width);
      const verdict = page.getByTestId("receipt-verdict");
      await shot(page, `receipt-tampered-${width}`);
      assert((await verdict.getAttribute("data-verified")) === "false", "a tampered plays.csv still verified");
      assert(/Mismatch/.test((await verdict.textContent())!), "the page does not say mismatch");
      await page.getByTestId("receipt-unverified").waitFor();
      await page.context().close();
    } finally {
      writeFileSync(path, original);
    }
  });
  return tests;
}
