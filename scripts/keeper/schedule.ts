// When the keeper closes a period: the platform's schedule as boundaries in chain time (unix seconds). A period
// is closed at the first boundary after the previous close; a keeper that was down closes once when it returns
// (the open period then spans the missed boundaries) rather than closing empty periods to catch up.

export type Schedule =
  | { kind: "off" }
  /** Every `seconds` after the last close, or on the grid `anchor + k·seconds` when an anchor is given. */
  | { kind: "every"; seconds: bigint; anchor?: bigint }
  | { kind: "monthly" };

const UNITS: Record<string, bigint> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/** "90", "45s", "30m", "12h", "30d", "2w" → seconds. */
export function parseDuration(text: string, what = "duration"): bigint {
  const m = /^(\d+)([smhdw]?)$/.exec(text.trim());
  if (!m) throw new Error(`${what} must be a number of seconds or like 30s, 15m, 12h, 30d, 2w; got "${text}"`);
  return BigInt(m[1]) * UNITS[m[2] || "s"];
}

/**
 * "off"; "monthly" (00:00 UTC on the 1st); a duration ("30d": that long after the last close); or a duration on a
 * fixed grid ("7d@1764547200": every 7 days from that unix time, whenever the last close happened).
 */
export function parseSchedule(text: string): Schedule {
  if (text === "off") return { kind: "off" };
  if (text === "monthly") return { kind: "monthly" };
  const [every, anchor] = text.split("@");
  const seconds = parseDuration(every, "--close-every");
  if (seconds === 0n) throw new Error("--close-every must be longer than 0 seconds");
  if (anchor === undefined) return { kind: "every", seconds };
  if (!/^\d+$/.test(anchor)) throw new Error(`the anchor after @ must be a unix time in seconds; got "${anchor}"`);
  return { kind: "every", seconds, anchor: BigInt(anchor) };
}

/** The first boundary strictly after `t`, or undefined when closing is off. */
export function nextBoundary(t: bigint, s: Schedule): bigint | undefined {
  if (s.kind === "off") return undefined;
  if (s.kind === "every") {
    if (s.anchor === undefined) return t + s.seconds;
    if (t < s.anchor) return s.anchor;
    return s.anchor + ((t - s.anchor) / s.seconds + 1n) * s.seconds;
  }
  const d = new Date(Number(t) * 1000);
  return BigInt(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000);
}

export interface CloseDecision {
  due: boolean;
  /** The boundary that makes (or will make) the close due. */
  boundary: bigint | undefined;
  /** Boundaries passed since the previous close beyond the first (the keeper was down). */
  missed: number;
}

/** Whether the open period, last closed (or opened by deployment) at `lastClose`, is due to close at `now`. */
export function closeDecision(lastClose: bigint, now: bigint, s: Schedule): CloseDecision {
  const boundary = nextBoundary(lastClose, s);
  if (boundary === undefined || now < boundary) return { due: false, boundary, missed: 0 };
  let missed = 0;
  for (let b = nextBoundary(boundary, s)!; b <= now && missed < 1_000; b = nextBoundary(b, s)!) missed++;
  return { due: true, boundary, missed };
}
