// The engine's progress line: redrawn while DuckDB works, with one --timings line per phase.
import { expect } from "chai";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { StreamedFile } from "../../lib/publication/index.ts";
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

  it("test_reading_passesTheChunksThrough_andShowsBytesReadOfTheSize", () => {
    const parts = [new Uint8Array(3_000_000).fill(1), new Uint8Array(2_000_000).fill(2)];
    const file: StreamedFile = { size: 5_000_000, sha256: () => "digest", chunks: () => parts };
    expect(new Progress(false).reading("plays.csv", file)).to.equal(file);
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    let got: Uint8Array[];
    let digest: string;
    try {
      const shown = new Progress(true, false, "audit").reading("plays.csv", file);
      got = [...shown.chunks()];
      digest = shown.sha256();
    } finally {
      process.stderr.write = write;
    }
    expect(got).to.deep.equal(parts);
    expect(digest).to.equal("digest");
    const out = written.join("");
    expect(out).to.match(/\[audit [^\]]*\] plays\.csv: 3 MB\/5 MB, .*ETA \d+s/);
    expect(out).to.match(/plays\.csv: 5 MB\/5 MB/);
  });
});
