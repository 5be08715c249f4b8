import { randomUUID } from 'node:crypto';
import { Edge, Vertex, type PropertyValue, type VertexProperty } from './elements';
import { NEPTUNE, type GraphProfile } from './profile';
import { PropertyIndex, type ValuesOf } from './property-index';
import { spliced } from './spliced';
import { Transaction, type Change, type LogEntry } from './transaction';
import { ALIVE, PENDING, atLatest, clock, visible, type Past } from './versions';

export type ElementKind = 'vertex' | 'edge';

const NONE: readonly unknown[] = [];
// The index follows the latest state (see verticesWithValue for older views).
const VERTEX_VALUES: ValuesOf<Vertex> = {
  keys: (v) => new Set(v.live.filter((_, i) => i % 3 === 0) as string[]),
  values: (v, key) => v.live.filter((_, i) => i % 3 === 2 && v.live[i - 2] === key),
};
const EDGE_VALUES: ValuesOf<Edge> = {
  keys: (e) => e.pairs.filter((_, i) => i % 2 === 0) as string[],
  values: (e, key) => {
    const value = e.latest(key);
    return value === undefined ? NONE : [value];
  },
};

/**
 * The in-memory graph: elements indexed by id, vertices by label, elements by property value (per key, from
 * the first lookup by that key), adjacency on each vertex. Edges have no label index: an index costs a third
 * of what an edge costs, and like TinkerGraph the graph finds edges by label with a scan (`E().hasLabel()`),
 * or from a vertex by label at O(matching degree). Reads go straight to the indexes, as of the version the
 * running code reads at (see versions.ts); writes go through a Transaction (see `begin`), which keeps the
 * indexes consistent and can undo itself, so a failed traversal leaves the graph as it found it.
 *
 * A removed element leaves the graph's maps when no open ReadView can see it any more (`settle`); until then
 * the maps hold it, and an id it held may already name a new element (the old one waits in `buried`).
 */
export class Graph {
  private readonly vertexById = new Map<string, Vertex>();
  private readonly edgeById = new Map<string, Edge>();
  private readonly buriedVertices = new Map<string, Vertex[]>();
  private readonly buriedEdges = new Map<string, Edge[]>();
  private readonly verticesByLabel = new Map<string, Set<Vertex>>();
  private readonly vertexValues = new PropertyIndex(VERTEX_VALUES);
  private readonly edgeValues = new PropertyIndex(EDGE_VALUES);
  private open: Transaction | undefined;
  /** One copy of each label: a label read from a file or a request is a new string each time. */
  private readonly labels = new Map<string, string>();
  /** One copy of each vertex label list, by the list as JSON: most vertices share theirs with many. */
  private readonly labelLists = new Map<string, readonly string[]>();
  private propertyIds = 0;
  private positions = 0;
  private liveVertices = 0;
  private liveEdges = 0;
  /**
   * The last version that took a value out of the value indexes (PENDING: the open transaction did). The
   * indexes hold the latest values, so a view older than that may miss elements there, and scans instead.
   */
  private valuesRemovedAt = 0;
  private valuesRemovedBefore = 0;
  /** Elements whose properties the open transaction saved a Past of. */
  private pastsOpen: (Vertex | Edge)[] = [];
  /** Per committed version, what it removed and saved, kept while an older view is open. */
  private readonly retired: { version: number; dead: (Vertex | Edge)[]; pasts: (Vertex | Edge)[] }[] = [];
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

  /** In the latest state, uncommitted writes included. */
  get vertexCount(): number {
    return this.liveVertices;
  }

  get edgeCount(): number {
    return this.liveEdges;
  }

  vertex(id: string): Vertex | undefined {
    return find(this.vertexById, this.buriedVertices, id);
  }

  edge(id: string): Edge | undefined {
    return find(this.edgeById, this.buriedEdges, id);
  }

  vertices(): IterableIterator<Vertex> {
    return present(this.vertexById.values(), this.buriedVertices);
  }

  edges(): IterableIterator<Edge> {
    return present(this.edgeById.values(), this.buriedEdges);
  }

  verticesWithLabel(label: string): Iterable<Vertex> {
    return present(this.verticesByLabel.get(label)?.values() ?? NONE_ITERATOR);
  }

  edgesWithLabel(label: string): Iterable<Edge> {
    return withLabel(present(this.edgeById.values(), this.buriedEdges), label);
  }

  /**
   * Vertices holding `key` with a value Gremlin-equal to the scalar `value`, in the graph's iteration order,
   * and possibly a few that are not (callers test each): the first lookup by a key indexes that key.
   * Undefined for a value the index does not hold (a list, a map, null), which only a scan can answer, and
   * for a view older than the index's last removal.
   */
  verticesWithValue(key: string, value: unknown): readonly Vertex[] | undefined {
    if (this.valuesRemovedAt > clock.readAt) return undefined;
    return lookUp(this.vertexValues, () => this.vertexById.values(), key, value);
  }

  /** As verticesWithValue, for edges. */
  edgesWithValue(key: string, value: unknown): readonly Edge[] | undefined {
    if (this.valuesRemovedAt > clock.readAt) return undefined;
    return lookUp(this.edgeValues, () => this.edgeById.values(), key, value);
  }

  /** Indexes a key's values now rather than at its first lookup. */
  indexProperty(key: string, kind: ElementKind = 'vertex'): void {
    if (kind === 'vertex') build(this.vertexValues, key, this.vertexById.values());
    else build(this.edgeValues, key, this.edgeById.values());
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

  /**
   * Opens the graph's write transaction. Callers serialise writers (the server's lock), so at most one is
   * open; a second is a programming error, not a user error. Its changes are PENDING (invisible to views)
   * until it commits.
   */
  begin(): Transaction {
    if (this.open) throw new Error('a write transaction is already open on this graph');
    const tx = new Transaction(this, this.internals, (outcome, log) => this.close(log, outcome));
    this.open = tx;
    this.valuesRemovedBefore = this.valuesRemovedAt;
    clock.unsettled.add(this);
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

  /**
   * Ends the open transaction. A commit stamps its changes with the next version, which makes them what
   * views opened from now on see; then whatever no open view needs goes at once.
   */
  private close(log: readonly LogEntry[], outcome: 'commit' | 'rollback'): void {
    this.open = undefined;
    if (outcome === 'commit') {
      const version = ++clock.committed;
      const dead: (Vertex | Edge)[] = [];
      for (const entry of log) stamp(entry, version, dead);
      for (const element of this.pastsOpen) clock.pasts.get(element)!.at(-1)!.until = version;
      if (this.valuesRemovedAt === PENDING) this.valuesRemovedAt = version;
      this.retired.push({ version, dead, pasts: this.pastsOpen });
      trimAdjacency(log, version, this.vertexById);
    } else {
      for (const element of this.pastsOpen) dropPast(element, (past) => past.until === PENDING);
      this.valuesRemovedAt = this.valuesRemovedBefore;
    }
    this.pastsOpen = [];
    if (this.settle(clock.oldestView())) clock.unsettled.delete(this);
  }

  /**
   * Purges removals and drops pasts no open view can see: those of versions at or before the oldest view.
   * Returns whether the graph holds nothing any reader sees differently.
   */
  settle(oldestView: number | undefined): boolean {
    while (this.retired.length > 0 && (oldestView === undefined || this.retired[0].version <= oldestView)) {
      const { version, dead, pasts } = this.retired.shift()!;
      this.purgeEdges(dead.filter((element): element is Edge => element instanceof Edge));
      for (const element of dead) if (element instanceof Vertex) this.purgeVertex(element);
      for (const element of pasts) dropPast(element, (past) => past.until <= version);
    }
    return this.retired.length === 0 && this.open === undefined;
  }

  private purgeVertex(v: Vertex): void {
    unmap(this.vertexById, this.buriedVertices, v);
    for (const label of v.labels) removeFrom(this.verticesByLabel, label, v);
  }

  /**
   * Takes removed edges out of the id map and the adjacency, one pass per adjacency list they were in (the
   * edges of a dropped hub cost one pass over its list, not one each).
   */
  private purgeEdges(edges: readonly Edge[]): void {
    if (edges.length === 0) return;
    const dead = new Set(edges);
    const lists = new Map<Map<string, Edge[]>, Set<string>>();
    for (const e of edges) {
      unmap(this.edgeById, this.buriedEdges, e);
      addTo(lists, e.outV.outEdges, e.label);
      addTo(lists, e.inV.inEdges, e.label);
    }
    for (const [index, labels] of lists) {
      for (const label of labels) {
        const kept = index.get(label)?.filter((e) => !dead.has(e)) ?? [];
        if (kept.length > 0) index.set(label, kept);
        else index.delete(label);
      }
    }
  }

  /** As purgeEdges for one edge, which a rollback discards newest first: usually the last of its lists. */
  private purgeEdge(e: Edge): void {
    unmap(this.edgeById, this.buriedEdges, e);
    dropFrom(e.outV.outEdges, e.label, e);
    dropFrom(e.inV.inEdges, e.label, e);
  }

  /** Before the open transaction first changes an element's properties, keeps them for older views. */
  private keepPast(element: Vertex | Edge): void {
    if (element.born === PENDING) return; // new in this transaction: no view sees it
    let pasts = clock.pasts.get(element);
    if (pasts?.at(-1)?.until === PENDING) return;
    // A vertex's array is replaced, never edited, on change: it is its own copy.
    const copy = element instanceof Vertex ? element.live : element.pairs;
    if (!pasts) clock.pasts.set(element, (pasts = []));
    pasts.push({ until: PENDING, properties: copy });
    this.pastsOpen.push(element);
  }

  private valuesRemoved(): void {
    this.valuesRemovedAt = PENDING;
  }

  /** Index maintenance, reachable only by the Transaction this graph hands it to. */
  private readonly internals: GraphInternals = {
    newElementId: () => this.newId(),
    newPropertyId: () => ++this.propertyIds,
    label: (label) => {
      const known = this.labels.get(label);
      if (known !== undefined) return known;
      this.labels.set(label, label);
      return label;
    },
    labelList: (labels) => {
      const distinct = [...new Set(labels)];
      const key = JSON.stringify(distinct);
      const known = this.labelLists.get(key);
      if (known !== undefined) return known;
      const list = distinct.map(this.internals.label);
      this.labelLists.set(key, list);
      return list;
    },
    attachVertex: (v) => {
      if (!mapNew(this.vertexById, this.buriedVertices, v)) return false;
      v.position = ++this.positions;
      v.born = PENDING;
      v.died = ALIVE;
      for (const label of v.labels) addTo(this.verticesByLabel, label, v);
      this.liveVertices++;
      this.vertexValues.attached(v);
      return true;
    },
    detachVertex: (v) => {
      this.valuesRemoved();
      this.vertexValues.detached(v);
      v.died = PENDING;
      this.liveVertices--;
    },
    reviveVertex: (v) => {
      v.died = ALIVE;
      this.liveVertices++;
      this.vertexValues.attached(v);
    },
    discardVertex: (v) => {
      this.vertexValues.detached(v);
      this.liveVertices--;
      this.purgeVertex(v);
      v.died = 0;
    },
    attachVertexProperty: (p, index) => {
      this.keepPast(p.vertex);
      const { live } = p.vertex;
      const at = tripleAt(live, p.key, index);
      p.vertex.live = spliced(live, at, 0, [p.key, p.serial, p.value]);
      this.vertexValues.added(p.vertex, p.key, p.value);
    },
    detachVertexProperty: (p, index) => {
      this.keepPast(p.vertex);
      const { live } = p.vertex;
      const at = tripleAt(live, p.key, index);
      p.vertex.live = live.length === 3 ? NONE : spliced(live, at, 3, NONE);
      this.valuesRemoved();
      this.vertexValues.removed(p.vertex, p.key, p.value);
    },
    putEdgeProperty: (edge, key, value) => {
      this.keepPast(edge);
      const previous = edge.latest(key);
      edge.put(key, value);
      if (previous !== undefined) {
        this.valuesRemoved();
        this.edgeValues.removed(edge, key, previous);
      }
      if (value !== undefined) this.edgeValues.added(edge, key, value);
    },
    attachEdge: (e) => {
      if (!mapNew(this.edgeById, this.buriedEdges, e)) return false;
      e.position = ++this.positions;
      e.born = PENDING;
      e.died = ALIVE;
      append(e.outV.outEdges, e.label, e);
      append(e.inV.inEdges, e.label, e);
      this.liveEdges++;
      this.edgeValues.attached(e);
      return true;
    },
    detachEdge: (e) => {
      this.valuesRemoved();
      this.edgeValues.detached(e);
      e.died = PENDING;
      this.liveEdges--;
    },
    reviveEdge: (e) => {
      e.died = ALIVE;
      this.liveEdges++;
      this.edgeValues.attached(e);
    },
    discardEdge: (e) => {
      this.edgeValues.detached(e);
      this.liveEdges--;
      this.purgeEdge(e);
      e.died = 0;
    },
  };
}

/**
 * What a Transaction does to the graph. Removals mark the element (it stays in the maps for older views until
 * the graph settles); undoing one revives it in place; undoing an addition discards the element at once.
 */
export interface GraphInternals {
  newElementId(): string;
  /** The serial number a new vertex property takes (see VertexProperty). */
  newPropertyId(): number;
  /** The graph's copy of a label. */
  label(label: string): string;
  /** The graph's copy of a vertex's labels, each once. */
  labelList(labels: readonly string[]): readonly string[];
  /** False, changing nothing, when an element in the latest state holds the vertex's id. */
  attachVertex(v: Vertex): boolean;
  detachVertex(v: Vertex): void;
  reviveVertex(v: Vertex): void;
  discardVertex(v: Vertex): void;
  /** Puts a property at `index` among its vertex's values of the key. */
  attachVertexProperty(p: VertexProperty, index: number): void;
  /** Takes out the property found at `index` among its vertex's values of the key. */
  detachVertexProperty(p: VertexProperty, index: number): void;
  /** Sets (or, given undefined, removes) the edge's value of the key. */
  putEdgeProperty(edge: Edge, key: string, value: PropertyValue | undefined): void;
  /** As attachVertex. */
  attachEdge(e: Edge): boolean;
  detachEdge(e: Edge): void;
  reviveEdge(e: Edge): void;
  discardEdge(e: Edge): void;
}

/**
 * Where the `index`-th value of `key` stands in a vertex's flat values (see Vertex.live): past the key's last
 * value for an index beyond them, at the end for a key it does not hold.
 */
function tripleAt(live: readonly unknown[], key: string, index: number): number {
  let seen = 0;
  let after = live.length;
  for (let i = 0; i < live.length; i += 3) {
    if (live[i] !== key) continue;
    if (seen++ === index) return i;
    after = i + 3;
  }
  return after;
}

const NONE_ITERATOR: IterableIterator<never> = [][Symbol.iterator]();

/** The committed version of a change: when its element was born or died. */
function stamp(change: LogEntry, version: number, dead: (Vertex | Edge)[]): void {
  if (change instanceof Vertex || change instanceof Edge) {
    change.born = version;
    return;
  }
  switch (change.kind) {
    case 'removeVertex':
      change.vertex.died = version;
      dead.push(change.vertex);
      return;
    case 'removeEdge':
      change.edge.died = version;
      dead.push(change.edge);
      return;
  }
}

function dropPast(element: object, done: (past: Past) => boolean): void {
  const pasts = clock.pasts.get(element);
  if (!pasts) return;
  const kept = pasts.filter((past) => !done(past));
  if (kept.length > 0) clock.pasts.set(element, kept);
  else clock.pasts.delete(element);
}

/** The element an id names for the running code: the current holder of the id, or a buried one. */
function find<E extends Vertex | Edge>(byId: Map<string, E>, buried: Map<string, E[]>, id: string): E | undefined {
  const e = byId.get(id);
  if (e !== undefined && visible(e)) return e;
  if (buried.size === 0) return undefined;
  return buried.get(id)?.find(visible);
}

/**
 * Puts a new element under its id, burying a removed one that still holds it, and moving it to the end;
 * returns false, changing nothing, when the holder is in the latest state (one lookup for the check and the
 * insertion: a bulk load makes millions).
 */
function mapNew<E extends Vertex | Edge>(byId: Map<string, E>, buried: Map<string, E[]>, e: E): boolean {
  const old = byId.get(e.id);
  if (old !== undefined) {
    if (old.died === ALIVE) return false;
    const graves = buried.get(e.id);
    if (graves) graves.push(old);
    else buried.set(e.id, [old]);
    byId.delete(e.id);
  }
  byId.set(e.id, e);
  return true;
}

/** Takes a (removed or discarded) element out of the id map, or out of its grave. */
function unmap<E extends Vertex | Edge>(byId: Map<string, E>, buried: Map<string, E[]>, e: E): void {
  if (byId.get(e.id) === e) {
    byId.delete(e.id);
    // An id a discarded element took from a buried one goes back to it (a rollback of a re-creation).
    const graves = buried.get(e.id);
    const back = graves?.pop();
    if (back) byId.set(e.id, back);
    if (graves?.length === 0) buried.delete(e.id);
    return;
  }
  const graves = buried.get(e.id);
  if (!graves) return;
  const at = graves.indexOf(e);
  if (at >= 0) graves.splice(at, 1);
  if (graves.length === 0) buried.delete(e.id);
}

/** The elements the running code sees, in the maps' order, then any buried ones it still sees. */
function* present<E extends Vertex | Edge>(elements: IterableIterator<E>, buried?: Map<string, E[]>): IterableIterator<E> {
  if (clock.unsettled.size === 0) yield* elements;
  else for (const e of elements) if (visible(e)) yield e;
  if (buried && buried.size > 0) for (const graves of buried.values()) for (const e of graves) if (visible(e)) yield e;
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
}

function append(index: Map<string, Edge[]>, label: string, e: Edge): void {
  const list = index.get(label);
  if (list) list.push(e);
  else index.set(label, [e]);
}

/**
 * Copies to their exact length the adjacency lists a transaction grew by at least a quarter: an array grown
 * by appends holds up to half its length again in spare slots (and 16 more), which after a bulk load is a
 * fifth of the graph's memory. A list the transaction barely grew is left alone, so a commit costs at most a
 * few times the appends it made. A copy rather than a trim in place, as for removals, leaves an iteration
 * under way undisturbed. A transaction's edges stand at the ends of their lists (appended in order, and
 * removals keep the order), so the last quarter of a list tells whether it grew by a quarter, without
 * counting per edge (a bulk load's commit spent a tenth of the load counting).
 */
function trimAdjacency(log: readonly LogEntry[], version: number, vertices: Map<string, Vertex>): void {
  const edges = log.filter((entry): entry is Edge => entry instanceof Edge);
  // A transaction with more edge ends than the graph has vertices (a bulk load) looks at every vertex: a set
  // of the ends would cost one insertion per end, which cost more than the trimming.
  let ends: Iterable<Vertex> = vertices.values();
  if (edges.length * 2 < vertices.size) {
    const touched = new Set<Vertex>();
    for (const e of edges) touched.add(e.outV).add(e.inV);
    ends = touched;
  }
  for (const v of ends) {
    trimGrown(v.outEdges, version);
    trimGrown(v.inEdges, version);
  }
}

function trimGrown(index: Map<string, Edge[]>, version: number): void {
  for (const [label, list] of index) {
    const quarter = Math.ceil(list.length / 4);
    let grown = quarter > 0;
    for (let i = list.length - quarter; grown && i < list.length; i++) grown = list[i].born === version;
    if (grown) index.set(label, list.slice());
  }
}

/** Takes `e` out of its list: in place when it is the last (nothing iterating can have passed it), else in a copy. */
function dropFrom(index: Map<string, Edge[]>, label: string, e: Edge): void {
  const list = index.get(label);
  if (!list) return;
  let kept = list;
  if (list[list.length - 1] === e) list.pop();
  else if (list.includes(e)) kept = list.filter((x) => x !== e);
  if (kept.length === 0) index.delete(label);
  else if (kept !== list) index.set(label, kept);
}

function* withLabel(edges: IterableIterator<Edge>, label: string): IterableIterator<Edge> {
  for (const e of edges) if (e.label === label) yield e;
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}

/** Indexes a key from the latest values of the elements in the latest state. */
function build<E extends Vertex | Edge>(index: PropertyIndex<E>, key: string, elements: Iterable<E>): void {
  if (index.isIndexed(key)) return;
  atLatest(() => index.build(key, present(elements[Symbol.iterator]() as IterableIterator<E>)));
}

/** A lookup in `index`, which indexes the key first if some element holds it. */
function lookUp<E extends Vertex | Edge>(index: PropertyIndex<E>, elements: () => Iterable<E>, key: string, value: unknown): readonly E[] | undefined {
  if (!PropertyIndex.accepts(value)) return undefined;
  if (!index.inUse(key)) return [];
  build(index, key, elements());
  return index.lookup(key, value);
}
