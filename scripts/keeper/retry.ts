// Exponential backoff with jitter between keeper cycles after an error (each RPC request is retried by viem's
// transport with its own exponential backoff).

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry `attempt` (0-based): base·2^attempt capped at max, drawn from its upper half ("equal jitter"). */
export function backoffDelay(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(b.maxMs, b.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
