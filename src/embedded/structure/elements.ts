import { SmallMap } from './small-map';
import { spliced } from './spliced';
import { ALIVE, PENDING, clock, pastAt, visible } from './versions';

/**
 * Graph elements of the embedded store. They are plain mutable records: the Graph owns their invariants
 * (indexes, adjacency) and every change goes through a Transaction so it can be undone and journaled.
 * Readers must treat them as read-only. What a reader sees of them (whether they are there, their
 * properties, their edges) is as of the version it reads at (see versions.ts).
 */

/** Neptune joins the labels of a multi-label vertex with this separator when it reports `label()`. */
export const LABEL_SEPARATOR = '::';

export type Direction = 'OUT' | 'IN' | 'BOTH';

/** Property values are scalars, dates or (TinkerGraph profile only) lists and maps. */
export type PropertyValue = unknown;

const NONE: readonly unknown[] = [];
/** Edge.k0 when the edge holds several properties. */
const SEVERAL = Symbol('several');

export class VertexProperty {
  constructor(
    /** The graph's count of vertex properties when this one was made: its id, spelt only when asked for. */
    readonly serial: number,
    readonly key: string,
    readonly value: PropertyValue,
    readonly vertex: Vertex,
  ) {}

  get id(): string {
    return `p${this.serial}`;
  }
}

export class Property {
  constructor(
    readonly key: string,
    readonly value: PropertyValue,
    readonly element: Edge,
  ) {}
}

export class Vertex {
  /** Joined with `::` as Neptune reports multi-label vertices. */
  readonly label: string;
  /**
   * The latest values, flat: key, serial (see VertexProperty), value, the values of a key side by side in
   * their order, keys in the order they first came. VertexProperty objects are made when asked for: one per
   * value, in an array per key and a map over the keys, cost four times as much. The graph replaces the
   * array rather than edit it, so it can serve as a Past and as an iteration under way as it stands.
   */
  live: readonly unknown[] = NONE;
  /**
   * Adjacency keyed by edge label, so a hop along given labels costs O(matching degree): per label, the edges
   * in insertion order, in an array (a Set would cost three times the memory per edge). The arrays also hold
   * edges some readers do not see (see `edges`). The graph appends to them, and replaces rather than edits an
   * array to take edges out, so an iteration under way is never shifted.
   */
  readonly outEdges: Map<string, Edge[]> = new SmallMap();
  readonly inEdges: Map<string, Edge[]> = new SmallMap();
  born = PENDING;
  died = ALIVE;
  /**
   * Where the vertex stands in the graph's iteration order (by id, and by label): it grows with every
   * attachment (a removal rolled back keeps its place).
   */
  position = 0;

  constructor(
    readonly id: string,
    readonly labels: readonly string[],
  ) {
    this.label = labels.length === 1 ? labels[0] : labels.join(LABEL_SEPARATOR);
  }

  /** Values per key, in insertion order; one value under `single` cardinality. */
  get properties(): Map<string, VertexProperty[]> {
    const triples = this.triples;
    const map = new SmallMap<string, VertexProperty[]>();
    for (let i = 0; i < triples.length; i += 3) {
      const key = triples[i] as string;
      const p = new VertexProperty(triples[i + 1] as number, key, triples[i + 2], this);
      const values = map.get(key);
      if (values) values.push(p);
      else map.set(key, [p]);
    }
    return map;
  }

  /** As `properties.get(key) ?? []`, without the map. */
  propertiesOf(key: string): VertexProperty[] {
    const triples = this.triples;
    const out: VertexProperty[] = [];
    for (let i = 0; i < triples.length; i += 3) {
      if (triples[i] === key) out.push(new VertexProperty(triples[i + 1] as number, key, triples[i + 2], this));
    }
    return out;
  }

  /** Not in the graph as the reader sees it, so stale references held by a traversal can tell. */
  get removed(): boolean {
    return !visible(this);
  }

  hasLabel(label: string): boolean {
    return this.labels.length === 1 ? this.labels[0] === label : this.labels.includes(label);
  }

  /** Incident edges in one direction, optionally restricted to labels; insertion order per label. */
  *edges(direction: Direction, labels?: readonly string[]): IterableIterator<Edge> {
    if (direction !== 'IN') yield* adjacent(this.outEdges, labels);
    if (direction !== 'OUT') yield* adjacent(this.inEdges, labels);
  }

  /**
   * The adjacency lists behind `edges` (OUT then IN, each label once), for loops that check each edge
   * themselves: they may hold edges the reader does not see (`removed` tells).
   */
  edgeLists(direction: Direction, labels?: readonly string[]): Edge[][] {
    const lists: Edge[][] = [];
    if (direction !== 'IN') listsOf(this.outEdges, labels, lists);
    if (direction !== 'OUT') listsOf(this.inEdges, labels, lists);
    return lists;
  }

  /** Number of incident edges without materialising them. */
  degree(direction: Direction, labels?: readonly string[]): number {
    let n = 0;
    if (direction !== 'IN') n += countAdjacent(this.outEdges, labels);
    if (direction !== 'OUT') n += countAdjacent(this.inEdges, labels);
    return n;
  }

  /** First value of a key, the usual read under single cardinality. */
  value(key: string): PropertyValue | undefined {
    const triples = this.triples;
    for (let i = 0; i < triples.length; i += 3) if (triples[i] === key) return triples[i + 2];
    return undefined;
  }

  /** The properties as the reader sees them, flat as `live`. */
  private get triples(): readonly unknown[] {
    return pastAt<readonly unknown[]>(this) ?? this.live;
  }
}

export class Edge {
  born = PENDING;
  died = ALIVE;
  /** As Vertex.position, among edges. */
  position = 0;
  /**
   * The latest properties in two fields: none (both undefined), one (its key and value; most edges hold one
   * or none), or several (SEVERAL, and all of them flat, key then value). Property objects are made when
   * asked for: one per value, and a map to hold them, would cost as much again as the edge itself.
   */
  private k0: string | typeof SEVERAL | undefined = undefined;
  private v0: PropertyValue = undefined;

  constructor(
    readonly id: string,
    readonly label: string,
    readonly outV: Vertex,
    readonly inV: Vertex,
  ) {}

  /** The properties as the reader sees them, in insertion order of their keys. */
  get properties(): Map<string, Property> {
    const pairs = pastAt<readonly unknown[]>(this) ?? this.pairs;
    const map = new SmallMap<string, Property>();
    for (let i = 0; i < pairs.length; i += 2) map.set(pairs[i] as string, new Property(pairs[i] as string, pairs[i + 1], this));
    return map;
  }

  /** As `properties.get(key)`, without the map. */
  property(key: string): Property | undefined {
    const value = this.value(key);
    return value === undefined ? undefined : new Property(key, value, this);
  }

  value(key: string): PropertyValue | undefined {
    const past = pastAt<readonly unknown[]>(this);
    return past ? valueIn(past, key) : this.latest(key);
  }

  /** The latest properties, key then value, whatever the reader's version: the graph's bookkeeping reads them. */
  get pairs(): unknown[] {
    if (this.k0 === undefined) return [];
    return this.k0 === SEVERAL ? [...(this.v0 as unknown[])] : [this.k0, this.v0];
  }

  /** The latest value of a key, whatever the reader's version. */
  latest(key: string): PropertyValue | undefined {
    if (this.k0 === key) return this.v0;
    return this.k0 === SEVERAL ? valueIn(this.v0 as unknown[], key) : undefined;
  }

  /** Sets the latest value of a key, or (undefined) removes it: only the graph calls this, for a Transaction. */
  put(key: string, value: PropertyValue | undefined): void {
    if (value !== undefined && (this.k0 === undefined || this.k0 === key)) {
      this.k0 = key;
      this.v0 = value;
      return;
    }
    const pairs = this.pairs;
    const at = indexIn(pairs, key);
    if (value === undefined) {
      if (at >= 0) this.hold(spliced(pairs, at, 2, NONE));
    } else {
      this.hold(at >= 0 ? spliced(pairs, at + 1, 1, [value]) : spliced(pairs, pairs.length, 0, [key, value]));
    }
  }

  private hold(pairs: unknown[]): void {
    const one = pairs.length === 2;
    this.k0 = pairs.length === 0 ? undefined : one ? (pairs[0] as string) : SEVERAL;
    this.v0 = pairs.length === 0 ? undefined : one ? pairs[1] : pairs;
  }

  get removed(): boolean {
    return !visible(this);
  }

  hasLabel(label: string): boolean {
    return this.label === label;
  }

  /** The vertex at the other end from `v`; for a self-loop, `v` itself. */
  otherV(v: Vertex): Vertex {
    return this.outV === v ? this.inV : this.outV;
  }
}

function indexIn(pairs: readonly unknown[], key: string): number {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return i;
  return -1;
}

function valueIn(pairs: readonly unknown[], key: string): PropertyValue | undefined {
  const at = indexIn(pairs, key);
  return at < 0 ? undefined : pairs[at + 1];
}

export type Element = Vertex | Edge;

function* adjacent(index: Map<string, Edge[]>, labels?: readonly string[]): IterableIterator<Edge> {
  if (!labels || labels.length === 0) {
    for (const list of index.values()) yield* seen(list);
    return;
  }
  for (const label of new Set(labels)) {
    const list = index.get(label);
    if (list) yield* seen(list);
  }
}

function listsOf(index: Map<string, Edge[]>, labels: readonly string[] | undefined, into: Edge[][]): void {
  if (!labels || labels.length === 0) {
    for (const list of index.values()) into.push(list);
    return;
  }
  for (let i = 0; i < labels.length; i++) {
    const list = index.get(labels[i]);
    if (list && (i === 0 || !labels.slice(0, i).includes(labels[i]))) into.push(list);
  }
}

function* seen(list: Edge[]): IterableIterator<Edge> {
  if (clock.unsettled.size === 0) yield* list;
  else for (const e of list) if (visible(e)) yield e;
}

function countAdjacent(index: Map<string, Edge[]>, labels?: readonly string[]): number {
  let n = 0;
  if (!labels || labels.length === 0) {
    for (const list of index.values()) n += count(list);
  } else {
    for (const label of new Set(labels)) {
      const list = index.get(label);
      if (list) n += count(list);
    }
  }
  return n;
}

function count(list: Edge[]): number {
  if (clock.unsettled.size === 0) return list.length;
  let n = 0;
  for (const e of list) if (visible(e)) n++;
  return n;
}
