// Browser tests of the money a click can lose (issue #12 points 1–5 and 8): Split creation, wrong network, double
// submits and confirmations, the referrer actually bound, approvals that cover renewals, band members' claims.
import { keccak256, maxUint256, toHex, type Address } from "viem";
import { coverageLimit, renewalsCovered } from "../../lib/chain/renewals.ts";
import { AUDITOR, PLATFORM, devAddress } from "../../scripts/lib/seed-cast.ts";
import { readIndex } from "../../scripts/lib/seed-period.ts";
import {
  abi,
  addresses,
  assert,
  balanceOf,
  connect,
  openPage,
  pageAs,
  parseShown,
  read,
  send,
  shot,
  testClient,
  tx,
  walletCalls,
  type Width,
} from "./harness.ts";
import type { E2eTest } from "./run.ts";

const ARTIST = devAddress(2); // Nova Reyes
const by = <T>(width: Width, desktop: T, phone: T) => (width === 1280 ? desktop : phone);
const PRICE = 9_990_000n;
const DAY = 86_400;

export const moneyTests: E2eTest[] = [
  {
    name: "fan subscribes through the app choosing 12 payments: bound to the artist, approves 11 renewals, and the page counts the renewals the hub would charge (point 5)",
    fn: async (width) => {
      const fan = devAddress(by(width, 10, 11));
      const page = await pageAs(fan, `/subscribe?ref=${ARTIST}&c=2`, width);
      await page.getByTestId("referred-by").waitFor();
      await tx(page, () => page.getByRole("button", { name: /^Get 100 test/ }).click());
      await page.getByRole("radio", { name: /^12 payments/ }).check();
      await tx(page, () => page.getByTestId("subscribe").click());
      const binding = await read(addresses.SubscriptionHub, abi.hub, "bindingOf", [fan]);
      assert(binding.referrer === ARTIST, `fan bound to ${binding.referrer}, expected ${ARTIST}`);
      const allowance = (await read(addresses.Token, abi.token, "allowance", [
        fan,
        addresses.SubscriptionHub,
      ])) as bigint;
      assert(
        allowance === PRICE * 11n,
        `allowance after subscribing is ${allowance}, expected 11 renewals (${PRICE * 11n})`,
      );
      // The page says what the hub's renewable view says: approval and balance together, and which one limits it.
      const [, , , covered] = await read(addresses.SubscriptionHub, abi.hub, "renewable", [fan]);
      const balance = await balanceOf(fan);
      assert(covered === renewalsCovered(balance, allowance, PRICE), `the hub counts ${covered} renewals`);
      const limit = coverageLimit(balance, allowance, PRICE) === "balance" ? "your balance" : "approved";
      await page
        .getByTestId("renewals-covered")
        .getByText(new RegExp(`cover ${covered} more renewals? \\(.*${limit}`))
        .waitFor();
      await shot(page, `fan-subscribe-${width}`, width === 1280);
      await page.context().close();
    },
  },
  {
    name: "a fan bound to artist A opening artist B's link is told A gets the share; a malformed link warns; parts add up to the price; a short balance stops before any signature (point 4)",
    fn: async (width) => {
      const fan = devAddress(by(width, 10, 11));
      const other = devAddress(6); // Kai Okafor
      const page = await pageAs(fan, `/subscribe?ref=${other}&c=1`, width);
      await page.getByTestId("bound-elsewhere").getByText("Nova Reyes").waitFor();
      const payee = (await page.getByTestId("referral-payee").textContent())!;
      assert(
        payee.includes("Nova Reyes") && !payee.includes("Kai"),
        `the page names ${payee} as receiving the referral share`,
      );
      const parts = await Promise.all(
        ["part-referral", "part-pool", "part-platform"].map(async (id) =>
          parseShown((await page.getByTestId(id).textContent())!),
        ),
      );
      assert(
        parts[0] + parts[1] + parts[2] === PRICE,
        `the parts shown (${parts.join(" + ")}) do not add up to the price ${PRICE}`,
      );
      await page.context().close();

      const bad = await openPage("/subscribe?ref=0x1234&c=1", width);
      await bad
        .getByTestId("ref-warning")
        .getByText(/not a valid address/)
        .waitFor();
      await bad.context().close();

      const broke = devAddress(by(width, 14, 15));
      const p2 = await pageAs(broke, `/subscribe?ref=${ARTIST}&c=1`, width);
      const text = await tx(p2, () => p2.getByTestId("subscribe").click(), "failed");
      assert(/Your balance is 0\.00 gUSD/.test(text), `expected the balance to be named, got: ${text}`);
      const calls = await walletCalls(p2);
      assert(
        !calls.includes("eth_signTypedData_v4") && !calls.includes("eth_sendTransaction"),
        `the wallet was asked: ${calls.join(", ")}`,
      );
      await p2.context().close();
    },
  },
  {
    name: "with the wallet on another network no write is sent: Claim all is disabled and clicking it reaches no wallet (point 2)",
    fn: async (width) => {
      const artist = devAddress(by(width, 6, 7));
      const page = await pageAs(artist, "/artist", width, { chainId: 1, refuseSwitch: true });
      await page.getByTestId("wrong-chain").waitFor();
      const claim = page.getByTestId("claim-all");
      await claim.waitFor();
      assert(await claim.isDisabled(), "Claim all is enabled while the wallet is on chain 1");
      const before = await balanceOf(artist);
      await claim.click({ force: true });
      await page.waitForTimeout(500);
      const calls = await walletCalls(page);
      assert(!calls.includes("eth_sendTransaction"), `eth_sendTransaction was sent on chain 1 (${calls.join(", ")})`);
      assert((await balanceOf(artist)) === before, "the balance changed");
      await page.goto(page.url().replace("/artist", `/subscribe?ref=${ARTIST}`));
      await connect(page);
      assert(await page.getByTestId("subscribe").isDisabled(), "Subscribe is enabled on chain 1");
      await page.context().close();
    },
  },
  {
    name: "closing a period asks to confirm and a double click closes one period; replacing a pending root asks first (point 3)",
    fn: async (width) => {
      // A payment in the open period, so it has something to allocate.
      const payer = devAddress(by(width, 14, 15));
      await send(devAddress(PLATFORM), addresses.Token, abi.token, "mint", [payer, PRICE]);
      await send(payer, addresses.Token, abi.token, "approve", [addresses.SubscriptionHub, PRICE]);
      await send(payer, addresses.SubscriptionHub, abi.hub, "subscribe", [0, ARTIST, 0]);
      const page = await pageAs(devAddress(PLATFORM), "/platform", width);
      const [, , open] = (await read(addresses.SubscriptionHub, abi.hub, "ledger")) as bigint[];
      await page.getByTestId("close-period").click();
      const confirm = page.getByTestId("close-period-confirm");
      await confirm.getByText(/cannot be undone/).waitFor();
      await tx(page, () => confirm.getByRole("button", { name: /^Yes, close period/ }).dblclick());
      await page.waitForTimeout(1000);
      const [, , after] = (await read(addresses.SubscriptionHub, abi.hub, "ledger")) as bigint[];
      assert(after === open + 1n, `a double click closed ${after - open} periods`);
      await page.getByTestId(`run-engine-${open}`).click();
      await page.getByTestId(`publish-${open}`).click();
      const ask = page.getByTestId(`publish-${open}-confirm`);
      await ask.getByText(/restarts the challenge window/).waitFor();
      await tx(page, () => ask.getByRole("button", { name: /^Yes, replace/ }).dblclick());
      await page
        .getByTestId(`period-${open}`)
        .getByText(/pending/)
        .waitFor();
      await shot(page, `platform-${width}`, width === 1280);
      const entry = readIndex().find((e) => e.hubPeriod === Number(open));
      const [pending] = await read(addresses.Distributor, abi.distributor, "pendingRoot");
      assert(entry && pending === entry.root, `pending root ${pending} is not the published ${entry?.root}`);
      await page.context().close();
    },
  },
  {
    name: "Split creation: no prefilled recipients, total held at 100 %, predicted address before creating, then the Split's page with its members (point 1)",
    fn: async (width) => {
      const me = devAddress(by(width, 8, 9));
      let page = await pageAs(me, "/artist", width);
      const form = page.getByTestId("create-split");
      await form.waitFor();
      assert(
        (await form.getByLabel("Recipient 1 address").inputValue()) === "" &&
          (await form.getByLabel("Recipient 2 address").inputValue()) === "",
        "the form comes prefilled",
      );
      assert(await form.getByTestId("create-split-button").isDisabled(), "an empty Split can be created");
      await form.getByLabel("Recipient 1 address").fill(me);
      await form.getByLabel("Recipient 1 percent").fill("60");
      await form.getByLabel("Recipient 2 address").fill(ARTIST);
      await form.getByLabel("Recipient 2 percent").fill("39.99");
      await form.getByText(/add up to 99\.99%/).waitFor();
      assert(await form.getByTestId("create-split-button").isDisabled(), "a Split at 99.99 % can be created");
      await form.getByLabel("Recipient 2 percent").fill("40");
      const predicted = form.getByTestId("split-predicted");
      await predicted.waitFor();
      const address = (await predicted.locator("[data-address]").first().getAttribute("data-address")) as Address;
      await form.getByTestId("create-split-button").click();
      await page.getByTestId("split-page").waitFor();
      assert(page.url().includes(address), `the page after creating is ${page.url()}, not the Split ${address}`);
      assert(
        ((await (await import("./harness.ts")).client.getCode({ address })) ?? "0x") !== "0x",
        "no Split at the predicted address",
      );
      await send(devAddress(PLATFORM), addresses.Token, abi.token, "mint", [address, 10_000_000n]);
      await page.context().close();
      page = await pageAs(me, `/split?address=${address}`, width);
      const members = page.getByTestId("split-members");
      await members.getByText("60.00%").waitFor();
      await members.getByText("6.00 gUSD").waitFor(); // 60 % of the 10 gUSD paid in
      const before = await balanceOf(me);
      await tx(page, () => page.getByTestId("release-all").click());
      assert((await balanceOf(me)) - before === 6_000_000n, "the member was not paid its 60 %");
      await shot(page, `split-${width}`, width === 1280);
      await page.context().close();
    },
  },
  {
    name: "a band member sees what the band's Split holds for them and Claim all collects it, band first: 'you received' exactly that (point 8)",
    fn: async (width) => {
      const member = devAddress(by(width, 3, 4));
      const page = await pageAs(member, "/artist", width);
      await page.getByTestId("split-membership").first().waitFor();
      const owed = parseShown((await page.getByTestId("split-owed").first().textContent())!);
      assert(owed > 0n, "the member is shown nothing owed by the band's Split");
      const total = BigInt((await page.getByTestId("claimable-total").getAttribute("data-amount"))!);
      await shot(page, `band-member-${width}`, width === 1280);
      const before = await balanceOf(member);
      const text = await tx(page, () => page.getByTestId("claim-all").click());
      const got = (await balanceOf(member)) - before;
      assert(got === total, `balance grew by ${got}, the page showed ${total}`);
      assert(
        /You received/.test(text) && parseShown(text.split("You received")[1]) === got,
        `the confirmation says: ${text}`,
      );
      await page.context().close();
    },
  },
  {
    name: "an auditor vetoes a tampered root: the page shows it vetoed, and the console offers the engine's root again (points 9, 11)",
    fn: async (width) => {
      const entry = readIndex().at(-1)!;
      const tampered = keccak256(toHex(`tampered ${entry.root} ${width}`));
      await send(devAddress(PLATFORM), addresses.Distributor, abi.distributor, "propose", [
        tampered,
        BigInt(entry.cumulativeTotal),
        entry.dataHash,
        entry.uri,
      ]);
      const page = await pageAs(devAddress(AUDITOR), "/audit", width);
      await page.getByTestId("verify").click();
      await page.getByTestId("audit-verdict").waitFor();
      assert(
        (await page.getByTestId("check-root-proposed-on-the-distributor").getAttribute("data-pass")) === "false",
        "the on-chain root check passed",
      );
      await tx(page, () => page.getByTestId("veto").click());
      await page.getByTestId("vetoed").waitFor();
      await shot(page, `auditor-${width}`, width === 1280);
      assert(
        await read(addresses.Distributor, abi.distributor, "isVetoed", [tampered]),
        "the tampered root is not vetoed",
      );
      await page.context().close();

      const console = await pageAs(devAddress(PLATFORM), "/platform", width);
      const row = console.getByTestId(`period-${entry.hubPeriod}`);
      await row.getByText(/stopped by an auditor/).waitFor();
      await tx(console, () => row.getByRole("button", { name: "Publish the corrected root" }).click());
      const [pending] = await read(addresses.Distributor, abi.distributor, "pendingRoot");
      assert(pending === entry.root, `after publishing the corrected root the pending root is ${pending}`);
      for (const href of await console
        .getByTestId("engine-output")
        .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href))) {
        const r = await fetch(href);
        assert(r.ok, `engine output link ${href}: HTTP ${r.status}`);
      }
      await console
        .getByTestId("pending-changes")
        .getByText(/Growth pool commitment/)
        .waitFor();
      await console.context().close();
    },
  },
];

/** Runs last: it moves the chain's clock two months on. */
export const renewalTest: E2eTest = {
  name: "the fans who subscribed through the app are renewed twice by a keeper and stay active; the page counts the renewals left; top-up adds 12 (point 5)",
  once: true,
  fn: async () => {
    const fans = [devAddress(10), devAddress(11)];
    const keeper = devAddress(19);
    const start = await Promise.all(fans.map((f) => read(addresses.SubscriptionHub, abi.hub, "subscriptionOf", [f])));
    for (const round of [1, 2]) {
      await testClient.increaseTime({ seconds: 30 * DAY + 1 });
      await testClient.mine({ blocks: 1 });
      if (round === 1) for (const f of fans) await send(keeper, addresses.SubscriptionHub, abi.hub, "renew", [f]);
      else await send(keeper, addresses.SubscriptionHub, abi.hub, "renewBatch", [fans]);
    }
    for (const [i, f] of fans.entries()) {
      const sub = await read(addresses.SubscriptionHub, abi.hub, "subscriptionOf", [f]);
      assert(sub.status === 1, `fan ${f} is no longer active after two renewals (status ${sub.status})`);
      assert(
        BigInt(sub.paidThrough) > BigInt(start[i].paidThrough) + BigInt(59 * DAY),
        `fan ${f} was not renewed twice`,
      );
      const allowance = (await read(addresses.Token, abi.token, "allowance", [f, addresses.SubscriptionHub])) as bigint;
      assert(allowance === PRICE * 9n, `allowance ${allowance} after two renewals, expected 9 × price`);
    }
    // With funds to spare the approval is what limits the renewals: the hub counts 9, and so does the page.
    await send(devAddress(PLATFORM), addresses.Token, abi.token, "mint", [fans[0], PRICE * 100n]);
    const [, , , covered] = await read(addresses.SubscriptionHub, abi.hub, "renewable", [fans[0]]);
    assert(covered === 9n, `the hub counts ${covered} renewals, expected the 9 approved`);
    const page = await pageAs(fans[0], `/subscribe?ref=${ARTIST}`, 1280);
    await page
      .getByTestId("renewals-covered")
      .getByText(/cover 9 more renewals/)
      .waitFor();
    await tx(page, () => page.getByTestId("top-up").click());
    const allowance = (await read(addresses.Token, abi.token, "allowance", [
      fans[0],
      addresses.SubscriptionHub,
    ])) as bigint;
    assert(allowance === PRICE * 21n && allowance < maxUint256, `after the top-up the allowance is ${allowance}`);
    await page
      .getByTestId("renewals-covered")
      .getByText(/cover 21 more renewals/)
      .waitFor();
    await page.context().close();
  },
};
