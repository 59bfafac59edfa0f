import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { buildSplitTree } from "../../../lib/chain/split.ts";
import { claimPlan, memberOwed, type Membership, type Sources } from "./claim.ts";

const a = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
const C = { router: a(1), hub: a(2), distributor: a(3), growth: a(4), token: a(5) };
const ME = a(100);
const none: Sources = { referral: 0n, leaf: null, usage: 0n, growth: [] };
const tree = buildSplitTree([
  { account: ME, share: 40n },
  { account: a(101), share: 30n },
  { account: a(102), share: 30n },
]);
const band = (upstream: Sources, balance = 0n): Membership => ({
  split: a(200),
  tree,
  share: 40n,
  balance,
  totalReleased: 0n,
  released: 0n,
  upstream,
});

describe("memberOwed", () => {
  it("counts what waits for the band upstream, at the member's share, with the Split's rounding", () => {
    const m = band(
      {
        referral: 1_000n,
        leaf: { cumulative: 889n, proof: [] },
        usage: 889n,
        growth: [{ token: C.token, amount: 11n }],
      },
      100n,
    );
    expect(memberOwed(m, C.token)).toEqual({
      now: 40n,
      afterCollect: ((100n + 1_000n + 889n + 11n) * 40n) / 100n,
    });
  });
});

describe("claimPlan", () => {
  it("collects the band's earnings into its Split before releasing the member's share, in order", () => {
    const m = band({ referral: 1_000n, leaf: null, usage: 0n, growth: [] });
    const calls = claimPlan(C, ME, { ...none, referral: 5n }, [m]);
    expect(calls.map((c) => [c.functionName, c.args[0]])).toEqual([
      ["claimAll", m.split],
      ["claimAll", ME],
    ]);
    expect(calls[0].args[1]).toEqual([C.hub]);
    expect((calls[1].args[3] as { split: Address }[])[0].split).toBe(m.split);
  });
  it("sends nothing when nothing is owed anywhere", () => {
    expect(claimPlan(C, ME, none, [band(none)])).toEqual([]);
  });
  it("uses the growth variant only when a growth pool holds something", () => {
    const [call] = claimPlan(C, ME, { ...none, growth: [{ token: C.token, amount: 3n }] }, []);
    expect(call.functionName).toBe("claimAllWithGrowth");
  });
});
