import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `check` stops throwing, then returns; rethrows its last failure after `timeoutMs`.
 * For effects that follow an awaited call by some event-loop turns the test does not control (a peer
 * noticing a socket close): a fixed pause is too short on a busy machine, this waits as long as needed.
 */
export async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > giveUpAt) throw err;
      await sleep(10);
    }
  }
}
