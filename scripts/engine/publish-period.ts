// Publishes a period folder on its distributor: funds what the hub has not (off-chain billing) and
// proposes the root with sha256(manifest.json) as data hash and the folder's URI. Everything is
// checked before the first transaction, so a refused publish sends nothing.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseEventLogs, type Address, type Hash, type Hex } from "viem";
import {
  checkFolder,
  parsePeriodsIndex,
  periodEntry,
  withPeriodEntry,
  type PeriodEntry,
  wholeBytes,
} from "../../lib/publication/index.ts";
import { DISTRIBUTOR_ABI, ERC20_ABI, explain, type Reader, type Writer } from "./chain.ts";
import { folderPath, readFolder } from "./folder-read.ts";
import { sha256 } from "./previous.ts";

export interface PublishOptions {
  /** Period folder (path or file:// URI). */
  folder: string;
  distributor: Address;
  publicClient: Reader;
  /** The distributor's publisher. */
  walletClient: Writer;
  /** Where auditors fetch the folder; default file://<absolute path> (local chains only). */
  uri?: string;
  /** The periods index to record the period in (default: index.json beside the folder; null: none). */
  index?: string | null;
  log?: (line: string) => void;
}

export interface PublishResult {
  root: Hex;
  total: bigint;
  dataHash: Hex;
  uri: string;
  /** Tokens this publish funded (0 when the hub's closePeriod or earlier funding covered it). */
  funded: bigint;
  transactions: Hash[];
  /** The root was already proposed; nothing was sent. */
  alreadyProposed: boolean;
}

/** A publish refused before anything was sent, or a transaction that failed; the message says why. */
export class PublishError extends Error {
  override name = "PublishError";
}

const ZERO = `0x${"0".repeat(64)}`;
/** Chains whose publisher and auditors share a machine (Hardhat, Anvil/Ganache): file:// URIs are fine there. */
const LOCAL_CHAINS = new Set([31337, 1337]);

/** Records `entry` in the periods index at `path` (created if missing), atomically. */
export function writePeriodsIndex(path: string, entry: PeriodEntry): void {
  const index = existsSync(path) ? parsePeriodsIndex(readFileSync(path, "utf8"), path) : { periods: [] };
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(withPeriodEntry(index, entry), null, 2) + "\n");
  renameSync(tmp, path);
}

export async function publishPeriod(o: PublishOptions): Promise<PublishResult> {
  const log = o.log ?? (() => {});
  const { publicClient: client, walletClient: wallet, distributor } = o;
  const account = wallet.account.address;

  const files = readFolder(o.folder);
  const { manifest: m, problems } = checkFolder(files, sha256);
  if (problems.length > 0)
    throw new PublishError(`the folder does not match its manifest: ${problems[0]}; nothing sent`);
  if (m.root === null) throw new PublishError(`period ${m.period} has no leaves: there is no root to propose`);
  const root = m.root as Hex;
  const total = BigInt(m.cumulative_total);
  const dataHash = `0x${sha256(wholeBytes(files.get("manifest.json")!))}` as Hex;
  const uri = o.uri ?? pathToFileURL(resolve(folderPath(o.folder))).href;
  const chainId = await client.getChainId();
  if (uri.startsWith("file:") && !LOCAL_CHAINS.has(chainId)) {
    throw new PublishError(
      `uri ${uri} is a file on this machine, which auditors of chain ${chainId} cannot fetch: pass --uri with the folder's public https:// address; nothing sent`,
    );
  }
  const indexPath = o.index === undefined ? join(dirname(resolve(folderPath(o.folder))), "index.json") : o.index;
  const record = () => {
    if (indexPath) writePeriodsIndex(indexPath, periodEntry(m, dataHash.slice(2), uri));
  };

  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    client.readContract({
      address: distributor,
      abi: DISTRIBUTOR_ABI,
      functionName: functionName as any,
      args: args as any,
    }) as Promise<T>;
  const [active, pending, totalFunded, publisher, token] = await Promise.all([
    read<readonly [Hex, bigint, Hex, string, bigint]>("activeRoot"),
    read<readonly [Hex, bigint, Hex, string, bigint]>("pendingRoot"),
    read<bigint>("totalFunded"),
    read<Address>("publisher"),
    read<Address>("token"),
  ]);
  const done = { root, total, dataHash, uri, funded: 0n, transactions: [], alreadyProposed: true };
  if (pending[0] === root || active[0] === root) {
    log(`root ${root} is already ${pending[0] === root ? "pending" : "active"}; nothing sent`);
    record();
    return done;
  }
  const latest = pending[0] !== ZERO ? { at: "pending", root: pending } : { at: "active", root: active };
  const previous = m.previous as { root: string | null; manifest_sha256: string; period: string } | null;
  const expected = previous?.root ?? ZERO;
  if (latest.root[0] !== expected) {
    throw new PublishError(
      `previous root mismatch: manifest.json builds on ${previous ? `period ${previous.period}'s root ${expected}` : "no previous root"}, ` +
        `but the distributor's ${latest.at} root is ${latest.root[0] === ZERO ? "none" : latest.root[0]}; nothing sent`,
    );
  }
  if (previous?.root && latest.root[2] !== `0x${previous.manifest_sha256}`) {
    throw new PublishError(
      `the distributor's ${latest.at} root carries data hash ${latest.root[2]}, not the previous manifest's 0x${previous.manifest_sha256}; nothing sent`,
    );
  }
  if (publisher.toLowerCase() !== account.toLowerCase()) {
    throw new PublishError(`${account} is not the distributor's publisher (${publisher}); nothing sent`);
  }

  // Everything the periods ever funded is the cumulative total plus this period's carry; the hub's
  // closePeriod (and earlier publishes) paid part of it in already.
  const target = total + BigInt(m.carry_out);
  const need = target > totalFunded ? target - totalFunded : 0n;
  const transactions: Hash[] = [];
  const send = async (request: any, what: string): Promise<void> => {
    let hash: Hash;
    try {
      const { request: simulated } = await client.simulateContract({ ...request, account: wallet.account });
      hash = await wallet.writeContract({ ...simulated, chain: wallet.chain ?? null } as any);
    } catch (e) {
      throw new PublishError(`${what} failed: ${explain(e)}${transactions.length ? "" : "; nothing sent"}`);
    }
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new PublishError(`${what} reverted in ${hash}`);
    transactions.push(hash);
    log(`${what}: ${hash}`);
  };

  if (need > 0n) {
    const [balance, allowance] = await Promise.all([
      client.readContract({ address: token, abi: ERC20_ABI, functionName: "balanceOf", args: [account] }),
      client.readContract({ address: token, abi: ERC20_ABI, functionName: "allowance", args: [account, distributor] }),
    ]);
    if (balance < need) {
      throw new PublishError(
        `funding needs ${need} tokens (funded ${totalFunded}, cumulative ${total} + carry ${m.carry_out}), ${account} holds ${balance}; nothing sent`,
      );
    }
    log(`funding ${need}: cumulative ${total} + carry ${m.carry_out} − already funded ${totalFunded}`);
    if (allowance < need)
      await send({ address: token, abi: ERC20_ABI, functionName: "approve", args: [distributor, need] }, "approve");
    await send(
      {
        address: distributor,
        abi: DISTRIBUTOR_ABI,
        functionName: "fundAndPropose",
        args: [need, root, total, dataHash, uri],
      },
      "fundAndPropose",
    );
  } else {
    await send(
      { address: distributor, abi: DISTRIBUTOR_ABI, functionName: "propose", args: [root, total, dataHash, uri] },
      "propose",
    );
  }
  const receipt = await client.getTransactionReceipt({ hash: transactions.at(-1)! });
  const proposed = parseEventLogs({ abi: DISTRIBUTOR_ABI, eventName: "RootProposed", logs: receipt.logs });
  if (proposed[0]?.args.root !== root) throw new PublishError(`no RootProposed(${root}) in ${receipt.transactionHash}`);
  log(`proposed ${root} (total ${total}), claimable at ${proposed[0].args.claimableAt}`);
  record();
  return { ...done, funded: need, transactions, alreadyProposed: false };
}
