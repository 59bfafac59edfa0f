// The auditor page's view of lib/'s checklist: stable ids for the rows and the overall verdict.
import type { AuditCheck } from "../../../lib/audit/index.ts";

/** "root proposed on the distributor" → "root-proposed-on-the-distributor" (a row's test id). */
export const checkId = (c: AuditCheck) =>
  c.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export const passed = (checks: readonly AuditCheck[]) => checks.length > 0 && checks.every((c) => c.ok);
