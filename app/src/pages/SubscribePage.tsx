// Subscribe page, opened from an artist's link (?ref=0x…&c=N): plan and price, where this fan's money goes (to the
// referrer the fan is actually bound to), how many renewals the approval covers, subscribe with one permit
// signature and one transaction, top up the approval, cancel.
import { useState } from "react";
import { parseAbi, parseSignature, zeroAddress } from "viem";
import { useConfig, useConnection, usePublicClient } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { campaignName } from "../../../lib/chain/campaigns.ts";
import { Address } from "../components/Address.tsx";
import { CoverageChoice, RenewalsCovered } from "../components/Approval.tsx";
import { MoneyPicture } from "../components/MoneyPicture.tsx";
import { CampaignWaterfallNote } from "../components/CampaignWaterfallNote.tsx";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { chain, isLocal } from "../chain.ts";
import { contracts } from "../contracts.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useSubscribe } from "../hooks/useSubscribe.ts";
import { useToken } from "../hooks/useToken.ts";
import { useTx } from "../hooks/useTx.ts";
import { sentenceFor } from "../../../lib/chain/errors.ts";
import { SAY, formatDate, formatDuration } from "../lib/format.ts";
import { PERMIT_TYPES, permitDomain } from "../../../lib/chain/permit.ts";
import { parseReferral, subscribeRoute, type Coverage } from "../lib/subscribe.ts";
import { useLocation } from "../router.tsx";

const STATUS = ["not subscribed", "active", "cancelled", "ended (a renewal could not be paid)"];
const versionAbi = parseAbi(["function version() view returns (string)"]);

export default function SubscribePage() {
  const { query } = useLocation();
  const { referrer, warning } = parseReferral(query.get("ref"));
  const campaign = Number(query.get("c") ?? 0) >>> 0;
  const client = usePublicClient();
  const config = useConfig();
  const { address } = useConnection();
  const now = useChainTime();
  const token = useToken();
  const [planId, setPlanId] = useState(0);
  const [payments, setPayments] = useState<Coverage>(12);
  const tx = useTx();
  const data = useSubscribe(referrer, address, planId);
  const d = data.data;
  // Refusals the hub would revert with, said before anything is signed (sentences from the one error map).
  const refusal = !d
    ? null
    : address && referrer.toLowerCase() === address.toLowerCase()
      ? sentenceFor({ name: "HubSelfReferral", args: [address] }, SAY)
      : !d.enrolled && !d.bound
        ? sentenceFor({ name: "HubReferrerNotEnrolled", args: [referrer] }, SAY)
        : null;
  const every = d ? formatDuration(d.plan.period).replace(/ 0m$/, "") : "";

  const subscribe = () =>
    tx.run(async (w) => {
      if (!address || !d) return;
      if (refusal) throw new Error(`${refusal} Nothing was signed.`);
      const { hub } = contracts;
      const [balance, allowance] = await Promise.all([
        client!.readContract({ ...contracts.token, functionName: "balanceOf", args: [address] }),
        client!.readContract({ ...contracts.token, functionName: "allowance", args: [address, hub.address] }),
      ]);
      const route = subscribeRoute({ balance, allowance, price: d.plan.price, payments, fmt: token.fmt });
      if (route.kind === "short") throw new Error(route.message);
      if (route.kind === "subscribe")
        return void (await w.write({ ...hub, functionName: "subscribe", args: [planId, referrer, campaign] }));
      const read = (functionName: string) =>
        client!.readContract({
          address: contracts.token.address,
          abi: functionName === "version" ? versionAbi : contracts.token.abi,
          functionName,
        } as never);
      const domain = await permitDomain(read, contracts.token.address, chain.id);
      const nonce = await client!.readContract({
        ...contracts.token,
        functionName: "nonces",
        args: [address],
      });
      const deadline = (now ?? BigInt(Math.floor(Date.now() / 1000))) + 3600n;
      w.askWallet();
      const signature = await signTypedData(config, {
        domain,
        types: PERMIT_TYPES,
        primaryType: "Permit",
        message: { owner: address, spender: hub.address, value: route.value, nonce, deadline },
      });
      const { v, r, s } = parseSignature(signature);
      await w.write({
        ...hub,
        functionName: "subscribeWithPermit",
        args: [planId, referrer, campaign, route.value, deadline, Number(v), r, s],
      });
    });
  const topUp = () =>
    d &&
    address &&
    tx.send({
      ...contracts.token,
      functionName: "approve",
      args: [contracts.hub.address, (d.allowance ?? 0n) + d.plan.price * 12n],
    });
  const active = d?.sub?.status === 1;
  return (
    <>
      <h1>Subscribe</h1>
      <ErrorBox error={data.error} />
      {refusal && (
        <div className="banner" role="alert" data-testid="ref-refused">
          {refusal}
        </div>
      )}
      {warning && (
        <div className="banner" role="alert" data-testid="ref-warning">
          {warning}
        </div>
      )}
      {referrer !== zeroAddress && (
        <p data-testid="referred-by">
          You were invited by <b>{d?.linkName ?? <Address address={referrer} />}</b> ({campaignName(String(campaign))}).
        </p>
      )}
      {d?.bound && d.bound.toLowerCase() !== referrer.toLowerCase() && (
        <div className="banner" data-testid="bound-elsewhere">
          This wallet already subscribed once through <b>{d.payeeName ?? d.bound}</b>: a referral is bound for good, so
          the referral share keeps going to {d.payeeName ?? "them"}, not to whoever shared this link.
        </div>
      )}
      {referrer !== zeroAddress && <CampaignWaterfallNote referrer={referrer} campaign={campaign} />}
      {d && (
        <div className="card">
          <label>
            Plan{" "}
            <select value={planId} onChange={(e) => setPlanId(Number(e.target.value))}>
              {d.plans.map((p, i) => (
                <option
                  key={i}
                  value={i}
                  disabled={now !== undefined && (BigInt(p.availableFrom) > now || BigInt(p.retiredFrom) <= now)}
                >
                  {token.fmt(p.price)} every {formatDuration(p.period).replace(/ 0m$/, "")}
                  {now !== undefined && BigInt(p.availableFrom) > now ? ` (from ${formatDate(p.availableFrom)})` : ""}
                </option>
              ))}
            </select>
          </label>
          <p className="stat" data-testid="price">
            {token.exact(d.plan.price)} every {every}
          </p>
          <h3>Where your money goes</h3>
          <MoneyPicture price={d.plan.price} parts={d.parts} payee={d.payee} payeeName={d.payeeName} token={token} />
          {!address && (
            <p className="muted">
              Connect a wallet to subscribe
              {isLocal ? " (on this local chain, pick a dev account from Connect wallet)" : ""}.
            </p>
          )}
          {address && d.sub && (
            <p data-testid="subscription-status">
              Your subscription: <b>{STATUS[d.sub.status]}</b>
              {d.sub.status !== 0 ? `, paid until ${formatDate(d.sub.paidThrough)}` : ""}. Your balance:{" "}
              {token.fmt(d.balance ?? 0n)}.
            </p>
          )}
          {address && active && (
            <RenewalsCovered
              covered={d.renewalsCovered}
              allowance={d.allowance ?? 0n}
              balance={d.balance ?? 0n}
              price={d.sub!.price}
              token={token}
              tx={tx}
              onTopUp={topUp}
            />
          )}
          {address && !active && (
            <CoverageChoice
              payments={payments}
              onChange={setPayments}
              price={d.plan.price}
              every={every}
              token={token}
            />
          )}
          {address && (
            <div className="actions">
              {!active && (
                <button data-testid="subscribe" disabled={tx.disabled} onClick={subscribe}>
                  Subscribe: {token.fmt(d.plan.price)} now
                </button>
              )}
              {active && (
                <button
                  className="secondary"
                  data-testid="cancel"
                  disabled={tx.disabled}
                  onClick={() => tx.send({ ...contracts.hub, functionName: "cancel" })}
                >
                  Cancel subscription
                </button>
              )}
              {isLocal && (
                <button
                  className="secondary"
                  disabled={tx.disabled}
                  onClick={() =>
                    tx.send({
                      ...contracts.token,
                      functionName: "mint",
                      args: [address, 100n * 10n ** BigInt(token.decimals)],
                    })
                  }
                >
                  Get 100 test {token.symbol}
                </button>
              )}
            </div>
          )}
          <TxStatus tx={tx} />
        </div>
      )}
    </>
  );
}
