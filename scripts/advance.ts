// `npm run advance -- 30d`: moves the local demo chain's time forward and mines a block, so subscriptions fall
// due and the keeper that `npm start` runs renews them. Local chains only (evm_increaseTime).
//   GAPLESS_RPC_URL (default http://127.0.0.1:8545)
import { parseDuration } from "./keeper/schedule.ts";

const url = process.env.GAPLESS_RPC_URL ?? `http://127.0.0.1:${process.env.GAPLESS_RPC_PORT ?? 8545}`;
const arg = process.argv[2];
if (!arg) {
  console.error("usage: npm run advance -- <duration>   (e.g. 30d, 12h, 3600)");
  process.exit(2);
}
const seconds = Number(parseDuration(arg, "the duration"));
const call = async (method: string, params: unknown[]) => {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await r.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};
await call("evm_increaseTime", [seconds]);
await call("evm_mine", []);
const block = (await call("eth_getBlockByNumber", ["latest", false])) as { number: string; timestamp: string };
const at = new Date(Number(BigInt(block.timestamp)) * 1000).toISOString();
console.log(`chain time advanced by ${arg}: block ${BigInt(block.number)} at ${at}`);
