// Exponential backoff with jitter, for RPC calls and for whole keeper cycles after an error.

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

export interface RetryOptions extends Backoff {
  attempts: number;
  /** False for errors a retry cannot fix (a revert, a bad argument): they are thrown at once. */
  retryable?: (e: unknown) => boolean;
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
  wait?: (ms: number) => Promise<void>;
}

/** Runs `fn` up to `attempts` times, backing off between tries; throws the last error. */
export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt + 1 >= o.attempts || (o.retryable && !o.retryable(e))) throw e;
      const delay = backoffDelay(attempt, o);
      o.onRetry?.(e, attempt, delay);
      await (o.wait ?? sleep)(delay);
    }
  }
}
