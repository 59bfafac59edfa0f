import { createRequire } from "node:module"; const require = createRequire(import.meta.url);
import { network } from "hardhat";
import { hexlify, randomBytes, Wallet, ZeroHash } from "ethers";
import type { Hex } from "viem";
import { leafHash, rootFromProof } from "../../scripts/lib/merkle.js";
const { ethers, networkHelpers, provider } = await network.create();
function syntheticProof(account: string, amt: bigint) {
  const proof = Array.from({ length: 20 }, () => hexlify(randomBytes(32)) as Hex);
  return { proof, root: rootFromProof(leafHash(account as Hex, amt), proof) };
}
async function trace(hash: string, label: string) {
  const t: any = await provider.request({ method: "debug_traceTransaction", params: [hash, { disableStorage: true, disableMemory: true }] });
  const logs = t.structLogs;
  const agg: Record<string, number> = {};
  let depthGas: Record<number, number> = {};
  for (let i = 0; i < logs.length - 1; i++) {
    const l = logs[i], n = logs[i + 1];
    let cost = l.gasCost;
    if (["CALL","STATICCALL","DELEGATECALL"].includes(l.op) && n.depth > l.depth) {
      // find return to this depth
      let j = i + 1; while (j < logs.length && logs[j].depth > l.depth) j++;
      cost = l.gas - logs[j].gas;
    }
    const k = `${l.depth}:${l.op}`; agg[k] = (agg[k] || 0) + cost;
    depthGas[l.depth] = (depthGas[l.depth] || 0) + (l.depth === 1 ? cost : 0);
  }
  const rc = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] }) as any;
  console.log(label, "gasUsed", BigInt(rc.gasUsed), "exec depth1 total", logs[0].gas - logs[logs.length-1].gas + logs[logs.length-1].gasCost, "start gas", logs[0].gas);
  if (label === "later") { let out=[]; for (const l of logs) if (l.depth===1) out.push(`${l.pc}:${l.op}:${l.gasCost}`); require("fs").writeFileSync("/tmp/dgas/ops.txt", out.join("\n")); }
  console.log(Object.entries(agg).sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>`${k}=${v}`).join("  "));
}
describe("trace", function () {
  it("trace", async function () {
    const [platform, publisher, relayer] = await ethers.getSigners();
    const token = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 18]);
    const d = await ethers.deployContract("Distributor", [await token.getAddress(), platform.address, publisher.address, 86400, []]);
    await token.mint(publisher.address, 10n ** 30n);
    await token.connect(publisher).approve(await d.getAddress(), ethers.MaxUint256);
    const artist = Wallet.createRandom().address;
    const p1 = 1_234_567_890_123_456_789n; const f = syntheticProof(artist, p1);
    await d.connect(publisher).fundAndPropose(10n ** 24n, f.root, 10n ** 24n, ZeroHash, "ipfs://p1");
    await networkHelpers.time.increase(86400); await d.promote();
    const tx1 = await d.connect(relayer).claim(artist, p1, f.proof); await tx1.wait();
    await trace(tx1.hash, "first");
    const p2 = p1 + 987_654_321_987_654_321n; const s = syntheticProof(artist, p2);
    await d.connect(publisher).fundAndPropose(10n ** 24n, s.root, 2n * 10n ** 24n, ZeroHash, "ipfs://p2");
    await networkHelpers.time.increase(86400); await d.promote();
    const tx2 = await d.connect(relayer).claim(artist, p2, s.proof); await tx2.wait();
    await trace(tx2.hash, "later");
  });
});
