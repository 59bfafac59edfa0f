// Every recoupment campaign on the chain: the waterfalls the factory created (their full config is in the
// creation event), the fans each one brought through the hub and their referral payments, what the hub still
// holds for it, and what its waterfall has received and paid to each position.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { hexToString, type Address, type Hex } from "viem";
import { usePublicClient } from "wagmi";
import { unpackTranche, type WaterfallConfig } from "../../../lib/chain/waterfall.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock, waterfallAbi } from "../contracts.ts";
import { recoupment, type CampaignPayment, type Recoupment } from "../lib/recoupment.ts";

export interface CampaignView {
  address: Address;
  config: WaterfallConfig;
  /** The campaign's name, carried in the waterfall's salt (31 bytes of UTF-8). */
  name: string;
  /** The funder is the first tranche, its cap the spend. */
  funder: Address;
  spend: bigint;
  created: boolean;
  /** The artist campaign whose payout is this waterfall (registered once, for good); undefined until then. */
  registration?: { artist: Address; campaign: number };
  /** Referral balance the hub still holds for the waterfall (moved in by anyone's `withdraw`). */
  pendingInHub: bigint;
  /** What the waterfall has received in all, paid per position and owed now (zero before it exists). */
  received: bigint;
  released: bigint[];
  owed: bigint[];
  stats: Recoupment;
}

/** The campaign name a salt carries (trailing zero bytes dropped); empty for a salt that is not text. */
export function saltName(salt: Hex): string {
  try {
    const text = hexToString(salt, { size: 32 });
    return /^[\p{L}\p{N}\p{P}\p{Zs}]*$/u.test(text) ? text : "";
  } catch {
    return "";
  }
}

export function useCampaigns(refreshKey: unknown) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["campaigns", refreshKey],
    enabled: !!client,
    refetchInterval: 10_000,
    // Cards stay mounted while a refresh loads, so a transaction's status is never torn down mid-way.
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<CampaignView[]> => {
      const c = client!;
      const created = await inBlockRanges(c, { fromBlock: deployBlock("waterfallFactory") }, (fromBlock, toBlock) =>
        c.getContractEvents({ ...contracts.waterfallFactory, eventName: "WaterfallCreated", fromBlock, toBlock }),
      );
      const plan = await c.readContract({ ...contracts.hub, functionName: "plan", args: [0] });
      return Promise.all(
        created.map(async (e): Promise<CampaignView> => {
          const a = e.args;
          const address = a.waterfall!;
          const config: WaterfallConfig = {
            token: a.token!,
            tranches: a.tranches!.map(unpackTranche),
            residual: a.residual!,
            salt: a.salt!,
          };
          const args = [config.token, [...a.tranches!], config.residual, config.salt] as const;
          const [registered, paid, pendingInHub, code] = await Promise.all([
            inBlockRanges(c, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
              c.getContractEvents({
                ...contracts.hub,
                eventName: "CampaignRegistered",
                args: { payout: address },
                fromBlock,
                toBlock,
              }),
            ),
            inBlockRanges(c, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
              c.getContractEvents({
                ...contracts.hub,
                eventName: "Paid",
                args: { referrer: address },
                fromBlock,
                toBlock,
              }),
            ),
            c.readContract({ ...contracts.hub, functionName: "referralBalanceOf", args: [address] }),
            c.getCode({ address }),
          ]);
          const positions =
            code && code !== "0x"
              ? await c.readContract({ address, abi: waterfallAbi, functionName: "positions", args })
              : ([0n, config.tranches.map(() => 0n).concat(0n), config.tranches.map(() => 0n).concat(0n)] as const);
          const payments: CampaignPayment[] = paid.map((p) => ({
            subscriber: p.args.subscriber!,
            referralPart: p.args.referralPart!,
            paidThrough: p.args.paidThrough!,
          }));
          const spend = config.tranches[0].cap;
          return {
            address,
            config,
            name: saltName(config.salt),
            funder: config.tranches[0].recipient,
            spend,
            created: !!code && code !== "0x",
            registration: registered[0]
              ? { artist: registered[0].args.artist!, campaign: Number(registered[0].args.campaign!) }
              : undefined,
            pendingInHub,
            received: positions[0],
            released: [...positions[1]],
            owed: [...positions[2]],
            stats: recoupment(payments, spend, BigInt(plan.period)),
          };
        }),
      );
    },
  });
}
