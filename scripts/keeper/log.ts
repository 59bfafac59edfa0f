// What the keeper did, visibly: one line per action on stdout (text or JSON lines), a progress line redrawn
// on stderr when it is a terminal, and a summary per cycle.

export type Fields = Record<string, unknown>;

const show = (v: unknown): string => {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return /\s/.test(v) ? JSON.stringify(v) : v;
  if (Array.isArray(v)) return v.map(show).join(",");
  return String(v);
};

export class KeeperLog {
  private progressShown = false;
  private readonly json: boolean;
  private readonly tty: boolean;
  private readonly out: (line: string) => void;

  constructor(
    json = false,
    tty = process.stderr.isTTY === true,
    out: (line: string) => void = (line) => process.stdout.write(line + "\n"),
  ) {
    this.json = json;
    this.tty = tty;
    this.out = out;
  }

  /** One line per action: `2026-12-01T09:30:00.000Z renew-batch size=540 renewed=432 ended=108 gas=… tx=0x…`. */
  action(action: string, fields: Fields = {}): void {
    this.clearProgress();
    const at = new Date().toISOString();
    if (this.json) {
      this.out(JSON.stringify({ at, action, ...fields }, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    } else {
      const rest = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${show(v)}`);
      this.out([at, action, ...rest].join(" "));
    }
  }

  /** Redraws the progress line (terminals only). */
  progress(text: string): void {
    if (!this.tty) return;
    process.stderr.write(`\r\x1b[K${text}`);
    this.progressShown = true;
  }

  private clearProgress(): void {
    if (this.progressShown) process.stderr.write("\r\x1b[K");
    this.progressShown = false;
  }
}
