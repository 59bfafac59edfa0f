// The Gapless gas bars of the contracts issue (and of the recoupment issue, #14), shown next to the measured rows they apply to
// (test/ts/*gas*.test.ts hold the same bars and assert the ones that are met).
export const GAPLESS_BARS: Record<string, number> = {
  "splits | create | 2 payees | Gapless": 75_500,
  "splits | create | 10 payees | Gapless": 83_100,
  "splits | create | 100 payees | Gapless": 167_300,
  "splits | route one payment (ETH) | 10 payees | Gapless": 23_000,
  "splits | release one payee, again | 10 payees | Gapless": 55_000,
  "splits | release one payee, again | 100 payees | Gapless": 60_000,
  "recoupment | create | 1 tranche + residual | Gapless": 75_500,
  "recoupment | pay in (ETH, plain transfer) | 1 tranche + residual | Gapless": 23_000,
  "recoupment | release the funder's tranche, again | 1 tranche + residual | Gapless": 55_000,
  "recoupment | release the residual (band), again | 1 tranche + residual | Gapless": 55_000,
  "claims | first claim | 1,000,000 leaves | Gapless": 90_000,
  "claims | repeat claim (next period) | 1,000,000 leaves | Gapless": 58_000,
  "subscriptions | renew | alone | Gapless": 65_000,
  "subscriptions | renew | batch of 100, per subscriber | Gapless": 45_000,
};
