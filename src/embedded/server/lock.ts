import { performance } from 'node:perf_hooks';
import { timeLimitExceeded } from './errors';

export type Release = () => void;

interface Waiter {
  readonly mode: 'read' | 'write';
  grant(): void;
}

/**
 * A graph's readers–writer lock: read-only traversals share it, a mutating traversal (or a session holding an
 * open transaction) has it alone, so nobody ever observes uncommitted writes. Waiters are served in arrival
 * order, so a waiting writer holds back later readers and is not starved. A wait past the request's deadline
 * fails with TimeLimitExceededException, which also breaks waits on a lock that a session keeps.
 */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly waiting: Waiter[] = [];

  /** `waited` hears how long each granted acquisition waited (for the server's metrics). */
  constructor(private readonly waited?: (mode: 'read' | 'write', seconds: number) => void) {}

  acquire(mode: 'read' | 'write', deadline?: number): Promise<Release> {
    const asked = performance.now();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        mode,
        grant: () => {
          if (timer) clearTimeout(timer);
          this.waited?.(mode, (performance.now() - asked) / 1000);
          resolve(this.releaser(mode));
        },
      };
      this.waiting.push(waiter);
      this.dispatch();
      if (!this.waiting.includes(waiter) || deadline === undefined) return;
      timer = setTimeout(() => {
        const index = this.waiting.indexOf(waiter);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        this.dispatch();
        reject(timeLimitExceeded());
      }, Math.max(0, deadline - Date.now()));
    });
  }

  get idle(): boolean {
    return this.readers === 0 && !this.writer && this.waiting.length === 0;
  }

  private releaser(mode: 'read' | 'write'): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (mode === 'write') this.writer = false;
      else this.readers--;
      this.dispatch();
    };
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && !this.writer) {
      const next = this.waiting[0];
      if (next.mode === 'write') {
        if (this.readers > 0) return;
        this.writer = true;
      } else {
        this.readers++;
      }
      this.waiting.shift();
      next.grant();
    }
  }
}
