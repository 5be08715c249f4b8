import gremlin from 'gremlin';
import { Graph, LABEL_SEPARATOR } from '../../src/embedded/structure';

const { t, cardinality } = gremlin.process;
const __ = gremlin.process.statics;
type G = gremlin.process.GraphTraversalSource;
type Traversal = gremlin.process.GraphTraversal;

const BATCH = 150;

/** A traversal source over the real driver; `close` ends its connection. */
export function remote(url: string, mimeType = 'application/vnd.graphbinary-v1.0'): { g: G; close(): Promise<void> } {
  const connection = new gremlin.driver.DriverRemoteConnection(url, { mimeType });
  return { g: gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection), close: () => connection.close() };
}

/** Empties the remote graph. */
export async function clearRemote(g: G): Promise<void> {
  await g.E().drop().iterate();
  await g.V().drop().iterate();
}

/**
 * Writes an embedded graph's vertices and edges, with their ids, labels and properties (every value of a
 * multi-valued key), into a remote one through the driver, a batch of elements per request. A multi-label
 * vertex keeps Neptune's joined label, the only form a single-label server can hold.
 */
export async function copyToRemote(graph: Graph, g: G): Promise<void> {
  await inBatches(graph.vertices(), (tr, v) => {
    let step: Traversal = tr ? tr.addV(v.labels.join(LABEL_SEPARATOR)) : g.addV(v.labels.join(LABEL_SEPARATOR));
    step = step.property(t.id, v.id);
    for (const [key, props] of v.properties) for (const p of props) step = step.property(cardinality.set, key, p.value);
    return step;
  });
  await inBatches(graph.edges(), (tr, e) => {
    let step: Traversal = (tr ? tr.addE(e.label) : g.addE(e.label)).from_(__.V(e.outV.id)).to(__.V(e.inV.id)).property(t.id, e.id);
    for (const [key, p] of e.properties) step = step.property(key, p.value);
    return step;
  });
}

async function inBatches<E>(items: Iterable<E>, add: (tr: Traversal | undefined, item: E) => Traversal): Promise<void> {
  let tr: Traversal | undefined;
  let n = 0;
  for (const item of items) {
    tr = add(tr, item);
    if (++n === BATCH) {
      await tr.iterate();
      tr = undefined;
      n = 0;
    }
  }
  if (tr) await tr.iterate();
}

/** Reads a remote graph back into a new embedded one (labels joined with `::` split again). */
export async function copyFromRemote(g: G): Promise<Graph> {
  const vertices = (await g.V().project('id', 'label', 'p').by(t.id).by(t.label).by(__.valueMap()).toList()) as Map<string, any>[];
  const edges = (await g.E().project('id', 'label', 'out', 'in', 'p').by(t.id).by(t.label).by(__.outV().id()).by(__.inV().id()).by(__.valueMap()).toList()) as Map<string, any>[];
  const graph = new Graph();
  graph.transact((tx) => {
    for (const v of vertices) {
      const vertex = tx.addVertex(String(v.get('label')).split(LABEL_SEPARATOR), String(v.get('id')));
      for (const [key, values] of v.get('p') as Map<string, unknown[]>) for (const value of values) tx.addVertexProperty(vertex, key, value, 'set');
    }
    for (const e of edges) {
      const edge = tx.addEdge(e.get('label'), graph.vertex(String(e.get('out')))!, graph.vertex(String(e.get('in')))!, String(e.get('id')));
      for (const [key, value] of e.get('p') as Map<string, unknown>) tx.setEdgeProperty(edge, key, value);
    }
  });
  return graph;
}
