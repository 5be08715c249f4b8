/**
 * Whether two servers gave the same answer to a hand-written traversal, as the driver decodes it: maps compared
 * by their entries whatever their order, paths by their objects, elements by id. Lists keep their order, since
 * each benchmark traversal orders what it pages.
 */
import gremlin from 'gremlin';

const { Path, Vertex, Edge, VertexProperty } = gremlin.structure;

export function sameAnswer(a: unknown, b: unknown): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

function normal(x: unknown): unknown {
  if (x instanceof Map) return [...x].map(([k, v]) => [normal(k), normal(v)] as const).sort((p, q) => (JSON.stringify(p[0]) < JSON.stringify(q[0]) ? -1 : 1));
  if (Array.isArray(x)) return x.map(normal);
  if (x instanceof Path) return (x as unknown as { objects: unknown[] }).objects.map(normal);
  if (x instanceof Vertex || x instanceof Edge || x instanceof VertexProperty) return { id: (x as unknown as { id: unknown }).id };
  if (typeof x === 'bigint') return Number(x);
  return x;
}
