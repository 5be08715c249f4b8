import { constraintViolation, invalidParameter, unsupported } from '../errors';
import { Edge, Property, Vertex, VertexProperty, type PropertyValue } from './elements';
import type { Graph, GraphInternals } from './graph';
import type { Cardinality } from './profile';
import { sameValue } from './values';
import { PENDING } from './versions';

/**
 * A record of one applied change. Rollback undoes them newest first; a journal (durability) can replay them
 * in order, which is why they name the elements they touched rather than capture closures alone. Property
 * changes to an element the transaction created are not recorded: a rollback discards the element whole,
 * and its addition stands for the properties it holds when the transaction commits (a journal writes them
 * with it). A bulk load so keeps one log entry per element, not one per value.
 */
export type Change =
  | { readonly kind: 'addVertex'; readonly vertex: Vertex }
  | { readonly kind: 'removeVertex'; readonly vertex: Vertex }
  | { readonly kind: 'addEdge'; readonly edge: Edge }
  | { readonly kind: 'removeEdge'; readonly edge: Edge }
  | { readonly kind: 'addVertexProperty'; readonly property: VertexProperty; readonly index: number }
  | { readonly kind: 'removeVertexProperty'; readonly property: VertexProperty; readonly index: number }
  | { readonly kind: 'setEdgeProperty'; readonly edge: Edge; readonly key: string; readonly previous?: Property; readonly property: Property }
  | { readonly kind: 'removeEdgeProperty'; readonly property: Property };

/**
 * What the transaction logs: a change, or a new element standing for its own addition. A bulk load adds
 * millions of elements, and a record each would hold about 40 bytes more per element until the commit.
 */
export type LogEntry = Exclude<Change, { kind: 'addVertex' | 'addEdge' }> | Vertex | Edge;

/** The Change a log entry stands for (what a journal reads). */
function asChange(entry: LogEntry): Change {
  if (entry instanceof Vertex) return { kind: 'addVertex', vertex: entry };
  if (entry instanceof Edge) return { kind: 'addEdge', edge: entry };
  return entry;
}

/**
 * The one way to change a Graph. Every method applies its change at once (later steps of the same traversal
 * see it; ReadViews do not until the commit) and logs how to undo it; `rollback` restores the graph's
 * contents and element identities (not necessarily the iteration order of re-attached elements). `commit`
 * is the point where the changes become the graph's next version, what every read from then on sees.
 */
export class Transaction {
  private readonly log: LogEntry[] = [];
  private state: 'open' | 'committed' | 'rolledBack' = 'open';

  constructor(
    readonly graph: Graph,
    private readonly internals: GraphInternals,
    private readonly onClose: (outcome: 'commit' | 'rollback', log: readonly LogEntry[]) => void,
  ) {}

  get isOpen(): boolean {
    return this.state === 'open';
  }

  addVertex(labels: readonly string[], id?: string): Vertex {
    this.ensureOpen();
    const vertexId = id ?? this.internals.newElementId();
    if (labels.length === 0 || labels.some((l) => l === '')) throw invalidParameter('Vertex label must be a non-empty string');
    const vertex = new Vertex(vertexId, this.internals.labelList(labels));
    if (!this.internals.attachVertex(vertex)) throw constraintViolation(`Vertex with id already exists: ${vertexId}`);
    this.log.push(vertex);
    return vertex;
  }

  addEdge(label: string, outV: Vertex, inV: Vertex, id?: string): Edge {
    this.ensureOpen();
    const edgeId = id ?? this.internals.newElementId();
    const edge = this.addEdgeUnlessTaken(label, outV, inV, edgeId);
    if (!edge) throw constraintViolation(`Edge with id already exists: ${edgeId}`);
    return edge;
  }

  /**
   * As addEdge, but undefined, changing nothing, when an edge holds the id: a bulk load meets ids it already
   * has without an exception, and with one id-map lookup per new edge rather than a check before the add.
   */
  addEdgeUnlessTaken(label: string, outV: Vertex, inV: Vertex, id?: string): Edge | undefined {
    this.ensureOpen();
    const edgeId = id ?? this.internals.newElementId();
    if (label === '') throw invalidParameter('Edge label must be a non-empty string');
    if (outV.removed || inV.removed) throw invalidParameter('Cannot add an edge to a removed vertex');
    const edge = new Edge(edgeId, this.internals.label(label), outV, inV);
    if (!this.internals.attachEdge(edge)) return undefined;
    this.log.push(edge);
    return edge;
  }

  /**
   * Adds a value under a key with the given cardinality; returns the property holding the value (an existing
   * one when `set` finds the value already there).
   */
  addVertexProperty(vertex: Vertex, key: string, value: PropertyValue, cardinality?: Cardinality): VertexProperty {
    this.ensureOpen();
    const card = cardinality ?? this.graph.profile.defaultCardinality;
    this.checkValue(key, value);
    if (card === 'list' && !this.graph.profile.allowListCardinality) {
      throw unsupported('list cardinality is not supported; use single or set');
    }
    const existing = vertex.propertiesOf(key);
    if (card === 'set') {
      const same = existing.find((p) => sameValue(p.value, value));
      if (same) return same;
    } else if (card === 'single') {
      for (const p of [...existing]) this.removeVertexProperty(p);
    }
    const property = new VertexProperty(this.internals.newPropertyId(), key, value, vertex);
    const index = vertex.propertiesOf(key).length;
    this.internals.attachVertexProperty(property, index);
    if (vertex.born !== PENDING) this.log.push({ kind: 'addVertexProperty', property, index });
    return property;
  }

  removeVertexProperty(property: VertexProperty): void {
    this.ensureOpen();
    // Properties are made on demand: the serial, their id, tells which value this one is.
    const index = property.vertex.propertiesOf(property.key).findIndex((p) => p.serial === property.serial);
    if (index < 0) return;
    this.internals.detachVertexProperty(property, index);
    if (property.vertex.born !== PENDING) this.log.push({ kind: 'removeVertexProperty', property, index });
  }

  setEdgeProperty(edge: Edge, key: string, value: PropertyValue): Property {
    this.ensureOpen();
    this.checkValue(key, value);
    // A new edge's changes are not logged (see Change), so its previous value is not asked for.
    const logged = edge.born !== PENDING;
    const previous = logged ? edge.property(key) : undefined;
    const property = new Property(key, value, edge);
    this.internals.putEdgeProperty(edge, key, value);
    if (logged) this.log.push({ kind: 'setEdgeProperty', edge, key, previous, property });
    return property;
  }

  removeEdgeProperty(property: Property): void {
    this.ensureOpen();
    // Properties are made on demand, so one names the current value when it holds the same one.
    if (!Object.is(property.element.value(property.key), property.value)) return;
    this.internals.putEdgeProperty(property.element, property.key, undefined);
    if (property.element.born !== PENDING) this.log.push({ kind: 'removeEdgeProperty', property });
  }

  removeEdge(edge: Edge): void {
    this.ensureOpen();
    if (edge.removed) return;
    this.internals.detachEdge(edge);
    this.log.push({ kind: 'removeEdge', edge });
  }

  /** Removes the vertex and every edge touching it, as Gremlin's drop() does. */
  removeVertex(vertex: Vertex): void {
    this.ensureOpen();
    if (vertex.removed) return;
    for (const edge of [...vertex.edges('BOTH')]) this.removeEdge(edge);
    this.internals.detachVertex(vertex);
    this.log.push({ kind: 'removeVertex', vertex });
  }

  /**
   * Ends the transaction, keeping its changes. With a journal on the graph (a data directory), they are
   * written first: if that fails the transaction is rolled back and the error thrown, so what is committed in
   * memory is exactly what is on disk.
   */
  commit(): void {
    this.ensureOpen();
    const journal = this.graph.journal;
    if (journal && this.log.length > 0) {
      try {
        journal(this.log.map(asChange));
      } catch (err) {
        this.rollback();
        throw err;
      }
    }
    this.state = 'committed';
    this.onClose('commit', this.log);
    // Whoever still holds the transaction (a load's row callback, until its stream closes) need not hold a
    // record per element with it.
    this.log.length = 0;
  }

  rollback(): void {
    this.ensureOpen();
    for (let i = this.log.length - 1; i >= 0; i--) this.undo(this.log[i]);
    this.log.length = 0;
    this.state = 'rolledBack';
    this.onClose('rollback', this.log);
  }

  private undo(entry: LogEntry): void {
    if (entry instanceof Vertex) return this.internals.discardVertex(entry);
    if (entry instanceof Edge) return this.internals.discardEdge(entry);
    const change = entry;
    switch (change.kind) {
      case 'removeVertex':
        return this.internals.reviveVertex(change.vertex);
      case 'removeEdge':
        return this.internals.reviveEdge(change.edge);
      case 'addVertexProperty':
        return this.internals.detachVertexProperty(change.property, change.index);
      case 'removeVertexProperty':
        return this.internals.attachVertexProperty(change.property, change.index);
      case 'setEdgeProperty':
        return this.internals.putEdgeProperty(change.edge, change.key, change.previous?.value);
      case 'removeEdgeProperty':
        return this.internals.putEdgeProperty(change.property.element, change.property.key, change.property.value);
    }
  }

  private checkValue(key: string, value: PropertyValue): void {
    if (key === '') throw invalidParameter('Property key must be a non-empty string');
    if (value === null || value === undefined) throw invalidParameter(`Property value of "${key}" must not be null`);
    // Lists, maps and sets are objects too: one typeof answers for every scalar (a bulk load checks millions).
    if (typeof value === 'object' && !(value instanceof Date) && !this.graph.profile.allowCompositeValues) {
      throw invalidParameter(`Property value of "${key}" must be a string, number, boolean or date`);
    }
  }

  private ensureOpen(): void {
    if (this.state !== 'open') throw new Error(`transaction already ${this.state}`);
  }
}
