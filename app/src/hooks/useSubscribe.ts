// Everything the subscribe page shows for one fan and plan: plans, the exact routing of the price (from the hub,
// which applies the fan's existing binding), the referrer the fan is actually bound to, subscription, balance and
// allowance, and the renewals they cover (the hub's `renewable` view).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { usePublicClient } from "wagmi";
import { contracts } from "../contracts.ts";
import { fetchRegistry } from "../lib/periods.ts";

export function useSubscribe(referrer: Address, fan: Address | undefined, planId: number) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["subscribe", referrer, fan, planId],
    placeholderData: keepPreviousData,
    enabled: !!client,
    refetchInterval: 10_000,
    queryFn: async () => {
      const c = client!;
      const { hub, token } = contracts;
      const count = Number(await c.readContract({ ...hub, functionName: "planCount" }));
      const plans = await Promise.all(
        [...Array(count).keys()].map((id) => c.readContract({ ...hub, functionName: "plan", args: [id] })),
      );
      const plan = plans[planId] ?? plans[0];
      const [parts, registry, binding, sub, balance, allowance, enrolled, renewable] = await Promise.all([
        c.readContract({
          ...hub,
          functionName: "previewSplit",
          args: [plan.price, fan ?? zeroAddress, referrer],
        }),
        fetchRegistry().catch(() => []),
        fan ? c.readContract({ ...hub, functionName: "bindingOf", args: [fan] }) : null,
        fan ? c.readContract({ ...hub, functionName: "subscriptionOf", args: [fan] }) : null,
        fan ? c.readContract({ ...token, functionName: "balanceOf", args: [fan] }) : null,
        fan ? c.readContract({ ...token, functionName: "allowance", args: [fan, hub.address] }) : null,
        referrer === zeroAddress ? true : c.readContract({ ...hub, functionName: "isEnrolled", args: [referrer] }),
        // The one "renewals covered" rule: the hub's own view (min(balance, allowance) / price while active).
        fan ? c.readContract({ ...hub, functionName: "renewable", args: [fan] }) : null,
      ]);
      const bound = binding && binding.referrer !== zeroAddress ? binding.referrer : null;
      const nameOf = (a: Address) => registry.find((r) => r.payout.toLowerCase() === a.toLowerCase())?.name;
      // The referral share goes to the bound referrer if there is one, whatever the link says.
      const payee = bound ?? (referrer !== zeroAddress ? referrer : null);
      return {
        plans,
        plan,
        parts,
        bound,
        payee,
        payeeName: payee ? nameOf(payee) : undefined,
        linkName: nameOf(referrer),
        /** A link's referrer must be an enrolled artist, or subscribing through it reverts. */
        enrolled,
        sub,
        balance,
        allowance,
        /** Renewals the hub would charge from the fan's approval and balance now (0 unless active). */
        renewalsCovered: renewable ? renewable[3] : 0n,
      };
    },
  });
}

export type SubscribeData = NonNullable<ReturnType<typeof useSubscribe>["data"]>;
