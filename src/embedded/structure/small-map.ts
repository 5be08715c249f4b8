const NONE: readonly unknown[] = [];
/** Marks the inline slot empty (keys may be any value, undefined included). */
const EMPTY = Symbol('empty');

/**
 * A Map for the few keys of one element (a vertex's adjacency: a label or two; an element's properties as a
 * reader asks for them): the first pair in two fields of the object, any others in one flat array, found by
 * a linear search, which at that size is as quick as hashing. With one entry it takes 48 bytes on 64-bit
 * Node, a quarter of a Map's (about 180 with its hash table) and half of a pair array's (an array object and
 * its store, 64, beside the map's own 32); most adjacency maps hold exactly one. Iteration is in insertion
 * order, as a Map's.
 */
export class SmallMap<K, V> implements Map<K, V> {
  private k0: K | typeof EMPTY = EMPTY;
  private v0: V | undefined = undefined;
  /** The pairs after the first, key then value. */
  private rest: unknown[] = NONE as unknown[];

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return (this.k0 === EMPTY ? 0 : 1) + this.rest.length / 2;
  }

  get [Symbol.toStringTag](): string {
    return 'SmallMap';
  }

  get(key: K): V | undefined {
    if (this.k0 === key) return this.v0;
    const { rest } = this;
    for (let i = 0; i < rest.length; i += 2) if (rest[i] === key) return rest[i + 1] as V;
    return undefined;
  }

  has(key: K): boolean {
    if (this.k0 === key) return true;
    const { rest } = this;
    for (let i = 0; i < rest.length; i += 2) if (rest[i] === key) return true;
    return false;
  }

  set(key: K, value: V): this {
    if (this.k0 === key) {
      this.v0 = value;
      return this;
    }
    const { rest } = this;
    for (let i = 0; i < rest.length; i += 2) {
      if (rest[i] === key) {
        rest[i + 1] = value;
        return this;
      }
    }
    if (this.k0 === EMPTY && rest.length === 0) {
      this.k0 = key;
      this.v0 = value;
    } else {
      // A copy of exact size: push would grow the store by half again plus 16 slots.
      const grown = new Array<unknown>(rest.length + 2);
      for (let i = 0; i < rest.length; i++) grown[i] = rest[i];
      grown[rest.length] = key;
      grown[rest.length + 1] = value;
      this.rest = grown;
    }
    return this;
  }

  delete(key: K): boolean {
    const { rest } = this;
    if (this.k0 === key) {
      // The next pair moves up, so the order stays the insertion order.
      if (rest.length === 0) {
        this.k0 = EMPTY;
        this.v0 = undefined;
      } else {
        this.k0 = rest[0] as K;
        this.v0 = rest[1] as V;
        this.rest = rest.length === 2 ? (NONE as unknown[]) : rest.slice(2);
      }
      return true;
    }
    for (let i = 0; i < rest.length; i += 2) {
      if (rest[i] === key) {
        if (rest.length === 2) this.rest = NONE as unknown[];
        else rest.splice(i, 2);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.k0 = EMPTY;
    this.v0 = undefined;
    this.rest = NONE as unknown[];
  }

  forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  /** A copy of the pairs, so the map may change while they are iterated. */
  private pairs(): unknown[] {
    return this.k0 === EMPTY ? [...this.rest] : [this.k0, this.v0, ...this.rest];
  }

  *entries(): MapIterator<[K, V]> {
    const pairs = this.pairs();
    for (let i = 0; i < pairs.length; i += 2) yield [pairs[i] as K, pairs[i + 1] as V];
  }

  *keys(): MapIterator<K> {
    const pairs = this.pairs();
    for (let i = 0; i < pairs.length; i += 2) yield pairs[i] as K;
  }

  *values(): MapIterator<V> {
    const pairs = this.pairs();
    for (let i = 1; i < pairs.length; i += 2) yield pairs[i] as V;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
