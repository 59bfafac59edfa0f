// The gas-bar tests' table: each bar records its measured gasUsed and limit, asserts it, and the table is printed
// after the suite (the figures README's "Measured gas" quotes).
import { expect } from "chai";

export interface BarRow {
  bar: string;
  gas: bigint;
  limit: bigint;
}

/** Full-transaction gasUsed of a sent transaction, from its receipt. */
export async function gasOf(txPromise: Promise<any>): Promise<bigint> {
  const receipt = await (await txPromise).wait();
  return receipt.gasUsed as bigint;
}

/** A table of bars; call `print` from the suite's `after` hook. */
export function barTable() {
  const rows: BarRow[] = [];
  return {
    rows,
    /** Records a bar and asserts it is met. */
    record(bar: string, gas: bigint, limit: bigint) {
      rows.push({ bar, gas, limit });
      expect(gas, bar).to.be.lte(limit);
    },
    print() {
      console.log("\n    bar" + " ".repeat(56) + "gasUsed    limit");
      for (const r of rows)
        console.log(`    ${r.bar.padEnd(58)} ${String(r.gas).padStart(8)} ${String(r.limit).padStart(8)}`);
    },
  };
}
