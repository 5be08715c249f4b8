import { timeLimitExceeded } from './errors';

export type Release = () => void;

/**
 * A graph's writer lock: a mutating traversal (or a session holding an open transaction) has it alone, and
 * writers are served in arrival order. Readers never take it: they read a snapshot (ReadView) and never wait.
 * A wait past the request's deadline fails with TimeLimitExceededException, which also breaks waits on a
 * lock that a session keeps.
 */
export class WriteLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(deadline?: number): Promise<Release> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const grant = () => {
        if (timer) clearTimeout(timer);
        resolve(this.releaser());
      };
      this.waiting.push(grant);
      this.dispatch();
      if (!this.waiting.includes(grant) || deadline === undefined) return;
      timer = setTimeout(() => {
        const index = this.waiting.indexOf(grant);
        if (index < 0) return;
        this.waiting.splice(index, 1);
        reject(timeLimitExceeded());
      }, Math.max(0, deadline - Date.now()));
    });
  }

  get idle(): boolean {
    return !this.held && this.waiting.length === 0;
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      this.dispatch();
    };
  }

  private dispatch(): void {
    if (this.held || this.waiting.length === 0) return;
    this.held = true;
    this.waiting.shift()!();
  }
}
