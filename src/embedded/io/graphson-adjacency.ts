import { readFileSync } from 'node:fs';
import type { Cardinality, Graph, Transaction, Vertex } from '../structure';
import { readGraphSON, type Json } from './graphson/reader';

/**
 * Reads TinkerPop's GraphSON 3 "adjacency list" datasets (tinkerpop-modern.json, grateful-dead.json, ...): one
 * JSON object per line, a vertex with its properties and its outE/inE edges, all values typed GraphSON.
 *
 * Ids become strings ("1"), as the store's ids are. Each edge is listed twice (outE of one end, inE of the
 * other) and is added once, from outE, in file order. What the store cannot hold is dropped and counted:
 * meta-properties (properties of vertex properties, e.g. crew's location startTime/endTime) and the files'
 * vertex property ids (the store numbers its own). Multi-valued keys get `list` cardinality where the graph's
 * profile allows it (TINKERGRAPH), else `set`. The file loads in one transaction: all of it or nothing.
 */
export interface AdjacencyLoadSummary {
  readonly vertices: number;
  readonly edges: number;
  readonly droppedMetaProperties: number;
}

interface VertexRecord {
  id: Json;
  label?: Json;
  properties?: Record<string, Array<{ id?: Json; value: Json; properties?: Record<string, Json> }>>;
  outE?: Record<string, Array<{ id: Json; inV: Json; properties?: Record<string, Json> }>>;
}

export function loadGraphSONAdjacency(graph: Graph, file: string): AdjacencyLoadSummary {
  const lines = readFileSync(file, 'utf8').split('\n');
  const records: Array<{ line: number; record: VertexRecord }> = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      const record = JSON.parse(text) as VertexRecord;
      if (record === null || typeof record !== 'object' || record.id === undefined) throw new Error('a vertex record needs an id');
      records.push({ line: i + 1, record });
    } catch (err) {
      throw new Error(`${file}:${i + 1}: ${(err as Error).message}`);
    }
  });

  let edges = 0;
  let droppedMetaProperties = 0;
  graph.transact((tx) => {
    for (const { line, record } of records) {
      at(file, line, () => {
        const vertex = tx.addVertex([String(record.label ?? 'vertex')], idOf(record.id));
        for (const [key, values] of Object.entries(record.properties ?? {})) {
          const cardinality = cardinalityFor(graph, values.length);
          for (const vp of values) {
            tx.addVertexProperty(vertex, key, readGraphSON(vp.value), cardinality);
            droppedMetaProperties += Object.keys(vp.properties ?? {}).length;
          }
        }
      });
    }
    for (const { line, record } of records) {
      at(file, line, () => {
        const outV = graph.vertex(idOf(record.id))!;
        for (const [label, list] of Object.entries(record.outE ?? {})) {
          for (const e of list) {
            addEdge(tx, graph, outV, label, e);
            edges++;
          }
        }
      });
    }
  });
  return { vertices: records.length, edges, droppedMetaProperties };
}

function addEdge(
  tx: Transaction,
  graph: Graph,
  outV: Vertex,
  label: string,
  e: { id: Json; inV: Json; properties?: Record<string, Json> },
): void {
  const inV = graph.vertex(idOf(e.inV));
  if (!inV) throw new Error(`edge ${idOf(e.id)} points to vertex ${idOf(e.inV)}, which the file does not define`);
  const edge = tx.addEdge(label, outV, inV, idOf(e.id));
  for (const [key, value] of Object.entries(e.properties ?? {})) tx.setEdgeProperty(edge, key, readGraphSON(value));
}

function cardinalityFor(graph: Graph, count: number): Cardinality {
  if (count <= 1) return 'single';
  return graph.profile.allowListCardinality ? 'list' : 'set';
}

function idOf(json: Json): string {
  return String(readGraphSON(json));
}

function at(file: string, line: number, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    throw new Error(`${file}:${line}: ${(err as Error).message}`);
  }
}
