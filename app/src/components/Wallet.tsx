// Connecting: every wallet the browser announces (EIP-6963, with its name and icon), what to do when there is
// none, and on the local chain a dev-account picker so a newcomer can act without installing a wallet.
// Connected: the short address with copy, switching dev accounts, disconnect; the wrong-network prompt.
import { lazy, Suspense, useState } from "react";
import type { Address as Addr } from "viem";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { chain } from "../chain.ts";
import { DEV_CONNECTOR_ID, dev } from "../config.ts";
import { useDevAccounts } from "../hooks/useDevAccounts.ts";
import { shortAddress } from "../lib/format.ts";
import { Address } from "./Address.tsx";

const ErrorSentence = lazy(() => import("./ErrorSentence.tsx"));
const Say = ({ error }: { error: unknown }) => (
  <Suspense fallback={<span className="error">Something went wrong.</span>}>
    <ErrorSentence error={error} />
  </Suspense>
);

function DevAccountSelect({ onPick }: { onPick: (a: Addr) => void }) {
  const accounts = useDevAccounts();
  const current = dev?.current() ?? "";
  return (
    <select
      data-testid="dev-account"
      aria-label="Dev account"
      value={current}
      onChange={(e) => onPick(e.target.value as Addr)}
    >
      <option value="" disabled>
        pick a dev account…
      </option>
      {accounts.data?.map((a) => (
        <option key={a.address} value={a.address}>
          #{a.index} {a.role} ({shortAddress(a.address)})
        </option>
      ))}
    </select>
  );
}

export function WalletButton() {
  const { address, isConnected, connector } = useConnection();
  const connectors = useConnectors();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const [open, setOpen] = useState(false);
  const devConnector = connectors.find((c) => c.id === DEV_CONNECTOR_ID);
  if (isConnected && address)
    return (
      <span className="wallet">
        {connector?.id === DEV_CONNECTOR_ID ? (
          <DevAccountSelect onPick={(a) => dev!.select(a)} />
        ) : (
          connector?.icon && <img src={connector.icon} alt={connector.name} width={18} height={18} />
        )}
        <span data-testid="connected-address" data-address={address}>
          <Address address={address} />
        </span>
        <button className="secondary" onClick={() => disconnect()}>
          Disconnect
        </button>
      </span>
    );
  // EIP-6963 wallets announce themselves with name and icon; the plain injected one only if none did.
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected" && c.id !== DEV_CONNECTOR_ID);
  const plain =
    announced.length === 0 && typeof window !== "undefined" && (window as { ethereum?: unknown }).ethereum
      ? connectors.filter((c) => c.id === "injected")
      : [];
  const wallets = [...announced, ...plain];
  return (
    <span className="wallet">
      <button data-testid="connect" onClick={() => setOpen(!open)} aria-expanded={open}>
        Connect wallet
      </button>
      {open && (
        <div className="menu" role="menu">
          {wallets.map((c) => (
            <button
              key={c.uid}
              role="menuitem"
              className="secondary"
              disabled={isPending}
              onClick={() => connect({ connector: c, chainId: chain.id })}
            >
              {c.icon && <img src={c.icon} alt="" width={18} height={18} />}{" "}
              {c.id === "injected" ? "Browser wallet" : c.name}
            </button>
          ))}
          {wallets.length === 0 && (
            <p className="muted" data-testid="no-wallet">
              No browser wallet found. Install one (for example MetaMask, Rabby or Coinbase Wallet) and reload; every
              page stays readable without it.
            </p>
          )}
          {devConnector && (
            <div>
              <p className="muted">
                Or act as one of the local chain's dev accounts (public test keys, local chain only):
              </p>
              <DevAccountSelect
                onPick={(a) => {
                  dev!.select(a);
                  connect({ connector: devConnector, chainId: chain.id });
                }}
              />
            </div>
          )}
          {error && <Say error={error} />}
        </div>
      )}
    </span>
  );
}

export function WrongChainBanner() {
  const { isConnected, chainId } = useConnection();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === chain.id) return null;
  return (
    <div className="banner" role="alert" data-testid="wrong-chain">
      Your wallet is on another network (chain {chainId}). Gapless runs on {chain.name} (chain {chain.id}): nothing can
      be sent until you switch.{" "}
      <button disabled={isPending} onClick={() => switchChain({ chainId: chain.id })}>
        Switch to {chain.name}
      </button>
      {error && <Say error={error} />}
    </div>
  );
}
