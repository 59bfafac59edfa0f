// Subscribe page, opened from an artist's link (?ref=0x…&c=N): plan and price, where this fan's money goes,
// subscribe with one permit signature and one transaction, cancel.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { isAddress, parseSignature, zeroAddress, type Address } from "viem";
import { useConfig, useConnection, usePublicClient } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { campaignName } from "../../../lib/chain/campaigns.ts";
import { ErrorBox, TxStatus } from "../components/Tx.tsx";
import { contracts } from "../contracts.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount, formatDate, formatDuration } from "../lib/format.ts";
import { fetchRegistry } from "../lib/periods.ts";
import { useLocation } from "../router.tsx";

const STATUS = ["none", "active", "cancelled", "lapsed"];

export default function SubscribePage() {
  const { query } = useLocation();
  const ref = query.get("ref") ?? "";
  const referrer = (isAddress(ref) ? ref : zeroAddress) as Address;
  const campaign = Number(query.get("c") ?? 0) >>> 0;
  const client = usePublicClient();
  const config = useConfig();
  const { address } = useConnection();
  const now = useChainTime();
  const [planId, setPlanId] = useState(0);
  const tx = useTx();
  const cancel = useTx();
  const mint = useTx();

  const data = useQuery({
    queryKey: ["subscribe", referrer, address, planId, tx.step, cancel.step, mint.step],
    enabled: !!client,
    queryFn: async () => {
      const { hub, token } = contracts;
      const count = Number(await client!.readContract({ ...hub, functionName: "planCount" }));
      const plans = await Promise.all(
        [...Array(count).keys()].map((id) => client!.readContract({ ...hub, functionName: "plan", args: [id] })),
      );
      const plan = plans[planId];
      const split = await client!.readContract({
        ...hub,
        functionName: "previewSplit",
        args: [plan.price, address ?? zeroAddress, referrer],
      });
      const registry = await fetchRegistry().catch(() => []);
      const artist = registry.find((r) => r.payout.toLowerCase() === referrer.toLowerCase());
      const sub = address
        ? await client!.readContract({ ...hub, functionName: "subscriptionOf", args: [address] })
        : null;
      const balance = address
        ? await client!.readContract({ ...token, functionName: "balanceOf", args: [address] })
        : null;
      return { plans, plan, split, artist, sub, balance };
    },
  });
  const d = data.data;

  async function subscribe() {
    if (!address || !d) return;
    await tx.send(async () => {
      const { token, hub } = contracts;
      const [name, nonce] = await Promise.all([
        client!.readContract({ ...token, functionName: "name" }),
        client!.readContract({ ...token, functionName: "nonces", args: [address] }),
      ]);
      const deadline = (now ?? BigInt(Math.floor(Date.now() / 1000))) + 3600n;
      const value = d.plan.price;
      const signature = await signTypedData(config, {
        domain: { name, version: "1", chainId: 31337, verifyingContract: token.address },
        types: {
          Permit: [
            { name: "owner", type: "address" },
            { name: "spender", type: "address" },
            { name: "value", type: "uint256" },
            { name: "nonce", type: "uint256" },
            { name: "deadline", type: "uint256" },
          ],
        },
        primaryType: "Permit",
        message: { owner: address, spender: hub.address, value, nonce, deadline },
      });
      const { v, r, s } = parseSignature(signature);
      return {
        ...hub,
        functionName: "subscribeWithPermit",
        args: [planId, referrer, campaign, value, deadline, Number(v), r, s],
      };
    });
  }

  const [referral, pool, platform] = d?.split ?? [0n, 0n, 0n];
  const total = d ? d.plan.price : 1n;
  const pct = (x: bigint) => `${Number((x * 10_000n) / (total || 1n)) / 100}%`;
  return (
    <>
      <h1>Subscribe</h1>
      <ErrorBox error={data.error} />
      {referrer !== zeroAddress && (
        <p data-testid="referred-by">
          You were invited by <b>{d?.artist?.name ?? referrer}</b> ({campaignName(campaign)}).
        </p>
      )}
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
                  {formatAmount(p.price)} every {formatDuration(p.period)}
                  {now !== undefined && BigInt(p.availableFrom) > now ? ` (from ${formatDate(p.availableFrom)})` : ""}
                </option>
              ))}
            </select>
          </label>
          <p className="stat" data-testid="price">
            {formatAmount(d.plan.price)} tokens
          </p>
          <h3>Where your money goes</h3>
          <div style={{ display: "flex", width: "100%" }} data-testid="money-picture">
            <div className="bar" style={{ width: pct(referral), background: "#f2a33a" }} title="referral" />
            <div className="bar" style={{ width: pct(pool), background: "#5b45e0" }} title="pool" />
            <div className="bar" style={{ width: pct(platform), background: "#9aa0a6" }} title="platform" />
          </div>
          <ul>
            <li>
              <b>{formatAmount(referral)}</b> ({pct(referral)}) to{" "}
              {referral > 0n ? (d.artist?.name ?? "the artist who brought you") : "no referrer"}, on every payment
            </li>
            <li>
              <b>{formatAmount(pool)}</b> ({pct(pool)}) to the artists you actually play, in proportion to your plays
            </li>
            <li>
              <b>{formatAmount(platform)}</b> ({pct(platform)}) to the platform
            </li>
          </ul>
          {!address && <p className="muted">Connect a wallet to subscribe.</p>}
          {address && d.sub && (
            <p data-testid="subscription-status">
              Your subscription: {STATUS[d.sub.status]}
              {d.sub.status !== 0 ? `, paid until ${formatDate(d.sub.paidThrough)}` : ""}. Balance{" "}
              {formatAmount(d.balance ?? 0n)} tokens.
            </p>
          )}
          {address && (
            <>
              <button data-testid="subscribe" onClick={subscribe}>
                Subscribe (1 signature + 1 transaction)
              </button>{" "}
              <button
                className="secondary"
                data-testid="cancel"
                onClick={() => cancel.send({ ...contracts.hub, functionName: "cancel" })}
              >
                Cancel subscription
              </button>{" "}
              <button
                className="secondary"
                onClick={() => mint.send({ ...contracts.token, functionName: "mint", args: [address, 100_000_000n] })}
              >
                Get 100 test tokens
              </button>
            </>
          )}
          <TxStatus tx={tx} />
          <TxStatus tx={cancel} />
          <TxStatus tx={mint} />
        </div>
      )}
    </>
  );
}
