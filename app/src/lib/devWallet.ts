// The local chain's dev-account wallet (as scaffold-eth-2's burner wallet): an EIP-1193 provider that lets a
// newcomer act as any of the node's unlocked dev accounts (Hardhat's public keys) without installing a wallet.
// The node signs (eth_sendTransaction, eth_signTypedData_v4); nothing here holds a key.
import { getAddress, type Address } from "viem";

type Listener = (...args: unknown[]) => void;
const STORAGE_KEY = "gapless.devAccount";

export interface DevProvider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, fn: Listener): DevProvider;
  removeListener(event: string, fn: Listener): DevProvider;
  /** Acts as `account` from now on (kept across reloads). */
  select(account: Address): void;
  /** The node's dev accounts, in its order (#0, #1, …). */
  accounts(): Promise<Address[]>;
  current(): Address | null;
}

export function devProvider(
  rpcUrl: string,
  storage: Pick<Storage, "getItem" | "setItem"> | null = globalThis.localStorage ?? null,
): DevProvider {
  const listeners = new Map<string, Set<Listener>>();
  let account = (storage?.getItem(STORAGE_KEY) as Address | null) ?? null;
  let id = 0;
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((fn) => fn(...args));
  async function rpc(method: string, params: unknown = []): Promise<unknown> {
    const r = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const body = (await r.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error)
      throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  }
  const provider: DevProvider = {
    async request({ method, params }) {
      switch (method) {
        case "eth_requestAccounts":
          account ??= (await provider.accounts())[0] ?? null;
          return account ? [account] : [];
        case "eth_accounts":
          return account ? [account] : [];
        case "wallet_requestPermissions":
        case "wallet_getPermissions":
          return [{ parentCapability: "eth_accounts" }];
        case "wallet_revokePermissions":
        case "wallet_switchEthereumChain":
        case "wallet_addEthereumChain":
          return null;
        default:
          return rpc(method, params ?? []);
      }
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return provider;
    },
    removeListener(event, fn) {
      listeners.get(event)?.delete(fn);
      return provider;
    },
    select(a) {
      account = a;
      storage?.setItem(STORAGE_KEY, a);
      emit("accountsChanged", [a]);
    },
    accounts: async () => ((await rpc("eth_accounts")) as string[]).map((a) => getAddress(a)),
    current: () => account,
  };
  return provider;
}
