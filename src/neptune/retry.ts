import { setTimeout as sleep } from 'node:timers/promises';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxDelayMs: number;
}

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): the wait
 * before retry n (0 for the first retry) is uniform in [0, min(maxDelay, base * 2^n)], which spreads
 * competing clients apart instead of having them collide again in lockstep.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

/** Resolves after `ms`, or false at once when `signal` aborts (the client is closing). */
export async function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
