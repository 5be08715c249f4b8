import { malformedQuery } from '../errors';
import type { Runtime } from './runtime';

/** A side-effect value that is computed when read (group('m') runs its value traversals at the end). */
export interface Accumulator {
  result(): unknown;
}

const isAccumulator = (x: unknown): x is Accumulator => typeof x === 'object' && x !== null && typeof (x as Accumulator).result === 'function';

/** A withSideEffect reducer: an Operator token's name and function. */
export interface Reducer {
  readonly operator: string;
  readonly apply: (current: unknown, value: unknown) => unknown;
}

/**
 * The named values of one traversal execution: `withSideEffect` seeds (optionally with a reducing Operator),
 * and what aggregate/store/group('x')/groupCount('x') accumulate, read back by cap(), select() and where().
 */
export class SideEffects {
  private readonly values = new Map<string, unknown>();
  private readonly reducers = new Map<string, Reducer>();

  constructor(
    initial: ReadonlyArray<readonly [string, unknown, Reducer?]>,
    private readonly rt: Pick<Runtime, 'pushBulk' | 'foldBulk'>,
  ) {
    for (const [k, v, reducer] of initial) {
      this.values.set(k, Array.isArray(v) ? [...v] : v);
      if (reducer) this.reducers.set(k, reducer);
    }
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  get(key: string): unknown {
    if (!this.values.has(key)) throw malformedQuery(`The side-effect key does not exist in the side-effects: ${key}`);
    const v = this.values.get(key);
    return isAccumulator(v) ? v.result() : v;
  }

  /** The stored value under key, created by `init` the first time. */
  obtain<T>(key: string, init: () => T): T {
    if (!this.values.has(key)) this.values.set(key, init());
    return this.values.get(key) as T;
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  /**
   * Adds what a global aggregate() collected: value by value, except that Operator.assign takes the whole
   * collection at once (TinkerPop assigns the aggregate's bulk set).
   */
  addAll(key: string, values: ReadonlyArray<readonly [unknown, number]>): void {
    if (this.reducers.get(key)?.operator === 'assign') {
      const all: unknown[] = [];
      for (const [v, n] of values) this.rt.pushBulk(all, v, n);
      this.values.set(key, all);
      return;
    }
    for (const [v, n] of values) this.add(key, v, n);
  }

  /** Adds a value the way aggregate() does: through the key's reducer if it has one, else to a list. */
  add(key: string, value: unknown, times: number): void {
    const reducer = this.reducers.get(key);
    if (reducer) {
      this.values.set(key, this.rt.foldBulk(this.values.get(key), times, (current) => reducer.apply(current, value)));
      return;
    }
    let list = this.values.get(key);
    if (list instanceof Set) {
      list.add(value);
      return;
    }
    if (!Array.isArray(list)) {
      list = list === undefined || list === null ? [] : [list];
      this.values.set(key, list);
    }
    this.rt.pushBulk(list as unknown[], value, times);
  }
}
