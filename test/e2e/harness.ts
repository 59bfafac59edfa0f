// The browser-test harness: a stack on free ports, Chromium, pages opened as a given account at a given width
// (the test wallet connected through the app's own Connect menu), transaction waits, chain reads, and every
// console error or failed request a page produced (the phone test asserts there are none).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createPublicClient, createTestClient, createWalletClient, http, type Abi, type Address } from "viem";
import { hardhat } from "viem/chains";
import * as abis from "../../lib/chain/abis.ts";
import { ROOT } from "../../scripts/lib/artifacts.ts";
import { readDeployments } from "../../scripts/lib/deployments.ts";
import { freePort, startStack, type Stack } from "./stack.ts";
import { WALLET_NAME, walletScript, type WalletOptions } from "./wallet.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(ROOT, "test-artifacts");
/** README screenshots are refreshed by `GAPLESS_SCREENSHOTS=1 npm run test:e2e`. */
export const DOCS_SHOTS = process.env.GAPLESS_SCREENSHOTS ? join(ROOT, "docs", "screenshots") : null;
export const WIDTHS = [1280, 390] as const;
export type Width = (typeof WIDTHS)[number];

mkdirSync(ARTIFACTS, { recursive: true });
if (DOCS_SHOTS) mkdirSync(DOCS_SHOTS, { recursive: true });

export const stack: Stack = await startStack(await freePort(), await freePort());
export const addresses = readDeployments(31337);
const transport = http(stack.rpcUrl);
export const client = createPublicClient({ chain: hardhat, transport });
export const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport });
export const walletClient = createWalletClient({ chain: hardhat, transport });
export const abi = {
  hub: abis.subscriptionHubAbi as Abi,
  distributor: abis.distributorAbi as Abi,
  token: abis.testTokenAbi as Abi,
  pool: abis.growthPoolAbi as Abi,
  factory: abis.splitFactoryAbi as Abi,
  split: abis.splitAbi as Abi,
};
export const read = (address: Address, a: Abi, functionName: string, args: unknown[] = []) =>
  client.readContract({ address, abi: a, functionName, args }) as Promise<any>;
export async function send(from: Address, address: Address, a: Abi, functionName: string, args: unknown[] = []) {
  const hash = await walletClient.writeContract({ account: from, chain: hardhat, address, abi: a, functionName, args });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
  return receipt;
}
export const balanceOf = (a: Address) => read(addresses.Token, abi.token, "balanceOf", [a]) as Promise<bigint>;

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

let browser: Browser | undefined;
export async function launch() {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright gives each launch a new empty profile (it refuses a --user-data-dir argument).
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  return browser;
}
export const closeAll = async () => {
  await browser?.close();
  stack.stop();
};

/** Console errors, page errors and failed requests of every page opened, by page path. */
export const problems: string[] = [];
/** The pages still open, screenshotted by the runner when a test fails. */
export const openPages = new Set<Page>();

/** A page at `width` (844 high on a phone), optionally with the test wallet as `account` (not yet connected). */
export async function openPage(
  path: string,
  width: Width,
  account?: Address,
  wallet: WalletOptions = {},
): Promise<Page> {
  const context = await browser!.newContext({
    viewport: { width, height: width === 390 ? 844 : 900 },
    isMobile: width === 390,
    hasTouch: width === 390,
  });
  if (account) await context.addInitScript(walletScript(stack.rpcUrl, account, wallet));
  const page = await context.newPage();
  openPages.add(page);
  page.on("close", () => openPages.delete(page));
  page.setDefaultTimeout(20_000);
  page.on("console", (m) => m.type() === "error" && problems.push(`${path} @${width}: console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`${path} @${width}: page error: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`${path} @${width}: HTTP ${r.status()} ${r.url()}`));
  await page.goto(`${stack.appUrl}${path}`);
  return page;
}

/** Opens `path` as `account` and connects the test wallet through the app's Connect menu. */
export async function pageAs(account: Address, path: string, width: Width, wallet: WalletOptions = {}): Promise<Page> {
  const page = await openPage(path, width, account, wallet);
  await connect(page);
  return page;
}

/** Connects the page's test wallet (again after a navigation: like a real one it forgets the page on reload). */
export async function connect(page: Page) {
  const connected = page.getByTestId("connected-address");
  const button = page.getByTestId("connect");
  await connected.or(button).first().waitFor();
  if (await button.isVisible()) {
    await button.click();
    await page.getByRole("menuitem", { name: WALLET_NAME }).click();
  }
  await connected.waitFor();
}

const latestSeq = (page: Page) =>
  page.evaluate(() =>
    Math.max(
      0,
      ...[
        ...(
          globalThis as unknown as {
            document: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> };
          }
        ).document.querySelectorAll("[data-testid=tx-status]"),
      ].map((e) => Number(e.getAttribute("data-seq"))),
    ),
  );

/** Runs `action` (a click) and waits until the action it starts settles; returns its status text, throwing unless it ended as `expect`. */
export async function tx(
  page: Page,
  action: () => Promise<unknown>,
  expect: "done" | "failed" = "done",
): Promise<string> {
  const before = await latestSeq(page);
  await action();
  const status = page
    .locator("[data-testid=tx-status][data-step=done], [data-testid=tx-status][data-step=failed]")
    .and(page.locator(`[data-seq]`));
  const until = Date.now() + 60_000;
  for (;;) {
    for (const el of await status.all()) {
      if (Number(await el.getAttribute("data-seq").catch(() => "0")) <= before) continue;
      const step = await el.getAttribute("data-step");
      const text = (await el.textContent()) ?? "";
      if (step !== expect) throw new Error(`transaction ${step}, expected ${expect}: ${text}`);
      return text;
    }
    if (Date.now() > until) throw new Error(`no transaction settled within 60 s after the click (last seq ${before})`);
    await page.waitForTimeout(150);
  }
}

/** Calls the page's wallet was asked to make (eth_sendTransaction, eth_signTypedData_v4, …). */
export const walletCalls = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __walletCalls: string[] }).__walletCalls);

export async function shot(page: Page, name: string, docs = false) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (docs && DOCS_SHOTS) await page.screenshot({ path: join(DOCS_SHOTS, `${name}.png`) });
}

/** Parses "1,234.5678 gUSD" (as the app writes amounts) into base units of a 6-decimal token. */
export function parseShown(text: string): bigint {
  const m = /(-|−)?([\d,]+)(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  const v = BigInt(m[2].replace(/,/g, "")) * 10n ** 6n + BigInt((m[3] ?? "").padEnd(6, "0").slice(0, 6) || "0");
  return m[1] ? -v : v;
}
