// Claim all: what is claimable now by source (the account's Splits included, with what is still waiting for the
// band upstream), received to date from every source, one action that collects everything and says what arrived.
import type { Address as Addr } from "viem";
import { usePublicClient } from "wagmi";
import { contracts } from "../contracts.ts";
import type { Earnings } from "../hooks/useEarnings.ts";
import type { Token } from "../hooks/useToken.ts";
import { useTx } from "../hooks/useTx.ts";
import { claimPlan, memberOwed, upstreamTotal } from "../lib/claim.ts";
import { claimableIn } from "../lib/growth.ts";
import { Address } from "./Address.tsx";
import { TxStatus } from "./Tx.tsx";

const addresses = {
  router: contracts.router.address,
  hub: contracts.hub.address,
  distributor: contracts.distributor.address,
  growth: contracts.growth.address,
  token: contracts.token.address,
};

export function ClaimCard({
  account,
  e,
  token,
  onDone,
}: {
  account: Addr;
  e: Earnings;
  token: Token;
  onDone: () => void;
}) {
  const client = usePublicClient();
  const tx = useTx();
  const growth = claimableIn(e.own.growth, contracts.token.address);
  const splits = e.memberships.map((m) => ({ m, ...memberOwed(m, contracts.token.address) }));
  const splitTotal = splits.reduce((s, x) => s + x.afterCollect, 0n);
  const total = e.own.referral + e.own.usage + growth + splitTotal;
  const calls = claimPlan(addresses, account, e.own, e.memberships);
  const claim = () =>
    tx.run(async (w) => {
      const before = await client!.readContract({
        ...contracts.token,
        functionName: "balanceOf",
        args: [account],
      });
      for (const [i, call] of calls.entries()) {
        if (calls.length > 1)
          w.progress(
            i < calls.length - 1
              ? `step ${i + 1} of ${calls.length}: collecting the band's earnings into its Split`
              : `step ${i + 1} of ${calls.length}: paying you`,
          );
        await w.write({ ...contracts.router, ...call });
      }
      const after = await client!.readContract({
        ...contracts.token,
        functionName: "balanceOf",
        args: [account],
      });
      onDone();
      return `You received ${token.exact(after - before)}`;
    });
  return (
    <div className="card" data-testid="claim-card">
      <h2>Claimable now</h2>
      <div className="grid">
        <div>
          <div className="stat" data-testid="claimable-total" data-amount={String(total)}>
            {token.exact(total)}
          </div>
          <div className="muted">total you can claim now</div>
        </div>
        <div>
          <div className="stat" data-testid="claimable-referral">
            {token.fmt(e.own.referral)}
          </div>
          <div className="muted">from the fans you brought (referral share)</div>
        </div>
        <div>
          <div className="stat" data-testid="claimable-usage">
            {token.fmt(e.own.usage)}
          </div>
          <div className="muted">from fans' plays (published payouts)</div>
        </div>
        <div>
          <div className="stat" data-testid="claimable-growth">
            {token.fmt(growth)}
          </div>
          <div className="muted">from the growth pool</div>
        </div>
        <div>
          <div className="stat" data-testid="claimable-split">
            {token.fmt(splitTotal)}
          </div>
          <div className="muted">your part of your bands' and teams' Splits</div>
        </div>
      </div>
      {splits.map(({ m, now, afterCollect }) => (
        <p key={m.split} data-testid="split-membership">
          Split <Address address={m.split} /> ({String(m.share)} of {String(m.tree.totalShares)} shares): holds{" "}
          {token.fmt(m.balance)} now, {token.fmt(upstreamTotal(m.upstream, contracts.token.address))} more is waiting
          for the band; your part <b data-testid="split-owed">{token.fmt(afterCollect)}</b>
          {now !== afterCollect ? ` (${token.fmt(now)} of it already in the Split)` : ""}.{" "}
          <a href={`/split?address=${m.split}`}>Open the Split</a>
        </p>
      ))}
      <p className="muted" data-testid="received">
        Received to date: {token.fmt(e.receivedTotal)} ({token.fmt(e.received.distributor)} from plays,{" "}
        {token.fmt(e.received.referral)} referral, {token.fmt(e.received.growth)} growth pool,{" "}
        {token.fmt(e.received.splits)} from Splits).
      </p>
      <button
        data-testid="claim-all"
        disabled={calls.length === 0 || tx.disabled}
        title={tx.blocker ?? undefined}
        onClick={claim}
      >
        {tx.busy
          ? "Claiming…"
          : `Claim all (${token.fmt(total)})${calls.length > 1 ? ` in ${calls.length} transactions` : " in one transaction"}`}
      </button>
      {tx.blocker && <p className="muted">{tx.blocker}</p>}
      <TxStatus tx={tx} />
    </div>
  );
}
