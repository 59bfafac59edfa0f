// The app's one wagmi config: the local Hardhat chain read through a public RPC (pages work without a
// wallet), injected wallets and every EIP-6963 wallet the browser announces.
import { http, createConfig } from "wagmi";
import { hardhat } from "wagmi/chains";
import { injected } from "wagmi/connectors";

export const RPC_URL: string = import.meta.env.VITE_RPC_URL ?? "http://127.0.0.1:8545";

export const config = createConfig({
  chains: [hardhat],
  connectors: [injected()],
  multiInjectedProviderDiscovery: true,
  transports: { [hardhat.id]: http(RPC_URL) },
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
