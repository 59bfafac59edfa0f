// Seeds the demo on a running local node (normally `npm start` does this for you):
//   npx hardhat node &            # then
//   [GAPLESS_FANS=500] [GAPLESS_PERIODS=3] npx hardhat run --network localhost scripts/seed.ts
import { network } from "hardhat";
import { seedDemo } from "./lib/seed-demo.ts";

const RPC_URL = process.env.GAPLESS_RPC_URL ?? "http://127.0.0.1:8545";

const count = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return value;
};

const connection = await network.create({ network: "localhost", override: { url: RPC_URL } });
await seedDemo(connection, {
  rpcUrl: RPC_URL,
  fans: count("GAPLESS_FANS", 500),
  periods: count("GAPLESS_PERIODS", 3),
  log: console.log,
});
await connection.close();
