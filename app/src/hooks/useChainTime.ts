// The chain's clock (the latest block's timestamp, ticking locally between blocks): the demo chain is
// time-travelled, so countdowns must not use the computer's clock.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { usePublicClient } from "wagmi";

export function useChainTime(): bigint | undefined {
  const client = usePublicClient();
  const block = useQuery({
    queryKey: ["chain-time"],
    queryFn: async () => ({ at: Date.now(), timestamp: (await client!.getBlock()).timestamp }),
    refetchInterval: 10_000,
    enabled: !!client,
  });
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  if (!block.data) return undefined;
  return block.data.timestamp + BigInt(Math.floor((Date.now() - block.data.at) / 1000));
}
