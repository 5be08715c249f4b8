const NONE: readonly unknown[] = [];

/**
 * A Map for the few keys an element holds (an edge: none to a handful): its pairs in one flat array, found by
 * a linear search, which at that size is as quick as hashing. It takes a third of a Map's memory (a Map with
 * one entry is about 180 bytes with its hash table on 64-bit Node, this about 100; with no entry, 32), which
 * is a fifth of the whole cost of an edge. Iteration is in insertion order, as a Map's.
 */
export class SmallMap<K, V> implements Map<K, V> {
  private pairs: unknown[] = NONE as unknown[];

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  get size(): number {
    return this.pairs.length / 2;
  }

  get [Symbol.toStringTag](): string {
    return 'SmallMap';
  }

  get(key: K): V | undefined {
    const { pairs } = this;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return pairs[i + 1] as V;
    return undefined;
  }

  has(key: K): boolean {
    const { pairs } = this;
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return true;
    return false;
  }

  set(key: K, value: V): this {
    const { pairs } = this;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === key) {
        pairs[i + 1] = value;
        return this;
      }
    }
    this.pairs = pairs === NONE ? [key, value] : (pairs.push(key, value), pairs);
    return this;
  }

  delete(key: K): boolean {
    const { pairs } = this;
    for (let i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === key) {
        if (pairs.length === 2) this.pairs = NONE as unknown[];
        else pairs.splice(i, 2);
        return true;
      }
    }
    return false;
  }

  clear(): void {
    this.pairs = NONE as unknown[];
  }

  forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): MapIterator<[K, V]> {
    const pairs = [...this.pairs];
    for (let i = 0; i < pairs.length; i += 2) yield [pairs[i] as K, pairs[i + 1] as V];
  }

  *keys(): MapIterator<K> {
    const pairs = [...this.pairs];
    for (let i = 0; i < pairs.length; i += 2) yield pairs[i] as K;
  }

  *values(): MapIterator<V> {
    const pairs = [...this.pairs];
    for (let i = 1; i < pairs.length; i += 2) yield pairs[i] as V;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
