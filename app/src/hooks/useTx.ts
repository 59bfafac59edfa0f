// Every write goes the same way: simulate (so a revert is explained before the wallet opens), write,
// wait for the receipt; the component shows the step, the hash and a plain sentence on failure.
import { useState } from "react";
import type { Abi, Hash, TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { explainError } from "../../../lib/chain/errors.ts";
import { SAY } from "../lib/format.ts";

export type TxStep = "idle" | "simulating" | "signing" | "confirming" | "done" | "failed";

export interface TxState {
  step: TxStep;
  hash?: Hash;
  error?: string;
  receipt?: TransactionReceipt;
}

export const STEP_LABEL: Record<TxStep, string> = {
  idle: "",
  simulating: "Checking the transaction…",
  signing: "Confirm in your wallet…",
  confirming: "Waiting for the block…",
  done: "Confirmed.",
  failed: "Failed.",
};

// A structural request type: wagmi's fully generic parameters would make every call site a type puzzle.
export interface WriteRequest {
  address: `0x${string}`;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[];
}

export function useTx() {
  const config = useConfig();
  const [state, setState] = useState<TxState>({ step: "idle" });
  async function send(request: WriteRequest | (() => Promise<WriteRequest>)): Promise<TransactionReceipt | null> {
    try {
      setState({ step: "simulating" });
      const r = typeof request === "function" ? await request() : request;
      const { request: prepared } = await simulateContract(config, r as never);
      setState({ step: "signing" });
      const hash = await writeContract(config, prepared as never);
      setState({ step: "confirming", hash });
      const receipt = await waitForTransactionReceipt(config, { hash });
      if (receipt.status !== "success") throw new Error(`The transaction ${hash} reverted.`);
      setState({ step: "done", hash, receipt });
      return receipt;
    } catch (e) {
      setState((s) => ({
        step: "failed",
        hash: s.hash,
        error: explainError(e, SAY),
      }));
      return null;
    }
  }
  return { ...state, send, reset: () => setState({ step: "idle" }) };
}
