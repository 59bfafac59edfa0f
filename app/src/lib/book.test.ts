import { describe, expect, it } from "vitest";
import type { Fan } from "../../../lib/book/types.ts";
import { fanStatus, retentionPercents } from "./book.ts";

const fan = (over: Partial<Fan>): Fan => ({
  subscriber: "0x01",
  since: 0,
  campaign: "1",
  planId: "0",
  price: "9990000",
  period: 2_592_000,
  payments: 1,
  paidTotal: "9990000",
  referralTotal: "1498500",
  status: "active",
  paidThrough: 2_592_000,
  endReason: null,
  endedAt: null,
  ...over,
});

describe("book of business", () => {
  it("says when an active fan renews, and that it is due once its time has passed", () => {
    expect(fanStatus(fan({}), 10n)).to.equal("active — renews 1970-01-31 00:00 UTC");
    expect(fanStatus(fan({}), 2_592_000n)).to.equal("active — renewal due now");
  });
  it("says why a fan lapsed and when", () => {
    expect(fanStatus(fan({ status: "lapsed", endReason: "allowance", endedAt: 86_400 }), 0n)).to.equal(
      "lapsed: approval ran out (1970-01-02 00:00 UTC)",
    );
    expect(fanStatus(fan({ status: "lapsed", endReason: "balance", endedAt: 0 }), 0n)).to.contain("balance too low");
  });
  it("rounds retention down to whole percent of the cohort", () => {
    expect(retentionPercents({ cohort: "2026-12", fans: 3, retained: [3, 2, 1] })).to.deep.equal([100, 66, 33]);
    expect(retentionPercents({ cohort: "2026-12", fans: 0, retained: [] })).to.deep.equal([]);
  });
});
