// One Split as its page shows it: members and shares (from its SplitCreated event), and per token what the Split
// holds and what each member is owed.
import { useQuery } from "@tanstack/react-query";
import { zeroAddress, type Address } from "viem";
import { usePublicClient } from "wagmi";
import { buildSplitTree, unpackPayee } from "../../../lib/chain/split.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock, splitAbi } from "../contracts.ts";

export function useSplit(split: Address | undefined) {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["split", split],
    enabled: !!client && !!split,
    queryFn: async () => {
      const c = client!;
      const [created] = await inBlockRanges(c, { fromBlock: deployBlock("factory") }, (fromBlock, toBlock) =>
        c.getContractEvents({ ...contracts.factory, eventName: "SplitCreated", args: { split }, fromBlock, toBlock }),
      );
      if (!created) throw new Error(`No Split was created at ${split} by this app's factory.`);
      const tree = buildSplitTree(created.args.payees!.map(unpackPayee), created.args.salt!);
      const tokens = [
        { token: contracts.token.address, isEth: false },
        { token: zeroAddress, isEth: true },
      ];
      const holdings = await Promise.all(
        tokens.map(async ({ token, isEth }) => ({
          token,
          isEth,
          balance: isEth
            ? await c.getBalance({ address: split! })
            : await c.readContract({ ...contracts.token, functionName: "balanceOf", args: [split!] }),
          owed: await Promise.all(
            tree.payees.map((p) =>
              c.readContract({
                address: split!,
                abi: splitAbi,
                functionName: "owed",
                args: [token, p.account, p.share, tree.totalShares],
              }),
            ),
          ),
        })),
      );
      return { tree, holdings };
    },
  });
}
