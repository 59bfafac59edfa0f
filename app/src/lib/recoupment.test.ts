import { describe, expect, it } from "vitest";
import { MAX_CYCLES, project, recoupment, type CampaignPayment } from "./recoupment.ts";

const MONTH = 2_592_000n;
const T0 = 1_800_000_000n;

/** `payers[c]` fans (ids 0…n−1) pay `part` each in cycle c. */
function payments(payers: number[], part: bigint): CampaignPayment[] {
  return payers.flatMap((n, c) =>
    Array.from({ length: n }, (_, i) => ({
      subscriber: `0xfan${i}`,
      referralPart: part,
      paidThrough: T0 + BigInt(c) * MONTH + BigInt(i),
    })),
  );
}

describe("recoupment", () => {
  it("adds up revenue, recouped and remaining exactly, and counts each fan once", () => {
    const r = recoupment(payments([10, 8], 1_498_500n), 100_000_000n, MONTH);
    expect(r.fans).toBe(10);
    expect(r.revenue).toBe(18n * 1_498_500n);
    expect(r.recouped).toBe(r.revenue);
    expect(r.remaining).toBe(100_000_000n - r.revenue);
    expect(r.cycles).toEqual([
      { payers: 10, revenue: 10n * 1_498_500n },
      { payers: 8, revenue: 8n * 1_498_500n },
    ]);
  });

  it("caps the recouped amount at the spend and reports recouped", () => {
    const r = recoupment(payments([10, 10], 100n), 1_500n, MONTH);
    expect(r.recouped).toBe(1_500n);
    expect(r.remaining).toBe(0n);
    expect(r.projection).toEqual({ kind: "recouped" });
  });

  it("projects with full retention: remaining / revenue per cycle, rounded up", () => {
    const ps = payments([4, 4], 100n);
    const r = recoupment(ps, 2_000n, MONTH); // 800 in, 1,200 left at 400 a cycle: 3 more cycles.
    expect(r.projection).toEqual({ kind: "projected", cycles: 3, at: T0 + MONTH + 3n + 2n * MONTH });
  });

  it("projects with churn: payers shrink by the observed rate, rounded down", () => {
    // 10 → 8 payers: 8·0.8 = 6, then 4, 3, 2, 1 … at 100 each: 600, 1,000, 1,300, 1,500, 1,600.
    expect(
      project(
        1_300n,
        [
          { payers: 10, revenue: 1_000n },
          { payers: 8, revenue: 800n },
        ],
        payments([10, 8], 100n),
        MONTH,
      ),
    ).toMatchObject({ kind: "projected", cycles: 3 });
    expect(
      project(
        1_700n,
        [
          { payers: 10, revenue: 1_000n },
          { payers: 8, revenue: 800n },
        ],
        payments([10, 8], 100n),
        MONTH,
      ),
    ).toMatchObject({ kind: "not-projected" });
  });

  it("does not project from fewer than two cycles or from a silent last cycle", () => {
    expect(recoupment(payments([5], 100n), 10_000n, MONTH).projection.kind).toBe("not-projected");
    expect(recoupment([], 10_000n, MONTH)).toMatchObject({ fans: 0, revenue: 0n, remaining: 10_000n });
    expect(
      project(
        1n,
        [
          { payers: 3, revenue: 3n },
          { payers: 0, revenue: 0n },
        ],
        [],
        MONTH,
      ).kind,
    ).toBe("not-projected");
  });

  it("gives up beyond the horizon instead of looping", () => {
    const far = project(
      10n ** 30n,
      [
        { payers: 1, revenue: 1n },
        { payers: 1, revenue: 1n },
      ],
      payments([1, 1], 1n),
      MONTH,
    );
    expect(far).toEqual({ kind: "not-projected", reason: `not within ${MAX_CYCLES} cycles at the observed retention` });
  });
});
