// CLI: npm run receipt -- --periods-dir periods --rpc URL --port 8080 --domain receipts.example.com [--rows-dir d]
// Serves the fan's receipt API (docs/receipt.md) beside the platform's engine; the key comes from the
// environment (GAPLESS_PSEUDONYM_KEY, or the variable named by --key) and is never printed.
import { createServer } from "node:http";
import { PSEUDONYM_KEY_VARIABLE, parsePseudonymKey } from "../../lib/publication/index.ts";
import { parseArgs, usage, type FlagSpec } from "../engine/args.ts";
import { readerFor } from "../engine/chain.ts";
import { ReceiptService } from "./server.ts";

const FLAGS: FlagSpec[] = [
  { name: "periods-dir", value: "dir", help: "folder of the published period folders" },
  { name: "rows-dir", value: "dir", help: "committed mode: the auditors' rows, one sub-folder per period" },
  { name: "rpc", value: "url", help: "JSON-RPC URL (verifies smart-account signatures, ERC-1271/6492)" },
  { name: "port", value: "n", help: "port to listen on (0: any free port)", default: "8080" },
  { name: "host", value: "address", help: "interface to listen on", default: "127.0.0.1" },
  { name: "domain", value: "host", help: "the host fans sign in to (default <host>:<port>)" },
  {
    name: "key",
    value: "VAR",
    help: "environment variable holding the pseudonym key",
    default: PSEUDONYM_KEY_VARIABLE,
  },
];
const SUMMARY = `Serves GET /api/receipt/nonce and POST /api/receipt {message, signature}: a fan signed in with
Sign-In with Ethereum receives their pseudonym for each period (and in committed mode their rows and
proof), nobody else's. Put it behind your HTTPS front end, on the app's origin.`;

function main(argv: string[]): number {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(argv, FLAGS);
  } catch (e) {
    process.stderr.write(`receipt: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage("npm run receipt --", SUMMARY, FLAGS));
    return 0;
  }
  for (const f of ["periods-dir", "rpc"]) {
    if (typeof args[f] !== "string") {
      process.stderr.write(`receipt: --${f} is required (see --help)\n`);
      return 2;
    }
  }
  let key: Uint8Array;
  try {
    key = parsePseudonymKey(process.env[args.key as string], args.key as string);
  } catch (e) {
    process.stderr.write(`receipt: ${(e as Error).message}\n`);
    return 2;
  }
  const host = args.host as string;
  let service: ReceiptService | undefined;
  const server = createServer(async (req, res) => {
    if (!service || !(await service.handle(req, res)))
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  server.listen(Number(args.port), host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : Number(args.port);
    service = new ReceiptService({
      periodsDir: args["periods-dir"] as string,
      rowsDir: typeof args["rows-dir"] === "string" ? args["rows-dir"] : undefined,
      key,
      domain: typeof args.domain === "string" ? args.domain : `${host}:${port}`,
      client: readerFor(args.rpc as string),
    });
    process.stdout.write(`receipt: serving the receipt API on http://${host}:${port}\n`);
  });
  return 0;
}

process.exitCode = main(process.argv.slice(2));
