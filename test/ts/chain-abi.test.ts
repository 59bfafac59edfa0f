// The CLIs' compact ABIs (scripts/engine/chain.ts, scripts/lib/split.ts) are written out so the CLIs carry typed
// calls without a build step; this holds every function, event and Gapless error in them to the compiled
// contracts, so a contract change cannot leave a CLI calling a signature that no longer exists.
import { expect } from "chai";
import type { Abi } from "viem";
import { formatAbiItem } from "viem/utils";
import { artifactAbi, type AppContract } from "../../scripts/lib/artifacts.ts";
import { DISTRIBUTOR_ABI, HUB_ABI } from "../../scripts/engine/chain.ts";
import { splitAbi, splitFactoryAbi } from "../../scripts/lib/split.ts";

const signatures = (abi: Abi) =>
  new Set(abi.filter((i) => i.type !== "constructor").map((i) => formatAbiItem(i as never)));

function expectSubset(name: string, compact: Abi, contract: AppContract, ownPrefix: string) {
  const compiled = signatures(artifactAbi(contract));
  for (const item of compact) {
    if (item.type === "error" && !item.name.startsWith(ownPrefix)) continue; // token errors live in the token
    const signature = formatAbiItem(item as never);
    expect(compiled.has(signature), `${name}: ${signature} is not in ${contract}'s compiled ABI`).to.equal(
      true,
    );
  }
}

describe("CLI ABIs match the compiled contracts", function () {
  it("test_chainAbis_areSubsetsOfTheArtifacts", function () {
    expectSubset("DISTRIBUTOR_ABI", DISTRIBUTOR_ABI, "Distributor", "Distributor");
    expectSubset("HUB_ABI", HUB_ABI, "SubscriptionHub", "Hub");
    expectSubset("splitAbi", splitAbi, "Split", "Split");
    expectSubset("splitFactoryAbi", splitFactoryAbi, "SplitFactory", "Split");
  });
});
