// Where the keeper learns who subscribed, when the last period closed and which roots were proposed or vetoed:
// the contracts' events from the hub's deploy block, in bounded eth_getLogs ranges (halved when a provider
// refuses a range), then incrementally. The last `overlap` blocks are read again each time, so a log moved by a
// shallow reorg is not missed; the sets make the re-read harmless.
import type { Address, Hex } from "viem";
import type { KeeperChain, KeeperEvent } from "./chain.ts";
import { isZero } from "./chain.ts";
import type { SubscriberSource } from "./sources.ts";

export interface ScanOptions {
  /** Blocks per eth_getLogs request to start with. */
  chunk: bigint;
  overlap: bigint;
  onRange?: (from: bigint, to: bigint, events: number) => void;
}

export interface RootEvent {
  contract: "Distributor" | "GrowthPool";
  root: Hex;
  by?: Address;
  blockNumber: bigint;
  transactionHash: Hex;
}

export class EventScanner implements SubscriberSource {
  readonly subscribers = new Set<Address>();
  readonly referrers = new Set<Address>();
  /** Block of the latest `PeriodClosed`, undefined while no period has closed. */
  lastCloseBlock: bigint | undefined;
  deployBlock: bigint | undefined;
  private cursor: bigint | undefined;
  private chunk: bigint;
  private readonly seen = new Set<string>();
  private newVetoes: RootEvent[] = [];

  private readonly chain: KeeperChain;
  private readonly o: ScanOptions;

  constructor(chain: KeeperChain, o: ScanOptions) {
    this.chain = chain;
    this.o = o;
    this.chunk = o.chunk;
  }

  /** Reads every followed event up to block `head`. */
  async scan(head: bigint): Promise<void> {
    this.deployBlock ??= await this.chain.deployBlock();
    let from = this.cursor === undefined ? this.deployBlock : this.cursor - this.o.overlap;
    if (from < this.deployBlock) from = this.deployBlock;
    while (from <= head) {
      const to = from + this.chunk - 1n < head ? from + this.chunk - 1n : head;
      let events: KeeperEvent[];
      try {
        events = await this.chain.events(from, to);
      } catch (e) {
        // Providers cap ranges or result sizes with assorted messages; a smaller range is the cure for all.
        if (this.chunk === 1n) throw e;
        this.chunk = this.chunk / 2n;
        continue;
      }
      for (const e of events) this.take(e);
      this.o.onRange?.(from, to, events.length);
      from = to + 1n;
      this.cursor = from;
    }
  }

  /** Every subscriber seen (scanned at the start of each cycle); the chain says which are due. */
  candidates(): Promise<Address[]> {
    return Promise.resolve([...this.subscribers]);
  }

  /** Vetoes seen since the last call. */
  takeVetoes(): RootEvent[] {
    const out = this.newVetoes;
    this.newVetoes = [];
    return out;
  }

  private take(e: KeeperEvent): void {
    if (e.name === "Subscribed") {
      this.subscribers.add(e.args.subscriber);
      if (!isZero(e.args.referrer)) this.referrers.add(e.args.referrer);
    } else if (e.name === "PeriodClosed") {
      if (this.lastCloseBlock === undefined || e.blockNumber > this.lastCloseBlock) this.lastCloseBlock = e.blockNumber;
    } else if (e.name === "RootVetoed") {
      // Only vetoes need the de-duplication (the overlap re-reads them); the sets above are idempotent.
      const key = `${e.transactionHash}:${e.args.root}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
      const growth = this.chain.addresses.growthPool;
      const contract = growth && e.address.toLowerCase() === growth.toLowerCase() ? "GrowthPool" : "Distributor";
      this.newVetoes.push({
        contract,
        root: e.args.root,
        by: e.args.auditor,
        blockNumber: e.blockNumber,
        transactionHash: e.transactionHash,
      });
    }
  }
}
