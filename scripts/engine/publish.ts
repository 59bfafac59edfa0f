// CLI: npm run publish -- --period-dir out/2025-01 --rpc URL --distributor 0x.. [--key ENV_VAR] [--uri URI]
import { parseArgs, usage, type FlagSpec } from "./args.ts";
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
  { name: "uri", value: "uri", help: "where auditors fetch the folder (default file://<absolute path>)" },
];
const SUMMARY = `Publishes a period on its distributor: checks that the folder matches its manifest and that the
manifest's previous root is the distributor's latest (pending, else active) root, then funds what is
missing (cumulative total + carry − already funded; the hub's closePeriod funds its pools) and proposes
the root with sha256(manifest.json) as data hash: fundAndPropose when funding is needed, else propose.
Nothing is sent when a check fails. Re-running after success sends nothing.`;

async function main(argv: string[]): Promise<number> {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(argv, FLAGS);
  } catch (e) {
    process.stderr.write(`publish: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage("npm run publish --", SUMMARY, FLAGS));
    return 0;
  }
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
