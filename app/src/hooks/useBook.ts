// The artist's book of business from the indexer (history only: balances and claimables come from the chain).
// When the indexer cannot be reached the queries fail and the dashboard says so; claiming does not depend on it.
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import type { Alert, ArtistSummary, Campaign, FansPage, Payout } from "../../../lib/book/types.ts";
import { artistApi } from "../lib/book.ts";

async function get<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the indexer answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

const opts = { refetchInterval: 5_000, retry: 1 } as const;

export function useArtistBook(account: Address | undefined, fansPage: { offset: number; status: string }) {
  const enabled = !!account;
  const a = account ?? "0x";
  const summary = useQuery({
    queryKey: ["book", a],
    enabled,
    ...opts,
    queryFn: () => get<ArtistSummary>(artistApi(a)),
  });
  const fans = useQuery({
    queryKey: ["book-fans", a, fansPage.offset, fansPage.status],
    enabled,
    ...opts,
    queryFn: () =>
      get<FansPage>(
        artistApi(a, `/fans?limit=25&offset=${fansPage.offset}${fansPage.status ? `&status=${fansPage.status}` : ""}`),
      ),
  });
  const campaigns = useQuery({
    queryKey: ["book-campaigns", a],
    enabled,
    ...opts,
    queryFn: () => get<Campaign[]>(artistApi(a, "/campaigns")),
  });
  const alerts = useQuery({
    queryKey: ["book-alerts", a],
    enabled,
    ...opts,
    queryFn: () => get<Alert[]>(artistApi(a, "/alerts?limit=50")),
  });
  const payouts = useQuery({
    queryKey: ["book-payouts", a],
    enabled,
    ...opts,
    queryFn: () => get<Payout[]>(artistApi(a, "/payouts")),
  });
  return { summary, fans, campaigns, alerts, payouts };
}
