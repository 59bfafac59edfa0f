// `npm run bench:check` (a phase of `npm test`): reruns the small-size gas rows and fails if any differs from
// the committed bench/results.json. Gas on the in-process chain is deterministic (every input is derived
// from a label, every system starts from genesis), so any difference is a real change: rerun `npm run
// bench:gas` and commit the new table with the change that caused it.
import { network } from "hardhat";
import { measureClaims } from "./gas/claims.ts";
import { measurePayouts } from "./gas/payouts.ts";
import { rowKey } from "./gas/rows.ts";
import { measureSplits } from "./gas/splits.ts";
import { measureSubscriptions } from "./gas/subscriptions.ts";
import { measureWaterfalls } from "./gas/waterfalls.ts";
import { readResults } from "./results.ts";

const fresh = async () => (await network.create()).ethers;
const committed = readResults();
if (!committed) {
  console.error("bench:check: bench/results.json is missing; run `npm run bench:gas` and commit it");
  process.exit(1);
}
const expected = new Map(committed.gas.map((r) => [rowKey(r), r.gas]));

const rows = [
  ...(await measureSplits(fresh, [2, 10], false)),
  ...(await measureWaterfalls(fresh)),
  ...(await measureClaims(fresh, [1_000])),
  ...(await measurePayouts(fresh)),
  ...(await measureSubscriptions(fresh, 100)),
];
const differences = rows.filter((r) => expected.get(rowKey(r)) !== r.gas);
for (const r of differences)
  console.error(`  ${rowKey(r)}: committed ${expected.get(rowKey(r)) ?? "missing"}, measured now ${r.gas}`);
if (differences.length) {
  console.error(
    `bench:check: ${differences.length} of ${rows.length} gas rows differ from bench/results.json; rerun \`npm run bench:gas\` and commit the table with the change that caused it`,
  );
  process.exit(1);
}
console.log(`bench:check: ${rows.length} gas rows match bench/results.json`);
