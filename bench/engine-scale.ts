/**
 * The embedded engine at social-network scale. For generated power-law graphs (bench/generate-graph.ts,
 * average degree 20) of 10^5 and 10^6 edges (10^7 with --large): the time from starting `nereid
 * gremlin-server --load` to its ready line and its RSS then; p50/p99 of four reads from seeded random start
 * vertices, over the wire through the gremlin driver and in process through the interpreter; the same 2-hop
 * count on graphology (a plain adjacency structure) in the same process, as a ratio; and the 2-hop read over
 * the wire while a writer commits continuously and while another client holds a transaction open. Beside
 * them, TinkerGraph (bench/tinkergraph.ts): the same reads through the same driver on Apache TinkerPop's Gremlin
 * Server loaded with the same graph, its load time and the JVM's RSS (skipped, saying why, without Java and Maven).
 * Both servers run side by side and the reads over the wire take turns between them, so on a shared machine
 * both meet the same load.
 *
 * The graphs are generate-graph.ts's shared ones (the gateway benchmark's 10^4 and 10^5-vertex graphs), generated
 * once; the run is planned beforehand (bench/budget.ts): the warm-ups are time-boxed, the rest (loads, the JVM,
 * a fixed number of reads from each start) estimated from an idle machine.
 *
 * Run: `npx tsx bench/engine-scale.ts [--sizes 100000,1000000] [--large] [--rounds N] [--passes N] [--skip-tinkergraph] [--out DIR] [--plan]`.
 * Writes DIR/engine-scale.json and DIR/engine-scale.svg (default bench/results) and prints a table.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import Graphology from 'graphology';
import { loadNeptuneCsv } from '../src/embedded/import/neptune-csv';
import { compileTraversal } from '../src/embedded/process';
import { Graph } from '../src/embedded/structure';
import { BUILD_S, BUILT_ENV, Budget } from './budget';
import { SHARED_GRAPHS, sharedGraph, sharedGraphPaths, splitmix32, vertexId } from './generate-graph';
import { graphsonStale, heapFor, startTinkerGraph, tinkerGraphToolMissing, tinkerGraphUnavailable, type TinkerGraphServer } from './tinkergraph';

const ROOT = join(__dirname, '..');
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    large: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '200' },
    passes: { type: 'string', default: '3' },
    'skip-tinkergraph': { type: 'boolean', default: false },
    out: { type: 'string', default: join(__dirname, 'results') },
    data: { type: 'string', default: SHARED_GRAPHS },
    plan: { type: 'boolean', default: false },
  },
});
const SIZES = [...args.sizes.split(',').map(Number), ...(args.large ? [10_000_000] : [])];
const ROUNDS = Number(args.rounds);
/** Warm-up of each read over the wire, the same for both servers. */
const WARM_UP_MS = 3000;
const PASSES = Number(args.passes);

type Source = gremlin.process.GraphTraversalSource;
const { t } = gremlin.process;
const detached = gremlin.process.AnonymousTraversalSource.traversal().withGraph(new gremlin.structure.Graph()) as Source;

interface Read {
  readonly name: string;
  readonly traversal: (g: Source, id: string) => gremlin.process.GraphTraversal;
}

const READS: readonly Read[] = [
  { name: '1-hop count', traversal: (g, id) => g.V(id).out('knows').count() },
  { name: '2-hop dedup count', traversal: (g, id) => g.V(id).out('knows').out('knows').dedup().count() },
  { name: '3-hop count, limit 10000', traversal: (g, id) => g.V(id).out('knows').out('knows').out('knows').limit(10_000).count() },
  {
    name: 'neighbours by name, first 20',
    traversal: (g, id) => g.V(id).both('knows').dedup().order().by('name').by(t.id).range(0, 20).values('name'),
  },
];

interface Latency {
  p50: number;
  p99: number;
  /**
   * Reads over the wire: the p50 of the first pass over the starts / of the last. Near 1 when the warm-up
   * sufficed; well above, when the first pass still ran code the JVM (or V8) had not compiled yet.
   */
  firstPassRatio?: number;
}

interface SizeResult {
  edges: number;
  vertices: number;
  server: { servedAfterS: number; rssMB: number; bytesPerEdgeRss: number };
  inProcess: { loadS: number; loadCpuS: number; heapMB: number; bytesPerEdgeHeap: number };
  wire: Record<string, Latency>;
  local: Record<string, Latency>;
  graphology: { twoHop: Latency; ratio: number };
  underWrites: { idle: Latency; writing: Latency; openTransaction: Latency; writesCommitted: number };
  twoHopResults: number;
  tinkerGraph: TinkerGraphResult | { skipped: string };
}

interface TinkerGraphResult {
  heap: string;
  /** JVM start to listening, and the io() read of the graph: together, what `servedAfterS` is for ours. */
  startS: number;
  loadS: number;
  rssMB: number;
  heapAfterGcMB: number;
  wire: Record<string, Latency>;
  /** Embedded p50 over the wire / TinkerGraph's, for the 2-hop dedup count (target: at most 2). */
  twoHopRatio: number;
}

/**
 * Idle-machine seconds, per size, of what is not time-boxed (from the README's idle 2-core AMD EPYC run, which
 * took 2 min 17 s with the build): generating the graph when no run left it; `loads`, the embedded server's
 * start, the in-process load and graphology's copy; TinkerGraph's JVM start and GraphSON read, and writing that
 * copy when missing; per start and pass, the four reads over the wire on each server (their means, ms); and
 * once per start the reads in process and the 2-hop reads beside the writers (ms). The 10^7 figures are rougher:
 * the README's 149 s server start at that size, scaled from the rest.
 */
const SETUP_S: Record<number, { generate: number; loads: number; tinkerGraph: number; graphson: number; wireMs: { embedded: number; tinkerGraph: number }; onceMs: number }> = {
  100_000: { generate: 0.5, loads: 4, tinkerGraph: 6.5, graphson: 2, wireMs: { embedded: 7, tinkerGraph: 4 }, onceMs: 7 },
  1_000_000: { generate: 5, loads: 23, tinkerGraph: 19, graphson: 15, wireMs: { embedded: 9, tinkerGraph: 3.5 }, onceMs: 8 },
  10_000_000: { generate: 50, loads: 330, tinkerGraph: 240, graphson: 150, wireMs: { embedded: 14, tinkerGraph: 5 }, onceMs: 15 },
};

function plan(skipTinkerGraph: string | undefined): Budget {
  const budget = new Budget('engine-scale');
  if (!process.env[BUILT_ENV]) budget.estimated('npm run build', BUILD_S);
  for (const edges of SIZES) {
    const setup = SETUP_S[10 ** Math.min(7, Math.max(5, Math.round(Math.log10(edges))))];
    const paths = sharedGraphPaths(edges / 10, args.data);
    const generate = existsSync(paths.files[1]) ? 0 : setup.generate;
    const tinker = skipTinkerGraph ? 0 : setup.tinkerGraph + (generate || graphsonStale(paths.files, paths.graphson) ? setup.graphson : 0);
    const wireMs = setup.wireMs.embedded + (skipTinkerGraph ? 0 : setup.wireMs.tinkerGraph);
    budget.estimated(
      `${short(edges)}: ${generate ? 'generate, ' : ''}loads${tinker ? ', TinkerGraph' : ''}, ${ROUNDS} starts x ${PASSES} passes`,
      generate + setup.loads + tinker + (ROUNDS * (PASSES * wireMs + setup.onceMs)) / 1000,
    );
    budget.timeBoxed(`${short(edges)}: warm-ups of ${WARM_UP_MS / 1000} s per read and server`, (READS.length * (skipTinkerGraph ? 1 : 2) * WARM_UP_MS) / 1000);
  }
  return budget;
}

async function main(): Promise<void> {
  const skipTinkerGraph = args['skip-tinkergraph'] ? 'skipped by --skip-tinkergraph' : args.plan ? tinkerGraphToolMissing() : await tinkerGraphUnavailable();
  const budget = plan(skipTinkerGraph);
  budget.start(args.plan);
  mkdirSync(args.out, { recursive: true });
  if (!process.env[BUILT_ENV]) {
    process.stderr.write('building nereid (npm run build)\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  if (skipTinkerGraph) process.stderr.write(`TinkerGraph column skipped: ${skipTinkerGraph}\n`);
  const loadBefore = loadavg();
  const results: SizeResult[] = [];
  for (const edges of SIZES) results.push(await measure(edges, skipTinkerGraph));
  // The machine may be shared: the load average before and after says how far to trust the wall-clock figures.
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageBefore: loadBefore, loadAverage: loadavg() };
  print({ machine, results });
  const report = { machine, timing: budget.finish(), rounds: ROUNDS, passes: PASSES, warmUpMs: WARM_UP_MS, results };
  writeFileSync(join(args.out, 'engine-scale.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(args.out, 'engine-scale.svg'), chart(results));
  process.stdout.write(`wrote ${join(args.out, 'engine-scale.json')} and engine-scale.svg\n`);
}

async function measure(edges: number, skipTinkerGraph: string | undefined): Promise<SizeResult> {
  const vertices = edges / 10;
  const { files, graphson } = await sharedGraph(vertices, args.data);
  const random = splitmix32(7);
  const starts = Array.from({ length: ROUNDS }, () => vertexId(Math.floor(random() * vertices)));
  process.stderr.write(`${edges} edges: starting the server\n`);

  // Over the wire: the server in its own process, as a user starts it; read from once TinkerGraph is up too.
  const server = await startServer(files);

  // In process: the same graph and traversals through the interpreter, no wire.
  process.stderr.write(`${edges} edges: loading in process\n`);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const graph = new Graph();
  await loadNeptuneCsv(graph, [...files]);
  const loadS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, 100)); // the file streams close (and let go of the load) first
  gc();
  const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  const local: Record<string, Latency> = {};
  for (const read of READS) {
    local[read.name] = timeSync(starts, (id) => drain(graph, read.traversal(detached, id)));
  }
  const twoHop = READS[1];

  // The floor: the same 2-hop dedup count over graphology's adjacency.
  const plain = new Graphology({ type: 'directed', multi: true });
  for (const v of graph.vertices()) plain.addNode(v.id);
  for (const e of graph.edges()) plain.addEdgeWithKey(e.id, e.outV.id, e.inV.id);
  const floor = timeSync(starts, (id) => {
    const seen = new Set<string>();
    plain.forEachOutNeighbor(id, (n) => plain.forEachOutNeighbor(n, (m) => void seen.add(m)));
    return seen.size;
  });
  let twoHopResults = 0;
  for (const id of starts) {
    const ours = drain(graph, twoHop.traversal(detached, id))[0] as number;
    const seen = new Set<string>();
    plain.forEachOutNeighbor(id, (n) => plain.forEachOutNeighbor(n, (m) => void seen.add(m)));
    if (ours !== seen.size) throw new Error(`2-hop count from ${id}: ${ours} in the engine, ${seen.size} on graphology`);
    twoHopResults += ours;
  }
  plain.clear();

  const connection = new gremlin.driver.DriverRemoteConnection(server.url, { mimeType: 'application/vnd.graphbinary-v1.0' });
  const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection) as Source;
  const tinker = skipTinkerGraph ? undefined : await loadTinkerGraph(edges, graph, files, graphson, starts);
  const wire: Record<string, Latency> = {};
  let tinkerGraph: SizeResult['tinkerGraph'] = { skipped: skipTinkerGraph ?? '' };
  try {
    if (tinker) {
      // Interleaved, so both servers meet the same load on a shared machine and the ratio means something.
      const tgWire: Record<string, Latency> = {};
      for (const read of READS) {
        [wire[read.name], tgWire[read.name]] = await timeInterleaved(starts, [(id) => read.traversal(g, id).toList(), (id) => read.traversal(tinker.server.g, id).toList()]);
      }
      const name = READS[1].name;
      tinkerGraph = { ...tinker.figures, heapAfterGcMB: tinker.server.heapAfterGcMB(), wire: tgWire, twoHopRatio: wire[name].p50 / tgWire[name].p50 };
    } else {
      for (const read of READS) wire[read.name] = (await timeInterleaved(starts, [(id) => read.traversal(g, id).toList()]))[0];
    }
  } finally {
    await tinker?.server.stop();
  }
  const underWrites = await readsUnderWrites(g, server.url, starts);
  await connection.close();
  server.child.kill('SIGTERM');
  return {
    edges,
    vertices,
    server: { servedAfterS: server.readyS, rssMB: server.rssMB, bytesPerEdgeRss: Math.round((server.rssMB * 1e6) / edges) },
    inProcess: { loadS, loadCpuS: (cpu.user + cpu.system) / 1e6, heapMB, bytesPerEdgeHeap: Math.round((heapMB * 1e6) / edges) },
    wire,
    local,
    graphology: { twoHop: floor, ratio: local[twoHop.name].p50 / floor.p50 },
    underWrites,
    twoHopResults: Math.round(twoHopResults / starts.length),
    tinkerGraph,
  };
}

/**
 * TinkerGraph started and loaded with the graph. Its answers to the reads must be the embedded engine's (checked
 * on the first starts), or the comparison would mean nothing.
 */
async function loadTinkerGraph(
  edges: number,
  graph: Graph,
  files: readonly string[],
  cache: string,
  starts: readonly string[],
): Promise<{ server: TinkerGraphServer; figures: Pick<TinkerGraphResult, 'heap' | 'startS' | 'loadS' | 'rssMB'> }> {
  const heap = heapFor(edges);
  process.stderr.write(`${edges} edges: TinkerGraph (-Xmx${heap})\n`);
  const server = await startTinkerGraph(heap);
  try {
    const loadS = await server.load(files, cache);
    const rssMB = server.rssMB();
    for (const read of READS) {
      for (const id of starts.slice(0, 20)) {
        const [theirs, ours] = [await read.traversal(server.g, id).toList(), drain(graph, read.traversal(detached, id))];
        if (JSON.stringify(theirs) !== JSON.stringify(ours)) throw new Error(`${read.name} from ${id}: ${JSON.stringify(theirs)} on TinkerGraph, ${JSON.stringify(ours)} embedded`);
      }
    }
    return { server, figures: { heap, startS: server.startS, loadS, rssMB } };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/**
 * The 2-hop read over the wire three ways: alone; while a second connection commits single-edge writes back
 * to back; while a third holds a transaction open with a write in it (reads must not wait for either).
 */
async function readsUnderWrites(g: Source, url: string, starts: readonly string[]): Promise<SizeResult['underWrites']> {
  const read = (id: string) => READS[1].traversal(g, id).toList();
  const idle = await timeAsync(starts, read);
  const writerConnection = new gremlin.driver.DriverRemoteConnection(url, { mimeType: 'application/vnd.graphbinary-v1.0' });
  const writer = gremlin.process.AnonymousTraversalSource.traversal().withRemote(writerConnection) as Source;
  let writing = true;
  let committed = 0;
  const random = splitmix32(11);
  const writes = (async () => {
    while (writing) {
      const [a, b] = [starts[Math.floor(random() * starts.length)], starts[Math.floor(random() * starts.length)]];
      await writer.V(a).as('a').V(b).addE('likes').from_('a').property('at', committed).iterate();
      committed++;
    }
  })();
  const underLoad = await timeAsync(starts, read);
  writing = false;
  await writes;
  const tx = writer.tx();
  const gtx = tx.begin();
  await gtx.V(starts[0]).property('touched', true).iterate();
  const openTransaction = await timeAsync(starts, read);
  await tx.rollback();
  await writerConnection.close();
  return { idle, writing: underLoad, openTransaction, writesCommitted: committed };
}

interface Started {
  child: ChildProcess;
  url: string;
  readyS: number;
  rssMB: number;
}

/** `nereid gremlin-server --load` as built (`npm run build`, as `npm start` runs it); resolves at its ready line. */
function startServer(files: readonly string[]): Promise<Started> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/nereid.js'), 'gremlin-server', '--port', '0', '--timeout', '0', ...files.flatMap((f) => ['--load', f])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`gremlin-server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready at (ws:\/\/\S+)/.exec(out);
      if (!ready) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.removeAllListeners('exit');
      const readyS = (performance.now() - started) / 1000;
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
      resolve({ child, url: ready[1], readyS, rssMB: (rssKb * 1024) / 1e6 });
    });
  });
}

function drain(graph: Graph, traversal: gremlin.process.GraphTraversal): unknown[] {
  const out: unknown[] = [];
  const it = compileTraversal(traversal.getBytecode()).execute({ graph });
  for (let r = it.next(); !r.done; r = it.next()) for (let i = 0; i < r.value.bulk; i++) out.push(r.value.object);
  return out;
}

/**
 * p50/p99 of each of `runs` from each start, taking turns start by start (who goes first alternating), after a
 * warm-up of WARM_UP_MS each: a JVM compiles a hot path only after thousands of calls, so a short warm-up would
 * time TinkerGraph's interpreter. PASSES passes over the starts are pooled: on a shared machine one pass's p50
 * moved by 3x between passes a minute apart.
 */
async function timeInterleaved(starts: readonly string[], runs: readonly ((id: string) => Promise<unknown>)[]): Promise<Latency[]> {
  for (let i = 0, until = performance.now() + WARM_UP_MS * runs.length; performance.now() < until; i++) for (const run of runs) await run(starts[i % starts.length]);
  const times = runs.map((): number[] => []);
  for (let i = 0; i < starts.length * PASSES; i++) {
    for (let k = 0; k < runs.length; k++) {
      const which = (i + k) % runs.length;
      const t0 = performance.now();
      await runs[which](starts[i % starts.length]);
      times[which].push(performance.now() - t0);
    }
  }
  const pass = (t: number[], p: number) => percentiles(t.filter((_, i) => Math.floor(i / starts.length) === p)).p50;
  return times.map((t) => ({ ...percentiles(t), ...(PASSES > 1 ? { firstPassRatio: round(pass(t, 0) / pass(t, PASSES - 1)) } : {}) }));
}

async function timeAsync(starts: readonly string[], run: (id: string) => Promise<unknown>): Promise<Latency> {
  for (const id of starts.slice(0, 10)) await run(id); // warm-up
  const times: number[] = [];
  for (const id of starts) {
    const t0 = performance.now();
    await run(id);
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

function timeSync(starts: readonly string[], run: (id: string) => unknown): Latency {
  for (const id of starts.slice(0, 10)) run(id);
  const times: number[] = [];
  for (const id of starts) {
    const t0 = performance.now();
    run(id);
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

function percentiles(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function print(report: { machine: object; results: SizeResult[] }): void {
  const lines: string[] = [`machine: ${JSON.stringify(report.machine)}`];
  for (const r of report.results) {
    lines.push(
      '',
      `${r.edges.toLocaleString('en')} edges, ${r.vertices.toLocaleString('en')} vertices (2-hop: ${r.twoHopResults} results on average)`,
      `  server: ready ${r.server.servedAfterS.toFixed(1)} s after start, RSS ${r.server.rssMB.toFixed(0)} MB (${r.server.bytesPerEdgeRss} B/edge)`,
      `  in process: load ${r.inProcess.loadS.toFixed(1)} s (${r.inProcess.loadCpuS.toFixed(1)} s CPU), heap ${r.inProcess.heapMB.toFixed(0)} MB (${r.inProcess.bytesPerEdgeHeap} B/edge)`,
      `  ${'read'.padEnd(30)} ${'wire p50'.padStart(10)} ${'wire p99'.padStart(10)} ${'local p50'.padStart(10)} ${'local p99'.padStart(10)}`,
    );
    for (const read of READS) {
      const w = r.wire[read.name];
      const l = r.local[read.name];
      lines.push(`  ${read.name.padEnd(30)} ${ms(w.p50)} ${ms(w.p99)} ${ms(l.p50)} ${ms(l.p99)}`);
    }
    lines.push(
      `  2-hop on graphology: p50 ${r.graphology.twoHop.p50} ms; engine in process / graphology = ${r.graphology.ratio.toFixed(2)}x`,
      `  2-hop over the wire: idle p50 ${r.underWrites.idle.p50} / p99 ${r.underWrites.idle.p99} ms; ` +
        `with a writer committing (${r.underWrites.writesCommitted} writes) p50 ${r.underWrites.writing.p50} / p99 ${r.underWrites.writing.p99} ms; ` +
        `with a transaction open p50 ${r.underWrites.openTransaction.p50} / p99 ${r.underWrites.openTransaction.p99} ms`,
      ...tinkerGraphLines(r),
    );
  }
  for (let i = 1; i < report.results.length; i++) {
    const [a, b] = [report.results[i - 1], report.results[i]];
    const name = READS[1].name;
    lines.push(
      `2-hop growth ${a.edges} -> ${b.edges} edges: wire ${(b.wire[name].p50 / a.wire[name].p50).toFixed(2)}x, in process ${(b.local[name].p50 / a.local[name].p50).toFixed(2)}x`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const ms = (x: number) => `${x.toFixed(3)} ms`.padStart(10);

function tinkerGraphLines(r: SizeResult): string[] {
  const tg = r.tinkerGraph;
  if ('skipped' in tg) return [`  TinkerGraph: skipped (${tg.skipped})`];
  return [
    `  TinkerGraph (-Xmx${tg.heap}): JVM listening after ${tg.startS.toFixed(1)} s, GraphSON read in ${tg.loadS.toFixed(1)} s; ` +
      `RSS ${tg.rssMB.toFixed(0)} MB (ours ${r.server.rssMB.toFixed(0)}), heap after full GC ${tg.heapAfterGcMB.toFixed(0)} MB (ours in process ${r.inProcess.heapMB.toFixed(0)})`,
    `  ${'read over the wire'.padEnd(30)} ${'TG p50'.padStart(10)} ${'TG p99'.padStart(10)} ${'ours/TG'.padStart(10)}`,
    ...READS.map((read) => `  ${read.name.padEnd(30)} ${ms(tg.wire[read.name].p50)} ${ms(tg.wire[read.name].p99)} ${`${(r.wire[read.name].p50 / tg.wire[read.name].p50).toFixed(2)}x`.padStart(10)}`),
    `  2-hop over the wire, embedded / TinkerGraph p50: ${tg.twoHopRatio.toFixed(2)}x (target at most 2x)`,
    `  warm-up check, p50 of the first pass / the last (near 1: warm enough): ${READS.map((read) => `${read.name} ${r.wire[read.name].firstPassRatio ?? '-'} / TG ${tg.wire[read.name].firstPassRatio ?? '-'}`).join('; ')}`,
  ];
}

/** Bars of p50 per read and size: ours over the wire, in process, and TinkerGraph over the wire, on a log scale; hand-written SVG. */
function chart(results: readonly SizeResult[]): string {
  const kinds = [
    { name: 'embedded over the wire', colour: '#3b6ea5', value: (r: SizeResult, read: string) => r.wire[read].p50 },
    { name: 'embedded in process', colour: '#e39b3b', value: (r: SizeResult, read: string) => r.local[read].p50 },
    { name: 'TinkerGraph over the wire', colour: '#38a169', value: (r: SizeResult, read: string) => ('wire' in r.tinkerGraph ? r.tinkerGraph.wire[read].p50 : undefined) },
  ];
  const rows = results.flatMap((r) => READS.map((read) => ({ label: `${short(r.edges)} ${read.name}`, values: kinds.map((k) => k.value(r, read.name)) })));
  const barH = 16;
  const groupH = kinds.length * barH + 8;
  const left = 260;
  const width = 760;
  const top = 50;
  const height = top + rows.length * groupH + 20;
  const all = rows.flatMap((row) => row.values).filter((v): v is number => v !== undefined && v > 0);
  const lo = Math.log10(Math.min(...all)) - 0.2;
  const hi = Math.log10(Math.max(...all)) + 0.1;
  const x = (v: number) => ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (width - left - 80);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14">p50 latency per read (log scale, ms)</text>`,
    ...kinds.map((k, i) => `<rect x="${10 + i * 220}" y="30" width="10" height="10" fill="${k.colour}"/><text x="${24 + i * 220}" y="39">${k.name}</text>`),
  ];
  rows.forEach((row, i) => {
    const y = top + i * groupH;
    parts.push(`<text x="${left - 8}" y="${y + groupH / 2}" text-anchor="end">${escape(row.label)}</text>`);
    row.values.forEach((v, j) => {
      if (v === undefined) return;
      parts.push(`<rect x="${left}" y="${y + j * barH}" width="${x(v).toFixed(1)}" height="${barH - 2}" fill="${kinds[j].colour}"/>`);
      parts.push(`<text x="${(left + x(v) + 4).toFixed(1)}" y="${y + j * barH + barH - 4}">${v} ms</text>`);
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const short = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
