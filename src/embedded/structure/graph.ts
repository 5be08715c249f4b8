import { randomUUID } from 'node:crypto';
import { Edge, Vertex } from './elements';
import { NEPTUNE, type GraphProfile } from './profile';
import { Transaction } from './transaction';

/**
 * The in-memory graph: elements indexed by id and by label, adjacency on each vertex. Reads go straight to the
 * indexes; writes go through a Transaction (see `begin`), which keeps the indexes consistent and can undo
 * itself, so a failed traversal leaves the graph as it found it.
 */
export class Graph {
  private readonly vertexById = new Map<string, Vertex>();
  private readonly edgeById = new Map<string, Edge>();
  private readonly verticesByLabel = new Map<string, Set<Vertex>>();
  private readonly edgesByLabel = new Map<string, Set<Edge>>();
  private open: Transaction | undefined;
  private propertyIds = 0;

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
      this.vertexById.set(v.id, v);
      for (const label of v.labels) addTo(this.verticesByLabel, label, v);
      v.removed = false;
    },
    detachVertex: (v) => {
      this.vertexById.delete(v.id);
      for (const label of v.labels) removeFrom(this.verticesByLabel, label, v);
      v.removed = true;
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
