import type { Vertex, VertexProperty } from './elements';

/**
 * Vertices by the value of a property, for equality lookups (`V().has(key, value)`), one key at a time.
 *
 * A key is indexed from the first lookup that asks for it while some vertex holds it (see
 * Graph.verticesWithValue), then maintained by every change the Graph applies or undoes. Indexing every key
 * up front would be affordable (+2 MB on air-routes' 37 MB graph, +3.5 MB on LDBC SNB's 83 MB: see
 * bench/embedded-lookup.ts) but buys nothing for keys nobody looks up by; the first lookup by a key pays one
 * pass over the vertices instead (5 to 20 ms on those graphs, less than one scan by the interpreter).
 *
 * Only scalar values (strings, numbers, booleans, dates) are indexed and looked up: a list or map never
 * equals a scalar, and scalar equality is all `has(key, value)` asks of an index. Values are keyed so that
 * Gremlin-equal values share a bucket (1, 1.0 and 1n alike); distinct values may in rare cases share one too
 * (a date and a string spelling its key), so a lookup yields candidates its caller still tests.
 */
export class PropertyIndex {
  private readonly byKey = new Map<string, Map<unknown, Bucket>>();
  /**
   * Per key, how many values the graph's vertices hold: a key none holds is answered without an index, so
   * lookups by any number of made-up keys cost no memory.
   */
  private readonly uses = new Map<string, number>();
  /** Per key, how many values joined or left vertices so far. */
  private readonly changes = new Map<string, number>();

  /** Whether a value is one the index can be asked about. */
  static accepts(value: unknown): boolean {
    const type = typeof value;
    return type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean' || value instanceof Date;
  }

  isIndexed(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Whether some vertex of the graph holds the key. */
  inUse(key: string): boolean {
    return this.uses.has(key);
  }

  get indexedKeys(): string[] {
    return [...this.byKey.keys()];
  }

  /** Indexes `key` over the given vertices (the graph's, in iteration order). */
  build(key: string, vertices: Iterable<Vertex>): void {
    if (this.byKey.has(key)) return;
    const buckets = new Map<unknown, Bucket>();
    this.byKey.set(key, buckets);
    for (const v of vertices) for (const p of v.properties.get(key) ?? []) insert(buckets, p.value, v);
  }

  /**
   * A count that moves whenever a value of the key joins or leaves a vertex, so that a reader holding a
   * lookup's answer can tell whether it still holds.
   */
  changesOf(key: string): number {
    return this.changes.get(key) ?? 0;
  }

  /**
   * Vertices holding an indexed key with a value Gremlin-equal to `value` (and perhaps a few others), in the
   * graph's iteration order; undefined when the key is not indexed.
   */
  lookup(key: string, value: unknown): readonly Vertex[] | undefined {
    const buckets = this.byKey.get(key);
    if (!buckets) return undefined;
    const k = indexKey(value);
    const bucket = k === undefined ? undefined : buckets.get(k);
    if (bucket === undefined) return [];
    if (!(bucket instanceof SharedBucket)) return [bucket];
    return bucket.ordered();
  }

  /** A vertex property joined its vertex (or came back on rollback). */
  added(property: VertexProperty): void {
    const { key, vertex } = property;
    this.changed(key);
    if (vertex.removed) return;
    this.use(key, 1);
    const buckets = this.byKey.get(key);
    if (buckets) insert(buckets, property.value, vertex);
  }

  /** A vertex property left its vertex; the vertex stays listed while another of its values is equal. */
  removed(property: VertexProperty): void {
    const { key, vertex } = property;
    this.changed(key);
    if (vertex.removed) return;
    this.use(key, -1);
    const buckets = this.byKey.get(key);
    const k = indexKey(property.value);
    if (!buckets || k === undefined) return;
    if ((vertex.properties.get(key) ?? []).some((p) => p !== property && indexKey(p.value) === k)) return;
    remove(buckets, k, vertex);
  }

  /** A vertex joined the graph (new, or back on rollback) with whatever properties it holds. */
  vertexAttached(vertex: Vertex): void {
    for (const [key, values] of vertex.properties) {
      this.use(key, values.length);
      const buckets = this.byKey.get(key);
      if (buckets) for (const p of values) insert(buckets, p.value, vertex);
    }
  }

  vertexDetached(vertex: Vertex): void {
    for (const [key, values] of vertex.properties) {
      this.use(key, -values.length);
      const buckets = this.byKey.get(key);
      if (!buckets) continue;
      for (const p of values) {
        const k = indexKey(p.value);
        if (k !== undefined) remove(buckets, k, vertex);
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
 * Several vertices sharing a value. Most values of most keys belong to one vertex, which a bucket map holds
 * directly (a Set per value would triple the index's memory). Members are kept in insertion order, which is
 * the graph's order unless a value was added to an older vertex later; then the next lookup re-sorts.
 */
class SharedBucket {
  private members: Set<Vertex>;
  private last: number;
  private sorted = true;

  constructor(first: Vertex, second: Vertex) {
    this.members = new Set([first]);
    this.last = first.position;
    this.add(second);
  }

  get size(): number {
    return this.members.size;
  }

  add(v: Vertex): void {
    if (this.members.has(v)) return;
    if (v.position < this.last) this.sorted = false;
    else this.last = v.position;
    this.members.add(v);
  }

  delete(v: Vertex): void {
    this.members.delete(v);
  }

  only(): Vertex {
    return this.members.values().next().value as Vertex;
  }

  ordered(): Vertex[] {
    if (!this.sorted) {
      this.members = new Set([...this.members].sort((a, b) => a.position - b.position));
      this.sorted = true;
    }
    return [...this.members];
  }
}

function insert(buckets: Map<unknown, Bucket>, value: unknown, v: Vertex): void {
  const k = indexKey(value);
  if (k === undefined) return;
  const bucket = buckets.get(k);
  if (bucket === undefined) buckets.set(k, v);
  else if (bucket instanceof SharedBucket) bucket.add(v);
  else if (bucket !== v) buckets.set(k, new SharedBucket(bucket, v));
}

function remove(buckets: Map<unknown, Bucket>, k: unknown, v: Vertex): void {
  const bucket = buckets.get(k);
  if (bucket === v) buckets.delete(k);
  else if (bucket instanceof SharedBucket) {
    bucket.delete(v);
    if (bucket.size === 1) buckets.set(k, bucket.only());
  }
}

type Bucket = SharedBucket | Vertex;

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
