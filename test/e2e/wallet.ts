// The test wallet injected into the page: an EIP-1193 provider that forwards every request to the local
// node, whose dev accounts are unlocked (so eth_sendTransaction and eth_signTypedData_v4 sign there), and
// announces itself over EIP-6963 like a real browser wallet. It records every method it is asked
// (window.__walletCalls), can start on another chain (and refuse to switch), and rejects requests while
// window.__gaplessReject is set, as a user pressing "Reject" would.
export interface WalletOptions {
  chainId?: number;
  /** Fail wallet_switchEthereumChain (a wallet that cannot switch), so it stays on `chainId`. */
  refuseSwitch?: boolean;
}

export const WALLET_NAME = "Gapless Test Wallet";
export const WALLET_ICON =
  "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'><circle cx='4' cy='4' r='4' fill='teal'/></svg>";

export function walletScript(rpcUrl: string, account: string, o: WalletOptions = {}): string {
  return `(() => {
    const rpcUrl = ${JSON.stringify(rpcUrl)};
    const account = ${JSON.stringify(account.toLowerCase())};
    let chainId = ${JSON.stringify("0x" + (o.chainId ?? 31337).toString(16))};
    const refuseSwitch = ${JSON.stringify(!!o.refuseSwitch)};
    const listeners = {};
    let authorized = false; // like a real wallet: no account until the page asks for one
    window.__walletCalls = [];
    let id = 0;
    const emit = (event, value) => (listeners[event] ?? []).forEach((f) => f(value));
    const rpc = async (method, params) => {
      const r = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }) });
      const body = await r.json();
      if (body.error) { const e = new Error(body.error.message); e.code = body.error.code; e.data = body.error.data; throw e; }
      return body.result;
    };
    const provider = {
      isGaplessTestWallet: true,
      async request({ method, params }) {
        window.__walletCalls.push(method);
        if (window.__gaplessReject && /^(eth_sendTransaction|eth_signTypedData_v4|personal_sign)$/.test(method)) {
          const e = new Error("User rejected the request."); e.code = 4001; throw e;
        }
        switch (method) {
          case "eth_requestAccounts": authorized = true; return [account];
          case "eth_accounts": return authorized ? [account] : [];
          case "eth_chainId": return chainId;
          case "wallet_switchEthereumChain": {
            if (refuseSwitch) { const e = new Error("This wallet cannot switch networks."); e.code = -32603; throw e; }
            chainId = params[0].chainId; emit("chainChanged", chainId); return null;
          }
          case "wallet_addEthereumChain": return null;
          case "wallet_requestPermissions": case "wallet_getPermissions": return [{ parentCapability: "eth_accounts" }];
          case "eth_sendTransaction": case "eth_signTypedData_v4": case "eth_sign": case "personal_sign":
            if (chainId !== "0x7a69") { const e = new Error("wallet is on chain " + parseInt(chainId, 16)); e.code = -32000; throw e; }
            return rpc(method, params);
          default: return rpc(method, params);
        }
      },
      on(event, fn) { (listeners[event] ??= []).push(fn); return provider; },
      removeListener(event, fn) { listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn); return provider; },
    };
    window.ethereum = provider;
    const info = { uuid: "6f1c1c0e-0000-4000-8000-000000000001", name: ${JSON.stringify(WALLET_NAME)}, icon: ${JSON.stringify(WALLET_ICON)}, rdns: "dev.gapless.testwallet" };
    const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  })();`;
}
