import { randomUUID } from 'node:crypto';
import { Edge, Vertex, type Property, type VertexProperty } from './elements';
import { NEPTUNE, type GraphProfile } from './profile';
import { PropertyIndex, type ValuesOf } from './property-index';
import { Transaction, type Change } from './transaction';

export type ElementKind = 'vertex' | 'edge';

const NONE: readonly unknown[] = [];
const VERTEX_VALUES: ValuesOf<Vertex> = {
  keys: (v) => v.properties.keys(),
  values: (v, key) => v.properties.get(key)?.map((p) => p.value) ?? NONE,
};
const EDGE_VALUES: ValuesOf<Edge> = {
  keys: (e) => e.properties.keys(),
  values: (e, key) => {
    const p = e.properties.get(key);
    return p ? [p.value] : NONE;
  },
};

/**
 * The in-memory graph: elements indexed by id and by label, and by property value (per key, from the first
 * lookup by that key), adjacency on each vertex. Reads go straight to the indexes; writes go through a
 * Transaction (see `begin`), which keeps the indexes consistent and can undo itself, so a failed traversal
 * leaves the graph as it found it.
 */
export class Graph {
  private readonly vertexById = new Map<string, Vertex>();
  private readonly edgeById = new Map<string, Edge>();
  private readonly verticesByLabel = new Map<string, Set<Vertex>>();
  private readonly edgesByLabel = new Map<string, Set<Edge>>();
  private readonly vertexValues = new PropertyIndex(VERTEX_VALUES);
  private readonly edgeValues = new PropertyIndex(EDGE_VALUES);
  private open: Transaction | undefined;
  private propertyIds = 0;
  private positions = 0;
  /**
   * Whether traversals may answer `has(key, value)` from the property-value index; off, they scan as they
   * would without one (benchmarks compare the two; results are the same).
   */
  useValueIndex = true;
  /**
   * Receives each transaction's changes, in order, as it commits and before it counts as committed; if it
   * throws, the transaction is rolled back. A data directory (src/embedded/storage) sets it to make commits
   * durable.
   */
  journal: ((changes: readonly Change[]) => void) | undefined;

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
    return lookUp(this.vertexValues, () => this.vertexById.values(), key, value);
  }

  /** As verticesWithValue, for edges. */
  edgesWithValue(key: string, value: unknown): readonly Edge[] | undefined {
    return lookUp(this.edgeValues, () => this.edgeById.values(), key, value);
  }

  /** Indexes a key's values now rather than at its first lookup. */
  indexProperty(key: string, kind: ElementKind = 'vertex'): void {
    if (kind === 'vertex') this.vertexValues.build(key, this.vertexById.values());
    else this.edgeValues.build(key, this.edgeById.values());
  }

  /** The keys indexed so far. */
  indexedProperties(kind: ElementKind = 'vertex'): string[] {
    return (kind === 'vertex' ? this.vertexValues : this.edgeValues).indexedKeys;
  }

  /** Moves whenever a value of `key` joins or leaves an element of the kind. */
  valueChangesOf(key: string, kind: ElementKind = 'vertex'): number {
    return (kind === 'vertex' ? this.vertexValues : this.edgeValues).changesOf(key);
  }

  /** The position (see Vertex.position) of the element attached last: those attached later stand after it. */
  get lastPosition(): number {
    return this.positions;
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
      // A commit whose journal failed has rolled itself back already.
      if (tx.isOpen) tx.rollback();
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
      this.vertexValues.attached(v);
    },
    detachVertex: (v) => {
      this.vertexValues.detached(v);
      this.vertexById.delete(v.id);
      for (const label of v.labels) removeFrom(this.verticesByLabel, label, v);
      v.removed = true;
    },
    attachVertexProperty: (p, index) => {
      const values = p.vertex.properties.get(p.key);
      if (values) values.splice(index, 0, p);
      else p.vertex.properties.set(p.key, [p]);
      this.vertexValues.added(p.vertex, p.key, p.value);
    },
    detachVertexProperty: (p, index) => {
      const values = p.vertex.properties.get(p.key)!;
      values.splice(index, 1);
      if (values.length === 0) p.vertex.properties.delete(p.key);
      this.vertexValues.removed(p.vertex, p.key, p.value);
    },
    putEdgeProperty: (edge, key, p) => {
      const previous = edge.properties.get(key);
      if (p) edge.properties.set(key, p);
      else edge.properties.delete(key);
      if (previous) this.edgeValues.removed(edge, key, previous.value);
      if (p) this.edgeValues.added(edge, key, p.value);
    },
    attachEdge: (e) => {
      e.position = ++this.positions;
      this.edgeById.set(e.id, e);
      addTo(this.edgesByLabel, e.label, e);
      addTo(e.outV.outEdges, e.label, e);
      addTo(e.inV.inEdges, e.label, e);
      e.removed = false;
      this.edgeValues.attached(e);
    },
    detachEdge: (e) => {
      this.edgeValues.detached(e);
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
  /** Sets (or, given undefined, removes) the edge's property of the key. */
  putEdgeProperty(edge: Edge, key: string, p: Property | undefined): void;
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

/** A lookup in `index`, which indexes the key first if some element holds it. */
function lookUp<E extends Vertex | Edge>(index: PropertyIndex<E>, elements: () => Iterable<E>, key: string, value: unknown): readonly E[] | undefined {
  if (!PropertyIndex.accepts(value)) return undefined;
  if (!index.inUse(key)) return [];
  index.build(key, elements());
  return index.lookup(key, value);
}
