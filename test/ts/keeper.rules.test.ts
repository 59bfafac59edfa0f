// The keeper's pure decisions: which subscriptions to touch, batch sizes under the gas cap, fees and their
// replacement bump, the close schedule, backoff.
import { expect } from "chai";
import type { Address } from "viem";
import {
  EIP7825_TX_GAS_CAP,
  fitModel,
  isolate,
  shrink,
  sizeFor,
  txGasCap,
  withMargin,
} from "../../scripts/keeper/batches.ts";
import { ACTIVE, covers, nextEventAt, verdict, type SubState } from "../../scripts/keeper/due.ts";
import { MIN_REPLACEMENT_BUMP_BPS, bumpFees, initialFees, type FeePolicy } from "../../scripts/keeper/fees.ts";
import { backoffDelay } from "../../scripts/keeper/retry.ts";
import { closeDecision, nextBoundary, parseDuration, parseSchedule } from "../../scripts/keeper/schedule.ts";

const A = "0x00000000000000000000000000000000000000a1" as Address;
const sub = (paidThrough: bigint, status = ACTIVE): SubState => ({ subscriber: A, status, paidThrough, price: 100n });
const GWEI = 10n ** 9n;
const policy: FeePolicy = {
  maxFeePerGas: 50n * GWEI,
  maxPriorityFeePerGas: 2n * GWEI,
  baseFeeHeadroomPercent: 200n,
  bumpBps: 1_250n,
};

describe("keeper rules", () => {
  describe("due", () => {
    it("test_verdict_renewsWhenTheFanCanPay_endsAfterGrace_waitsInside", () => {
      expect(verdict(sub(1_000n), true, 999n, 0n)).to.equal("not-due");
      expect(verdict(sub(1_000n), true, 1_000n, 0n)).to.equal("renew");
      expect(verdict(sub(1_000n), false, 1_000n, 0n)).to.equal("end");
      expect(verdict(sub(1_000n), false, 1_500n, 600n)).to.equal("wait");
      expect(verdict(sub(1_000n), false, 1_600n, 600n)).to.equal("end");
      expect(verdict(sub(1_000n, 2), true, 5_000n, 0n)).to.equal("inactive");
      expect(verdict(sub(1_000n, 3), true, 5_000n, 0n)).to.equal("inactive");
    });

    it("test_covers_needsBothAllowanceAndBalance", () => {
      expect(covers({ balance: 100n, allowance: 100n }, 100n)).to.equal(true);
      expect(covers({ balance: 99n, allowance: 100n }, 100n)).to.equal(false);
      expect(covers({ balance: 100n, allowance: 99n }, 100n)).to.equal(false);
    });

    it("test_nextEventAt_isTheEarliestRenewalOrGraceEnd", () => {
      const subs = [sub(5_000n), sub(900n), sub(3_000n), sub(100n, 2)];
      expect(nextEventAt(subs, 1_000n, 0n)).to.equal(3_000n);
      expect(nextEventAt(subs, 1_000n, 500n)).to.equal(1_400n);
      expect(nextEventAt([sub(100n, 2)], 1_000n, 0n)).to.equal(undefined);
    });
  });

  describe("batches", () => {
    it("test_txGasCap_isTheLowestOfProtocolBlockShareAndPlatformCap", () => {
      expect(txGasCap(60_000_000n, 5_000n)).to.equal(EIP7825_TX_GAS_CAP);
      expect(txGasCap(30_000_000n, 2_500n)).to.equal(7_500_000n);
      expect(txGasCap(60_000_000n, 10_000n, 5_000_000n)).to.equal(5_000_000n);
    });

    it("testFuzz_sizeFor_neverExceedsTheCapWithItsMargin", () => {
      let seed = 7;
      const rnd = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n) + 1;
      for (let i = 0; i < 2_000; i++) {
        const m = { fixed: BigInt(rnd(200_000)), perItem: BigInt(rnd(120_000)) };
        const cap = BigInt(rnd(16_777_216) + 300_000);
        const margin = BigInt(rnd(5_000));
        const n = sizeFor(m, cap, margin, 100_000);
        const predicted = m.fixed + m.perItem * BigInt(n);
        if (n > 1) expect(withMargin(predicted, margin) <= cap, `n=${n} cap=${cap}`).to.equal(true);
        expect(n).to.be.at.least(1);
      }
    });

    it("test_fitModel_andShrink_bringAnOverCapBatchUnder", () => {
      const m = fitModel(1, 64_000n, 20, 64_000n + 19n * 29_000n);
      expect(m.perItem).to.equal(29_000n);
      expect(m.fixed).to.equal(35_000n);
      // The model said 600 fit; the estimate came back heavier (endings and renewals mixed differently).
      const estimate = 18_000_000n;
      const smaller = shrink(600, estimate, EIP7825_TX_GAS_CAP, 2_000n);
      expect(smaller).to.be.lessThan(600);
      expect(withMargin((estimate * BigInt(smaller)) / 600n, 2_000n) <= EIP7825_TX_GAS_CAP).to.equal(true);
      expect(shrink(10, 1_000_000n, EIP7825_TX_GAS_CAP, 2_000n)).to.equal(10);
    });

    it("test_isolate_findsEachItemThatRevertsAlone", async () => {
      const items = Array.from({ length: 100 }, (_, i) => i);
      const bad = new Set([3, 57, 58, 99]);
      let calls = 0;
      const { accepted, rejected } = await isolate(items, async (b) => (calls++, !b.some((x) => bad.has(x))));
      expect(rejected.sort((x, y) => x - y)).to.deep.equal([3, 57, 58, 99]);
      expect(accepted).to.have.length(96);
      expect(calls).to.be.lessThan(60);
    });
  });

  describe("fees", () => {
    it("test_initialFees_twiceTheBaseFeePlusTip_boundedByTheCaps", () => {
      expect(initialFees(10n * GWEI, 1n * GWEI, policy)).to.deep.equal({
        maxFeePerGas: 21n * GWEI,
        maxPriorityFeePerGas: GWEI,
      });
      expect(initialFees(10n * GWEI, 9n * GWEI, policy)).to.deep.equal({
        maxFeePerGas: 22n * GWEI,
        maxPriorityFeePerGas: 2n * GWEI,
      });
      expect(initialFees(40n * GWEI, 1n * GWEI, policy)!.maxFeePerGas).to.equal(50n * GWEI);
      expect(initialFees(51n * GWEI, 1n * GWEI, policy)).to.equal(undefined);
    });

    it("test_bumpFees_raisesBothByAtLeastTenPercent_orWaitsAtTheCap", () => {
      const prev = { maxFeePerGas: 20n * GWEI, maxPriorityFeePerGas: GWEI };
      const next = bumpFees(prev, undefined, policy)!;
      expect(next.maxFeePerGas).to.equal(22_500_000_000n);
      expect(next.maxPriorityFeePerGas).to.equal(1_125_000_000n);
      // The market moved more than the bump: take the market.
      expect(bumpFees(prev, { maxFeePerGas: 40n * GWEI, maxPriorityFeePerGas: GWEI }, policy)!.maxFeePerGas).to.equal(
        40n * GWEI,
      );
      // At the cap no valid replacement exists (< +10 %): keep waiting for the original.
      expect(bumpFees({ maxFeePerGas: 48n * GWEI, maxPriorityFeePerGas: GWEI }, undefined, policy)).to.equal(undefined);
      expect(MIN_REPLACEMENT_BUMP_BPS).to.equal(1_000n);
    });
  });

  describe("schedule", () => {
    it("test_parse_durationsAndSchedules", () => {
      expect(parseDuration("90")).to.equal(90n);
      expect(parseDuration("30d")).to.equal(2_592_000n);
      expect(parseDuration("2w")).to.equal(1_209_600n);
      expect(() => parseDuration("1.5h")).to.throw(/30s, 15m/);
      expect(parseSchedule("off")).to.deep.equal({ kind: "off" });
      expect(parseSchedule("7d@100")).to.deep.equal({ kind: "every", seconds: 604_800n, anchor: 100n });
      expect(parseSchedule("30d")).to.deep.equal({ kind: "every", seconds: 2_592_000n });
      expect(() => parseSchedule("0s")).to.throw(/longer than 0/);
    });

    it("test_closeDecision_firstBoundaryAfterTheLastClose_closesOnceAfterDowntime", () => {
      const every = parseSchedule("100@1000");
      expect(nextBoundary(950n, every)).to.equal(1_000n);
      expect(nextBoundary(1_000n, every)).to.equal(1_100n);
      expect(closeDecision(1_050n, 1_099n, every)).to.deep.equal({ due: false, boundary: 1_100n, missed: 0 });
      expect(closeDecision(1_050n, 1_100n, every)).to.deep.equal({ due: true, boundary: 1_100n, missed: 0 });
      expect(closeDecision(1_050n, 1_420n, every)).to.deep.equal({ due: true, boundary: 1_100n, missed: 3 });
      expect(closeDecision(1_050n, 9_999n, { kind: "off" }).due).to.equal(false);
      // Without an anchor: that long after the last close.
      const relative = parseSchedule("100");
      expect(closeDecision(1_050n, 1_149n, relative).due).to.equal(false);
      expect(closeDecision(1_050n, 1_360n, relative)).to.deep.equal({ due: true, boundary: 1_150n, missed: 2 });
    });

    it("test_monthly_closesAtMidnightUtcOnTheFirst", () => {
      const monthly = parseSchedule("monthly");
      const t = (iso: string) => BigInt(Date.parse(iso) / 1000);
      expect(nextBoundary(t("2026-01-31T23:59:59Z"), monthly)).to.equal(t("2026-02-01T00:00:00Z"));
      expect(nextBoundary(t("2026-02-01T00:00:00Z"), monthly)).to.equal(t("2026-03-01T00:00:00Z"));
      expect(nextBoundary(t("2026-12-15T12:00:00Z"), monthly)).to.equal(t("2027-01-01T00:00:00Z"));
    });
  });

  describe("retry", () => {
    it("test_backoffDelay_doublesWithJitter_upToTheMax", () => {
      const b = { baseMs: 100, maxMs: 1_000 };
      expect(backoffDelay(0, b, () => 0)).to.equal(50);
      expect(backoffDelay(0, b, () => 1)).to.equal(100);
      expect(backoffDelay(3, b, () => 1)).to.equal(800);
      expect(backoffDelay(10, b, () => 1)).to.equal(1_000);
    });
  });
});
