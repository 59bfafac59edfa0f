// The app's one wagmi config: the deployment's chain read through a public RPC (pages work without a wallet),
// every EIP-6963 wallet the browser announces (name and icon), a plain injected wallet otherwise, and on the
// local chain the dev-account wallet (lib/devWallet.ts).
import { http, createConfig } from "wagmi";
import { injected } from "wagmi/connectors";
import { chain, isLocal } from "./chain.ts";
import { devProvider } from "./lib/devWallet.ts";

export const RPC_URL: string = import.meta.env.VITE_RPC_URL ?? chain.rpcUrls.default.http[0];
export const DEV_CONNECTOR_ID = "gaplessDevAccounts";
export const dev = isLocal ? devProvider(RPC_URL) : null;

const DEV_ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%235b45e0'/%3E%3Ctext x='8' y='12' font-size='10' text-anchor='middle' fill='white'%3E%23%3C/text%3E%3C/svg%3E";

export const config = createConfig({
  chains: [chain],
  connectors: [
    injected(),
    ...(dev
      ? [
          injected({
            target: { id: DEV_CONNECTOR_ID, name: "Local dev account", icon: DEV_ICON, provider: dev as never },
          }),
        ]
      : []),
  ],
  multiInjectedProviderDiscovery: true,
  transports: { [chain.id]: http(RPC_URL) },
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
