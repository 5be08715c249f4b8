/** What the index needs of an element: its place in the graph's order, and whether it left the graph. */
export interface IndexedElement {
  readonly position: number;
  readonly removed: boolean;
}

/** How to read an element's values: its keys, and the values of one key (a vertex may hold several). */
export interface ValuesOf<E> {
  keys(element: E): Iterable<string>;
  values(element: E, key: string): readonly unknown[];
}

/**
 * Vertices (or edges) by the value of a property, for equality lookups (`V().has(key, value)`), one key at a
 * time.
 *
 * A key is indexed from the first lookup that asks for it while some element holds it (see
 * Graph.verticesWithValue), then maintained by every change the Graph applies or undoes. Indexing every key
 * up front would be affordable (every vertex and edge key: +4.5 MB on air-routes' 37 MB graph, +4 MB on LDBC
 * SNB's 83 MB; see bench/embedded-lookup.ts) but buys nothing for keys nobody looks up by; the first lookup
 * by a key pays one pass over the elements instead (5 to 20 ms for a vertex key on those graphs, less than
 * one scan by the interpreter).
 *
 * Only scalar values (strings, numbers, booleans, dates) are indexed and looked up: a list or map never
 * equals a scalar, and scalar equality is all `has(key, value)` asks of an index. Values are keyed so that
 * Gremlin-equal values share a bucket (1, 1.0 and 1n alike); distinct values may in rare cases share one too
 * (a date and a string spelling its key), so a lookup yields candidates its caller still tests.
 */
export class PropertyIndex<E extends IndexedElement> {
  private readonly byKey = new Map<string, Map<unknown, Bucket<E>>>();
  /**
   * Per key, how many values the graph's elements hold: a key none holds is answered without an index, so
   * lookups by any number of made-up keys cost no memory.
   */
  private readonly uses = new Map<string, number>();
  /** Per key, how many values joined or left elements so far. */
  private readonly changes = new Map<string, number>();

  constructor(private readonly read: ValuesOf<E>) {}

  /** Whether a value is one the index can be asked about. */
  static accepts(value: unknown): boolean {
    const type = typeof value;
    return type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean' || value instanceof Date;
  }

  isIndexed(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Whether some element of the graph holds the key. */
  inUse(key: string): boolean {
    return this.uses.has(key);
  }

  get indexedKeys(): string[] {
    return [...this.byKey.keys()];
  }

  /** Indexes `key` over the given elements (the graph's, in iteration order). */
  build(key: string, elements: Iterable<E>): void {
    if (this.byKey.has(key)) return;
    const buckets = new Map<unknown, Bucket<E>>();
    this.byKey.set(key, buckets);
    for (const e of elements) for (const value of this.read.values(e, key)) insert(buckets, value, e);
  }

  /**
   * A count that moves whenever a value of the key joins or leaves an element, so that a reader holding a
   * lookup's answer can tell whether it still holds.
   */
  changesOf(key: string): number {
    return this.changes.get(key) ?? 0;
  }

  /**
   * Elements holding an indexed key with a value Gremlin-equal to `value` (and perhaps a few others), in the
   * graph's iteration order; undefined when the key is not indexed.
   */
  lookup(key: string, value: unknown): readonly E[] | undefined {
    const buckets = this.byKey.get(key);
    if (!buckets) return undefined;
    const k = indexKey(value);
    const bucket = k === undefined ? undefined : buckets.get(k);
    if (bucket === undefined) return [];
    if (!(bucket instanceof SharedBucket)) return [bucket];
    return bucket.ordered();
  }

  /** A value of the key joined the element (or came back on rollback). */
  added(element: E, key: string, value: unknown): void {
    this.changed(key);
    if (element.removed) return;
    this.use(key, 1);
    const buckets = this.byKey.get(key);
    if (buckets) insert(buckets, value, element);
  }

  /**
   * A value of the key left the element, which no longer lists it; the element stays in the value's bucket
   * while another of its values of the key is equal.
   */
  removed(element: E, key: string, value: unknown): void {
    this.changed(key);
    if (element.removed) return;
    this.use(key, -1);
    const buckets = this.byKey.get(key);
    const k = indexKey(value);
    if (!buckets || k === undefined) return;
    if (this.read.values(element, key).some((other) => indexKey(other) === k)) return;
    remove(buckets, k, element);
  }

  /** An element joined the graph (new, or back on rollback) with whatever values it holds. */
  attached(element: E): void {
    for (const key of this.read.keys(element)) {
      const values = this.read.values(element, key);
      this.use(key, values.length);
      const buckets = this.byKey.get(key);
      if (buckets) for (const value of values) insert(buckets, value, element);
    }
  }

  detached(element: E): void {
    for (const key of this.read.keys(element)) {
      const values = this.read.values(element, key);
      this.use(key, -values.length);
      const buckets = this.byKey.get(key);
      if (!buckets) continue;
      for (const value of values) {
        const k = indexKey(value);
        if (k !== undefined) remove(buckets, k, element);
      }
    }
  }

  private changed(key: string): void {
    this.changes.set(key, this.changesOf(key) + 1);
  }

  private use(key: string, n: number): void {
    const uses = (this.uses.get(key) ?? 0) + n;
    if (uses > 0) this.uses.set(key, uses);
    else this.uses.delete(key);
  }
}

/**
 * Several elements sharing a value. Most values of most keys belong to one element, which a bucket map holds
 * directly (a Set per value would triple the index's memory). Members are kept in insertion order, which is
 * the graph's order unless a value was added to an older element later; then the next lookup re-sorts.
 */
class SharedBucket<E extends IndexedElement> {
  private members: Set<E>;
  private last: number;
  private sorted = true;

  constructor(first: E, second: E) {
    this.members = new Set([first]);
    this.last = first.position;
    this.add(second);
  }

  get size(): number {
    return this.members.size;
  }

  add(e: E): void {
    if (this.members.has(e)) return;
    if (e.position < this.last) this.sorted = false;
    else this.last = e.position;
    this.members.add(e);
  }

  delete(e: E): void {
    this.members.delete(e);
  }

  only(): E {
    return this.members.values().next().value as E;
  }

  ordered(): E[] {
    if (!this.sorted) {
      this.members = new Set([...this.members].sort((a, b) => a.position - b.position));
      this.sorted = true;
    }
    return [...this.members];
  }
}

function insert<E extends IndexedElement>(buckets: Map<unknown, Bucket<E>>, value: unknown, e: E): void {
  const k = indexKey(value);
  if (k === undefined) return;
  const bucket = buckets.get(k);
  if (bucket === undefined) buckets.set(k, e);
  else if (bucket instanceof SharedBucket) bucket.add(e);
  else if (bucket !== e) buckets.set(k, new SharedBucket(bucket, e));
}

function remove<E extends IndexedElement>(buckets: Map<unknown, Bucket<E>>, k: unknown, e: E): void {
  const bucket = buckets.get(k);
  if (bucket === e) buckets.delete(k);
  else if (bucket instanceof SharedBucket) {
    bucket.delete(e);
    if (bucket.size === 1) buckets.set(k, bucket.only());
  }
}

type Bucket<E extends IndexedElement> = SharedBucket<E> | E;

/**
 * The bucket key of a scalar, equal for Gremlin-equal values: numbers by value whatever their type (an
 * integral double beyond 2^53 and the bigint of the same value share the bigint), -0 as 0, dates by time.
 * Undefined for what is not indexed: NaN (equal to nothing), lists, maps, null.
 */
export function indexKey(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isNaN(value)) return undefined;
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value);
      return value === 0 ? 0 : value;
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value instanceof Date) return `\u0000date:${value.getTime()}`;
  return undefined;
}
