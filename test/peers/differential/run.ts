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
  /** Each result, canonical, in the order compared. */
  readonly items?: readonly string[];
}

async function outcome(g: G, traversal: Traversal): Promise<Outcome> {
  try {
    const results = await apply(g.with_('evaluationTimeout', 10_000), traversal).toList();
    const items = results.map(canonical);
    if (!traversal.ordered) items.sort();
    return { ok: true, result: `[${items.join(',')}]`, items };
  } catch (err) {
    return { ok: false, result: String((err as Error).message).split('\n')[0]!.slice(0, 300) };
  }
}

/**
 * Differences where both servers are right by their own rules, recognised by the traversal and both outcomes.
 * Each is counted apart from the mismatches, with its reason.
 */
/** Both results list the same elements (by their T.id entries), whatever else differs. */
const SAME_ELEMENTS = (a: string, b: string) => {
  const ids = (r: string) => (r.match(/T\.id:"[^"]*"/g) ?? []).sort().join();
  return ids(a) === ids(b);
};

/**
 * Gremlin Server's TraverserIterator bulks a traversal's results into a TraverserSet before sending them, up to
 * 1000 distinct results at a time (its barrier size, a constant in TinkerPop 3.7).
 */
const SERVER_BULKING_WINDOW = 1000;

/**
 * The list as Gremlin Server sends it: within each window of SERVER_BULKING_WINDOW distinct items, equal items
 * moved together, at the place of the first of them. (Over a whole result this long or longer, grouping
 * across windows would mistake e.g. air-routes' g.E().order().by(T.id).valueMap(), with its 6341 results and
 * equal maps of the two directions of a route far apart, for a difference.)
 */
function groupedByFirstOccurrence(items: readonly string[]): string[] {
  const out: string[] = [];
  let window = new Map<string, string[]>();
  for (const item of items) {
    if (!window.has(item) && window.size === SERVER_BULKING_WINDOW) {
      out.push(...[...window.values()].flat());
      window = new Map();
    }
    window.set(item, [...(window.get(item) ?? []), item]);
  }
  out.push(...[...window.values()].flat());
  return out;
}

export const KNOWN_DIFFERENCES: readonly { readonly reason: string; readonly applies: (text: string, ours: Outcome, theirs: Outcome) => boolean }[] = [
  {
    reason:
      "TinkerPop's CountStrategy rewrites count().is(P) to limit(n).count().is(P), so TinkerGraph passes on the limit instead of the count; the embedded engine (like Neptune, which has no CountStrategy) passes on the count",
    applies: (text, ours, theirs) => ours.ok && theirs.ok && /count\(\)\.is\(/.test(text),
  },
  {
    reason:
      "by(key) on a vertex holding several values of the key: TinkerGraph fails ('Multiple properties exist for the provided key'), the embedded engine takes one value, leniently, as the gateway's ordering of multi-valued (set) keys relies on",
    applies: (_text, ours, theirs) => ours.ok && !theirs.ok && theirs.result.includes('Multiple properties exist for the provided key'),
  },
  {
    reason:
      'local() over traversers TinkerPop has bulked (the same element reached several times): TinkerPop counts inside local() once per bulk unit, multiplying the count by the bulk; the embedded engine counts per traverser',
    applies: (text, ours, theirs) => ours.ok && theirs.ok && /local\(__\.\w+\([^)]*\)\.count\(\)\)/.test(text),
  },
  {
    reason:
      'elementMap() of a vertex holding several values of a key gives one of them, which one Gremlin leaves open: TinkerGraph the last added, the embedded engine the first',
    applies: (text, ours, theirs) => ours.ok && theirs.ok && text.includes('elementMap()') && SAME_ELEMENTS(ours.result, theirs.result),
  },
  {
    reason:
      'order() without by() over map entries whose keys mix strings and T tokens (elementMap().unfold()): the order across those types differs (TinkerGraph puts the T tokens last); the same entries either way',
    applies: (text, ours, theirs) => ours.ok && theirs.ok && /Map\([^)]*\)\.unfold\(\).*order\(\)/.test(text) && [...ours.result].sort().join('') === [...theirs.result].sort().join(''),
  },
  {
    reason:
      "equal results after an order() barrier come out of Gremlin Server bulked into one traverser (per 1000 distinct results), so TinkerPop groups them at the first one's place; the embedded engine keeps them where the order put them",
    applies: (_text, ours, theirs) => ours.ok && theirs.ok && groupedByFirstOccurrence(ours.items ?? []).join() === (theirs.items ?? []).join(),
  },
  {
    reason: 'one server hit the 10 s evaluation timeout (a heavy traversal on a busy machine): inconclusive, not a difference of results',
    applies: (_text, ours, theirs) => ours.ok !== theirs.ok && /timeout|TimeLimitExceeded/i.test(ours.ok ? theirs.result : ours.result),
  },
];

/** More results than this are not compared: the driver expands bulked traversers into one array, which can outgrow memory. */
const MAX_RESULTS = 200_000;

async function tooLarge(g: G, traversal: Traversal): Promise<boolean> {
  try {
    const counted = await apply(g.with_('evaluationTimeout', 10_000), traversal).count().next();
    return Number(counted.value) > MAX_RESULTS;
  } catch {
    return false;
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
  /** Not compared: more than MAX_RESULTS results on the reference server. */
  readonly tooLarge: number;
  /** Differing by a known, legitimate difference (KNOWN_DIFFERENCES), by reason. */
  readonly known: Record<string, number>;
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
    let large = 0;
    const known: Record<string, number> = {};
    const mismatches: Mismatch[] = [];
    for (let i = 0; i < cases; i++) {
      const traversal = generate(rand, vocab);
      if (await tooLarge(theirs.g, traversal)) {
        large++;
        continue;
      }
      const [a, b] = await Promise.all([outcome(ours.g, traversal), outcome(theirs.g, traversal)]);
      if (a.ok && b.ok && a.result === b.result) same++;
      else if (!a.ok && !b.ok) bothFailed++;
      else {
        const text = print(traversal);
        const reason = KNOWN_DIFFERENCES.find((k) => k.applies(text, a, b))?.reason;
        if (reason) known[reason] = (known[reason] ?? 0) + 1;
        else mismatches.push({ dataset, case: i, traversal: text, embedded: a, reference: b });
      }
    }
    return { dataset, cases, same, bothFailed, tooLarge: large, known, mismatches };
  } finally {
    await ours.close();
    await theirs.close();
    await embedded.close();
  }
}
