// The audit command's Node side: gathers a period folder (and its previous one) and the chain's facts,
// then runs the shared checks of lib/audit/audit.ts and audit-chain.ts; and sends a veto when asked.
import type { Address, Hash, Hex } from "viem";
import {
  auditChain,
  auditFiles,
  hubEventsOf,
  readChainFacts,
  type AuditCheck,
  type HubRangeToAudit,
} from "../../lib/audit/index.ts";
import { wholeBytes } from "../../lib/publication/index.ts";
import { DISTRIBUTOR_ABI, explain, type Reader, type Writer } from "./chain.ts";
import { loadFolder, loadPrevious } from "./folder-read.ts";
import { sha256 } from "./previous.ts";
import type { Progress } from "./progress.ts";

export interface AuditOptions {
  /** Period folder (path, file:// or http(s):// URI). */
  folder: string;
  /** Previous period's folder; default: the sibling folder named after manifest.previous.period. */
  previous?: string;
  /** Committed mode: the folder (or URI) of the per-fan rows given to registered auditors. */
  rows?: string;
  client?: Reader;
  distributor?: Address;
  /**
   * With a hub, the hub's Paid events must sum to the period's pool shares: over the given block range,
   * else the range the manifest records (`hub_events`, written when the engine read the hub).
   */
  hub?: { address: Address; fromBlock?: bigint; toBlock?: bigint; chunk?: bigint };
  /** Shows the pass over a streamed plays.csv (bytes read, rate, ETA). */
  progress?: Progress;
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

  const rows = o.rows === undefined ? undefined : await loadFolder(o.rows);
  for (const folder of [files, rows]) {
    const plays = folder?.get("plays.csv");
    if (o.progress && plays && !(plays instanceof Uint8Array))
      folder!.set("plays.csv", o.progress.reading("plays.csv", plays));
  }
  const audit = auditFiles({ files, previous, rows, sha256 });
  o.progress?.clear();
  const checks = [...audit.checks];
  if (o.client && o.distributor) {
    try {
      const facts = await readChainFacts(
        o.client,
        o.distributor,
        audit.manifest?.root ?? null,
        audit.leaves,
        hubRange(o.hub, audit.manifest),
      );
      checks.push(...auditChain(audit, facts));
    } catch (e) {
      checks.push({ name: "chain readable", ok: false, detail: explain(e) });
    }
  }
  return { ok: checks.every((c) => c.ok), checks, manifest: audit.manifest };
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
/** One ✔/✘ line per check, then one summary line that counts the failures and names them (details stay above). */
export function formatChecklist(checks: readonly AuditCheck[]): string {
  const failed = checks.filter((c) => !c.ok);
  const summary = failed.length
    ? `FAIL: ${failed.length} of ${checks.length} checks failed (${failed.map((c) => c.name).join(", ")})`
    : `PASS: all ${checks.length} checks passed`;
  return checks.map((c) => `${c.ok ? "✔" : "✘"} ${c.name}: ${c.detail}\n`).join("") + summary + "\n";
}

/** The hub range to check: the flags' blocks where given, else the manifest's `hub_events`. */
function hubRange(hub: AuditOptions["hub"], manifest: Record<string, any> | undefined): HubRangeToAudit | undefined {
  if (!hub) return undefined;
  const recorded = manifest ? hubEventsOf(manifest) : undefined;
  const fromBlock = hub.fromBlock ?? recorded?.fromBlock;
  const toBlock = hub.toBlock ?? recorded?.toBlock;
  if (fromBlock === undefined || toBlock === undefined) {
    throw new Error("the manifest records no hub block range (hub_events): give --from-block and --to-block");
  }
  if (recorded && recorded.hub !== hub.address.toLowerCase()) {
    throw new Error(`--hub ${hub.address} is not the hub the manifest's payments were read from (${recorded.hub})`);
  }
  const hubPeriod = hub.fromBlock === undefined ? recorded?.hubPeriod : undefined;
  return { address: hub.address, fromBlock, toBlock, chunk: hub.chunk, hubPeriod };
}
