// The keeper's other duties and its transaction handling, on small local chains: the period closed on schedule
// and the growth units synced after it; a proposed root promoted when its window ends and the payout hook run;
// a vetoed root reported; /metrics and /health served while it runs and a clean stop on SIGTERM; a dry run that
// sends nothing; the token-wide refusal that ends nobody; a stuck transaction replaced with higher fees; and a
// pending transaction left by a killed run cancelled on restart.
import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { network } from "hardhat";
import { privateKeyToAccount } from "viem/accounts";
import { HUB_DEFERS, viemChain } from "../../scripts/keeper/chain.ts";
import { Sender } from "../../scripts/keeper/sender.ts";
import {
  DAY,
  Funding,
  advance,
  keeperKey,
  outcomes,
  plantedChain,
  runKeeper,
  type PlantedChain,
} from "./keeper.helpers.ts";

const GWEI = 10n ** 9n;
const policy = (replaceAfterMs: number) => ({
  fees: { maxFeePerGas: 100n * GWEI, maxPriorityFeePerGas: 2n * GWEI, baseFeeHeadroomPercent: 200n, bumpBps: 1_250n },
  replaceAfterMs,
  pollMs: 50,
  feeWaitMs: 5_000,
});

describe("keeper operations", function () {
  this.timeout(300_000);

  describe("close, sync, promote, veto, metrics", () => {
    let c: PlantedChain;
    before(async () => {
      c = await plantedChain(await network.create(), 30);
    });
    after(async () => c.rpc.close());

    it("test_dryRun_printsWhatItWouldSend_andSendsNothing", async () => {
      await advance(c.connection, 30 * DAY + 1);
      const head = await c.connection.ethers.provider.getBlockNumber();
      const run = await runKeeper(c, c.rpc.url, ["--once", "--dry-run", "--close-every", "30d"]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(/would-renew-batch size=30 /);
      expect(run.stdout).to.match(/would-close-period /);
      expect(await c.connection.ethers.provider.getBlockNumber()).to.equal(head);
    });

    it("test_once_closesThePeriodOnSchedule_thenSyncsTheReferrers", async () => {
      const [, , period] = await c.hub.ledger();
      const run = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "30d"]);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(new RegExp(`period-closed period=${period} pool=[1-9]`));
      const [, , next] = await c.hub.ledger();
      expect(next).to.equal(period + 1n);
      const pool = await c.connection.ethers.getContractAt("GrowthPool", c.addresses.GrowthPool);
      for (const r of (await c.connection.ethers.getSigners()).slice(10, 15)) {
        expect(await pool.pendingHubUnits(r.address)).to.equal(0n);
      }
      // The schedule is not due again until the next boundary: a second run closes nothing.
      const again = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "30d"]);
      expect(again.stdout).to.not.match(/period-closed/);
      expect((await c.hub.ledger())[2]).to.equal(period + 1n);
    });

    it("test_promotesAMaturedRoot_runsThePayoutHook_reportsAVeto_servesMetrics_stopsOnSigterm", async () => {
      const { ethers } = c.connection;
      const [owner, auditor] = await ethers.getSigners();
      const distributor = await ethers.getContractAt("Distributor", c.addresses.Distributor);
      const funded = await distributor.totalFunded();
      expect(funded).to.be.greaterThan(0n);
      const root = `0x${"ab".repeat(32)}`;
      await (await distributor.connect(owner).propose(root, funded, `0x${"00".repeat(32)}`, "ipfs://period")).wait();
      const pending = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off"]);
      expect(pending.stdout).to.match(new RegExp(`root-pending root=${root}`));
      expect(pending.stdout).to.not.match(/root-promoted/);

      await advance(c.connection, 3 * DAY + 1);
      const marker = join(mkdtempSync(join(tmpdir(), "keeper-payout-")), "ran");
      const promoted = await runKeeper(c, c.rpc.url, [
        "--once",
        "--close-every",
        "off",
        "--payout-command",
        `echo payout >> ${marker}`,
      ]);
      expect(promoted.code, promoted.stdout + promoted.stderr).to.equal(0);
      expect(promoted.stdout).to.match(new RegExp(`root-promoted root=${root}`));
      expect(readFileSync(marker, "utf8")).to.equal("payout\n");
      const [active] = await distributor.activeRoot();
      expect(active).to.equal(root);

      const bad = `0x${"cd".repeat(32)}`;
      await (await distributor.connect(owner).propose(bad, funded, `0x${"00".repeat(32)}`, "ipfs://bad")).wait();
      await (await distributor.connect(auditor).veto(bad)).wait();
      // Long-running mode: scrape the endpoint after the first cycle, then stop it with SIGTERM.
      const scraped: { metrics?: string; health?: number } = {};
      const run = await runKeeper(c, c.rpc.url, ["--close-every", "off", "--poll", "1s", "--metrics-port", "0"], {
        pattern: /Z cycle summary=/,
        count: 1,
        onMatch: async (stdout) => {
          const url = /metrics url=(\S+)\/metrics/.exec(stdout)![1];
          scraped.metrics = await (await fetch(`${url}/metrics`)).text();
          scraped.health = (await fetch(`${url}/health`)).status;
        },
        signal: "SIGTERM",
      });
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.match(
        new RegExp(`root-vetoed contract=Distributor root=${bad} auditor=${auditor.address}`),
      );
      expect(run.stdout).to.match(/stopping .*\n.*run-summary cycles=1 /);
      expect(scraped.health).to.equal(200);
      expect(scraped.metrics).to.match(/^keeper_roots_vetoed_total\{contract="Distributor"\} 1$/m);
      expect(scraped.metrics).to.match(/^keeper_last_success_timestamp_seconds \d+/m);
      for (const name of [
        "keeper_renewed_total",
        "keeper_ended_total",
        "keeper_gas_used_total",
        "keeper_errors_total",
      ]) {
        expect(scraped.metrics).to.include(`# TYPE ${name} counter`);
      }
    });
  });

  describe("a keeper without the closer role", () => {
    let c: PlantedChain;
    before(async () => {
      c = await plantedChain(await network.create(), 3);
      // Another account is the period closer: this keeper may close only what is overdue (OVERDUE_AFTER).
      const [owner] = await c.connection.ethers.getSigners();
      await (await c.hub.connect(owner).setPeriodCloser(owner.address)).wait();
    });
    after(async () => c.rpc.close());

    it("test_closesAPeriodOnlyOnceItIsOverdue_sayingWhenUntilThen", async () => {
      const overdueAfter = Number(await c.hub.OVERDUE_AFTER());
      const [, , period] = await c.hub.ledger();
      await advance(c.connection, overdueAfter - 2 * DAY);
      const early = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "30d"]);
      expect(early.code, early.stdout + early.stderr).to.equal(0);
      expect(early.stdout).to.match(/close-skipped .*overdue_at=\S+/);
      expect(early.stdout).to.not.match(/period-closed/);
      expect((await c.hub.ledger())[2]).to.equal(period);

      await advance(c.connection, 2 * DAY);
      const overdue = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "30d"]);
      expect(overdue.code, overdue.stdout + overdue.stderr).to.equal(0);
      expect(overdue.stdout).to.match(new RegExp(`period-closed period=${period} .*overdue=true`));
      expect((await c.hub.ledger())[2]).to.equal(period + 1n);
    });
  });

  describe("a token that refuses everyone", () => {
    it("test_hubBlocklistedByTheToken_endsNobody_thenRenewsAfterTheUnblock", async () => {
      const c = await plantedChain(await network.create(), 20, { token: "BlocklistToken" });
      try {
        const token = await c.connection.ethers.getContractAt("BlocklistToken", c.addresses.Token);
        await (await token.setBlocked(c.addresses.SubscriptionHub, true)).wait();
        await advance(c.connection, 30 * DAY + 1);
        const from = (await c.connection.ethers.provider.getBlockNumber()) + 1;
        const refused = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off", "--tasks", "renew"]);
        if (HUB_DEFERS) {
          // A hub that defers keeps them active by itself (RenewalDeferred); only fans who cannot pay end.
          expect(refused.code, refused.stdout + refused.stderr).to.equal(0);
        } else {
          expect(refused.code).to.equal(1);
          expect(refused.stdout).to.match(/cycle-failed error="the token refuses every pull/);
        }
        const during = await outcomes(c, from);
        for (const fan of c.fans) {
          const o = during.get(fan.address.toLowerCase()) ?? { paid: 0, ended: 0 };
          expect(o.paid).to.equal(0);
          if (!HUB_DEFERS || fan.funding === Funding.Full) expect(o.ended, fan.address).to.equal(0);
        }
        await (await token.setBlocked(c.addresses.SubscriptionHub, false)).wait();
        const ok = await runKeeper(c, c.rpc.url, ["--once", "--close-every", "off", "--tasks", "renew"]);
        expect(ok.code, ok.stdout + ok.stderr).to.equal(0);
        const got = await outcomes(c, from);
        for (const fan of c.fans) {
          const o = got.get(fan.address.toLowerCase())!;
          expect(fan.funding === Funding.Full ? o.paid : o.ended).to.equal(1);
        }
      } finally {
        await c.rpc.close();
      }
    });
  });

  describe("transactions", () => {
    let c: PlantedChain;
    before(async () => {
      c = await plantedChain(await network.create(), 1);
    });
    after(async () => c.rpc.close());

    const chainAndSender = (replaceAfterMs: number, log: string[]) => {
      const chain = viemChain(
        { hub: c.addresses.SubscriptionHub as `0x${string}` },
        { urls: [c.rpc.url], timeoutMs: 5_000, retryCount: 2, retryDelayMs: 50, batchSize: 1 },
      );
      const account = privateKeyToAccount(keeperKey() as `0x${string}`);
      return { chain, sender: new Sender(chain, account, policy(replaceAfterMs), (action) => log.push(action)) };
    };

    it("test_stuckTransaction_isReplacedWithHigherFees_andOnlyTheReplacementIsMined", async () => {
      const p = c.connection.provider;
      const log: string[] = [];
      const { chain, sender } = chainAndSender(300, log);
      await p.request({ method: "evm_setAutomine", params: [false] });
      try {
        const sending = sender.send({ to: sender.address, data: "0x" }, 21_000n, "test");
        while (!log.includes("replaced")) await new Promise((r) => setTimeout(r, 50));
        await p.request({ method: "evm_mine", params: [] });
        const { receipt, attempts } = await sending;
        expect(attempts).to.be.greaterThan(1);
        expect(receipt.status).to.equal("success");
        const mined = await chain.client.getTransaction({ hash: receipt.transactionHash });
        expect(mined.maxFeePerGas! > 0n).to.equal(true);
        const block = await chain.client.getBlock({ blockNumber: receipt.blockNumber });
        expect(block.transactions).to.have.length(1);
      } finally {
        await p.request({ method: "evm_setAutomine", params: [true] });
      }
    });

    it("test_restart_cancelsATransactionAKilledRunLeftPending", async () => {
      const p = c.connection.provider;
      const log: string[] = [];
      const { chain, sender } = chainAndSender(300, log);
      const account = privateKeyToAccount(keeperKey() as `0x${string}`);
      await p.request({ method: "evm_setAutomine", params: [false] });
      try {
        // What a killed run left behind: a signed, broadcast, unmined transaction at the next nonce.
        const nonce = await chain.transactionCount(account.address, "latest");
        const orphan = await account.signTransaction({
          type: "eip1559",
          chainId: 31337,
          nonce,
          to: account.address,
          data: "0x",
          gas: 21_000n,
          maxFeePerGas: 3n * GWEI,
          maxPriorityFeePerGas: GWEI,
        });
        await chain.client.request({ method: "eth_sendRawTransaction", params: [orphan] });
        const recovering = sender.recover();
        while (!log.includes("cancel")) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 200));
        await p.request({ method: "evm_mine", params: [] });
        await recovering;
        expect(log).to.include("recover");
        expect(await chain.transactionCount(account.address, "latest")).to.equal(nonce + 1);
        const block = await chain.client.getBlock({ blockTag: "latest", includeTransactions: true });
        expect(block.transactions).to.have.length(1);
        expect((block.transactions[0] as any).maxFeePerGas).to.equal(100n * GWEI);
      } finally {
        await p.request({ method: "evm_setAutomine", params: [true] });
      }
    });
  });
});
