// The local node's dev accounts with the role each plays in the demo, read from the chain and the published
// registry (platform = the hub's owner, auditors from the distributor, artists by payout address).
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { dev } from "../config.ts";

export function useDevAccounts() {
  const config = useConfig();
  return useQuery({
    queryKey: ["dev-accounts"],
    enabled: !!dev,
    staleTime: Infinity,
    queryFn: async () => {
      // Loaded on demand: the header is on the first page, and the ABIs and a public client (with every public
      // action: ENS, signatures) would double its JavaScript.
      const [{ contracts }, { fetchRegistry }, { getPublicClient }] = await Promise.all([
        import("../contracts.ts"),
        import("../lib/periods.ts"),
        import("wagmi/actions"),
      ]);
      const client = getPublicClient(config);
      const [accounts, owner, registry] = await Promise.all([
        dev!.accounts(),
        client!.readContract({ ...contracts.hub, functionName: "owner" }),
        fetchRegistry().catch(() => []),
      ]);
      const auditor = await Promise.all(
        accounts.map((a) => client!.readContract({ ...contracts.distributor, functionName: "isAuditor", args: [a] })),
      );
      return accounts.map((address: Address, index) => {
        const artist = registry.find((r) => r.payout.toLowerCase() === address.toLowerCase());
        const role =
          address.toLowerCase() === owner.toLowerCase()
            ? "platform"
            : auditor[index]
              ? "auditor"
              : artist
                ? `artist ${artist.name}`
                : "fan or member";
        return { index, address, role };
      });
    },
  });
}
