// CLI: npm run publish -- --period-dir out/2025-01 --rpc URL --distributor 0x.. [--key ENV_VAR] [--uri URI]
import { cliArgs, type FlagSpec } from "./args.ts";
import { explain, parseAddress, readerFor, writerFor } from "./chain.ts";
import { publishPeriod } from "./publish-period.ts";

const FLAGS: FlagSpec[] = [
  { name: "period-dir", value: "dir", help: "period folder written by npm run engine" },
  { name: "rpc", value: "url", help: "JSON-RPC URL of the chain" },
  { name: "distributor", value: "address", help: "the platform's Distributor" },
  {
    name: "key",
    value: "env var",
    help: "environment variable holding the publisher's private key",
    default: "GAPLESS_PUBLISHER_KEY",
  },
  {
    name: "uri",
    value: "uri",
    help: "where auditors fetch the folder (default file://<absolute path>, refused on a non-local chain)",
  },
  {
    name: "index",
    value: "file",
    help: "periods index to record the period in (default: index.json beside the folder)",
  },
];
const SUMMARY = `Publishes a period on its distributor: checks that the folder matches its manifest and that the
manifest's previous root is the distributor's latest (pending, else active) root, then funds what is
missing (cumulative total + carry − already funded; the hub's closePeriod funds its pools) and proposes
the root with sha256(manifest.json) as data hash: fundAndPropose when funding is needed, else propose.
Records the period in the periods index (index.json beside the folder unless --index). Nothing is sent
when a check fails; a file:// URI is refused on a chain other than a local one. Re-running after success
sends nothing.`;

async function main(argv: string[]): Promise<number> {
  const parsed = cliArgs("publish", argv, FLAGS, SUMMARY);
  if (typeof parsed === "number") return parsed;
  const args = parsed;
  for (const f of ["period-dir", "rpc", "distributor"]) {
    if (typeof args[f] !== "string") {
      process.stderr.write(`publish: --${f} is required (see --help)\n`);
      return 2;
    }
  }
  try {
    const rpc = args.rpc as string;
    const r = await publishPeriod({
      folder: args["period-dir"] as string,
      distributor: parseAddress(args.distributor as string, "distributor"),
      publicClient: readerFor(rpc),
      walletClient: writerFor(rpc, args.key as string),
      uri: typeof args.uri === "string" ? args.uri : undefined,
      index: typeof args.index === "string" ? args.index : undefined,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(
      `publish: root ${r.root}, total ${r.total}, funded ${r.funded}, data hash ${r.dataHash}, uri ${r.uri}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`publish: error: ${explain(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
