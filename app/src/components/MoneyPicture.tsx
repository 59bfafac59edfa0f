// Where a payment goes, as a bar and three exact parts that add up to the price (every significant digit shown).
import type { Address } from "viem";
import type { Token } from "../hooks/useToken.ts";
import { Address as AddressView } from "./Address.tsx";

export function MoneyPicture({
  price,
  parts,
  payee,
  payeeName,
  token,
}: {
  price: bigint;
  parts: readonly [bigint, bigint, bigint];
  payee: Address | null;
  payeeName?: string;
  token: Token;
}) {
  const [referral, pool, platform] = parts;
  const pct = (x: bigint) => `${(Number((x * 10_000n) / (price || 1n)) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
  return (
    <>
      <div className="stack-bar" data-testid="money-picture">
        <div
          className="bar"
          style={{ width: pct(referral), background: "#f2a33a" }}
          title="to the artist who brought you"
        />
        <div className="bar" style={{ width: pct(pool), background: "#5b45e0" }} title="to the artists you play" />
        <div className="bar" style={{ width: pct(platform), background: "#9aa0a6" }} title="to the platform" />
      </div>
      <ul data-testid="money-parts">
        <li>
          <b data-testid="part-referral">{token.exact(referral)}</b> ({pct(referral)}) to{" "}
          {referral > 0n && payee ? (
            <>
              {payeeName ? (
                <b data-testid="referral-payee">{payeeName}</b>
              ) : (
                <span data-testid="referral-payee">
                  <AddressView address={payee} />
                </span>
              )}
              , who brought you, on every payment
            </>
          ) : (
            "nobody (no referrer)"
          )}
        </li>
        <li>
          <b data-testid="part-pool">{token.exact(pool)}</b> ({pct(pool)}) to the artists you actually play, in
          proportion to your plays
        </li>
        <li>
          <b data-testid="part-platform">{token.exact(platform)}</b> ({pct(platform)}) to the platform
        </li>
      </ul>
      <p className="muted">Together exactly {token.exact(referral + pool + platform)}, the price.</p>
    </>
  );
}
