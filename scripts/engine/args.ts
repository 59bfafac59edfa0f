// A small --flag value parser: unknown flags and missing values are errors, --help is a flag.

export interface FlagSpec {
  name: string;
  value?: string;
  help: string;
  default?: string;
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      out.help = true;
      continue;
    }
    const [flag, inline] = arg.startsWith("--") ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const spec = specs.find((s) => s.name === flag);
    if (!flag || !spec) throw new Error(`unknown argument ${arg} (see --help)`);
    if (!spec.value) {
      out[flag] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${flag} needs a value`);
    out[flag] = value;
  }
  for (const s of specs) if (s.default !== undefined && out[s.name] === undefined) out[s.name] = s.default;
  return out;
}

export function usage(command: string, summary: string, specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const left = `  --${s.name}${s.value ? ` <${s.value}>` : ""}`;
    return `${left.padEnd(30)} ${s.help}${s.default !== undefined ? ` (default ${s.default})` : ""}`;
  });
  return `Usage: ${command} [flags]\n\n${summary}\n\nFlags:\n${rows.join("\n")}\n  --help                       show this help\n`;
}

/**
 * The start every CLI shares: parsed flags, or the exit code when there is nothing more to do (2 after a
 * bad argument, printed as `<name>: …`; 0 after printing --help).
 */
export function cliArgs(
  name: string,
  argv: readonly string[],
  specs: readonly FlagSpec[],
  summary: string,
): Record<string, string | true> | number {
  let args: Record<string, string | true>;
  try {
    args = parseArgs(argv, specs);
  } catch (e) {
    process.stderr.write(`${name}: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(usage(`npm run ${name} --`, summary, specs));
    return 0;
  }
  return args;
}
