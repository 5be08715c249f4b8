import gremlin from 'gremlin';
import { join } from 'node:path';
import { loadNeptuneCsv } from '../../../src/embedded/import/neptune-csv';
import { loadGraphSONAdjacency } from '../../../src/embedded/io';
import { startGremlinServer } from '../../../src/embedded/server';
import { Graph } from '../../../src/embedded/structure';
import { clearRemote, copyToRemote, remote } from '../copy-graph';
import type { ReferenceServer } from '../gremlin-server';
import { generate, print, random, vocabularyOf, type Arg, type Step, type Traversal } from './generator';

const { P, TextP, t, order, scope, column } = gremlin.process;
const __ = gremlin.process.statics as unknown as Record<string, (...args: unknown[]) => gremlin.process.GraphTraversal>;
type G = gremlin.process.GraphTraversalSource;

const SHARED = join(__dirname, '..', '..', '..', '..', 'shared');

/** The datasets of a differential run: TinkerPop's modern and crew, and a slice of air-routes. */
export const DATASETS: Record<string, () => Promise<Graph>> = {
  modern: async () => adjacency('tinkerpop-modern.json'),
  crew: async () => adjacency('tinkerpop-crew.json'),
  'air-routes-slice': async () => {
    const full = new Graph();
    await loadNeptuneCsv(full, [join(SHARED, 'datasets', 'air-routes', 'air-routes-nodes.csv'), join(SHARED, 'datasets', 'air-routes', 'air-routes-edges.csv')]);
    return slice(full, 150);
  },
};

function adjacency(file: string): Graph {
  const graph = new Graph();
  loadGraphSONAdjacency(graph, join(SHARED, 'tinkerpop', file));
  return graph;
}

/** The first `n` vertices by numeric id (airports, then countries and continents come later) and the edges among them, plus all non-airport vertices. */
function slice(full: Graph, n: number): Graph {
  const keep = new Set([...full.vertices()].filter((v) => v.label !== 'airport' || Number(v.id) <= n).map((v) => v.id));
  const graph = new Graph();
  graph.transact((tx) => {
    for (const v of full.vertices()) {
      if (!keep.has(v.id)) continue;
      const copy = tx.addVertex(v.labels, v.id);
      for (const [key, props] of v.properties) for (const p of props) tx.addVertexProperty(copy, key, p.value, 'set');
    }
    for (const e of full.edges()) {
      if (!keep.has(e.outV.id) || !keep.has(e.inV.id)) continue;
      const copy = tx.addEdge(e.label, graph.vertex(e.outV.id)!, graph.vertex(e.inV.id)!, e.id);
      for (const [key, p] of e.properties) tx.setEdgeProperty(copy, key, p.value);
    }
  });
  return graph;
}

function driverArg(arg: Arg): unknown {
  if (typeof arg !== 'object') return arg;
  if ('anon' in arg) return build(undefined, arg.anon);
  if ('token' in arg) {
    const [type, name] = arg.token.split('.') as [string, string];
    return ({ T: t, Order: order, Scope: scope, Column: column } as Record<string, Record<string, unknown>>)[type]![name];
  }
  const values = arg.values.map((v) => driverArg(v as Arg));
  if (arg.p.startsWith('TextP.')) return (TextP as unknown as Record<string, (...a: unknown[]) => unknown>)[arg.p.slice(6)]!(...values);
  return (P as unknown as Record<string, (...a: unknown[]) => unknown>)[arg.p]!(...values);
}

function build(start: gremlin.process.GraphTraversal | undefined, steps: readonly Step[]): gremlin.process.GraphTraversal {
  let traversal = start;
  for (const s of steps) {
    const args = s.args.map(driverArg);
    traversal = traversal ? (traversal as unknown as Record<string, (...a: unknown[]) => gremlin.process.GraphTraversal>)[s.name]!(...args) : __[s.name]!(...args);
  }
  return traversal!;
}

export function apply(g: G, traversal: Traversal): gremlin.process.GraphTraversal {
  const source = (g as unknown as Record<string, (...a: unknown[]) => gremlin.process.GraphTraversal>)[traversal.source.name]!(...traversal.source.args.map(driverArg));
  return build(source, traversal.steps);
}

/** A result as a comparable string: elements by id, maps and collections unordered, numbers to 12 digits. */
export function canonical(value: unknown): string {
  const { Vertex, Edge, VertexProperty, Property, Path } = gremlin.structure;
  const c = (v: unknown): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v);
    if (typeof v === 'bigint') return String(Number(v));
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'boolean') return String(v);
    // The driver's type definitions leave out these classes' fields.
    const e = v as { id: unknown; key: string; value: unknown; objects: unknown[] };
    if (v instanceof Vertex) return `v[${String(e.id)}]`;
    if (v instanceof Edge) return `e[${String(e.id)}]`;
    if (v instanceof VertexProperty) return `vp[${e.key}=${c(e.value)}]`;
    if (v instanceof Property) return `p[${e.key}=${c(e.value)}]`;
    if (v instanceof Path) return `path[${e.objects.map(c).join(',')}]`;
    if (v instanceof gremlin.process.EnumValue) return `${v.typeName}.${v.elementName}`;
    if (v instanceof Map) return `{${[...v].map(([k, x]) => `${c(k)}:${c(x)}`).sort().join(',')}}`;
    if (Array.isArray(v) || v instanceof Set) return `[${[...v].map(c).sort().join(',')}]`;
    if (typeof v === 'object') return `{${Object.entries(v as object).map(([k, x]) => `${k}:${c(x)}`).sort().join(',')}}`;
    return String(v);
  };
  return c(value);
}

export interface Outcome {
  readonly ok: boolean;
  readonly result: string;
}

async function outcome(g: G, traversal: Traversal): Promise<Outcome> {
  try {
    const results = await apply(g.with_('evaluationTimeout', 10_000), traversal).toList();
    const items = results.map(canonical);
    return { ok: true, result: traversal.ordered ? `[${items.join(',')}]` : `[${items.sort().join(',')}]` };
  } catch (err) {
    return { ok: false, result: String((err as Error).message).split('\n')[0]!.slice(0, 300) };
  }
}

export interface Mismatch {
  readonly dataset: string;
  readonly case: number;
  readonly traversal: string;
  readonly embedded: Outcome;
  readonly reference: Outcome;
}

export interface DatasetFigures {
  readonly dataset: string;
  readonly cases: number;
  /** Same results on both. */
  readonly same: number;
  /** Refused or failed on both (messages differ by design). */
  readonly bothFailed: number;
  readonly mismatches: Mismatch[];
}

/**
 * Runs `cases` generated traversals (seeded) on the embedded server and on the reference server, both holding
 * `graph` and both reached through the JavaScript driver over WebSocket, and compares the results.
 */
export async function runDifferential(reference: ReferenceServer, dataset: string, graph: Graph, cases: number, seed: number): Promise<DatasetFigures> {
  const embedded = await startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
  const ours = remote(embedded.url);
  const theirs = remote(reference.url);
  try {
    await clearRemote(theirs.g);
    await copyToRemote(graph, theirs.g);
    const vocab = vocabularyOf(graph);
    const rand = random(seed);
    let same = 0;
    let bothFailed = 0;
    const mismatches: Mismatch[] = [];
    for (let i = 0; i < cases; i++) {
      const traversal = generate(rand, vocab);
      const [a, b] = await Promise.all([outcome(ours.g, traversal), outcome(theirs.g, traversal)]);
      if (a.ok && b.ok && a.result === b.result) same++;
      else if (!a.ok && !b.ok) bothFailed++;
      else mismatches.push({ dataset, case: i, traversal: print(traversal), embedded: a, reference: b });
    }
    return { dataset, cases, same, bothFailed, mismatches };
  } finally {
    await ours.close();
    await theirs.close();
    await embedded.close();
  }
}
