// Sign-In with Ethereum (EIP-4361) for the fan's receipt endpoint: the message the app asks the wallet
// to sign and the shapes the endpoint answers with. The server verifies with viem's verifySiweMessage.
import { createSiweMessage } from "viem/siwe";
import type { Address } from "viem";
import type { FanRows } from "../publication/fan-rows.ts";

/** Paths of the receipt API, relative to the server's origin (docs/receipt.md). */
export const RECEIPT_API = { nonce: "/api/receipt/nonce", receipt: "/api/receipt" } as const;
export const RECEIPT_STATEMENT = "Show me my Gapless receipts: my pseudonym for each period.";
/** A nonce is valid this long, and once. */
export const NONCE_TTL_SECONDS = 300;

export function receiptSignInMessage(o: {
  address: Address;
  chainId: number;
  /** The receipt server's host (location.host in the app). */
  domain: string;
  uri: string;
  nonce: string;
  now?: Date;
}): string {
  const issuedAt = o.now ?? new Date();
  return createSiweMessage({
    address: o.address,
    chainId: o.chainId,
    domain: o.domain,
    uri: o.uri,
    nonce: o.nonce,
    version: "1",
    statement: RECEIPT_STATEMENT,
    issuedAt,
    expirationTime: new Date(issuedAt.getTime() + NONCE_TTL_SECONDS * 1000),
  });
}

/** One period the signed-in fan has rows in. */
export interface ReceiptPeriod {
  period: string;
  /** The fan's published subscriber id in that period. */
  subscriber: string;
  /** Committed mode: the fan's rows and their proof against the manifest's fan_rows.root. */
  rows?: FanRows;
  proof?: string[];
}

export interface ReceiptResponse {
  address: string;
  periods: ReceiptPeriod[];
}
