// Connect / disconnect, and the wrong-chain prompt shown while the wallet is on another network.
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { hardhat } from "wagmi/chains";
import { shortAddress } from "../lib/format.ts";

export function WalletButton() {
  const { address, isConnected } = useConnection();
  const connectors = useConnectors();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  if (isConnected && address)
    return (
      <span>
        <code data-testid="connected-address">{shortAddress(address)}</code>{" "}
        <button className="secondary" onClick={() => disconnect()}>
          Disconnect
        </button>
      </span>
    );
  // EIP-6963 wallets announce themselves by name; the generic injected connector covers the rest.
  const unique = connectors.filter((c, i) => connectors.findIndex((d) => d.name === c.name) === i);
  return (
    <span>
      {unique.length === 0 && <span className="muted">No browser wallet found — pages stay readable.</span>}
      {unique.map((c) => (
        <button key={c.uid} disabled={isPending} onClick={() => connect({ connector: c })}>
          Connect {c.name}
        </button>
      ))}
      {error && <span className="error">{error.message.split("\n")[0]}</span>}
    </span>
  );
}

export function WrongChainBanner() {
  const { isConnected, chainId } = useConnection();
  const { switchChain, isPending, error } = useSwitchChain();
  if (!isConnected || chainId === hardhat.id) return null;
  return (
    <div className="banner" role="alert">
      Your wallet is on chain {chainId}; Gapless runs on the local chain {hardhat.id}.{" "}
      <button disabled={isPending} onClick={() => switchChain({ chainId: hardhat.id })}>
        Switch network
      </button>
      {error && <span className="error">{error.message.split("\n")[0]}</span>}
    </div>
  );
}
