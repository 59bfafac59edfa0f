import { stringToHex, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { basisLabel, claimableIn, formatShare, growthLegs } from "./growth.ts";

const POOL = "0x00000000000000000000000000000000000000aa" as Address;
const TOKEN = "0x00000000000000000000000000000000000000Bb" as Address;

describe("formatShare", () => {
  it("shows units over total as a percentage with two decimals, truncated, in integer math", () => {
    expect(formatShare(1n, 3n)).toBe("33.33%");
    expect(formatShare(2n, 3n)).toBe("66.66%");
    expect(formatShare(5n, 5n)).toBe("100.00%");
    expect(formatShare(1n, 10_000n)).toBe("0.01%");
    expect(formatShare(1n, 1_000_000n)).toBe("0.00%");
    expect(formatShare(10n ** 30n, 3n * 10n ** 30n)).toBe("33.33%");
  });
  it("shows 0.00% when there are no units at all", () => {
    expect(formatShare(0n, 0n)).toBe("0.00%");
    expect(formatShare(0n, 7n)).toBe("0.00%");
  });
});

describe("basisLabel", () => {
  it("decodes an ASCII bytes32 basis and falls back to hex for binary bases", () => {
    expect(basisLabel(stringToHex("ad-revenue", { size: 32 }))).toBe("ad-revenue");
    const binary = `0x${"ff".repeat(32)}` as const;
    expect(basisLabel(binary)).toBe(binary);
  });
});

describe("growthLegs", () => {
  it("claims only the tokens with earnings, and adds no leg when there are none", () => {
    const claimables = [
      { token: zeroAddress, amount: 0n },
      { token: TOKEN, amount: 5n },
    ];
    expect(growthLegs(POOL, claimables)).toEqual([{ pool: POOL, tokens: [TOKEN] }]);
    expect(growthLegs(POOL, [{ token: TOKEN, amount: 0n }])).toEqual([]);
    expect(claimableIn(claimables, TOKEN.toLowerCase() as Address)).toBe(5n);
    expect(claimableIn(claimables, POOL)).toBe(0n);
  });
});
