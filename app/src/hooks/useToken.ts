// The platform token's symbol and decimals, read once from the token (every amount on every page is shown in it).
import { useSuspenseQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { contracts } from "../contracts.ts";
import { formatExact, formatToken, setSayUnit, type TokenUnit } from "../lib/format.ts";

export function useToken() {
  const client = usePublicClient()!;
  const { data } = useSuspenseQuery({
    queryKey: ["token-unit"],
    staleTime: Infinity,
    queryFn: async (): Promise<TokenUnit> => {
      const [symbol, decimals] = await Promise.all([
        client.readContract({ ...contracts.token, functionName: "symbol" }),
        client.readContract({ ...contracts.token, functionName: "decimals" }),
      ]);
      const unit = { symbol, decimals: Number(decimals) };
      setSayUnit(unit);
      return unit;
    },
  });
  return {
    ...data,
    /** "12.34 USDC" */
    fmt: (amount: bigint, shown = 2) => formatToken(amount, data, shown),
    /** "1.4985 USDC": every significant digit. */
    exact: (amount: bigint) => `${formatExact(amount, data.decimals)} ${data.symbol}`,
  };
}

export type Token = ReturnType<typeof useToken>;
