import gremlin from 'gremlin';
import type { Graph } from '../src/embedded/structure';
import { Edge, Path, Vertex, VertexProperty } from './driver';
import { NotationError, type Notation } from './notation';

/**
 * Names to elements, as the suite names them: a vertex by its `name` property (the last one wins when names
 * repeat, as in TinkerPop's runners), an edge by `outName-label->inName`. Built from the graph object itself
 * (the runner hosts the server in-process), so resolving names does not depend on steps the interpreter may
 * not support yet.
 */
export interface GraphIndex {
  readonly vertices: ReadonlyMap<string, ElementRef>;
  readonly edges: ReadonlyMap<string, EdgeRef>;
}

export interface ElementRef {
  readonly id: unknown;
  readonly label: string;
}

export interface EdgeRef extends ElementRef {
  readonly outV: ElementRef;
  readonly inV: ElementRef;
}

export function indexGraph(graph: Graph): GraphIndex {
  const vertices = new Map<string, ElementRef>();
  for (const v of graph.vertices()) {
    const name = v.value('name');
    if (name !== undefined) vertices.set(String(name), { id: v.id, label: v.label });
  }
  const edges = new Map<string, EdgeRef>();
  for (const e of graph.edges()) {
    const outName = e.outV.value('name');
    const inName = e.inV.value('name');
    if (outName === undefined || inName === undefined) continue;
    edges.set(`${String(outName)}-${e.label}->${String(inName)}`, {
      id: e.id,
      label: e.label,
      outV: { id: e.outV.id, label: e.outV.label },
      inV: { id: e.inV.id, label: e.inV.label },
    });
  }
  return { vertices, edges };
}

/** An unnamed vertex is taken as a reference by id, as TinkerPop's runners do (`v[1]` in an empty graph). */
export function vertexRef(index: GraphIndex, name: string): ElementRef {
  return index.vertices.get(name) ?? { id: name, label: 'vertex' };
}

export function edgeRef(index: GraphIndex, key: string): EdgeRef {
  const edge = index.edges.get(key);
  if (!edge) throw new NotationError(`no edge e[${key}] in the graph`);
  return edge;
}

const { t, direction, merge, P } = gremlin.process;

/** The value a parameter stands for, as the driver's own objects, ready to bind into a traversal. */
export function toDriverValue(n: Notation, index: GraphIndex): unknown {
  switch (n.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'string':
    case 'number':
    case 'date':
      return n.value;
    case 'vertex': {
      const ref = vertexRef(index, n.name);
      return new Vertex(ref.id, ref.label);
    }
    case 'vertexId': {
      const { id } = vertexRef(index, n.name);
      return n.asString ? String(id) : id;
    }
    case 'edge': {
      const ref = edgeRef(index, n.key);
      return new Edge(ref.id, new Vertex(ref.outV.id, ref.outV.label), ref.label, new Vertex(ref.inV.id, ref.inV.label));
    }
    case 'edgeId': {
      const { id } = edgeRef(index, n.key);
      return n.asString ? String(id) : id;
    }
    case 'vertexProperty':
      return new VertexProperty(null, n.key, toDriverValue(n.value, index));
    case 'path':
      return new Path([], n.items.map((i) => toDriverValue(i, index)));
    case 'list':
      return n.items.map((i) => toDriverValue(i, index));
    case 'set':
      // The 3.7 driver cannot send a JS Set; traversals holding one go as Gremlin text (see execute.ts).
      return new Set(n.items.map((i) => toDriverValue(i, index)));
    case 'map':
      return new Map(n.entries.map(([k, v]) => [toDriverValue(k, index), toDriverValue(v, index)]));
    case 'token':
      return token(n.type, n.name);
    case 'lambda':
      throw new NotationError('lambdas cannot be sent (the scenario should have been skipped)');
  }
}

/** `using the parameter x of P.within("l[...]")`: the driver's P.within takes a list as its values. */
export function toDriverPredicate(operator: string, value: unknown): unknown {
  const factory = (P as unknown as Record<string, (...args: unknown[]) => unknown>)[operator];
  if (typeof factory !== 'function') throw new NotationError(`unknown predicate P.${operator}`);
  return factory(value);
}

function token(type: 'T' | 'Direction' | 'Merge', name: string): unknown {
  const table = (type === 'T' ? t : type === 'Direction' ? direction : merge) as unknown as Record<string, unknown>;
  const value = table[name] ?? table[name.toLowerCase()];
  if (value === undefined) throw new NotationError(`unknown ${type} token ${name}`);
  return value;
}
