// On the subscribe page, when the link's referrer is a campaign's recoupment waterfall: where the referral share goes
// next — the campaign's funder until the spend is repaid, then the band.
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { unpackTranche } from "../../../lib/chain/waterfall.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock } from "../contracts.ts";
import { formatAmount, shortAddress } from "../lib/format.ts";

export function CampaignWaterfallNote({ referrer, campaign }: { referrer: Address; campaign: number }) {
  const client = usePublicClient();
  const created = useQuery({
    queryKey: ["waterfall-created", referrer, campaign],
    enabled: !!client,
    queryFn: async () => {
      const payout = await client!.readContract({
        ...contracts.hub,
        functionName: "campaignPayout",
        args: [referrer, campaign],
      });
      const [e] = await inBlockRanges(client!, { fromBlock: deployBlock("waterfallFactory") }, (fromBlock, toBlock) =>
        client!.getContractEvents({
          ...contracts.waterfallFactory,
          eventName: "WaterfallCreated",
          args: { waterfall: payout },
          fromBlock,
          toBlock,
        }),
      );
      return e ? { tranches: e.args.tranches!, residual: e.args.residual! } : null;
    },
  });
  const w = created.data;
  if (!w) return null;
  const caps = w.tranches.map(unpackTranche);
  return (
    <p className="muted" data-testid="campaign-waterfall-note">
      This link is a funded campaign: its referral share goes to the campaign's waterfall, which repays{" "}
      {caps.map((c) => `${shortAddress(c.recipient)} up to ${formatAmount(c.cap)}`).join(", then ")}, and then pays{" "}
      {shortAddress(w.residual)} for as long as you subscribe.
    </p>
  );
}
