import { malformedQuery } from '../errors';

/**
 * The named values of one traversal execution: `withSideEffect` seeds, and what aggregate/store/group('x')/
 * groupCount('x')/sideEffect steps accumulate, read back by cap(), select() and where().
 */
export class SideEffects {
  private readonly values = new Map<string, unknown>();

  constructor(initial: ReadonlyArray<readonly [string, unknown]>) {
    for (const [k, v] of initial) this.values.set(k, v);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): unknown {
    if (!this.values.has(key)) throw malformedQuery(`The side-effect key does not exist in the side-effects: ${key}`);
    return this.values.get(key);
  }

  /** The value under key, created by `init` the first time. */
  obtain<T>(key: string, init: () => T): T {
    if (!this.values.has(key)) this.values.set(key, init());
    return this.values.get(key) as T;
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}
