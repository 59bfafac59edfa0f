import { describe, expect, it } from "vitest";
import { chainById, explorerUrl } from "../chain.ts";

describe("explorerUrl", () => {
  it("links Base transactions and addresses to its explorer, and gives none on the local chain", () => {
    expect(explorerUrl(chainById(8453), "tx", "0xabc")).toBe("https://basescan.org/tx/0xabc");
    expect(explorerUrl(chainById(10), "address", "0x1")).toBe("https://optimistic.etherscan.io/address/0x1");
    expect(explorerUrl(chainById(31337), "tx", "0xabc")).toBeNull();
  });
  it("refuses a chain the app does not know", () => {
    expect(() => chainById(1)).toThrow(/chain 1 is not one the app knows/);
  });
});
