// The keeper against a local chain of 2,000 subscribers, a fifth of whom cannot pay their renewal: every due
// subscription is renewed or ended exactly once, every transaction stays under the per-transaction cap; the
// same after a SIGKILL in the middle of the run and a restart; the same through a proxy that drops, delays or
// errors one RPC request in ten.
import { expect } from "chai";
import { network } from "hardhat";
import { EIP7825_TX_GAS_CAP } from "../../scripts/keeper/batches.ts";
import {
  DAY,
  Funding,
  advance,
  faultProxy,
  keeperTransactions,
  outcomes,
  plantedChain,
  runKeeper,
  type PlantedChain,
} from "./keeper.helpers.ts";

const FANS = Number(process.env.GAPLESS_KEEPER_FANS ?? 2_000);
const connection = await network.create();

describe("keeper on a local chain", function () {
  this.timeout(600_000);
  let c: PlantedChain;
  let snapshot: string;
  let dueFrom: number;

  before(async () => {
    c = await plantedChain(connection, FANS);
    await advance(connection, 30 * DAY + 1);
    dueFrom = (await connection.ethers.provider.getBlockNumber()) + 1;
    snapshot = (await connection.provider.request({ method: "evm_snapshot", params: [] })) as string;
  });
  afterEach(async () => {
    await connection.provider.request({ method: "evm_revert", params: [snapshot] });
    snapshot = (await connection.provider.request({ method: "evm_snapshot", params: [] })) as string;
  });
  after(async () => c.rpc.close());

  /** Every planted fan renewed (funded) or ended with PaymentFailed (unfunded), exactly once. */
  async function expectEachOnce() {
    const got = await outcomes(c, dueFrom);
    let renewed = 0;
    let ended = 0;
    for (const fan of c.fans) {
      const o = got.get(fan.address.toLowerCase()) ?? { paid: 0, ended: 0 };
      if (fan.funding === Funding.Full) {
        expect(o, `funded fan ${fan.address}`).to.deep.include({ paid: 1, ended: 0 });
        renewed++;
      } else {
        expect(o, `unfunded fan ${fan.address}`).to.deep.include({ paid: 0, ended: 1, reason: 1 });
        ended++;
      }
    }
    expect(renewed + ended).to.equal(FANS);
    return { renewed, ended };
  }

  async function expectUnderCap() {
    const txs = await keeperTransactions(c, dueFrom);
    expect(txs.length).to.be.greaterThan(0);
    for (const tx of txs) {
      expect(tx.gasLimit <= EIP7825_TX_GAS_CAP, `gas limit ${tx.gasLimit} of ${tx.hash}`).to.equal(true);
      expect(tx.gasUsed <= tx.gasLimit).to.equal(true);
    }
    return txs;
  }

  it("test_once_renewsOrEndsEveryDueSubscriptionExactlyOnce_underTheCap", async () => {
    const run = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off"]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    if (process.env.KEEPER_TEST_VERBOSE) console.log(run.stdout, run.stderr);
    const { renewed, ended } = await expectEachOnce();
    expect(renewed).to.equal((FANS * 4) / 5);
    expect(ended).to.equal(FANS / 5);
    const txs = await expectUnderCap();
    const batches = txs.filter((t) => t.to.toLowerCase() === c.addresses.SubscriptionHub.toLowerCase());
    // 2,000 renewals do not fit one capped transaction: the keeper split them by measured gas.
    expect(batches.length).to.be.greaterThan(1);
    expect(run.stdout).to.match(/cycle summary=.*renewed \d+/);
    // A second run finds nothing due: nothing is charged twice.
    const again = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off"]);
    expect(again.code, again.stderr).to.equal(0);
    await expectEachOnce();
  });

  it("test_sigkillMidRun_thenRestart_nothingDoubledOrMissed", async () => {
    const killed = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off", "--max-batch", "100"], {
      pattern: /Z renew-batch /,
      count: 4,
    });
    expect(killed.signal).to.equal("SIGKILL");
    const partial = await outcomes(c, dueFrom);
    const touched = [...partial.values()].filter((o) => o.paid + o.ended > 0).length;
    expect(touched).to.be.greaterThan(0);
    expect(touched).to.be.lessThan(FANS);
    const restarted = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off", "--max-batch", "100"]);
    expect(restarted.code, restarted.stdout + restarted.stderr).to.equal(0);
    await expectEachOnce();
    await expectUnderCap();
  });

  it("test_throughFaultyRpc_oneRequestInTenFails_sameResult", async () => {
    const proxy = await faultProxy(c.rpc.url, 10, 3_500);
    try {
      // Batching off, so every RPC request is its own HTTP request and one in ten of each method fails.
      const run = await runKeeper(c, proxy.url, [
        "--once",
        "--close-every",
        "off",
        "--timeout",
        "3s",
        "--max-batch",
        "250",
        "--rpc-batch",
        "1",
      ]);
      if (process.env.KEEPER_TEST_VERBOSE) console.log(run.stdout, run.stderr, proxy.counts, proxy.faulted);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      const { dropped, droppedAfter, delayed, errored } = proxy.counts;
      expect(Math.min(dropped, droppedAfter, delayed, errored)).to.be.greaterThan(0);
      // The second transaction's answer was lost after the node took it: it must not be sent twice.
      expect(proxy.faulted.eth_sendRawTransaction ?? 0).to.be.greaterThan(0);
    } finally {
      await proxy.close();
    }
    await expectEachOnce();
    await expectUnderCap();
  });
});
