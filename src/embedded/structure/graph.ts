import { randomUUID } from 'node:crypto';
import { Edge, Vertex, type VertexProperty } from './elements';
import { NEPTUNE, type GraphProfile } from './profile';
import { PropertyIndex } from './property-index';
import { Transaction } from './transaction';

/**
 * The in-memory graph: elements indexed by id and by label, vertices by property value (per key, from the
 * first lookup by that key), adjacency on each vertex. Reads go straight to the indexes; writes go through a
 * Transaction (see `begin`), which keeps the indexes consistent and can undo itself, so a failed traversal
 * leaves the graph as it found it.
 */
export class Graph {
  private readonly vertexById = new Map<string, Vertex>();
  private readonly edgeById = new Map<string, Edge>();
  private readonly verticesByLabel = new Map<string, Set<Vertex>>();
  private readonly edgesByLabel = new Map<string, Set<Edge>>();
  private readonly valueIndex = new PropertyIndex();
  private open: Transaction | undefined;
  private propertyIds = 0;
  private positions = 0;
  /**
   * Whether traversals may answer `has(key, value)` from the property-value index; off, they scan as they
   * would without one (benchmarks compare the two; results are the same).
   */
  useValueIndex = true;

  constructor(
    readonly profile: GraphProfile = NEPTUNE,
    private readonly newId: () => string = randomUUID,
  ) {}

  get vertexCount(): number {
    return this.vertexById.size;
  }

  get edgeCount(): number {
    return this.edgeById.size;
  }

  vertex(id: string): Vertex | undefined {
    return this.vertexById.get(id);
  }

  edge(id: string): Edge | undefined {
    return this.edgeById.get(id);
  }

  vertices(): IterableIterator<Vertex> {
    return this.vertexById.values();
  }

  edges(): IterableIterator<Edge> {
    return this.edgeById.values();
  }

  verticesWithLabel(label: string): Iterable<Vertex> {
    return this.verticesByLabel.get(label) ?? [];
  }

  edgesWithLabel(label: string): Iterable<Edge> {
    return this.edgesByLabel.get(label) ?? [];
  }

  /**
   * Vertices holding `key` with a value Gremlin-equal to the scalar `value`, in the graph's iteration order,
   * and possibly a few that are not (callers test each): the first lookup by a key indexes that key.
   * Undefined for a value the index does not hold (a list, a map, null), which only a scan can answer.
   */
  verticesWithValue(key: string, value: unknown): readonly Vertex[] | undefined {
    if (!PropertyIndex.accepts(value)) return undefined;
    if (!this.valueIndex.inUse(key)) return [];
    this.indexProperty(key);
    return this.valueIndex.lookup(key, value);
  }

  /** Indexes a key's values now rather than at its first lookup. */
  indexProperty(key: string): void {
    if (!this.valueIndex.isIndexed(key)) this.valueIndex.build(key, this.vertexById.values());
  }

  /** Moves whenever a value of `key` joins or leaves a vertex. */
  valueChangesOf(key: string): number {
    return this.valueIndex.changesOf(key);
  }

  /** The position (see Vertex.position) of the vertex attached last: those attached later stand after it. */
  get lastPosition(): number {
    return this.positions;
  }

  /** The keys indexed so far. */
  get indexedProperties(): string[] {
    return this.valueIndex.indexedKeys;
  }

  /** Labels in use, for schema inference and /status-like summaries. */
  vertexLabels(): string[] {
    return [...this.verticesByLabel.keys()];
  }

  edgeLabels(): string[] {
    return [...this.edgesByLabel.keys()];
  }

  /**
   * Opens the graph's write transaction. Callers serialise writers (the server's lock), so at most one is
   * open; a second is a programming error, not a user error.
   */
  begin(): Transaction {
    if (this.open) throw new Error('a write transaction is already open on this graph');
    const tx = new Transaction(this, this.internals, () => {
      this.open = undefined;
    });
    this.open = tx;
    return tx;
  }

  /** Runs `fn` in a transaction: committed if it returns, rolled back if it throws. */
  transact<T>(fn: (tx: Transaction) => T): T {
    const tx = this.begin();
    try {
      const result = fn(tx);
      tx.commit();
      return result;
    } catch (err) {
      tx.rollback();
      throw err;
    }
  }

  get inTransaction(): boolean {
    return this.open !== undefined;
  }

  /** Index maintenance, reachable only by the Transaction this graph hands it to. */
  private readonly internals: GraphInternals = {
    newElementId: () => this.newId(),
    newPropertyId: () => `p${++this.propertyIds}`,
    attachVertex: (v) => {
      v.position = ++this.positions;
      this.vertexById.set(v.id, v);
      for (const label of v.labels) addTo(this.verticesByLabel, label, v);
      v.removed = false;
      this.valueIndex.vertexAttached(v);
    },
    detachVertex: (v) => {
      this.valueIndex.vertexDetached(v);
      this.vertexById.delete(v.id);
      for (const label of v.labels) removeFrom(this.verticesByLabel, label, v);
      v.removed = true;
    },
    attachVertexProperty: (p, index) => {
      const values = p.vertex.properties.get(p.key);
      if (values) values.splice(index, 0, p);
      else p.vertex.properties.set(p.key, [p]);
      this.valueIndex.added(p);
    },
    detachVertexProperty: (p, index) => {
      const values = p.vertex.properties.get(p.key)!;
      values.splice(index, 1);
      if (values.length === 0) p.vertex.properties.delete(p.key);
      this.valueIndex.removed(p);
    },
    attachEdge: (e) => {
      this.edgeById.set(e.id, e);
      addTo(this.edgesByLabel, e.label, e);
      addTo(e.outV.outEdges, e.label, e);
      addTo(e.inV.inEdges, e.label, e);
      e.removed = false;
    },
    detachEdge: (e) => {
      this.edgeById.delete(e.id);
      removeFrom(this.edgesByLabel, e.label, e);
      removeFrom(e.outV.outEdges, e.label, e);
      removeFrom(e.inV.inEdges, e.label, e);
      e.removed = true;
    },
  };
}

export interface GraphInternals {
  newElementId(): string;
  newPropertyId(): string;
  attachVertex(v: Vertex): void;
  detachVertex(v: Vertex): void;
  /** Puts a property at `index` among its vertex's values of the key. */
  attachVertexProperty(p: VertexProperty, index: number): void;
  /** Takes out the property found at `index` among its vertex's values of the key. */
  detachVertexProperty(p: VertexProperty, index: number): void;
  attachEdge(e: Edge): void;
  detachEdge(e: Edge): void;
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
