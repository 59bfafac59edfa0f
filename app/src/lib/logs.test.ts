import { describe, expect, it } from "vitest";
import { deployBlock, eventsSinceDeploy } from "../../../lib/chain/logs.ts";

/** A chain of `head` blocks where the contract appears at `deployedAt`; each "log" is its block number. */
function fakeChain(head: bigint, deployedAt: bigint, range: bigint) {
  const requests: [bigint, bigint][] = [];
  return {
    requests,
    client: {
      getBlockNumber: async () => head,
      getCode: async ({ blockNumber }: { blockNumber: bigint }) => (blockNumber >= deployedAt ? "0x60" : undefined),
    },
    fetch: async (from: bigint, to: bigint) => {
      if (to - from + 1n > range) throw new Error(`range of ${to - from + 1n} blocks refused`);
      requests.push([from, to]);
      const out: bigint[] = [];
      for (let b = from; b <= to; b++) if (b % 97n === 0n) out.push(b);
      return out;
    },
  };
}

describe("history from the deploy block in bounded ranges", () => {
  it("finds the deploy block by bisection", async () => {
    const c = fakeChain(100_000n, 31_337n, 1_000n);
    expect(await deployBlock(c.client, "0x00000000000000000000000000000000000000a1")).to.equal(31_337n);
  });
  it("reads every log from the deploy block to the head, never more than the range at once", async () => {
    const c = fakeChain(25_000n, 1_234n, 1_000n);
    const logs = await eventsSinceDeploy(c.client, "0x00000000000000000000000000000000000000a2", c.fetch, 1_000n);
    expect(c.requests[0][0]).to.equal(1_234n);
    expect(c.requests.at(-1)![1]).to.equal(25_000n);
    expect(c.requests.length).to.equal(24);
    const expected: bigint[] = [];
    for (let b = 1_234n; b <= 25_000n; b++) if (b % 97n === 0n) expected.push(b);
    expect(logs).to.deep.equal(expected);
  });
});
