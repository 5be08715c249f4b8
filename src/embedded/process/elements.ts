import gremlin from 'gremlin';
import { Edge, Property, Vertex, VertexProperty, type Element } from '../structure';
import { elementKind, idString } from './compare';
import type { Runtime } from './runtime';

/**
 * Reading elements the way steps need it: through the strategies' visibility rules, and accepting the
 * driver's element references (a `Vertex` argument of `V(v)` or `inject(v)`) by resolving them by id.
 */

/** A store element for a store element or a driver reference to one; undefined if it is not in the graph. */
export function resolveElement(x: unknown, rt: Runtime): Element | VertexProperty | undefined {
  if (x instanceof Vertex || x instanceof Edge || x instanceof VertexProperty) return x;
  if (x instanceof gremlin.structure.Vertex) return rt.graph.vertex(idString((x as { id?: unknown }).id));
  if (x instanceof gremlin.structure.Edge) return rt.graph.edge(idString((x as { id?: unknown }).id));
  return undefined;
}

/** Accepts either kind of element; gives the store's, for a traversal that reads or walks from it. */
export function asVertex(x: unknown, rt: Runtime): Vertex | undefined {
  if (x instanceof Vertex) return x;
  if (elementKind(x) === 'vertex') return rt.graph.vertex(idString((x as { id: unknown }).id));
  return undefined;
}

export function asEdge(x: unknown, rt: Runtime): Edge | undefined {
  if (x instanceof Edge) return x;
  if (elementKind(x) === 'edge') return rt.graph.edge(idString((x as { id: unknown }).id));
  return undefined;
}

/** An element's properties under the given keys (all keys if none), in the store's order. */
export function propertiesOf(x: unknown, requested: readonly string[], rt: Runtime): (VertexProperty | Property)[] {
  const element = resolveElement(x, rt);
  // A key named twice (values('name', 'name')) still reads each property once, as in TinkerPop.
  const keys = requested.length > 1 ? [...new Set(requested)] : requested;
  const out: (VertexProperty | Property)[] = [];
  if (element instanceof Vertex) {
    const lists = keys.length === 0 ? element.properties.values() : keys.map((k) => element.propertiesOf(k));
    for (const list of lists) {
      for (const p of list) if (rt.visibleKey(p.key) && rt.visible(p)) out.push(p);
    }
  } else if (element instanceof Edge) {
    if (keys.length === 0) {
      for (const p of element.properties.values()) if (rt.visibleKey(p.key)) out.push(p);
    } else {
      for (const k of keys) {
        const p = element.property(k);
        if (p && rt.visibleKey(k)) out.push(p);
      }
    }
  }
  return out;
}

/** The value of one key for by('key') and friends: the first one, or undefined when absent. */
export function valueOf(x: unknown, key: string, rt: Runtime): unknown {
  const element = resolveElement(x, rt);
  if (element instanceof Vertex) {
    if (!rt.visibleKey(key)) return undefined;
    for (const p of element.propertiesOf(key)) if (rt.visible(p)) return p.value;
    return undefined;
  }
  if (element instanceof Edge) return rt.visibleKey(key) ? element.value(key) : undefined;
  return undefined;
}

export function isElement(x: unknown): boolean {
  return elementKind(x) !== undefined;
}

/** Vertices of the graph, optionally by label, as this traversal may see them. */
export function* allVertices(rt: Runtime, labels?: readonly string[]): IterableIterator<Vertex> {
  const sources: Iterable<Vertex>[] = labels ? [...new Set(labels)].map((l) => rt.graph.verticesWithLabel(l)) : [rt.graph.vertices()];
  const seen = labels && labels.length > 1 ? new Set<Vertex>() : undefined;
  for (const source of sources) {
    for (const v of rt.snapshot ? [...source] : source) {
      rt.tick();
      if (v.removed || !rt.visible(v)) continue;
      if (seen) {
        if (seen.has(v)) continue;
        seen.add(v);
      }
      yield v;
    }
  }
}

export function* allEdges(rt: Runtime, labels?: readonly string[]): IterableIterator<Edge> {
  const sources: Iterable<Edge>[] = labels ? [...new Set(labels)].map((l) => rt.graph.edgesWithLabel(l)) : [rt.graph.edges()];
  for (const source of sources) {
    for (const e of rt.snapshot ? [...source] : source) {
      rt.tick();
      if (!e.removed && rt.visible(e)) yield e;
    }
  }
}

/** Incident edges of a vertex in a direction, as this traversal may see them. */
export function* incidentEdges(rt: Runtime, v: Vertex, direction: 'OUT' | 'IN' | 'BOTH', labels: readonly string[]): IterableIterator<Edge> {
  for (const list of adjacency(rt, v, direction, labels)) {
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      rt.tick();
      if (!e.removed && rt.visible(e)) yield e;
    }
  }
}

/**
 * Adjacent vertices (out/in/both), as this traversal may see them; a self-loop counts once per end. One loop
 * over the adjacency arrays, rather than through incidentEdges: hops are what traversals do most.
 */
export function* adjacentVertices(rt: Runtime, v: Vertex, direction: 'OUT' | 'IN' | 'BOTH', labels: readonly string[]): IterableIterator<Vertex> {
  if (direction !== 'IN') {
    for (const list of adjacency(rt, v, 'OUT', labels)) {
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        rt.tick();
        if (!e.removed && rt.visible(e) && rt.visible(e.inV)) yield e.inV;
      }
    }
  }
  if (direction !== 'OUT') {
    for (const list of adjacency(rt, v, 'IN', labels)) {
      for (let i = 0; i < list.length; i++) {
        const e = list[i];
        rt.tick();
        if (!e.removed && rt.visible(e) && rt.visible(e.outV)) yield e.outV;
      }
    }
  }
}

/** A vertex's adjacency lists; copies for a traversal that writes, so it never visits what it adds. */
function adjacency(rt: Runtime, v: Vertex, direction: 'OUT' | 'IN' | 'BOTH', labels: readonly string[]): readonly Edge[][] {
  const lists = v.edgeLists(direction, labels);
  return rt.snapshot ? lists.map((list) => list.slice()) : lists;
}
