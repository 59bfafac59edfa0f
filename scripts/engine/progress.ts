// Progress on stderr when it is a terminal: phase, rows, rate and ETA, redrawn in place.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { StreamedFile } from "../../lib/publication/index.ts";

export class Progress {
  private readonly enabled: boolean;
  private readonly started = performance.now();
  private readonly timings: boolean;
  private current: { name: string; at: number; cpu: NodeJS.CpuUsage } | undefined;

  private readonly label: string;

  constructor(enabled = process.stderr.isTTY === true, timings = false, label = "engine") {
    this.enabled = enabled;
    this.timings = timings;
    this.label = label;
  }

  phase(name: string): void {
    this.endPhase();
    this.current = { name, at: performance.now(), cpu: process.cpuUsage() };
    this.show(name);
  }

  /** Redraws the progress line within the current phase. */
  private show(text: string): void {
    if (this.enabled) process.stderr.write(`\r\x1b[K[${this.label} ${this.elapsed()}] ${text}`);
  }

  /** With timings on, prints how long the current phase took: wall, and CPU over all threads. */
  endPhase(): void {
    if (this.timings && this.current) {
      const secs = ((performance.now() - this.current.at) / 1000).toFixed(2);
      const used = process.cpuUsage(this.current.cpu);
      const cpu = ((used.user + used.system) / 1e6).toFixed(1);
      process.stderr.write(`${this.enabled ? "\r\x1b[K" : ""}  ${secs}s  (CPU ${cpu}s)  ${this.current.name}\n`);
    }
    this.current = undefined;
  }

  /** Erases the progress line (before other output). */
  clear(): void {
    if (this.enabled) process.stderr.write("\r\x1b[K");
  }

  done(message: string): void {
    this.endPhase();
    if (this.enabled) process.stderr.write(`\r\x1b[K`);
    process.stderr.write(`${message}\n`);
  }

  /**
   * A streamed file whose chunks, as they are read, redraw the line with bytes read, rate and ETA (the
   * audit's pass over a plays.csv of tens of GB is synchronous: no timer could fire during it).
   */
  reading(name: string, file: StreamedFile): StreamedFile {
    if (!this.enabled) return file;
    const show = (text: string) => this.show(text);
    return {
      size: file.size,
      sha256: () => {
        show(`${name}: hashing ${fmtBytes(file.size)}`);
        return file.sha256();
      },
      *chunks() {
        const t0 = performance.now();
        let read = 0;
        for (const chunk of file.chunks()) {
          yield chunk;
          read += chunk.length;
          const rate = read / Math.max((performance.now() - t0) / 1000, 1e-3);
          const eta = rate > 0 ? ` ETA ${((file.size - read) / rate).toFixed(0)}s` : "";
          show(`${name}: ${fmtBytes(read)}/${fmtBytes(file.size)}, ${fmtBytes(rate)}/s${eta}`);
        }
      },
    };
  }

  /** Runs `work` while polling DuckDB's query progress for the phase line. */
  async track<T>(name: string, connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
    this.phase(name);
    if (!this.enabled) return work();
    const t0 = performance.now();
    const timer = setInterval(() => {
      const p = connection.progress;
      const rows = Number(p.rows_processed);
      const total = Number(p.total_rows_to_process);
      const secs = (performance.now() - t0) / 1000;
      const rate = secs > 0 ? rows / secs : 0;
      const eta = rate > 0 && total > rows ? ` ETA ${((total - rows) / rate).toFixed(0)}s` : "";
      const pct = p.percentage >= 0 ? ` ${p.percentage.toFixed(0)}%` : "";
      // Not phase(): the phase (and its --timings line) goes on; only the line is redrawn.
      this.show(
        `${name}:${pct} ${rows.toLocaleString("en")}/${total.toLocaleString("en")} rows, ${fmtRate(rate)}${eta}`,
      );
    }, 250);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private elapsed(): string {
    return `${((performance.now() - this.started) / 1000).toFixed(1)}s`;
  }
}

function fmtBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(0)} MB`;
}

function fmtRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)}M rows/s` : `${(r / 1e3).toFixed(0)}k rows/s`;
}
