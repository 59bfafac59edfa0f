// The test wallet injected into the page: an EIP-1193 provider that forwards every request to the local
// node, whose dev accounts are unlocked (so eth_sendTransaction and eth_signTypedData_v4 sign there), and
// announces itself over EIP-6963 like a real browser wallet.
export function walletScript(rpcUrl: string, account: string): string {
  return `(() => {
    const rpcUrl = ${JSON.stringify(rpcUrl)};
    const account = ${JSON.stringify(account.toLowerCase())};
    const listeners = {};
    let id = 0;
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
        switch (method) {
          case "eth_requestAccounts": case "eth_accounts": return [account];
          case "eth_chainId": return "0x7a69";
          case "wallet_switchEthereumChain": case "wallet_addEthereumChain": return null;
          case "wallet_requestPermissions": case "wallet_getPermissions": return [{ parentCapability: "eth_accounts" }];
          default: return rpc(method, params);
        }
      },
      on(event, fn) { (listeners[event] ??= []).push(fn); return provider; },
      removeListener(event, fn) { listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn); return provider; },
    };
    window.ethereum = provider;
    const info = { uuid: "6f1c1c0e-0000-4000-8000-000000000001", name: "Gapless Test Wallet", icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>", rdns: "dev.gapless.testwallet" };
    const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  })();`;
}
