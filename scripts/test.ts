// `npm test`: every check the project promises, in one command, ending with "N passed, N failed".
//
//   1. lint        solhint (security rules are errors), prettier, and tsc over every TypeScript file
//   2. tests       all Solidity (unit, fuzz, invariant) and TypeScript suites, with the gas snapshot checked
//   3. coverage    the suites again, instrumented (gas-bar tests excluded: instrumentation changes gas), and the
//                  line-coverage bar of contracts/ (mocks excluded)
//
// Set GAPLESS_SKIP_COVERAGE=1 to skip step 3 locally.
import { spawnSync } from "node:child_process";

interface Phase {
  name: string;
  cmd: string[];
  countTests: boolean;
}

const phases: Phase[] = [
  { name: "lint", cmd: ["npm", "run", "--silent", "lint"], countTests: false },
  { name: "typecheck", cmd: ["tsc", "--noEmit", "-p", "."], countTests: false },
  { name: "tests", cmd: ["hardhat", "test", "--snapshot-check"], countTests: true },
];
if (process.env.GAPLESS_SKIP_COVERAGE !== "1") {
  phases.push(
    {
      name: "coverage run",
      cmd: ["hardhat", "test", "--coverage", "--grep-exclude", "gas bars"],
      countTests: false,
    },
    {
      name: "coverage bar",
      cmd: ["node", "scripts/check-coverage.ts", "coverage/lcov.info", "95"],
      countTests: false,
    },
  );
}

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

let passed = 0;
let failed = 0;
const failedPhases: string[] = [];
for (const phase of phases) {
  console.log(`\n=== ${phase.name}: ${phase.cmd.join(" ")}`);
  const [bin, ...args] = phase.cmd[0] === "npm" ? phase.cmd : ["npx", ...phase.cmd];
  const run = spawnSync(bin, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 28,
  });
  const out = strip(`${run.stdout ?? ""}${run.stderr ?? ""}`)
    .split("\n")
    .filter((l) => !l.startsWith("npm warn Unknown"))
    .join("\n");
  process.stdout.write(out);
  const ok = run.status === 0;
  if (phase.countTests) {
    // Hardhat prints one summary per runner and, when several ran, a combined "N passing (…)" line last.
    const passing = [...out.matchAll(/^\s*(\d+) passing/gm)].map((m) => Number(m[1]));
    const failing = [...out.matchAll(/^\s*(\d+) failing/gm)].map((m) => Number(m[1]));
    const combined = /^\s*\d+ passing \(\d+ solidity, \d+ mocha\)/m.test(out);
    const p = combined ? passing.at(-1)! : passing.reduce((a, b) => a + b, 0);
    const f = combined && failing.length > 2 ? failing.at(-1)! : failing.reduce((a, b) => a + b, 0);
    passed += p;
    failed += f;
    if (!ok && f === 0) failed += 1;
  } else {
    if (ok) passed += 1;
    else failed += 1;
  }
  if (!ok) failedPhases.push(phase.name);
}

console.log(failedPhases.length ? `\nFailed: ${failedPhases.join(", ")}` : "\nAll phases passed.");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedPhases.length ? 1 : 0);
