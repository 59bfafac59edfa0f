// The chain facts the audit's chain checks read, gathered the same way by the CLI and the browser
// auditor: the distributor's roots, funding, whether this period's root was vetoed, claimed amounts of
// every leaf, and (given a hub and range) the hub's Paid events in bounded block ranges.
import type { Address, Hex } from "viem";
import { distributorAbi } from "../chain/abis.ts";
import { hubLogs } from "../chain/hub-payments.ts";
import { readMany, type Reader } from "../chain/read.ts";
import type { ChainFacts, ChainRoot } from "./audit-chain.ts";

const ZERO = `0x${"0".repeat(64)}`;

export interface HubRangeToAudit {
  address: Address;
  fromBlock: bigint;
  toBlock: bigint;
  hubPeriod?: bigint;
  chunk?: bigint;
}

export async function readChainFacts(
  client: Reader,
  distributor: Address,
  root: string | null,
  leaves: ReadonlyMap<string, bigint>,
  hub?: HubRangeToAudit,
): Promise<ChainFacts> {
  const read = (functionName: "activeRoot" | "pendingRoot" | "totalFunded") =>
    client.readContract({ address: distributor, abi: distributorAbi, functionName });
  const [active, pending, totalFunded, vetoed] = await Promise.all([
    read("activeRoot"),
    read("pendingRoot"),
    read("totalFunded"),
    root === null
      ? Promise.resolve(false)
      : client.readContract({
          address: distributor,
          abi: distributorAbi,
          functionName: "isVetoed",
          args: [root as Hex],
        }),
  ]);
  const toRoot = (r: unknown): ChainRoot | null => {
    const [root, total, dataHash, uri, claimableAt] = r as [Hex, bigint, Hex, string, bigint];
    return root === ZERO ? null : { root, total, dataHash, uri, claimableAt };
  };
  const addresses = [...leaves.keys()];
  const claimed = await readMany<bigint>(
    client,
    addresses.map((a) => ({ address: distributor, abi: distributorAbi, functionName: "claimed", args: [a] })),
  );
  const facts: ChainFacts = {
    active: toRoot(active),
    pending: toRoot(pending),
    totalFunded: totalFunded as bigint,
    claimed: new Map(addresses.map((a, i) => [a, claimed[i]])),
    vetoed: vetoed as boolean,
  };
  if (hub) {
    const logs = await hubLogs(
      {
        client,
        hub: hub.address,
        fromBlock: hub.fromBlock,
        toBlock: hub.toBlock,
        chunk: hub.chunk,
        hubPeriod: hub.hubPeriod,
      },
      "Paid",
    );
    let poolParts = 0n;
    for (const l of logs) poolParts += l.args.poolPart as bigint;
    facts.hub = { payments: logs.length, poolParts };
  }
  return facts;
}
