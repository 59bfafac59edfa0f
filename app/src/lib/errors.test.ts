import { BaseError, ContractFunctionRevertedError, encodeErrorResult, parseAbi, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert, explainError, sentenceFor } from "../../../lib/chain/errors.ts";
import { SAY } from "./format.ts";

const abi = parseAbi([
  "error DistributorNothingToClaim(address account)",
  "error HubSelfReferral(address subscriber)",
  "error ClaimRouterLegFailed(uint8 kind, address target, bytes reason)",
  "error SomethingNew(uint256 x)",
]);
const A = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("decodeRevert", () => {
  it("decodes a custom error with its arguments, and returns null for unknown data", () => {
    const data = encodeErrorResult({ abi, errorName: "DistributorNothingToClaim", args: [A] });
    expect(decodeRevert(data, [abi])).toEqual({ name: "DistributorNothingToClaim", args: [A] });
    expect(decodeRevert("0xdeadbeef", [abi])).toBeNull();
  });
});

describe("sentenceFor", () => {
  it("unwraps a router leg failure into the failing leg's own sentence", () => {
    const inner = encodeErrorResult({ abi, errorName: "DistributorNothingToClaim", args: [A] });
    const s = sentenceFor({ name: "ClaimRouterLegFailed", args: [1, A, inner] }, SAY, [abi]);
    expect(s).toBe("The distributor claim failed: 0x3C44…93BC has already claimed everything in the active root.");
  });
  it("falls back to the error's name and arguments when no sentence is written", () => {
    expect(sentenceFor({ name: "SomethingNew", args: [7n] }, SAY, [abi])).toBe(
      "The contract refused: SomethingNew(7).",
    );
  });
});

describe("explainError", () => {
  it("explains a reverted simulation from its raw revert data", () => {
    const data: Hex = encodeErrorResult({ abi, errorName: "HubSelfReferral", args: [A] });
    const error = new ContractFunctionRevertedError({ abi, data, functionName: "subscribe" });
    expect(explainError(new BaseError("call failed", { cause: error }), SAY, [abi])).toBe(
      "You cannot use your own referral link (or one that pays an address of yours).",
    );
  });
  it("names a wallet rejection and an unreachable RPC", () => {
    const rejected = new BaseError("x", {
      cause: Object.assign(new Error("no"), { name: "UserRejectedRequestError" }),
    });
    expect(explainError(rejected, SAY, [abi])).toBe("You rejected the request in your wallet.");
    const down = new BaseError("x", {
      cause: Object.assign(new Error("fetch failed"), { name: "HttpRequestError" }),
    });
    expect(explainError(down, SAY, [abi])).toMatch(/RPC did not answer/);
  });
});
