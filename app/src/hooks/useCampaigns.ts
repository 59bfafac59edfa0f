// Every recoupment campaign on the chain: the waterfalls the factory created (their full config is in the
// creation event), the fans each one brought through the hub and their referral payments — that history from the
// indexer, or from the chain's logs in ranges when no indexer answers — and, from the chain, what the hub still holds
// for it and what its waterfall has received and paid to each position.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getAddress, hexToString, type Address, type Hex, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { unpackTranche, type WaterfallConfig } from "../../../lib/chain/waterfall.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock, waterfallAbi } from "../contracts.ts";
import type { WaterfallHistory } from "../../../lib/book/types.ts";
import { INDEXER_URL } from "../lib/book.ts";
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

/** The waterfalls' history from the indexer (one request), or null when it is not reachable. */
async function historyFromIndexer(): Promise<WaterfallHistory[] | null> {
  try {
    const res = await fetch(`${INDEXER_URL}/api/waterfalls`, { signal: AbortSignal.timeout(5_000) });
    return res.ok ? ((await res.json()) as WaterfallHistory[]) : null;
  } catch {
    return null;
  }
}

/** The same history read from the chain's logs, from the deploy blocks in bounded ranges (no indexer). */
async function historyFromChain(c: PublicClient): Promise<WaterfallHistory[]> {
  const created = await inBlockRanges(c, { fromBlock: deployBlock("waterfallFactory") }, (fromBlock, toBlock) =>
    c.getContractEvents({ ...contracts.waterfallFactory, eventName: "WaterfallCreated", fromBlock, toBlock }),
  );
  return Promise.all(
    created.map(async (e): Promise<WaterfallHistory> => {
      const address = e.args.waterfall!;
      const [registered, paid] = await Promise.all([
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
          c.getContractEvents({ ...contracts.hub, eventName: "Paid", args: { referrer: address }, fromBlock, toBlock }),
        ),
      ]);
      return {
        address,
        token: e.args.token!,
        residual: e.args.residual!,
        salt: e.args.salt!,
        tranches: e.args.tranches!.map(String),
        registration: registered[0]
          ? { artist: registered[0].args.artist!, campaign: Number(registered[0].args.campaign!) }
          : null,
        payments: paid.map((p) => ({
          subscriber: p.args.subscriber!,
          referralPart: String(p.args.referralPart!),
          paidThrough: Number(p.args.paidThrough!),
        })),
      };
    }),
  );
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
      // History from the indexer; without one, from the chain. What each holds and owes: always the chain.
      const history = (await historyFromIndexer()) ?? (await historyFromChain(c));
      const plan = await c.readContract({ ...contracts.hub, functionName: "plan", args: [0] });
      return Promise.all(
        history.map(async (h): Promise<CampaignView> => {
          // The indexer answers lowercase addresses; links and comparisons use the checksummed form, as the chain's.
          const address = getAddress(h.address);
          const packed = h.tranches.map(BigInt);
          const config: WaterfallConfig = {
            token: getAddress(h.token),
            tranches: packed.map(unpackTranche),
            residual: getAddress(h.residual),
            salt: h.salt as Hex,
          };
          const args = [config.token, packed, config.residual, config.salt] as const;
          const [pendingInHub, code] = await Promise.all([
            c.readContract({ ...contracts.hub, functionName: "referralBalanceOf", args: [address] }),
            c.getCode({ address }),
          ]);
          const positions =
            code && code !== "0x"
              ? await c.readContract({ address, abi: waterfallAbi, functionName: "positions", args })
              : ([0n, config.tranches.map(() => 0n).concat(0n), config.tranches.map(() => 0n).concat(0n)] as const);
          const payments: CampaignPayment[] = h.payments.map((p) => ({
            subscriber: getAddress(p.subscriber),
            referralPart: BigInt(p.referralPart),
            paidThrough: BigInt(p.paidThrough),
          }));
          const spend = config.tranches[0].cap;
          return {
            address,
            config,
            name: saltName(config.salt),
            funder: config.tranches[0].recipient,
            spend,
            created: !!code && code !== "0x",
            registration: h.registration
              ? { artist: getAddress(h.registration.artist), campaign: h.registration.campaign }
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
