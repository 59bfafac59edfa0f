// Prints line coverage of contracts/ (mocks excluded) from Hardhat's lcov report and fails below the bar.
// Usage: node scripts/check-coverage.ts [lcovPath] [minPercent]
import { readFileSync, existsSync } from "node:fs";
import { relative } from "node:path";

const lcovPath = process.argv[2] ?? "coverage/lcov.info";
const minPercent = Number(process.argv[3] ?? 95);

if (!existsSync(lcovPath)) {
  console.error(`coverage: ${lcovPath} not found (run \`hardhat test --coverage\` first)`);
  process.exit(1);
}

interface FileCoverage {
  file: string;
  found: number;
  hit: number;
}

const files: FileCoverage[] = [];
let current: FileCoverage | undefined;
for (const line of readFileSync(lcovPath, "utf8").split("\n")) {
  if (line.startsWith("SF:")) current = { file: relative(process.cwd(), line.slice(3)), found: 0, hit: 0 };
  else if (line.startsWith("LF:") && current) current.found = Number(line.slice(3));
  else if (line.startsWith("LH:") && current) current.hit = Number(line.slice(3));
  else if (line === "end_of_record" && current) {
    files.push(current);
    current = undefined;
  }
}

const counted = files.filter(
  (f) => f.file.startsWith("contracts/") && !f.file.startsWith("contracts/mocks/") && !f.file.endsWith(".t.sol"),
);
if (counted.length === 0) {
  console.error("coverage: no contracts/ files in the report");
  process.exit(1);
}

let found = 0;
let hit = 0;
console.log("\nLine coverage of contracts/ (mocks excluded)");
for (const f of counted.sort((a, b) => a.file.localeCompare(b.file))) {
  found += f.found;
  hit += f.hit;
  const pct = f.found === 0 ? 100 : (100 * f.hit) / f.found;
  console.log(`  ${pct.toFixed(1).padStart(6)} %  ${String(f.hit).padStart(4)}/${String(f.found).padEnd(4)} ${f.file}`);
}
const total = found === 0 ? 100 : (100 * hit) / found;
console.log(
  `  ${total.toFixed(1).padStart(6)} %  ${String(hit).padStart(4)}/${String(found).padEnd(4)} total (bar: ${minPercent} %)\n`,
);
if (total < minPercent) {
  console.error(`coverage: ${total.toFixed(1)} % of lines is below the ${minPercent} % bar`);
  process.exit(1);
}
