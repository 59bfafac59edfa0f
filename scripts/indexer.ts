// CLI: npm run indexer — the indexer (Ponder, indexer/) against any chain with a deployments/<chainId>.json:
//   GAPLESS_RPC_URL=https://mainnet.base.org DATABASE_URL=postgresql://… GAPLESS_INDEXER_PORT=42069 npm run indexer
// Without DATABASE_URL it keeps an embedded PGlite database in indexer/.ponder/pglite. Ctrl-C stops it; a restart
// resumes where it stopped (Ponder's checkpoints), and reorgs are handled as Ponder does.
import { join } from "node:path";
import { ROOT } from "./lib/artifacts.ts";
import { startIndexer } from "./lib/indexer.ts";

const port = Number(process.env.GAPLESS_INDEXER_PORT ?? 42069);
const indexer = startIndexer({
  rpcUrl: process.env.GAPLESS_RPC_URL ?? "http://127.0.0.1:8545",
  port,
  databaseUrl: process.env.DATABASE_URL,
  pgliteDir: process.env.GAPLESS_INDEXER_DIR ?? join(ROOT, "indexer", ".ponder", "pglite"),
  schema: process.env.GAPLESS_INDEXER_SCHEMA ?? "gapless",
  logLevel: "info",
  log: (line) => process.stderr.write(line),
});
const stop = () => void indexer.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
indexer.process.on("exit", (code) => process.exit(code ?? 1));
console.log(`indexer: http://127.0.0.1:${port}/api (docs/indexer.md), status ${indexer.url}/status`);
