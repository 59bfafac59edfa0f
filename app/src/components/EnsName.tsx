// The ENS name of an address, on chains that have ENS (loaded only there: ENS resolution is large).
import type { Address } from "viem";
import { useEnsName } from "wagmi";
import { chain } from "../chain.ts";

export default function EnsName({ address, fallback }: { address: Address; fallback: string }) {
  const ens = useEnsName({ address, chainId: chain.id });
  return <>{ens.data ?? fallback}</>;
}
