import { maxUint256, zeroAddress, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { permitDomain } from "../../../lib/chain/permit.ts";
import { approvalValue, describeCoverage, parseReferral, subscribeRoute } from "./subscribe.ts";

const TOKEN = "0x00000000000000000000000000000000000000bb" as Address;
const fmt = (a: bigint) => `${a} base`;

describe("parseReferral", () => {
  it("keeps a valid referrer and warns about a malformed one instead of dropping it silently", () => {
    const a = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    expect(parseReferral(a)).toEqual({ referrer: a, warning: null });
    const bad = parseReferral("0x1234");
    expect(bad.referrer).toBe(zeroAddress);
    expect(bad.warning).toMatch(/"0x1234" is not a valid address/);
    expect(parseReferral(null)).toEqual({ referrer: zeroAddress, warning: null });
  });
});

describe("approval and coverage", () => {
  it("approves the chosen number of payments", () => {
    expect(approvalValue(9_990_000n, 12)).toBe(119_880_000n);
    expect(approvalValue(9_990_000n, "unlimited")).toBe(maxUint256);
  });
  it("states each choice in words with its amount", () => {
    expect(describeCoverage(12, 10n, fmt, "30d")).toBe(
      "12 payments (120 base in all): this one and 11 renewals of 10 base every 30d",
    );
    expect(describeCoverage(1, 10n, fmt, "30d")).toMatch(/ends at the first renewal/);
  });
  it("refuses before any signature when the balance is short, and skips the permit when the allowance covers it", () => {
    expect(subscribeRoute({ balance: 5n, allowance: 0n, price: 10n, payments: 12, fmt }).kind).toBe("short");
    expect(subscribeRoute({ balance: 10n, allowance: 120n, price: 10n, payments: 12, fmt })).toEqual({
      kind: "subscribe",
    });
    expect(subscribeRoute({ balance: 10n, allowance: 100n, price: 10n, payments: 12, fmt })).toEqual({
      kind: "permit",
      value: 120n,
    });
  });
});

describe("permitDomain", () => {
  it("reads the EIP-5267 domain (USDC's version 2) and uses the connected chain", async () => {
    const read = async (fn: string) => {
      if (fn === "eip712Domain") return ["0x0f", "USD Coin", "2", 8453n, TOKEN, "0x", []];
      throw new Error(fn);
    };
    expect(await permitDomain(read, TOKEN, 8453)).toEqual({
      name: "USD Coin",
      version: "2",
      chainId: 8453,
      verifyingContract: TOKEN,
    });
  });
  it("falls back to name() and version() on tokens without EIP-5267", async () => {
    const read = async (fn: string) => {
      if (fn === "name") return "Old Coin";
      if (fn === "version") return "3";
      throw new Error(fn);
    };
    expect(await permitDomain(read, TOKEN, 10)).toEqual({
      name: "Old Coin",
      version: "3",
      chainId: 10,
      verifyingContract: TOKEN,
    });
  });
});
