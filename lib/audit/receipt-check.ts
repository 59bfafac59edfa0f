// The fan's receipt, verified: the browser runs the audit's own checks on the published folder (open
// mode: the whole recompute; committed mode: the folder against its manifest plus the fan's rows
// against the manifest's commitment), computes the receipt from the fan's rows with lib/rules, and
// (with auditChain) holds the manifest to the root on the distributor.
import { verifyFanRows, type FanProof } from "../publication/fan-rows.ts";
import { wholeBytes } from "../publication/folder-check.ts";
import { parsePublishedArtists, parsePublishedPayments, parsePublishedPlays } from "../publication/published.ts";
import { PAYMENT_COLUMNS } from "../publication/published.ts";
import { fanReceipt, type FanReceipt } from "../rules/receipt.ts";
import { auditFiles, type AuditCheck, type FilesAudit, type FilesAuditInput } from "./audit.ts";

export interface ReceiptCheckInput extends Omit<FilesAuditInput, "rows"> {
  /** The fan's published id this period, as the platform's receipt endpoint gave it. */
  subscriber: string;
  /** Committed mode: the fan's rows and proof from the receipt endpoint. */
  fanProof?: FanProof;
}

export interface ReceiptCheck {
  checks: AuditCheck[];
  receipt: FanReceipt | null;
  audit: FilesAudit;
}

const check = (name: string, ok: boolean, detail: string): AuditCheck => ({ name, ok, detail });
const enc = new TextEncoder();
const COMMITMENT_CHECK = "per-fan rows match the manifest's commitment";

/** A published file's whole bytes (empty when missing): a fan's receipt reads small folders only. */
function bytesOf(input: Pick<FilesAuditInput, "files">, name: string): Uint8Array {
  const f = input.files.get(name);
  return f === undefined ? new Uint8Array() : wholeBytes(f);
}

export function checkReceipt(input: ReceiptCheckInput): ReceiptCheck {
  const audit = auditFiles(input);
  const m = audit.manifest;
  const committed = m?.fan_rows?.mode === "committed";
  // Committed mode: the public folder cannot be recomputed (only auditors hold every row); the fan
  // checks the folder against its manifest and their own rows against the commitment.
  const checks = committed ? audit.checks.filter((c) => c.name !== COMMITMENT_CHECK) : [...audit.checks];
  let receipt: FanReceipt | null = null;
  try {
    const artists = parsePublishedArtists(bytesOf(input, "artists.csv"));
    let payments: Uint8Array;
    let plays: Uint8Array;
    if (committed) {
      const proof = input.fanProof;
      const ok = !!proof && proof.rows.subscriber === input.subscriber && verifyFanRows(m!.fan_rows.root, proof);
      checks.push(
        check(
          "your rows are in the manifest's commitment",
          ok,
          ok
            ? `${proof!.rows.payments.length} payments, ${proof!.rows.plays.length} play rows, proof of ${proof!.proof.length}`
            : "the rows or their proof do not match fan_rows.root",
        ),
      );
      if (!ok) return { checks, receipt, audit };
      payments = enc.encode([PAYMENT_COLUMNS.join(","), ...proof!.rows.payments, ""].join("\n"));
      plays = enc.encode(["subscriber_id,artist_id,plays", ...proof!.rows.plays, ""].join("\n"));
    } else {
      payments = bytesOf(input, "payments.csv");
      plays = bytesOf(input, "plays.csv");
    }
    receipt = fanReceipt(
      input.subscriber,
      parsePublishedPayments(payments, artists),
      parsePublishedPlays(plays, artists),
    );
  } catch (e) {
    checks.push(check("your rows are readable", false, (e as Error).message));
    return { checks, receipt, audit };
  }
  checks.push(
    check(
      "your payments are in the period",
      receipt.payments > 0,
      receipt.payments > 0
        ? `${receipt.payments} payments, ${receipt.amount} in total`
        : `no payment of ${input.subscriber}`,
    ),
  );
  return { checks, receipt, audit };
}

/** The fan's own `Paid` events this period (their wallet's, read from the hub) against the receipt. */
export function checkOwnPayments(
  receipt: FanReceipt,
  paid: readonly { amount: bigint; poolPart: bigint; referralPart: bigint }[],
): AuditCheck {
  const sum = (f: (p: (typeof paid)[number]) => bigint) => paid.reduce((s, p) => s + f(p), 0n);
  const referral = receipt.referral.reduce((s, r) => s + r.amount, 0n);
  const ok =
    paid.length === receipt.payments &&
    sum((p) => p.amount) === receipt.amount &&
    sum((p) => p.poolPart) === receipt.pool &&
    sum((p) => p.referralPart) === referral;
  return check(
    "your wallet's payments on the hub match the receipt",
    ok,
    `hub: ${paid.length} payments, ${sum((p) => p.amount)}; receipt: ${receipt.payments} payments, ${receipt.amount}`,
  );
}
