// Generated code matches its generator, and every custom error the contracts can revert with has a sentence:
// lib/chain/abis.ts equals a fresh generation from the build (so a contract change cannot leave the app, the CLIs
// or the demo calling a signature that no longer exists), lib/chain/keccak.ts equals scripts/generate/keccak.ts's
// output, and lib/chain/errors.ts's map covers every error of every compiled contract (mocks aside).
import { expect } from "chai";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { abisSource, ABIS_PATH } from "../../scripts/generate/abis.ts";
import { keccakSource, KECCAK_PATH } from "../../scripts/generate/keccak.ts";
import { ROOT } from "../../scripts/lib/artifacts.ts";
import { ERROR_SENTENCES } from "../../lib/chain/errors.ts";

function artifactFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return artifactFiles(p);
    return f.endsWith(".json") && !f.endsWith(".dbg.json") ? [p] : [];
  });
}

describe("generated files and error sentences", function () {
  it("test_abis_equalAFreshGeneration", function () {
    expect(readFileSync(ABIS_PATH, "utf8") === abisSource(), "lib/chain/abis.ts is stale: run `npm run generate:abis`").to.equal(true); // prettier-ignore
  });

  it("test_keccak_equalsItsGenerator", function () {
    expect(readFileSync(KECCAK_PATH, "utf8") === keccakSource(), "lib/chain/keccak.ts differs from scripts/generate/keccak.ts").to.equal(true); // prettier-ignore
  });

  it("test_everyCustomError_hasASentence", function () {
    const missing = new Set<string>();
    const base = join(ROOT, "artifacts", "contracts");
    for (const file of artifactFiles(base)) {
      if (file.startsWith(join(base, "mocks"))) continue;
      const abi = JSON.parse(readFileSync(file, "utf8")).abi as { type: string; name: string }[] | undefined;
      for (const item of abi ?? []) if (item.type === "error" && !ERROR_SENTENCES[item.name]) missing.add(item.name);
    }
    // The demo token's errors reach users too (lib/chain/abis.ts carries TestToken).
    for (const item of JSON.parse(readFileSync(join(base, "mocks", "TestToken.sol", "TestToken.json"), "utf8")).abi) {
      if (item.type === "error" && !ERROR_SENTENCES[item.name]) missing.add(item.name);
    }
    expect([...missing].sort(), "add a sentence for each to ERROR_SENTENCES in lib/chain/errors.ts").to.deep.equal([]);
  });
});
