import gremlin from 'gremlin';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Serializer } from '../../src/neptune/config';
import { MIME_TYPES } from '../../src/neptune/connection';
import { guardedResponseReader } from '../../src/neptune/response-reader';
import { writeGraphSON } from '../../src/embedded/io/graphson/writer';
import { stringify, type JsonTree } from '../../src/embedded/io/json-text';
import { Edge, Graph, LABEL_SEPARATOR } from '../../src/embedded/structure';

const { t } = gremlin.process;
// TinkerPop's IO.reader and IO.graphson tokens, which the JavaScript driver does not export.
const IO_READER = '~tinkerpop.io.reader';
const GRAPHSON = 'graphson';
const __ = gremlin.process.statics;
export type G = gremlin.process.GraphTraversalSource;

/**
 * A traversal source over the real driver, reading responses as the gateway does (JanusGraph's edge ids as
 * strings); `close` ends its connection.
 */
export function remote(url: string, serializer: Serializer = 'graphbinary'): { g: G; close(): Promise<void> } {
  const reader = guardedResponseReader(serializer, (err) => {
    throw err;
  });
  const connection = new gremlin.driver.DriverRemoteConnection(url, { mimeType: MIME_TYPES[serializer], reader });
  return { g: gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection), close: () => connection.close() };
}

/** Empties the remote graph. */
export async function clearRemote(g: G): Promise<void> {
  await g.E().drop().iterate();
  await g.V().drop().iterate();
}

/**
 * Writes an embedded graph's vertices and edges, with their ids, labels and properties (every value of a
 * multi-valued key), into a remote Gremlin Server on this machine: as a GraphSON 3 adjacency file (the format
 * of TinkerPop's datasets) read by the server's own io() step in one request, which loads tens of thousands of
 * elements in seconds where addV batches took minutes. A multi-label vertex keeps Neptune's joined label, the
 * only form a single-label server can hold.
 */
export async function copyToRemote(graph: Graph, g: G): Promise<void> {
  // TinkerPop's GraphSON reader fails on an empty file.
  if (graph.vertexCount === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'nereid-copy-'));
  const file = join(dir, 'graph.json');
  try {
    writeAdjacency(graph, file);
    await readGraphSON(g, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Has the server read a GraphSON adjacency file on this machine with its own io() step; without the server's
 * evaluation timeout, which a graph of millions of edges outlasts.
 */
export async function readGraphSON(g: G, file: string): Promise<void> {
  await g.with_('evaluationTimeout', 3_600_000).io(file).with_(IO_READER, GRAPHSON).read().iterate();
}

/** Writes the graph as GraphSON 3 adjacency lines, one vertex a line, streamed so millions of edges fit. */
export function writeAdjacency(graph: Graph, file: string): void {
  const typed = (v: unknown) => writeGraphSON(v, 'tokens');
  let propertyId = 0;
  const edgeRecord = (e: Edge, end: 'inV' | 'outV') => ({
    id: e.id,
    [end]: end === 'inV' ? e.inV.id : e.outV.id,
    properties: Object.fromEntries([...e.properties].map(([k, p]) => [k, typed(p.value)])),
  });
  const byLabel = (edges: Iterable<Edge>, end: 'inV' | 'outV') => {
    const out: Record<string, unknown[]> = {};
    for (const e of edges) (out[e.label] ??= []).push(edgeRecord(e, end));
    return out;
  };
  const fd = openSync(file, 'w');
  try {
    let chunk = '';
    for (const v of graph.vertices()) {
      chunk += stringify({
        id: v.id,
        label: v.labels.join(LABEL_SEPARATOR),
        properties: Object.fromEntries([...v.properties].map(([k, ps]) => [k, ps.map((p) => ({ id: typed(propertyId++), value: typed(p.value) }))])),
        outE: byLabel(v.edges('OUT'), 'inV'),
        inE: byLabel(v.edges('IN'), 'outV'),
      } as JsonTree) + '\n';
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a remote graph back into a new embedded one (labels joined with `::` split again), edge ids through
 * `edgeId` (the test's ids for a server that assigns its own, test/peers/edge-ids.ts).
 */
export async function copyFromRemote(g: G, edgeId: (id: string) => string = (id) => id): Promise<Graph> {
  const vertices = (await g.V().project('id', 'label', 'p').by(t.id).by(t.label).by(__.valueMap()).toList()) as Map<string, any>[];
  const edges = (await g.E().project('id', 'label', 'out', 'in', 'p').by(t.id).by(t.label).by(__.outV().id()).by(__.inV().id()).by(__.valueMap()).toList()) as Map<string, any>[];
  const graph = new Graph();
  graph.transact((tx) => {
    for (const v of vertices) {
      const vertex = tx.addVertex(String(v.get('label')).split(LABEL_SEPARATOR), String(v.get('id')));
      for (const [key, values] of v.get('p') as Map<string, unknown[]>) for (const value of values) tx.addVertexProperty(vertex, key, value, 'set');
    }
    for (const e of edges) {
      const edge = tx.addEdge(e.get('label'), graph.vertex(String(e.get('out')))!, graph.vertex(String(e.get('in')))!, edgeId(String(e.get('id'))));
      for (const [key, value] of e.get('p') as Map<string, unknown>) tx.setEdgeProperty(edge, key, value);
    }
  });
  return graph;
}
