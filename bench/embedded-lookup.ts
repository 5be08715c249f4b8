/**
 * Property-value lookups on the embedded store: `V().has(...)` (and one `E().has(...)`) answered by a scan
 * against the same traversal answered from the property-value index, on air-routes and LDBC SNB; the heap the
 * index takes (the keys the lookups used, and every key); CSV load time with no key indexed and with every
 * key indexed during the load. Prints a table and writes `embedded-lookup.json` into `--out` (default
 * bench/results). Run: `npm run bench -- lookup` or `npx tsx bench/embedded-lookup.ts [--rounds N] [--out DIR] [--plan]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import { loadNeptuneCsv } from '../src/embedded/import/neptune-csv';
import { readHeader } from '../src/embedded/import/read-rows';
import { compileTraversal } from '../src/embedded/process';
import { Graph, type ElementKind, type Transaction } from '../src/embedded/structure';
import { Budget } from './budget';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DATASETS = join(__dirname, '../../shared/datasets');
const args = parseArgs({
  options: { rounds: { type: 'string', default: '200' }, out: { type: 'string', default: join(__dirname, 'results') }, plan: { type: 'boolean', default: false } },
}).values;
const ROUNDS = Number(args.rounds);
/**
 * Each lookup's scan runs ROUNDS rounds or for SCAN_MS, whichever ends first, but at least MIN_ROUNDS; the index
 * then runs the same rounds (it takes a fraction of a millisecond). A scan's time varies little from round to
 * round, so the mean of 20 is as good as of 200, and the slowest scans (60 to 100 ms) no longer take most of the run.
 */
const SCAN_MS = 1000;
const MIN_ROUNDS = 20;
/** Loads of each dataset, alternating with and without every key indexed, the fastest of each kept. */
const LOADS = 2;

type Source = gremlin.process.GraphTraversalSource;
const g = gremlin.process.AnonymousTraversalSource.traversal().withGraph(new gremlin.structure.Graph()) as Source;
const { P } = gremlin.process;
const __ = gremlin.process.statics;

interface Lookup {
  readonly name: string;
  /** The traversal for the i-th round, so rounds look up different values. */
  readonly traversal: (i: number) => gremlin.process.GraphTraversal;
}

interface Dataset {
  readonly name: string;
  readonly files: readonly string[];
  lookups(graph: Graph): Lookup[];
}

const airRoutes: Dataset = {
  name: 'air-routes',
  files: [join(DATASETS, 'air-routes/air-routes-nodes.csv'), join(DATASETS, 'air-routes/air-routes-edges.csv')],
  lookups(graph) {
    const codes = valuesOf(graph, 'airport', 'code');
    const distances = [...new Set([...graph.edgesWithLabel('route')].map((e) => e.value('dist')))];
    const regions = valuesOf(graph, 'airport', 'region');
    const code = (i: number) => codes[i % codes.length] as string;
    return [
      { name: "V().has('airport','code',X)", traversal: (i) => g.V().has('airport', 'code', code(i)) },
      { name: "V().hasLabel('airport').has('code',X)", traversal: (i) => g.V().hasLabel('airport').has('code', code(i)) },
      { name: "V().has('code',X).out('route').count()", traversal: (i) => g.V().has('code', code(i)).out('route').count() },
      { name: "V().has('code',within(X,Y,Z))", traversal: (i) => g.V().has('code', P.within(code(i), code(i + 1), code(i + 2))) },
      { name: "V().has('airport','region',X) (~1% of airports)", traversal: (i) => g.V().has('airport', 'region', regions[i % regions.length] as string) },
      { name: "V().has('airport','runways',3) (~10%)", traversal: () => g.V().has('airport', 'runways', 3) },
      { name: "E().has('route','dist',X) (edges)", traversal: (i) => g.E().has('route', 'dist', distances[i % distances.length] as number) },
      {
        name: 'upsert: V().has(..).fold().coalesce(unfold(),addV())',
        traversal: (i) => g.V().has('airport', 'code', code(i)).fold().coalesce(__.unfold(), __.addV('airport').property('code', code(i))),
      },
    ];
  },
};

const ldbc: Dataset = {
  name: 'ldbc-snb',
  files: [join(DATASETS, 'ldbc-snb/vertices.csv'), join(DATASETS, 'ldbc-snb/edges.csv')],
  lookups(graph) {
    const names = valuesOf(graph, 'Tag', 'name');
    const emails = valuesOf(graph, 'Person', 'email');
    const firstNames = valuesOf(graph, 'Person', 'firstName');
    const dates = valuesOf(graph, 'Post', 'creationDate');
    return [
      { name: "V().has('Tag','name',X)", traversal: (i) => g.V().has('Tag', 'name', names[i % names.length] as string) },
      { name: "V().has('email',X) (set cardinality)", traversal: (i) => g.V().has('email', emails[i % emails.length] as string) },
      { name: "V().hasLabel('Person').has('firstName',X)", traversal: (i) => g.V().hasLabel('Person').has('firstName', firstNames[i % firstNames.length] as string) },
      { name: "V().has('Post','creationDate',X) (Long)", traversal: (i) => g.V().has('Post', 'creationDate', dates[i % dates.length] as number) },
    ];
  },
};

/** Distinct values of a key among vertices of a label, in graph order: what the rounds look up. */
function valuesOf(graph: Graph, label: string, key: string): unknown[] {
  const values = new Set<unknown>();
  for (const v of graph.verticesWithLabel(label)) for (const p of v.properties.get(key) ?? []) values.add(p.value);
  return [...values];
}

/**
 * Compiles and runs a traversal to the end, as the server does for a request (in a transaction, committed,
 * when it writes); returns the result count.
 */
function run(graph: Graph, traversal: gremlin.process.GraphTraversal): number {
  const compiled = compileTraversal(traversal.getBytecode());
  const count = (tx?: Transaction) => {
    const it = compiled.execute({ graph, tx });
    let n = 0;
    for (let r = it.next(); !r.done; r = it.next()) n += r.value.bulk;
    return n;
  };
  return compiled.mutating ? graph.transact(count) : count();
}

/**
 * Mean milliseconds per lookup over `rounds` rounds (or, without, as many as fit in SCAN_MS within the bounds
 * above), after a warm-up; the rounds run and the results' total, to compare.
 */
function time(graph: Graph, lookup: Lookup, rounds?: number): { ms: number; rounds: number; results: number } {
  for (let i = 0; i < Math.min(ROUNDS, 20); i++) run(graph, lookup.traversal(i));
  let results = 0;
  let done = 0;
  const start = performance.now();
  const until = start + SCAN_MS;
  while (rounds === undefined ? done < ROUNDS && (done < MIN_ROUNDS || performance.now() < until) : done < rounds) results += run(graph, lookup.traversal(done++));
  return { ms: (performance.now() - start) / done, rounds: done, results };
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** The property keys the files' headers declare, vertex and edge keys apart. */
async function keysOf(files: readonly string[]): Promise<Keys> {
  const keys = { vertex: new Set<string>(), edge: new Set<string>() };
  for (const file of files) {
    const header = await readHeader(file);
    for (const column of header.properties) keys[header.kind].add(column.key);
  }
  return { vertex: [...keys.vertex], edge: [...keys.edge] };
}

type Keys = Record<ElementKind, string[]>;

function indexAll(graph: Graph, keys: Keys): void {
  for (const kind of ['vertex', 'edge'] as const) for (const key of keys[kind]) graph.indexProperty(key, kind);
}

const describeKeys = (keys: Keys) => `${keys.vertex.length} vertex and ${keys.edge.length} edge keys`;

/**
 * CSV load time with nothing indexed during the load (the default: keys are indexed at their first lookup)
 * and with every key of vertices and edges indexed from the start, so that the load maintains the index as
 * it goes; and what the first lookup by each vertex key pays once, a pass over the vertices to index it.
 * Alternated and repeated, the fastest of each kept, so that JIT warm-up and garbage collection do not decide.
 */
async function loadTimes(dataset: Dataset, keys: Keys) {
  let plain = Infinity;
  let indexed = Infinity;
  const builds = new Map<string, number>();
  for (let i = 0; i < LOADS; i++) {
    const load = async (indexFirst: boolean): Promise<number> => {
      const graph = new Graph();
      if (indexFirst) indexAll(graph, keys);
      heapUsed();
      const ms = await timed(() => loadNeptuneCsv(graph, [...dataset.files]));
      if (!indexFirst) for (const key of keys.vertex) builds.set(key, Math.min(builds.get(key) ?? Infinity, timedSync(() => graph.indexProperty(key))));
      return ms;
    };
    if (i % 2 === 0) {
      plain = Math.min(plain, await load(false));
      indexed = Math.min(indexed, await load(true));
    } else {
      indexed = Math.min(indexed, await load(true));
      plain = Math.min(plain, await load(false));
    }
  }
  return { plain, indexed, builds: [...builds].map(([key, ms]) => ({ key, ms })).sort((a, b) => b.ms - a.ms) };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function timedSync(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

interface LookupRow {
  readonly lookup: string;
  readonly rounds: number;
  readonly scanMs: number;
  readonly indexMs: number;
  readonly resultsPerRound: number;
}

async function bench(dataset: Dataset): Promise<object> {
  const keys = await keysOf(dataset.files);
  const loads = await loadTimes(dataset, keys);

  const before = heapUsed();
  const graph = new Graph();
  await loadNeptuneCsv(graph, [...dataset.files]);
  const lookups = dataset.lookups(graph);
  const loaded = heapUsed();

  console.log(`\n${dataset.name}: ${graph.vertexCount} vertices, ${graph.edgeCount} edges; per lookup up to ${ROUNDS} rounds or ${SCAN_MS / 1000} s of scans, at least ${MIN_ROUNDS} (compile + run to the end)`);
  console.log(`${pad('lookup', 56)}${lpad('rounds', 8)}${lpad('scan ms', 10)}${lpad('index ms', 10)}${lpad('speed-up', 10)}${lpad('results', 9)}`);
  const rows: LookupRow[] = [];
  for (const lookup of lookups) {
    graph.useValueIndex = false;
    const scan = time(graph, lookup);
    graph.useValueIndex = true;
    const index = time(graph, lookup, scan.rounds);
    if (scan.results !== index.results) throw new Error(`${lookup.name}: the scan found ${scan.results} results, the index ${index.results}`);
    rows.push({ lookup: lookup.name, rounds: scan.rounds, scanMs: scan.ms, indexMs: index.ms, resultsPerRound: scan.results / scan.rounds });
    console.log(
      `${pad(lookup.name, 56)}${lpad(String(scan.rounds), 8)}${lpad(scan.ms.toFixed(3), 10)}${lpad(index.ms.toFixed(3), 10)}${lpad(`${(scan.ms / index.ms).toFixed(0)}x`, 10)}${lpad(String(Math.round((scan.results / scan.rounds) * 1000) / 1000), 9)}`,
    );
  }

  const lookedUp = { vertex: graph.indexedProperties('vertex'), edge: graph.indexedProperties('edge') };
  const withLookedUp = heapUsed();
  indexAll(graph, keys);
  const withAll = heapUsed();
  console.log(`heap: graph ${mb(loaded - before)}; index of the keys looked up (${[...lookedUp.vertex, ...lookedUp.edge.map((k) => `${k} of edges`)].join(', ')}) +${mb(withLookedUp - loaded)}; index of all ${describeKeys(keys)} +${mb(withAll - loaded)}`);
  console.log(`CSV load: ${loads.plain.toFixed(0)} ms with no key indexed, ${loads.indexed.toFixed(0)} ms with all ${describeKeys(keys)} indexed`);
  console.log(`indexing a key at its first lookup: ${loads.builds[0].ms.toFixed(1)} ms at most (${loads.builds[0].key}), ${loads.builds.reduce((n, b) => n + b.ms, 0).toFixed(1)} ms for all ${keys.vertex.length} vertex keys`);
  return {
    dataset: dataset.name,
    vertices: graph.vertexCount,
    edges: graph.edgeCount,
    lookups: rows,
    heapMB: { graph: (loaded - before) / 2 ** 20, indexLookedUp: (withLookedUp - loaded) / 2 ** 20, indexAll: (withAll - loaded) / 2 ** 20 },
    csvLoadMs: { plain: loads.plain, allIndexed: loads.indexed },
    firstLookupIndexMs: loads.builds,
  };
}

/**
 * Idle-machine seconds of what is not time-boxed, per dataset: the CSV loads (LOADS of each kind and one for the
 * lookups, 1 s for air-routes and 1.6 s for LDBC each: the embedded server's CPU time to load them), the
 * index's rounds, the heap measures, and scans that outlast SCAN_MS for want of MIN_ROUNDS (air-routes' edge
 * scan: 60 to 100 ms a round).
 */
const DATASET_S = { 'air-routes': { load: 1, rest: 2.5 }, 'ldbc-snb': { load: 1.6, rest: 1.5 } };

async function main(): Promise<void> {
  const datasets = [airRoutes, ldbc];
  const budget = new Budget('lookup');
  for (const d of datasets) {
    const s = DATASET_S[d.name as keyof typeof DATASET_S];
    budget.estimated(`${d.name}: ${2 * LOADS + 1} CSV loads, index rounds`, (2 * LOADS + 1) * s.load + s.rest);
    // An empty graph gives the same lookups, with nothing to look up yet: enough to count them.
    budget.timeBoxed(`${d.name}: scans of up to ${SCAN_MS / 1000} s per lookup`, d.lookups(new Graph()).length * (SCAN_MS / 1000));
  }
  budget.start(args.plan);
  const results = [];
  for (const dataset of datasets) results.push(await bench(dataset));
  const timing = budget.finish();
  mkdirSync(args.out, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  writeFileSync(join(args.out, 'embedded-lookup.json'), `${JSON.stringify({ machine, timing, maxRounds: ROUNDS, scanMs: SCAN_MS, minRounds: MIN_ROUNDS, results }, null, 2)}\n`);
  console.log(`wrote ${join(args.out, 'embedded-lookup.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
