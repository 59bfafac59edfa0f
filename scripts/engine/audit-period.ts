// The audit command's Node side: gathers a period folder (and its previous one) and the chain's facts,
// then runs the shared checks of lib/audit/audit.ts and audit-chain.ts; and sends a veto when asked.
import type { Address, Hash, Hex } from "viem";
import { auditChain, auditFiles, type AuditCheck, type ChainFacts, type ChainRoot } from "../../lib/audit/index.ts";
import { wholeBytes } from "../../lib/publication/index.ts";
import { DISTRIBUTOR_ABI, explain, readMany, type Reader, type Writer } from "./chain.ts";
import { loadFolder, loadPrevious } from "./folder-read.ts";
import { hubLogs } from "./hub-events.ts";
import { sha256 } from "./previous.ts";

export interface AuditOptions {
  /** Period folder (path, file:// or http(s):// URI). */
  folder: string;
  /** Previous period's folder; default: the sibling folder named after manifest.previous.period. */
  previous?: string;
  client?: Reader;
  distributor?: Address;
  /** With a hub and a block range, the hub's Paid events must sum to the period's pool shares. */
  hub?: { address: Address; fromBlock: bigint; toBlock: bigint; chunk?: bigint };
}

export interface AuditResult {
  ok: boolean;
  checks: AuditCheck[];
  manifest: Record<string, any> | undefined;
}

const ZERO = `0x${"0".repeat(64)}`;

export async function auditPeriod(o: AuditOptions): Promise<AuditResult> {
  const files = await loadFolder(o.folder);
  const peek = files.get("manifest.json");
  const previousPeriod = peek
    ? (JSON.parse(new TextDecoder().decode(wholeBytes(peek)))?.previous?.period as string | undefined)
    : undefined;
  const previous = await loadPrevious(o.folder, o.previous, previousPeriod);

  const audit = auditFiles({ files, previous, sha256 });
  const checks = [...audit.checks];
  if (o.client && o.distributor) {
    try {
      checks.push(...auditChain(audit, await chainFacts(o.client, o.distributor, audit.leaves, o.hub)));
    } catch (e) {
      checks.push({ name: "chain readable", ok: false, detail: explain(e) });
    }
  }
  return { ok: checks.every((c) => c.ok), checks, manifest: audit.manifest };
}

export async function chainFacts(
  client: Reader,
  distributor: Address,
  leaves: ReadonlyMap<string, bigint>,
  hub?: AuditOptions["hub"],
): Promise<ChainFacts> {
  const read = (functionName: "activeRoot" | "pendingRoot" | "totalFunded") =>
    client.readContract({ address: distributor, abi: DISTRIBUTOR_ABI, functionName });
  const [active, pending, totalFunded] = await Promise.all([
    read("activeRoot"),
    read("pendingRoot"),
    read("totalFunded"),
  ]);
  const root = (r: unknown): ChainRoot | null => {
    const [root, total, dataHash, uri, claimableAt] = r as [Hex, bigint, Hex, string, bigint];
    return root === ZERO ? null : { root, total, dataHash, uri, claimableAt };
  };
  const addresses = [...leaves.keys()];
  const claimed = await readMany<bigint>(
    client,
    addresses.map((a) => ({
      address: distributor,
      abi: DISTRIBUTOR_ABI,
      functionName: "claimed",
      args: [a],
    })),
  );
  const facts: ChainFacts = {
    active: root(active),
    pending: root(pending),
    totalFunded: totalFunded as bigint,
    claimed: new Map(addresses.map((a, i) => [a, claimed[i]])),
  };
  if (hub) {
    const logs = await hubLogs(
      { client, hub: hub.address, fromBlock: hub.fromBlock, toBlock: hub.toBlock, chunk: hub.chunk },
      "Paid",
    );
    let poolParts = 0n;
    for (const l of logs) poolParts += l.args.poolPart as bigint;
    facts.hub = { payments: logs.length, poolParts };
  }
  return facts;
}

/** Vetoes `root` when the caller is a registered auditor and the root is still pending. */
export async function vetoRoot(client: Reader, wallet: Writer, distributor: Address, root: Hex): Promise<Hash> {
  const account = wallet.account.address;
  const [isAuditor, pending] = await Promise.all([
    client.readContract({ address: distributor, abi: DISTRIBUTOR_ABI, functionName: "isAuditor", args: [account] }),
    client.readContract({ address: distributor, abi: DISTRIBUTOR_ABI, functionName: "pendingRoot" }),
  ]);
  if (!isAuditor) throw new Error(`${account} is not a registered auditor of ${distributor}; no veto sent`);
  if (pending[0] !== root)
    throw new Error(
      `root ${root} is not pending (pending: ${pending[0] === ZERO ? "none" : pending[0]}); no veto sent`,
    );
  try {
    const { request } = await client.simulateContract({
      address: distributor,
      abi: DISTRIBUTOR_ABI,
      functionName: "veto",
      args: [root],
      account: wallet.account,
    });
    const hash = await wallet.writeContract({ ...request, chain: wallet.chain ?? null } as any);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`veto reverted in ${hash}`);
    return hash;
  } catch (e) {
    throw new Error(`veto failed: ${explain(e)}`, { cause: e });
  }
}

/** The checklist as ✔/✘ lines. */
export function formatChecklist(checks: readonly AuditCheck[]): string {
  return checks.map((c) => `${c.ok ? "✔" : "✘"} ${c.name}: ${c.detail}\n`).join("");
}
