import { describe, expect, it } from "vitest";
import type { Statement } from "./periods.ts";
import { gapRows, gapTotal } from "./valueGap.ts";

const st = (referral: string, usage: string, proRata: string) =>
  ({ referral: { total: referral }, usage: { total: usage }, pro_rata: proRata }) as unknown as Statement;

describe("value gap", () => {
  it("sets referral + usage against pro-rata per period, and adds growth in the total", () => {
    const rows = gapRows([
      { period: "1", statements: [st("100", "50", "90"), st("0", "10", "20")], status: "paid" },
      { period: "2", statements: [st("0", "5", "40")], status: "pending" },
    ]);
    expect(rows.map((r) => [r.earned, r.proRata, r.gap, r.status])).toEqual([
      [160n, 110n, 50n, "paid"],
      [5n, 40n, -35n, "pending"],
    ]);
    expect(gapTotal(rows, 7n)).toEqual({
      referral: 100n,
      usage: 65n,
      proRata: 150n,
      growth: 7n,
      earned: 172n,
      gap: 22n,
    });
  });
});
