import { describe, expect, it } from "vitest";
import { checkRows, formatPercent, parsePercent } from "./splitForm.ts";

const A = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const B = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

describe("split form", () => {
  it("reads percentages to two decimals as hundredths of a percent", () => {
    expect(parsePercent("33.33")).toBe(3333n);
    expect(parsePercent("50")).toBe(5000n);
    expect(parsePercent("1.5")).toBe(150n);
    expect(parsePercent("1.234")).toBeNull();
    expect(formatPercent(9_999n)).toBe("99.99%");
  });
  it("accepts recipients that add up to exactly 100% and refuses anything else", () => {
    expect(
      checkRows([
        { address: A, percent: "60" },
        { address: B, percent: "40" },
      ]).errors,
    ).toEqual([]);
    expect(
      checkRows([
        { address: A, percent: "60" },
        { address: B, percent: "39.99" },
      ]).errors,
    ).toEqual(["The percentages add up to 99.99%; they must add up to exactly 100%."]);
    expect(
      checkRows([
        { address: "0x0000000000000000000000000000000000000000", percent: "50" },
        { address: B, percent: "50" },
      ]).errors[0],
    ).toMatch(/burn/);
    expect(
      checkRows([
        { address: A, percent: "50" },
        { address: A, percent: "50" },
      ]).errors[0],
    ).toMatch(/twice/);
    expect(checkRows([{ address: "", percent: "" }]).errors.length).toBeGreaterThan(1);
  });
});
