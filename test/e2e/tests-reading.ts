// Browser tests of what people read (issue #12 points 6, 7, 9, 10, 12): token units and dates, the value gap,
// one status per action with sentences for errors, wallets (EIP-6963, none installed, dev accounts), phones.
import type { Page } from "playwright-core";
import { devAddress, demoArtists } from "../../scripts/lib/seed-cast.ts";
import { readIndex } from "../../scripts/lib/seed-period.ts";
import {
  abi,
  addresses,
  assert,
  balanceOf,
  openPage,
  pageAs,
  parseShown,
  problems,
  read,
  shot,
  stack,
  tx,
  walletCalls,
  type Width,
} from "./harness.ts";
import type { E2eTest } from "./run.ts";
import { WALLET_ICON, WALLET_NAME } from "./wallet.ts";

const ARTIST = devAddress(2);
const by = <T>(width: Width, desktop: T, phone: T) => (width === 1280 ? desktop : phone);
const LIBRARY = /Version: |viem@|wagmi|Error:|ContractFunction|Failed\./;

async function bodyText(page: Page) {
  return (await page.locator("main").innerText()).replace(/\s+/g, " ");
}

export const readingTests: E2eTest[] = [
  {
    name: "wallets: an EIP-6963 wallet by name and icon; with none installed, a clear path and a dev-account picker that can act (point 10)",
    fn: async (width) => {
      const page = await openPage("/", width, ARTIST);
      await page.getByTestId("connect").click();
      const item = page.getByRole("menuitem", { name: WALLET_NAME });
      await item.waitFor();
      assert((await item.locator("img").getAttribute("src")) === WALLET_ICON, "the wallet's icon is not shown");
      assert(!(await page.getByText(/Injected/).count()), "a generic 'Injected' connector is offered");
      await item.click();
      const shown = page.getByTestId("connected-address");
      await shown.waitFor();
      assert(
        (await shown.innerText()).includes("…") &&
          (await shown.getByRole("button", { name: "Copy address" }).count()) === 1,
        "the address is not short with a copy button",
      );
      await page.context().close();

      const bare = await openPage("/subscribe", width);
      await bare.getByTestId("connect").click();
      await bare.getByTestId("no-wallet").waitFor();
      const fan = devAddress(by(width, 12, 13));
      await bare.getByTestId("dev-account").selectOption(fan);
      await bare.getByTestId("connected-address").waitFor();
      assert(
        (await bare.getByTestId("connected-address").getAttribute("data-address")) === fan,
        "the dev account is not the connected one",
      );
      const before = await balanceOf(fan);
      await tx(bare, () => bare.getByRole("button", { name: /^Get 100 test/ }).click());
      assert((await balanceOf(fan)) - before === 100_000_000n, "the dev account could not send a transaction");
      await bare.context().close();
    },
  },
  {
    name: "transaction feedback: a contract error and a wallet rejection read as sentences, then a retry shows one confirmed status with the hash (point 9)",
    fn: async (width) => {
      const fan = devAddress(by(width, 16, 17));
      const page = await pageAs(fan, `/subscribe?ref=${fan}`, width);
      await tx(page, () => page.getByRole("button", { name: /^Get 100 test/ }).click());
      const refused = await tx(page, () => page.getByTestId("subscribe").click(), "failed");
      assert(refused.includes("You cannot use your own referral link"), `self-referral reads: ${refused}`);
      await page.evaluate(() => ((globalThis as unknown as { __gaplessReject: boolean }).__gaplessReject = true));
      const rejected = await tx(page, () => page.getByRole("button", { name: /^Get 100 test/ }).click(), "failed");
      assert(
        /You rejected the request in your wallet/.test(rejected) && !LIBRARY.test(rejected),
        `rejection reads: ${rejected}`,
      );
      await page.evaluate(() => ((globalThis as unknown as { __gaplessReject: boolean }).__gaplessReject = false));
      const done = await tx(page, () => page.getByRole("button", { name: /^Get 100 test/ }).click());
      const statuses = await page.getByTestId("tx-status").allInnerTexts();
      assert(
        statuses.length === 1 && /Confirmed/.test(done) && /0x[0-9a-f]{8}/.test(done),
        `statuses shown: ${JSON.stringify(statuses)}`,
      );
      assert(!LIBRARY.test(await bodyText(page)), "a library string is on the page");
      await page.context().close();
    },
  },
  {
    name: "units and words: the token's symbol and dates everywhere, no raw base units, unix times or jargon (point 6)",
    fn: async (width) => {
      for (const path of [`/artist?address=${ARTIST}`, "/platform", `/subscribe?ref=${ARTIST}`]) {
        const page = await openPage(path, width);
        await page.waitForFunction(() =>
          (globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document
            .querySelector("main")
            ?.innerText.includes("gUSD"),
        );
        if (path.startsWith("/artist")) await page.getByTestId("growth-deposits").waitFor();
        await page.waitForLoadState("networkidle");
        const text = await bodyText(page);
        for (const bad of [
          /\btokens\b/,
          /\b1[7-9]\d{8}\b/,
          /superseded/i,
          /active root/i,
          /\bunits\b/i,
          /\b\d{1,3}(,\d{3}){2,}\b(?!\.)/,
        ]) {
          const m = bad.exec(text);
          assert(
            !m,
            `${path} shows "${m?.[0]}": …${text.slice(Math.max(0, (m?.index ?? 0) - 60), (m?.index ?? 0) + 60)}…`,
          );
        }
        await page.context().close();
      }
    },
  },
  {
    name: "the value gap per period and in total against pro-rata, the pending period shown as yours, pending (point 7)",
    fn: async (width) => {
      const page = await openPage(`/artist?address=${ARTIST}`, width);
      const card = page.getByTestId("value-gap");
      await card.waitFor();
      const ids = demoArtists()
        .filter((a) => a.account === 2)
        .map((a) => a.id);
      let expected = 0n;
      for (const entry of readIndex()) {
        const row = card.getByTestId(`gap-row-${entry.period}`);
        let gap = 0n;
        for (const id of ids) {
          const r = await fetch(`${stack.appUrl}${entry.uri}statements/${id}.json`);
          if (!r.ok) continue;
          const s = (await r.json()) as { earned: string; pro_rata: string };
          gap += BigInt(s.earned) - BigInt(s.pro_rata);
        }
        expected += gap;
        const shown = BigInt((await row.getByTestId("gap-difference").getAttribute("data-amount"))!);
        assert(shown === gap, `period ${entry.period}: difference shown ${shown}, statements say ${gap}`);
      }
      const [pending] = (await read(addresses.Distributor, abi.distributor, "pendingRoot")) as string[];
      const pendingEntry = readIndex().find((e) => e.root === pending);
      assert(pendingEntry, "no published period is pending");
      await card
        .getByTestId(`gap-row-${pendingEntry.period}`)
        .getByText(/yours, pending/)
        .waitFor();
      const pool = (await read(addresses.GrowthPool, abi.pool, "claimable", [ARTIST, addresses.Token])) as bigint;
      await card.locator("[data-testid=gap-total-difference][data-amount]").waitFor();
      const total = BigInt((await card.getByTestId("gap-total-difference").getAttribute("data-amount"))!);
      assert(
        total >= expected + pool,
        `total difference ${total} is below the periods' ${expected} plus growth ${pool}`,
      );
      await page.context().close();
    },
  },
  {
    name: "artist claims all, growth pool included: balance grows by exactly the amount shown",
    fn: async (width) => {
      const artist = devAddress(by(width, 2, 9));
      const page = await pageAs(artist, "/artist", width);
      const total = page.getByTestId("claimable-total");
      await total.waitFor();
      await page.getByTestId("campaigns").waitFor();
      const shown = BigInt((await total.getAttribute("data-amount"))!);
      assert(shown > 0n, "nothing claimable shown");
      const growth = (await read(addresses.GrowthPool, abi.pool, "claimable", [artist, addresses.Token])) as bigint;
      assert(
        parseShown((await page.getByTestId("claimable-growth").textContent())!) === growth - (growth % 10_000n),
        `growth shown is not the pool's ${growth}`,
      );
      await shot(page, `artist-${width}`, width === 1280);
      const before = await balanceOf(artist);
      const text = await tx(page, () => page.getByTestId("claim-all").click());
      const after = await balanceOf(artist);
      assert(after - before === shown, `balance grew by ${after - before}, the page showed ${shown}`);
      assert(/You received/.test(text), `the confirmation says ${text}`);
      const left = (await read(addresses.GrowthPool, abi.pool, "claimable", [artist, addresses.Token])) as bigint;
      assert(left === 0n, `${left} of growth earnings left unclaimed in the pool`);
      await page.context().close();
    },
  },
  {
    name: "every page fits the screen with no horizontal scroll, a header of at most two rows, and no console errors (point 12)",
    fn: async (width) => {
      const band = (await readFile("artists.csv"))
        .split("\n")
        .find((l) => l.includes("The Lanterns"))!
        .split(",")[1];
      const from = problems.length;
      for (const path of [
        "/",
        `/artist?address=${ARTIST}`,
        `/subscribe?ref=${ARTIST}&c=1`,
        "/platform",
        "/audit",
        `/split?address=${band}`,
      ]) {
        const page = await pageAs(devAddress(by(width, 18, 18)), path, width);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(300);
        const { scroll, header } = await page.evaluate(() => {
          const d = (
            globalThis as unknown as {
              document: {
                documentElement: { scrollWidth: number };
                querySelector(s: string): { getBoundingClientRect(): { height: number } };
              };
            }
          ).document;
          return {
            scroll: d.documentElement.scrollWidth,
            header: d.querySelector("header").getBoundingClientRect().height,
          };
        });
        assert(scroll <= width, `${path} is ${scroll} px wide at ${width} px`);
        assert(header <= 110, `${path}: the header is ${header} px high (more than two rows)`);
        if (width === 390)
          await shot(page, `phone${path.split("?")[0].replace(/\//g, "-") || "-home"}`, path.startsWith("/artist"));
        await page.context().close();
      }
      const mine = problems.slice(from);
      assert(mine.length === 0, `console errors or failed requests:\n${mine.slice(0, 8).join("\n")}`);
    },
  },
];

async function readFile(name: string) {
  const r = await fetch(`${stack.appUrl}/periods/${name}`);
  return r.text();
}
void walletCalls;
