// Sends the keeper's transactions one at a time from one key: its own nonce counter, EIP-1559 fees within the
// platform's bounds, replacement (same nonce, higher fees) of a transaction left unmined, and recovery of
// transactions a previous run left pending. A transaction is signed locally, so its hash is known before it is
// broadcast: a request whose answer was lost is looked up by hash instead of being sent as a second transaction.
import { keccak256, type Address, type Hex, type LocalAccount, type TransactionReceipt } from "viem";
import type { Call, KeeperChain } from "./chain.ts";
import { bumpFees, initialFees, type FeePolicy, type Fees } from "./fees.ts";
import { sleep } from "./retry.ts";

export interface SenderPolicy {
  fees: FeePolicy;
  /** Replace a transaction not mined after this long. */
  replaceAfterMs: number;
  pollMs: number;
  /** Give up waiting for the base fee to fall under the cap after this long. */
  feeWaitMs: number;
}

export interface SendResult {
  receipt: TransactionReceipt;
  /** Transactions signed for this nonce (1 + replacements). */
  attempts: number;
}

export type SenderLog = (action: string, fields: Record<string, unknown>) => void;

/** Errors a node returns for a transaction it already has, or whose nonce is already used (possibly by it). */
const ALREADY =
  /already known|known transaction|already imported|nonce too low|nonce has already been used|replacement transaction underpriced|transaction already exists/i;

export class Sender {
  private nonce: number | undefined;
  private readonly chain: KeeperChain;
  readonly account: LocalAccount;
  private readonly policy: SenderPolicy;
  private readonly log: SenderLog;

  constructor(chain: KeeperChain, account: LocalAccount, policy: SenderPolicy, log: SenderLog) {
    this.chain = chain;
    this.account = account;
    this.policy = policy;
    this.log = log;
  }

  get address(): Address {
    return this.account.address;
  }

  /**
   * Before the first send: transactions of an earlier run still pending are given `replaceAfterMs` to be mined,
   * then cancelled (a zero-value transfer to self at the same nonce, at the fee cap). Their effects, if mined,
   * are read from the chain like anyone else's, so nothing is repeated.
   */
  async recover(): Promise<void> {
    let latest = await this.chain.transactionCount(this.address, "latest");
    const pending = await this.chain.transactionCount(this.address, "pending");
    if (pending > latest) {
      this.log("recover", { pending: pending - latest, from_nonce: latest });
      const until = Date.now() + this.policy.replaceAfterMs;
      while (latest < pending && Date.now() < until) {
        await sleep(this.policy.pollMs);
        latest = await this.chain.transactionCount(this.address, "latest");
      }
      const cap = {
        maxFeePerGas: this.policy.fees.maxFeePerGas,
        maxPriorityFeePerGas: this.policy.fees.maxPriorityFeePerGas,
      };
      for (let n = latest; n < pending; n++) {
        this.log("cancel", { nonce: n });
        await this.sendAt(n, { to: this.address, data: "0x" }, 21_000n, cap, "cancel");
      }
    }
    this.nonce = await this.chain.transactionCount(this.address, "pending");
  }

  /** After another sender used this key (the in-process payouts): the next send re-reads the nonce. */
  forgetNonce(): void {
    this.nonce = undefined;
  }

  /** Signs, sends and waits for `call` with gas limit `gas`; resolves with the receipt, whatever its status. */
  async send(call: Call, gas: bigint, label: string): Promise<SendResult> {
    if (this.nonce === undefined) await this.recover();
    const fees = await this.feesNow();
    try {
      const result = await this.sendAt(this.nonce!, call, gas, fees, label);
      this.nonce! += 1;
      return result;
    } catch (e) {
      // Whatever happened to that nonce, the next send re-reads it from the chain.
      this.nonce = undefined;
      throw e;
    }
  }

  private async feesNow(): Promise<Fees> {
    const until = Date.now() + this.policy.feeWaitMs;
    for (;;) {
      const [head, tip] = await Promise.all([this.chain.head(), this.chain.suggestedTip()]);
      const fees = initialFees(head.baseFee, tip, this.policy.fees);
      if (fees) return fees;
      if (Date.now() > until)
        throw new Error(
          `the base fee (${head.baseFee} wei) stayed above --max-fee for ${this.policy.feeWaitMs / 1000}s`,
        );
      this.log("fee-wait", { base_fee: head.baseFee, max_fee: this.policy.fees.maxFeePerGas });
      await sleep(this.policy.pollMs * 4);
    }
  }

  private async sendAt(nonce: number, call: Call, gas: bigint, first: Fees, label: string): Promise<SendResult> {
    const chainId = await this.chain.chainId();
    const hashes: Hex[] = [];
    let fees = first;
    for (;;) {
      const raw = await this.account.signTransaction({
        type: "eip1559",
        chainId,
        nonce,
        to: call.to,
        data: call.data,
        gas,
        ...fees,
      });
      const hash = keccak256(raw);
      hashes.push(hash);
      await this.broadcast(raw, hash);
      if (hashes.length > 1) this.log("replaced", { label, nonce, tx: hash, max_fee: fees.maxFeePerGas });
      const sentAt = Date.now();
      for (;;) {
        const receipt = await this.anyReceipt(hashes);
        if (receipt) return { receipt, attempts: hashes.length };
        if (Date.now() - sentAt >= this.policy.replaceAfterMs) {
          const latest = await this.chain.transactionCount(this.address, "latest");
          if (latest > nonce) {
            // Mined, and the receipt not served yet, or the nonce went to another sender of this key.
            const late = await this.waitReceipt(hashes);
            if (late) return { receipt: late, attempts: hashes.length };
            throw new Error(
              `nonce ${nonce} was used by a transaction this keeper did not send (another process with the same key?)`,
            );
          }
          const next = bumpFees(fees, await this.feesNow().catch(() => undefined), this.policy.fees);
          if (next) {
            fees = next;
            break;
          }
          this.log("stuck-at-cap", { label, nonce, max_fee: fees.maxFeePerGas });
        }
        await sleep(this.policy.pollMs);
      }
    }
  }

  private async broadcast(raw: Hex, hash: Hex): Promise<void> {
    try {
      await this.chain.client.request({ method: "eth_sendRawTransaction", params: [raw] });
    } catch (e) {
      // A lost answer to an earlier try of this request, or the nonce already mined: the receipt loop decides.
      if (ALREADY.test(String((e as Error).message) + String((e as any)?.details ?? ""))) return;
      const known = await this.chain.client.getTransaction({ hash }).catch(() => undefined);
      if (!known) throw e;
    }
  }

  private async anyReceipt(hashes: readonly Hex[]): Promise<TransactionReceipt | undefined> {
    for (const hash of hashes) {
      const r = await this.chain.client.getTransactionReceipt({ hash }).catch(() => undefined);
      if (r) return r;
    }
    return undefined;
  }

  private async waitReceipt(hashes: readonly Hex[]): Promise<TransactionReceipt | undefined> {
    for (let i = 0; i < 10; i++) {
      const r = await this.anyReceipt(hashes);
      if (r) return r;
      await sleep(this.policy.pollMs);
    }
    return undefined;
  }
}
