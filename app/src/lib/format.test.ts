import { describe, expect, it } from "vitest";
import { formatAmount, formatBps, formatDuration, parseAmount, shortAddress } from "./format.ts";

describe("formatAmount", () => {
  it("shows base units as decimals with thousands separators, truncating not rounding", () => {
    expect(formatAmount(1_234_567_899n)).toBe("1,234.56");
    expect(formatAmount(9_990_000n, 6, 6)).toBe("9.990000");
    expect(formatAmount(-1_500_000n)).toBe("-1.50");
    expect(formatAmount(0n)).toBe("0.00");
  });
  it("round-trips with parseAmount at full precision", () => {
    for (const v of [0n, 1n, 999_999n, 123_456_789_012n])
      expect(parseAmount(formatAmount(v, 6, 6).replace(/,/g, ""))).toBe(v);
  });
});

describe("parseAmount", () => {
  it("rejects text that is not an amount, with the input in the message", () => {
    expect(() => parseAmount("1e3")).toThrow(/"1e3" is not an amount/);
    expect(() => parseAmount("1.1234567")).toThrow(/more than 6 decimal places/);
  });
});

describe("durations, bps and addresses", () => {
  it("formats countdowns, percentages and short addresses", () => {
    expect(formatDuration(3 * 86_400 + 3_600 + 120)).toBe("3d 1h 2m");
    expect(formatDuration(75)).toBe("1m 15s");
    expect(formatDuration(-5)).toBe("now");
    expect(formatBps(1_500)).toBe("15%");
    expect(formatBps(1_250)).toBe("12.5%");
    expect(shortAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).toBe("0x3C44…93BC");
  });
});
