// End-to-end tests in Debian's Chromium (driven by playwright-core; no browser is downloaded) against the
// local chain and the built app, with a test wallet injected as an EIP-1193 provider. Screenshots of each page
// go to test-artifacts/. Prints mocha-style "N passing" / "N failing" for scripts/test.ts.
//   npm run test:e2e
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Abi, type Address } from "viem";
import { hardhat } from "viem/chains";
import { formatAmount } from "../../app/src/lib/format.ts";
import { ROOT } from "../../scripts/lib/artifacts.ts";
import { distributorAbi, growthPoolAbi, subscriptionHubAbi, testTokenAbi } from "../../lib/chain/abis.ts";
import { readDeployments } from "../../scripts/lib/deployments.ts";
import { AUDITOR, PLATFORM, devAddress } from "../../scripts/lib/seed-cast.ts";
import { readIndex } from "../../scripts/lib/seed-period.ts";
import { freePort, startStack } from "./stack.ts";
import { walletScript } from "./wallet.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");
const ARTIST = devAddress(2);
const FAN = devAddress(10);

const tests: { name: string; fn: () => Promise<void> }[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });
function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

mkdirSync(ARTIFACTS, { recursive: true });
const stack = await startStack(await freePort(), await freePort());
let browser: Browser | undefined;
const addresses = readDeployments(31337);
const client = createPublicClient({ chain: hardhat, transport: http(stack.rpcUrl) });
const abi = {
  hub: subscriptionHubAbi as Abi,
  distributor: distributorAbi as Abi,
  token: testTokenAbi as Abi,
  pool: growthPoolAbi as Abi,
};
const read = (address: Address, a: any, functionName: string, args: unknown[] = []) =>
  client.readContract({ address, abi: a, functionName, args }) as Promise<any>;

async function pageAs(account: Address, path: string): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(walletScript(stack.rpcUrl, account));
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${stack.appUrl}${path}`);
  // The wallet reports its account to eth_accounts, so wagmi may reconnect by itself before any click.
  const connect = page.getByRole("button", { name: /^Connect/ }).first();
  await page.getByTestId("connected-address").or(connect).first().waitFor();
  if (await connect.isVisible()) await connect.click();
  await page.getByTestId("connected-address").waitFor();
  return page;
}

async function waitTx(page: Page, scope = page.locator("body")) {
  const status = scope.getByTestId("tx-status").last();
  await page.waitForFunction(
    (el) =>
      ["done", "failed"].includes(
        (el as { getAttribute(n: string): string | null } | null)?.getAttribute("data-step") ?? "",
      ),
    await status.elementHandle(),
  );
  const step = await status.getAttribute("data-step");
  if (step !== "done") throw new Error(`transaction failed: ${await status.textContent()}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

test("fan subscribes through a referral link: bound to the artist, referral share routed", async () => {
  const page = await pageAs(FAN, `/subscribe?ref=${ARTIST}&c=2`);
  await page.getByTestId("referred-by").waitFor();
  const before = (await read(addresses.SubscriptionHub, abi.hub, "referralBalanceOf", [ARTIST])) as bigint;
  await page.getByRole("button", { name: "Get 100 test tokens" }).click();
  await waitTx(page);
  await page.getByTestId("subscribe").click();
  await waitTx(page);
  await shot(page, "subscribe");
  const binding = await read(addresses.SubscriptionHub, abi.hub, "bindingOf", [FAN]);
  assert(binding.referrer === ARTIST, `fan bound to ${binding.referrer}, expected ${ARTIST}`);
  const after = (await read(addresses.SubscriptionHub, abi.hub, "referralBalanceOf", [ARTIST])) as bigint;
  assert(after > before, `artist referral balance did not grow (${before} → ${after})`);
  await page.context().close();
});

test("platform closes a period, runs the engine and publishes its root", async () => {
  const page = await pageAs(devAddress(PLATFORM), "/platform");
  const [, , open] = (await read(addresses.SubscriptionHub, abi.hub, "ledger")) as bigint[];
  await page.getByTestId("close-period").click();
  await waitTx(page);
  await page.getByTestId(`run-engine-${open}`).click();
  await page.getByTestId(`publish-${open}`).click();
  await waitTx(page);
  await page
    .getByTestId(`period-${open}`)
    .getByText(/pending/)
    .waitFor();
  await shot(page, "platform");
  const entry = readIndex().find((e) => e.hubPeriod === Number(open));
  const [pending] = await read(addresses.Distributor, abi.distributor, "pendingRoot");
  assert(entry && pending === entry.root, `pending root ${pending} is not the published ${entry?.root}`);
  await page.context().close();
});

test("auditor recomputes the published period in the browser: every check passes", async () => {
  const page = await pageAs(devAddress(AUDITOR), "/audit");
  await page.getByTestId("verify").click();
  await page.getByTestId("audit-verdict").waitFor();
  await shot(page, "audit-pass");
  const failed = await page.locator('[data-pass="false"]').count();
  assert(failed === 0, `${failed} checks failed`);
  await page.context().close();
});

test("auditor vetoes a tampered root: the check fails and the veto lands on-chain", async () => {
  const entry = readIndex().at(-1)!;
  const tampered = keccak256(toHex(`tampered ${entry.root}`));
  const wallet = createWalletClient({ chain: hardhat, transport: http(stack.rpcUrl) });
  const hash = await wallet.writeContract({
    account: devAddress(PLATFORM),
    chain: hardhat,
    address: addresses.Distributor,
    abi: abi.distributor,
    functionName: "propose",
    args: [tampered, BigInt(entry.cumulativeTotal), entry.dataHash, entry.uri],
  });
  await client.waitForTransactionReceipt({ hash });
  const page = await pageAs(devAddress(AUDITOR), "/audit");
  await page.getByTestId("verify").click();
  await page.getByTestId("audit-verdict").waitFor();
  assert(
    (await page.getByTestId("check-root-proposed-on-the-distributor").getAttribute("data-pass")) === "false",
    "the on-chain root check passed",
  );
  await page.getByTestId("veto").click();
  await waitTx(page);
  await shot(page, "audit-veto");
  assert(await read(addresses.Distributor, abi.distributor, "isVetoed", [tampered]), "the tampered root is not vetoed");
  await page.context().close();
});

test("artist sees earnings and claims all, growth pool included: balance grows by exactly the amount shown", async () => {
  const page = await pageAs(ARTIST, "/artist");
  const total = page.getByTestId("claimable-total");
  await total.waitFor();
  await page.getByTestId("campaigns").waitFor();
  await page.getByTestId("growth-deposits").locator("tbody tr").first().waitFor();
  const shown = BigInt((await total.textContent())!.replace(/[,.]/g, ""));
  assert(shown > 0n, "nothing claimable shown");
  // The card shows the pool's own figure; Claim all must collect it (the total below includes it).
  const growth = (await read(addresses.GrowthPool, abi.pool, "claimable", [ARTIST, addresses.Token])) as bigint;
  const growthShown = (await page.getByTestId("growth-claimable-token").textContent())!;
  assert(growth > 0n, "the seed left the artist no growth earnings");
  assert(growthShown === formatAmount(growth), `growth shown ${growthShown}, pool says ${growth}`);
  const [hubUnits] = (await read(addresses.GrowthPool, abi.pool, "unitsOf", [ARTIST])) as bigint[];
  assert(
    (await page.getByTestId("growth-units").textContent())!.replace(/,/g, "") === String(hubUnits),
    "units shown are not the pool's",
  );
  await shot(page, "artist");
  const before = (await read(addresses.Token, abi.token, "balanceOf", [ARTIST])) as bigint;
  await page.getByTestId("claim-all").click();
  await waitTx(page);
  const after = (await read(addresses.Token, abi.token, "balanceOf", [ARTIST])) as bigint;
  assert(after - before === shown, `balance grew by ${after - before}, the page showed ${shown}`);
  const left = (await read(addresses.GrowthPool, abi.pool, "claimable", [ARTIST, addresses.Token])) as bigint;
  assert(left === 0n, `${left} of growth earnings left unclaimed in the pool`);
  await page.context().close();
});

let passing = 0;
let failing = 0;
const started = performance.now();
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright gives each launch a new empty profile (it refuses a --user-data-dir argument).
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  // The first page's JavaScript, gzipped as a server would send it (the README's bundle figure).
  const home = await browser.newPage();
  const scripts: Promise<Buffer>[] = [];
  home.on("response", (r) => void (r.url().endsWith(".js") && scripts.push(r.body())));
  await home.goto(stack.appUrl);
  await home.getByText("Artist dashboard").first().waitFor();
  await home.waitForLoadState("networkidle");
  const gzipped = (await Promise.all(scripts)).reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  console.log(`  first page: ${scripts.length} JS files, ${(gzipped / 1024).toFixed(1)} kB gzipped (bar 300 kB)`);
  if (gzipped > 300 * 1024) throw new Error("the first page loads more than 300 kB of gzipped JavaScript");
  await shot(home, "home");
  await home.close();
  for (const t of tests) {
    try {
      await t.fn();
      passing++;
      console.log(`  ✔ ${t.name}`);
    } catch (e) {
      failing++;
      console.log(`  ✗ ${t.name}\n    ${(e as Error).message.split("\n").slice(0, 4).join("\n    ")}`);
    }
  }
} finally {
  await browser?.close();
  stack.stop();
}
console.log(`\n  ${passing} passing (${((performance.now() - started) / 1000).toFixed(0)}s)`);
if (failing) console.log(`  ${failing} failing`);
process.exit(failing ? 1 : 0);
