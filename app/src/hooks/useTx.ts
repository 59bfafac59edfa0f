// Every write goes the same way: refuse unless a wallet is connected on the deployment's chain, lock (a second
// click while one is in flight sends nothing), simulate (so a revert is explained before the wallet opens),
// write, wait for the receipt. One status per action: waiting for the wallet → pending → confirmed, or the error
// as a sentence.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { Abi, Hash, TransactionReceipt } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { chain } from "../chain.ts";
import { explainError } from "../../../lib/chain/errors.ts";
import { SAY } from "../lib/format.ts";

export type TxStep = "idle" | "wallet" | "pending" | "done" | "failed";

export interface TxState {
  step: TxStep;
  /** Which run this status belongs to (page-wide, increasing), so a reader can tell a new status from an old one. */
  seq?: number;
  hash?: Hash;
  error?: string;
  receipt?: TransactionReceipt;
  /** What the action did, in words ("You received 12.34 USDC"), shown with the confirmation. */
  note?: string;
  /** "step 1 of 2" when one action needs several transactions. */
  progress?: string;
}

// A structural request type: wagmi's fully generic parameters would make every call site a type puzzle.
export interface WriteRequest {
  address: `0x${string}`;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[];
}

/** Why writes are refused right now, or null when the wallet can write. */
export function useWriteBlocker(): string | null {
  const { isConnected, chainId } = useConnection();
  if (!isConnected) return "Connect a wallet to do this.";
  if (chainId !== chain.id) return `Your wallet is on another network: switch to ${chain.name} first.`;
  return null;
}

export interface Writer {
  /** Simulates, sends and waits for one transaction; throws on failure. */
  write(request: WriteRequest): Promise<TransactionReceipt>;
  /** Marks the wallet as being asked (a signature, not a transaction). */
  askWallet(): void;
  progress(text: string): void;
}

let runs = 0;

export function useTx() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const blocker = useWriteBlocker();
  const lock = useRef(false);
  const [state, setState] = useState<TxState>({ step: "idle" });

  /** Runs one action (one or more transactions) under the lock; returns its result, or null if it failed. */
  async function run<T>(job: (w: Writer) => Promise<T>): Promise<T | null> {
    if (lock.current) return null;
    if (blocker) {
      setState({ step: "failed", seq: ++runs, error: blocker });
      return null;
    }
    lock.current = true;
    const seq = ++runs;
    let progress: string | undefined;
    const writer: Writer = {
      askWallet: () => setState({ step: "wallet", seq, progress }),
      progress: (text) => void (progress = text),
      async write(r) {
        setState({ step: "wallet", seq, progress });
        const { request } = await simulateContract(config, { ...(r as object), chainId: chain.id } as never);
        const hash = await writeContract(config, { ...(request as object), chainId: chain.id } as never);
        setState({ step: "pending", seq, hash, progress });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId: chain.id });
        if (receipt.status !== "success") throw new Error(`The transaction ${hash} reverted.`);
        setState({ step: "pending", seq, hash, receipt, progress });
        return receipt;
      },
    };
    try {
      setState({ step: "wallet", seq });
      const result = await job(writer);
      // Every figure on the page is read again before "confirmed" shows, so none is stale next to it.
      await queryClient.invalidateQueries();
      setState((s) => ({
        step: "done",
        seq,
        hash: s.hash,
        receipt: s.receipt,
        note: typeof result === "string" ? result : undefined,
      }));
      return result;
    } catch (e) {
      console.warn(e);
      setState((s) => ({
        step: "failed",
        seq,
        hash: s.hash,
        error: explainError(e, SAY),
      }));
      return null;
    } finally {
      lock.current = false;
    }
  }
  const send = (request: WriteRequest | (() => Promise<WriteRequest>)) =>
    run(async (w) => w.write(typeof request === "function" ? await request() : request));
  const busy = state.step === "wallet" || state.step === "pending";
  return {
    ...state,
    busy,
    /** Buttons of this action are disabled while it runs and while writes are refused. */
    disabled: busy || blocker !== null,
    blocker,
    run,
    send,
    reset: () => setState({ step: "idle" }),
  };
}

export type Tx = ReturnType<typeof useTx>;
