// The fan's receipt: sign in to the platform's receipt endpoint with the wallet (EIP-4361), then, for
// the chosen period, verify the published folder and the fan's rows in a Web Worker (lib/audit's
// checkReceipt, the audit's own code), the manifest against the distributor's root (auditChain), and
// the receipt against the fan's own Paid events on the hub.
import { useState } from "react";
import { useChainId, useConnection, usePublicClient, useReadContracts, useSignMessage } from "wagmi";
import {
  auditChain,
  checkOwnPayments,
  type AuditCheck,
  type ChainRoot,
  type FilesAudit,
} from "../../../lib/audit/index.ts";
import {
  RECEIPT_API,
  receiptSignInMessage,
  type ReceiptPeriod,
  type ReceiptResponse,
} from "../../../lib/chain/siwe.ts";
import type { FanReceipt } from "../../../lib/rules/receipt.ts";
import { inBlockRanges } from "../../../lib/chain/read.ts";
import { contracts, deployBlock } from "../contracts.ts";
import { pickPeriod } from "../lib/receipt.ts";
import type { PeriodEntry } from "../lib/periods.ts";
import type { ReceiptJob } from "../receipt/worker.ts";

export interface VerifiedReceipt {
  entry: PeriodEntry;
  period: ReceiptPeriod;
  receipt: FanReceipt | null;
  checks: AuditCheck[];
  names: Map<string, string>;
}

interface WorkerResult {
  checks: AuditCheck[];
  receipt: FanReceipt | null;
  audit: FilesAudit;
  names: [string, string][];
}

function inWorker(job: ReceiptJob): Promise<WorkerResult> {
  const worker = new Worker(new URL("../receipt/worker.ts", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.type === "result") resolve(e.data as WorkerResult);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "the receipt worker failed"));
    };
    worker.postMessage(job);
  });
}

export function useToken() {
  const token = useReadContracts({
    contracts: [
      { ...contracts.token, functionName: "symbol" },
      { ...contracts.token, functionName: "decimals" },
    ],
  });
  const [symbol, decimals] = token.data ?? [];
  return symbol?.result !== undefined && decimals?.result !== undefined
    ? { symbol: String(symbol.result), decimals: Number(decimals.result) }
    : undefined;
}

export function useReceipt(entries: readonly PeriodEntry[]) {
  const { address } = useConnection();
  const chainId = useChainId();
  const client = usePublicClient();
  const sign = useSignMessage();
  const [session, setSession] = useState<ReceiptResponse | null>(null);
  const [verified, setVerified] = useState<VerifiedReceipt | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function signIn() {
    if (!address) return;
    setError(null);
    setBusy("signing in");
    try {
      const { nonce } = (await (await fetch(RECEIPT_API.nonce, { cache: "no-store" })).json()) as { nonce: string };
      const message = receiptSignInMessage({
        address,
        chainId,
        domain: location.host,
        uri: `${location.origin}/receipt`,
        nonce,
      });
      const signature = await sign.mutateAsync({ message });
      const r = await fetch(RECEIPT_API.receipt, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message, signature }),
      });
      const body = await r.json();
      if (!r.ok) throw new Error(body.error ?? `the receipt endpoint answered HTTP ${r.status}`);
      setSession(body as ReceiptResponse);
      await verify(body as ReceiptResponse);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function verify(s: ReceiptResponse | null = session, wanted?: string) {
    const period = s && pickPeriod(s.periods, entries, wanted);
    const entry = period && entries.find((e) => e.period === period.period);
    if (!period || !entry || !client) return setVerified(null);
    setError(null);
    setBusy("verifying against the published files and the chain");
    try {
      const i = entries.indexOf(entry);
      const fanProof = period.rows && period.proof ? { rows: period.rows, proof: period.proof } : undefined;
      const r = await inWorker({
        base: entry.uri,
        previousBase: i > 0 ? entries[i - 1].uri : null,
        subscriber: period.subscriber,
        fanProof,
      });
      const d = contracts.distributor;
      const [active, pending, totalFunded, claimed, paid] = await Promise.all([
        client.readContract({ ...d, functionName: "activeRoot" }),
        client.readContract({ ...d, functionName: "pendingRoot" }),
        client.readContract({ ...d, functionName: "totalFunded" }),
        Promise.all(
          [...r.audit.leaves.keys()].map(
            async (a) =>
              [a, await client.readContract({ ...d, functionName: "claimed", args: [a as `0x${string}`] })] as const,
          ),
        ),
        // Off-chain billing has no hub period: then there are no Paid events of the wallet to compare.
        entry.hubPeriod === null
          ? null
          : inBlockRanges(client, { fromBlock: deployBlock("hub") }, (fromBlock, toBlock) =>
              client.getContractEvents({
                ...contracts.hub,
                eventName: "Paid",
                args: { subscriber: address, period: BigInt(entry.hubPeriod!) },
                fromBlock,
                toBlock,
              }),
            ),
      ]);
      // A past period's root may since have been replaced by a later cumulative root: then its proposal.
      const mine = r.audit.manifest?.root ? String(r.audit.manifest.root).toLowerCase() : null;
      const held = [active[0], pending[0]].some((x) => x.toLowerCase() === mine);
      const proposals =
        mine && !held
          ? await inBlockRanges(client, { fromBlock: deployBlock("distributor") }, (fromBlock, toBlock) =>
              client.getContractEvents({
                ...d,
                eventName: "RootProposed",
                args: { root: mine as `0x${string}` },
                fromBlock,
                toBlock,
              }),
            )
          : [];
      const last = proposals.at(-1)?.args;
      const proposed: ChainRoot | null = last
        ? {
            root: last.root!,
            total: last.total!,
            dataHash: last.dataHash!,
            uri: last.uri!,
            claimableAt: last.claimableAt!,
          }
        : null;
      const vetoed =
        mine && !held
          ? await client.readContract({ ...d, functionName: "isVetoed", args: [mine as `0x${string}`] })
          : false;
      const root = (x: readonly [string, bigint, string, string, bigint]): ChainRoot | null =>
        /^0x0+$/.test(x[0]) ? null : { root: x[0], total: x[1], dataHash: x[2], uri: x[3], claimableAt: x[4] };
      const checks = [
        ...r.checks,
        ...(r.audit.manifest
          ? auditChain(r.audit, {
              active: root(active),
              pending: root(pending),
              totalFunded,
              claimed: new Map(claimed),
              proposed,
              vetoed,
            })
          : []),
      ];
      if (r.receipt && paid)
        checks.push(
          checkOwnPayments(
            r.receipt,
            paid.map((p) => ({
              amount: p.args.amount!,
              poolPart: p.args.poolPart!,
              referralPart: p.args.referralPart!,
            })),
          ),
        );
      setVerified({ entry, period, receipt: r.receipt, checks, names: new Map(r.names) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return { address, session, verified, busy, error, signIn, verify };
}
