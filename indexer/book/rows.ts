// Row fields every log-derived row shares, so each indexing function writes only what is its own.
type Hex = `0x${string}`;

interface LogEvent {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex; from: Hex };
  log: { address: Hex };
}

/** When and where: block time, block number, transaction hash. */
export const at = (e: LogEvent) => ({
  timestamp: e.block.timestamp,
  block: e.block.number,
  txHash: e.transaction.hash,
});

/** A `withdrawal` row: money paid out to `account` by the event's contract (the sender is who paid the gas). */
export const paidOut = (e: LogEvent, source: string, account: Hex, token: Hex, amount: bigint) => ({
  id: e.id,
  source,
  contract: e.log.address,
  account,
  token,
  amount,
  sender: e.transaction.from,
  ...at(e),
});
