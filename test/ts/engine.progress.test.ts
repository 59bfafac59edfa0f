// The engine's progress line: redrawn while DuckDB works, with one --timings line per phase.
import { expect } from "chai";
import type { DuckDBConnection } from "@duckdb/node-api";
import { Progress } from "../../scripts/engine/progress.ts";

describe("engine progress", () => {
  it("test_track_redrawsTheLine_andPrintsOneTimingPerPhase", async () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const progress = new Progress(true, true);
      const connection = { progress: { rows_processed: 50n, total_rows_to_process: 100n, percentage: 50 } };
      await progress.track(
        "aggregating",
        connection as unknown as DuckDBConnection,
        () => new Promise((r) => setTimeout(r, 700)),
      );
      progress.done("finished");
    } finally {
      process.stderr.write = write;
    }
    const out = written.join("");
    expect(out.match(/aggregating: 50% 50\/100 rows/g)?.length ?? 0).to.be.greaterThan(1);
    expect(out.match(/\(CPU [\d.]+s\) {2}aggregating/g)).to.have.length(1);
    expect(out).to.match(/finished\n$/);
  });
});
