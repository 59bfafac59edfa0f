// Browser test of campaign recoupment (issue #14): a manager funds a campaign (its waterfall), the artist
// registers it, fans subscribe through its link, the recoupment moves and release pays the manager exactly the
// spend and the band the rest; the same page without the indexer reads the history from the chain. Runs once (at
// 1280 px): it creates a campaign and binds two fans for good.
import { waterfallFactoryAbi } from "../../lib/chain/abis.ts";
import { formatAmount } from "../../app/src/lib/format.ts";
import { devAddress } from "../../scripts/lib/seed-cast.ts";
import { abi, addresses, assert, balanceOf, client, connect, pageAs, read, shot, stack, tx } from "./harness.ts";
import type { E2eTest } from "./run.ts";

const ARTIST = devAddress(2);
const MANAGER = devAddress(18);
const CAMPAIGN_FANS = [devAddress(16), devAddress(17)];

export const campaignTests: E2eTest[] = [
  {
    name: "manager funds a campaign (its waterfall), fans subscribe through its link, the recoupment moves",
    once: true,
    fn: async (width) => {
      // The artist's own payout is the residual; the artist registers the campaign (its payout: the waterfall).
      const band = ARTIST;
      const page = await pageAs(MANAGER, "/campaigns", width);
      await page.getByTestId("campaign-name").fill("e2e launch");
      await page.getByTestId("campaign-spend-input").fill("2");
      await page.getByTestId("campaign-residual").fill(band);
      await tx(page, () => page.getByTestId("create-campaign").click());
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
      const artistPage = await pageAs(ARTIST, "/campaigns", width);
      const artistCard = artistPage.getByTestId(`campaign-${waterfall.toLowerCase()}`);
      await tx(artistPage, () => artistCard.getByTestId("register-campaign").click());
      await artistPage.context().close();
      await page.reload();
      await connect(page); // like a real wallet, the test wallet forgets the page on reload
      const link = (await card.getByTestId("campaign-link").textContent())!;
      assert(link.includes(`ref=${ARTIST}&c=`), `the campaign link ${link} does not carry the artist's campaign`);
      assert((await card.getByTestId("campaign-recouped").textContent()) === "0.00", "recouped before any fan");

      for (const fan of CAMPAIGN_FANS) {
        const fanPage = await pageAs(fan, new URL(link).pathname + new URL(link).search, width);
        // The fan is told where its referral share goes: the funder up to the spend, then the band.
        const note = (await fanPage.getByTestId("campaign-waterfall-note").textContent())!;
        assert(note.includes("up to 2.00"), `the subscribe page does not show the campaign's waterfall: ${note}`);
        await tx(fanPage, () => fanPage.getByRole("button", { name: /^Get 100 test/ }).click());
        await tx(fanPage, () => fanPage.getByTestId("subscribe").click());
        const binding = await read(addresses.SubscriptionHub, abi.hub, "bindingOf", [fan]);
        assert(binding.referrer === waterfall, `fan bound to ${binding.referrer}, not the campaign's waterfall`);
        await fanPage.context().close();
      }
      const referral = (await read(addresses.SubscriptionHub, abi.hub, "referralBalanceOf", [waterfall])) as bigint;
      const spend = 2_000_000n;
      assert(referral > spend, `two payments' referral (${referral}) should exceed the 2.00 spend`);

      await page.reload();
      await connect(page); // like a real wallet, the test wallet forgets the page on reload
      await card.getByTestId("campaign-fans").getByText("2").waitFor();
      assert((await card.getByTestId("campaign-revenue").textContent()) === formatAmount(referral), "revenue shown");
      assert((await card.getByTestId("campaign-recouped").textContent()) === "2.00", "recouped shown");
      assert((await card.getByTestId("campaign-remaining").textContent()) === "0.00", "remaining shown");
      const managerBefore = await balanceOf(MANAGER);
      const bandBefore = await balanceOf(band);
      await tx(page, () => card.getByTestId("collect-release").click());
      await card.getByTestId("funder-repaid").getByText("2.00 of 2.00").waitFor();
      await shot(page, `campaigns-${width}`);
      const managerAfter = await balanceOf(MANAGER);
      const bandAfter = await balanceOf(band);
      assert(managerAfter - managerBefore === spend, `manager repaid ${managerAfter - managerBefore}, not the spend`);
      assert(bandAfter - bandBefore === referral - spend, `band's payout got ${bandAfter - bandBefore}`);
      // The campaign's history comes from the indexer; with the indexer unreachable the page reads it from the chain.
      await page.context().route(`${stack.indexerUrl}/**`, (route) => route.abort());
      await page.reload();
      await connect(page);
      await card.getByTestId("campaign-fans").getByText("2").waitFor();
      assert(
        (await card.getByTestId("campaign-recouped").textContent()) === "2.00",
        "recouped shown without the indexer",
      );
      await page.context().close();
    },
  },
];
