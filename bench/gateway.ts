/**
 * nereid against the alternatives, side by side in one run, on the same servers and data (issue: one Gremlin
 * request per read):
 * - nereid as built (`node bin/nereid.js serve`, compiled, in its own process);
 * - a naive gateway: the same generic schema with plain per-field resolvers (bench/gateway/naive-gateway.ts);
 * - the traversal an expert would write for each query, through the same driver (no GraphQL at all);
 * - graphql-js executing the query over nereid's answer already in memory: the floor of any GraphQL layer.
 * The embedded Gremlin Server runs in a process of its own, delaying each response frame by 0 and 1 ms
 * (`--latency-ms`) to model Neptune's round trip. Data: LDBC SNB, air-routes, and generated power-law social
 * graphs (bench/generate-graph.ts) of 10^4 and 10^5 vertices (10^6 with --big).
 *
 * The hand-written traversals also run on TinkerGraph (bench/tinkergraph.ts: Apache TinkerPop's Gremlin Server
 * with the same data, through the same driver) at 0 ms, to show where the embedded engine stands, at concurrency
 * 1, 16 and 64 like the others; not on the 10^5 and 10^6 graphs, whose GraphSON read alone takes from 17 s to a
 * minute (bench/engine-scale.ts compares the engines at that size).
 *
 * Every measurement is time-boxed (CELL_MS), so the run's length is planned from the settings (bench/budget.ts):
 * 4 min 23 s of the ten-minute `npm run bench` on an idle 2-core machine (bench/README.md).
 *
 * Reports requests per operation, p50/p99 latency at concurrency 1, throughput at 1, 16 and 64, and the
 * gateways' RSS (the GraphQL layer's own cost, `{ __typename }`, is bench/graphql-layer.ts): a table on stdout, JSON and an SVG chart in --out (default bench/results).
 *
 * Run: `npm run bench -- gateway` or `npx tsx bench/gateway.ts [--quick] [--big] [--latencies 0,1] [--only NAME] [--skip-tinkergraph] [--out DIR] [--plan]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import { buildClientSchema, execute, getIntrospectionQuery, parse, type IntrospectionQuery } from 'graphql';
import { BUILD_S, BUILT_ENV, Budget } from './budget';
import { sharedGraph, sharedGraphPaths, vertexId } from './generate-graph';
import { measure, type Sample } from './gateway/measure';
import { nereidCommand, start, tsxCommand, type Child } from './gateway/processes';
import { renderSvg, renderTable, renderTinkerGraphSvg, type Measured, type Row } from './gateway/report';
import { airRoutesScenarios, ldbcScenarios, socialScenarios, type Scenario } from './gateway/scenarios';
import { sameAnswer } from './gateway/same-answer';
import { graphsonStale, startTinkerGraph, tinkerGraphToolMissing, tinkerGraphUnavailable, type TinkerGraphServer } from './tinkergraph';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    big: { type: 'boolean', default: false },
    latencies: { type: 'string', default: '0,1' },
    out: { type: 'string', default: join(__dirname, 'results') },
    only: { type: 'string' },
    'skip-tinkergraph': { type: 'boolean', default: false },
    plan: { type: 'boolean', default: false },
  },
});
const LATENCIES = flags.latencies.split(',').map(Number);
const CONCURRENCY = [1, 16, 64];
/**
 * How long each measurement runs, in ms. Concurrency 1 gives the p50/p99, so it runs longest (100 to 1,000
 * operations a second here). At 16 and 64 the server is busy from the first request to the last, so
 * completed/elapsed is its throughput whatever the window's length, and 0.4 s holds 40 to 400 of them. The naive
 * gateway is measured at concurrency 1 only: its throughput is in no table. Each strategy is warmed first
 * (connections, V8's compiler; the servers have served the rows before), and the floor is measured once per
 * scenario: graphql-js over an answer in memory is the same at every latency.
 */
const CELL_MS = flags.quick ? { warmUp: 100, c1: 400, throughput: 200, floor: 200 } : { warmUp: 250, c1: 1000, throughput: 400, floor: 500 };
/**
 * TinkerGraph's warm-up before each scenario: a JVM compiles its hot paths only after thousands of calls, and
 * with 0.6 s the first scenario's p50 was dominated by interpreted code (a mean four times the p50). Not
 * shortened: a cold TinkerGraph would flatter the embedded server, and this run could not show a shorter one
 * suffices.
 */
const TINKERGRAPH_WARM_UP_MS = flags.quick ? 500 : 2000;
/** Operations a concurrency-1 cell completes however long they take, so a slow p50 still rests on a few. */
const MIN_OPERATIONS = 20;
const SHARED = join(__dirname, '../../shared/datasets');

type Source = gremlin.process.GraphTraversalSource;
const __ = gremlin.process.statics;
const { P, t } = gremlin.process;

interface Dataset {
  readonly name: string;
  /** The CSV files, once generated where they are generated (`files()` generates them first). */
  readonly paths: readonly string[];
  readonly files: () => Promise<readonly string[]>;
  /** Where TinkerGraph's GraphSON copy is cached. */
  readonly graphson: string;
  readonly typedSchema?: string;
  /** Whether the hand-written traversals also run on TinkerGraph (small enough to load there in seconds). */
  readonly onTinkerGraph: boolean;
  /** Whether each latency's server holds gigabytes, so they start one after another rather than together. */
  readonly heavy?: boolean;
  /**
   * Idle-machine seconds of what is not time-boxed (bench/budget.ts): starting the servers for both latencies
   * (each loads the graph) and the two gateways and picking the start vertices; generating the graph when no
   * earlier run left it; TinkerGraph's read of the GraphSON copy, and writing that copy when missing.
   */
  readonly setupS: { readonly servers: number; readonly generate?: number; readonly tinkerGraph: number; readonly graphson: number };
  scenarios(g: Source): Promise<Scenario[]>;
  /** The scenarios before start vertices are picked: what the plan counts. */
  readonly shapes: readonly Scenario[];
}

const graphsonCache = (name: string) => join(tmpdir(), `nereid-bench-${name.replace(/\W+/g, '-')}.graphson.json`);
const LDBC_FILES = [join(SHARED, 'ldbc-snb/vertices.csv'), join(SHARED, 'ldbc-snb/edges.csv')];
const AIR_ROUTES_FILES = [join(SHARED, 'air-routes/air-routes-nodes.csv'), join(SHARED, 'air-routes/air-routes-edges.csv')];

const ldbc: Dataset = {
  name: 'LDBC SNB',
  paths: LDBC_FILES,
  files: async () => LDBC_FILES,
  graphson: graphsonCache('LDBC SNB'),
  typedSchema: 'examples/ldbc-snb.graphql',
  onTinkerGraph: true,
  setupS: { servers: 8, tinkerGraph: 3.1, graphson: 3 },
  shapes: ldbcScenarios({ people: [], far: [] }),
  async scenarios(g) {
    const people = (await g.V().hasLabel('Person').where(__.both('knows').count().is(P.gte(5))).order().by(t.id).limit(40).id().toList()) as string[];
    // A target three hops away from each start, so every shortest path has the same length to find.
    const far: string[] = [];
    for (const id of people) {
      const near = (await g.V(id).both('knows').both('knows').dedup().id().toList()) as string[];
      const three = (await g.V(id).both('knows').both('knows').both('knows').dedup().id().toList()) as string[];
      far.push(three.find((v) => v !== id && !near.includes(v)) ?? three[0]);
    }
    return ldbcScenarios({ people, far });
  },
};

const airRoutes: Dataset = {
  name: 'air-routes',
  paths: AIR_ROUTES_FILES,
  files: async () => AIR_ROUTES_FILES,
  graphson: graphsonCache('air-routes'),
  onTinkerGraph: true,
  setupS: { servers: 5, tinkerGraph: 1.5, graphson: 2 },
  shapes: airRoutesScenarios([]),
  async scenarios(g) {
    const airports = (await g.V().hasLabel('airport').where(__.out('route').count().is(P.gte(20))).order().by(t.id).limit(40).id().toList()) as string[];
    return airRoutesScenarios(airports);
  },
};

/** The power-law graphs are the ones engine-scale.ts measures (bench/generate-graph.ts, sharedGraph): generated once for both. */
function social(vertices: number, setupS: { servers: number; generate: number; graphson: number }): Dataset {
  const graph = sharedGraphPaths(vertices);
  return {
    name: `power-law 10^${Math.log10(vertices)}`,
    onTinkerGraph: vertices <= 10_000,
    heavy: vertices >= 1_000_000,
    paths: graph.files,
    files: async () => (await sharedGraph(vertices)).files,
    graphson: graph.graphson,
    setupS: { ...setupS, tinkerGraph: 1.3 },
    shapes: socialScenarios({ people: [] }, 'knows', 'name', 'name'),
    async scenarios(g) {
      const candidates = Array.from({ length: 200 }, (_, i) => vertexId((i * 7919) % vertices));
      const people = (await g.V(...candidates).where(__.both('knows').count().is(P.between(5, 200))).id().toList()) as string[];
      return socialScenarios({ people: people.slice(0, 40) }, 'knows', 'name', 'name');
    },
  };
}

interface Gateways {
  readonly nereid: Child;
  readonly naive: Child;
  readonly g: Source;
  readonly close: () => Promise<void>;
}

async function post(url: string, operation: { query: string; variables?: Record<string, unknown> }): Promise<{ data?: unknown; errors?: { message: string }[]; extensions?: { gremlin?: { requests: number } } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(operation) });
  return (await res.json()) as never;
}

const datasets = [
  ldbc,
  airRoutes,
  social(10_000, { servers: 4, generate: 0.5, graphson: 1 }),
  social(100_000, { servers: 14, generate: 5, graphson: 15 }),
  ...(flags.big ? [social(1_000_000, { servers: 200, generate: 50, graphson: 150 })] : []),
].filter((d) => !flags.only || d.name.includes(flags.only));

/** The run planned from the settings: every measurement is time-boxed; setup is estimated per dataset. */
function plan(tinkerGraph: boolean): Budget {
  const budget = new Budget('gateway');
  if (!process.env[BUILT_ENV]) budget.estimated('npm run build', BUILD_S);
  if (tinkerGraph) budget.estimated("TinkerGraph's JVM start", 3);
  let full = 0;
  let naive = 0;
  let floors = 0;
  let tinkerRuns = 0;
  let tinkerWrites = 0;
  for (const d of datasets) {
    const tinker = tinkerGraph && d.onTinkerGraph;
    const generate = existsSync(d.paths[d.paths.length - 1]) ? 0 : (d.setupS.generate ?? 0);
    const graphson = generate || graphsonStale(d.paths, d.graphson) ? d.setupS.graphson : 0;
    budget.estimated(
      `${d.name} setup (${generate ? 'generate the graph, ' : ''}servers${tinker ? `, TinkerGraph's read${graphson ? ' and its GraphSON copy' : ''}` : ''})`,
      d.setupS.servers + generate + (tinker ? d.setupS.tinkerGraph + graphson : 0),
    );
    full += 2 * LATENCIES.length * d.shapes.length;
    naive += LATENCIES.length * d.shapes.filter((s) => s.api === 'generic').length;
    floors += d.shapes.filter((s) => !s.writes).length;
    if (tinker) {
      tinkerRuns += d.shapes.length;
      tinkerWrites += d.shapes.filter((s) => s.writes).length;
    }
  }
  const s = (ms: number) => ms / 1000;
  const cellsS = s(CELL_MS.c1 + 2 * CELL_MS.throughput);
  budget.timeBoxed(`${full} runs of nereid or hand-written: ${s(CELL_MS.warmUp)} s warm-up, ${s(CELL_MS.c1)} s at c1, ${s(CELL_MS.throughput)} s at c16 and c64`, full * (s(CELL_MS.warmUp) + cellsS));
  budget.timeBoxed(`${naive} runs of the naive gateway at c1`, naive * s(CELL_MS.warmUp + CELL_MS.c1));
  budget.timeBoxed(`${floors} graphql-js floors of ${s(CELL_MS.floor)} s`, floors * s(CELL_MS.warmUp + CELL_MS.floor));
  if (tinkerRuns > 0) {
    budget.timeBoxed(`${tinkerRuns} hand-written runs on TinkerGraph, ${s(TINKERGRAPH_WARM_UP_MS)} s warm-up each`, tinkerRuns * (s(TINKERGRAPH_WARM_UP_MS) + cellsS) - tinkerWrites * s(2 * CELL_MS.throughput));
  }
  // At 16 and 64 the requests in flight at the deadline finish after it: about 64 / throughput, 0.3 s a run on
  // the idle machine's figures. And the naive gateway's air-routes shortest path (one request per hop from the
  // gateway, 0.08 s at 0 ms and 0.33 s at 1 ms) needs more than its c1 cell for MIN_OPERATIONS.
  budget.estimated('requests finishing after their cell', 0.3 * full + (datasets.includes(airRoutes) ? 7 : 0));
  return budget;
}

async function main(): Promise<void> {
  const skipTinkerGraph = flags['skip-tinkergraph'] ? 'skipped by --skip-tinkergraph' : !LATENCIES.includes(0) ? 'measured only at 0 ms' : flags.plan ? tinkerGraphToolMissing() : await tinkerGraphUnavailable();
  const budget = plan(!skipTinkerGraph && datasets.some((d) => d.onTinkerGraph));
  budget.start(flags.plan);
  if (!process.env[BUILT_ENV]) {
    process.stdout.write('building nereid (npm run build)...\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  }
  const loadBefore = loadavg();
  if (skipTinkerGraph) process.stdout.write(`TinkerGraph column skipped: ${skipTinkerGraph}\n`);
  const tinkerGraph = skipTinkerGraph || !datasets.some((d) => d.onTinkerGraph) ? undefined : await startTinkerGraph('2g');
  const rows: Row[] = [];
  for (const dataset of datasets) {
    const files = await dataset.files();
    const tinker = tinkerGraph && dataset.onTinkerGraph ? tinkerGraph : undefined;
    if (tinker) process.stdout.write(`${dataset.name}: TinkerGraph read the graph in ${(await tinker.load(files, dataset.graphson)).toFixed(1)} s\n`);
    const stacks = await startStacks(dataset, files);
    try {
      // The same data behind every latency: the start vertices are picked once.
      const scenarios = await dataset.scenarios(stacks[0].gateways.g);
      const floors = new Map<string, Sample>();
      for (const { latency, gateways } of stacks) {
        for (const scenario of scenarios) {
          const onTinker = latency === 0 ? tinker : undefined;
          const row = await run(scenario, gateways, dataset.name, latency, floors, onTinker);
          rows.push(row);
          process.stdout.write(`${dataset.name} @${latency}ms ${scenario.name}: nereid ${row.nereid.requests} req p50 ${row.nereid.c1.p50.toFixed(2)} ms, hand ${row.hand.c1.p50.toFixed(2)} ms, naive ${row.naive ? `${row.naive.requests} req ${row.naive.c1.p50.toFixed(2)} ms` : '-'}${row.tinker ? `, hand on TinkerGraph ${row.tinker.c1.p50.toFixed(2)} ms${row.tinker.sameAnswer ? '' : ' (answer differs)'}` : ''}\n`);
        }
      }
    } finally {
      for (const stack of stacks) await stack.close();
    }
  }
  await tinkerGraph?.stop();
  // The machine may be shared: the load average before and after says how far to trust the figures.
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString(), loadAverageBefore: loadBefore, loadAverage: loadavg() };
  process.stdout.write(
    `\n${renderTable(rows)}\nmachine: ${machine.cpus} x ${machine.cpu}, Node ${machine.node}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')} after\n`,
  );
  const timing = budget.finish();
  mkdirSync(flags.out, { recursive: true });
  const measured = { cellMs: CELL_MS, tinkerGraphWarmUpMs: TINKERGRAPH_WARM_UP_MS, minOperations: MIN_OPERATIONS };
  const tinkerGraphNote = skipTinkerGraph ?? 'hand-written traversals at 0 ms on the datasets up to 10^4 vertices; the mutation mix at concurrency 1 only';
  writeFileSync(join(flags.out, 'gateway.json'), JSON.stringify({ machine, timing, measured, tinkerGraph: tinkerGraphNote, rows }, null, 2) + '\n');
  writeFileSync(join(flags.out, 'gateway.svg'), renderSvg(rows, machine));
  if (rows.some((r) => r.tinker)) writeFileSync(join(flags.out, 'gateway-tinkergraph.svg'), renderTinkerGraphSvg(rows, machine));
  process.stdout.write(`wrote ${join(flags.out, 'gateway.json')} and the charts\n`);
}

interface Stack {
  readonly latency: number;
  readonly gateways: Gateways;
  close(): Promise<void>;
}

/**
 * The embedded server for each latency with nereid and the naive gateway in front of it. They start together
 * (each server loads the graph on a core of its own) unless the dataset is heavy, and wait idle for their turn.
 */
async function startStacks(dataset: Dataset, files: readonly string[]): Promise<Stack[]> {
  const startStack = async (latency: number): Promise<Stack> => {
    const server = await start(nereidCommand(['gremlin-server', '--port', '0', '--latency-ms', String(latency), ...files.flatMap((f) => ['--load', f])]), /Gremlin Server ready at (\S+)/);
    try {
      const gateways = await startGateways(server.url, dataset);
      return { latency, gateways, close: async () => void (await gateways.close(), await server.stop()) };
    } catch (err) {
      await server.stop();
      throw err;
    }
  };
  if (dataset.heavy) {
    const stacks: Stack[] = [];
    for (const latency of LATENCIES) stacks.push(await startStack(latency));
    return stacks;
  }
  const started = await Promise.allSettled(LATENCIES.map(startStack));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const s of started) if (s.status === 'fulfilled') await s.value.close();
    throw failed.reason;
  }
  return started.map((s) => (s as PromiseFulfilledResult<Stack>).value);
}

async function startGateways(gremlinUrl: string, dataset: Dataset): Promise<Gateways> {
  const typed = dataset.typedSchema ? ['--schema', dataset.typedSchema, '--federation'] : [];
  const [nereid, naive] = await Promise.all([
    start(nereidCommand(['serve', '--gremlin-endpoint', gremlinUrl, '--port', '0', '--host', '127.0.0.1', '--stats', ...typed]), /ready at (http\S+)/),
    start(tsxCommand('bench/gateway/naive-gateway.ts', ['--gremlin', gremlinUrl]), /naive gateway ready at (\S+)/),
  ]);
  const connection = new gremlin.driver.DriverRemoteConnection(gremlinUrl, { mimeType: 'application/vnd.graphbinary-v1.0' });
  const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection);
  return {
    nereid,
    naive,
    g,
    close: async () => {
      await connection.close();
      await Promise.all([nereid.stop(), naive.stop()]);
    },
  };
}

type Round = (round: number) => Promise<void>;

/**
 * The concurrency-1 cell (p50/p99 and throughput) and the throughput cells at 16 and 64. Each cell gets rounds of
 * its own, so a mutation never meets an id another cell or strategy created.
 */
async function cells(op: Round, offset: { value: number }, concurrencies = CONCURRENCY): Promise<Pick<Measured, 'c1' | 'throughput'>> {
  const c1Base = (offset.value += 100_000);
  const c1 = await measure((r) => op(c1Base + r), { concurrency: 1, durationMs: CELL_MS.c1, minOperations: MIN_OPERATIONS });
  const throughput = [c1.throughput];
  for (const concurrency of concurrencies.slice(1)) {
    const base = (offset.value += 100_000);
    throughput.push((await measure((r) => op(base + r), { concurrency, durationMs: CELL_MS.throughput })).throughput);
  }
  return { c1, throughput };
}

async function warmUp(op: Round, offset: { value: number }, durationMs: number): Promise<void> {
  const base = (offset.value += 100_000);
  await measure((r) => op(base + r), { concurrency: 1, durationMs });
}

async function run(
  scenario: Scenario,
  gateways: Gateways,
  dataset: string,
  latency: number,
  floors: Map<string, Sample>,
  tinkerGraph: TinkerGraphServer | undefined,
): Promise<Row> {
  const first = await post(gateways.nereid.url, scenario.operation(0));
  if (first.errors) throw new Error(`${dataset} ${scenario.name}: nereid answered ${JSON.stringify(first.errors).slice(0, 500)}`);
  const viaGateway = (url: string) => (round: number) =>
    post(url, scenario.operation(round)).then((r) => {
      if (r.errors) throw new Error(`${scenario.name}: ${JSON.stringify(r.errors).slice(0, 300)}`);
    });
  const viaDriver = (round: number) => Promise.all(scenario.handWritten(gateways.g, round).map((tr) => tr.toList())).then(() => undefined);
  // Writes must be in order per round (the edge needs the vertex): one traversal after another.
  const writes = async (round: number) => {
    for (const traversal of scenario.handWritten(gateways.g, round)) await traversal.toList();
  };
  const offset = { value: 1 };
  const strategy = async (op: Round, concurrencies = CONCURRENCY) => {
    await warmUp(op, offset, CELL_MS.warmUp);
    return cells(op, offset, concurrencies);
  };
  const naiveFirst = scenario.api === 'generic' ? await post(gateways.naive.url, scenario.operation(-1)) : undefined;
  const nereid = { requests: first.extensions?.gremlin?.requests ?? NaN, ...(await strategy(viaGateway(gateways.nereid.url))) };
  const hand = { requests: scenario.handWritten(gateways.g, 0).length, ...(await strategy(scenario.writes ? writes : viaDriver)) };
  const naive =
    naiveFirst && !naiveFirst.errors ? { requests: naiveFirst.extensions?.gremlin?.requests ?? NaN, ...(await strategy(viaGateway(gateways.naive.url), [1])) } : undefined;
  let floor = floors.get(scenario.name);
  if (!floor && !scenario.writes) floors.set(scenario.name, (floor = await graphqlFloor(gateways.nereid.url, scenario, first.data)));
  const tinker = tinkerGraph && (await onTinkerGraph(scenario, gateways.g, tinkerGraph.g, offset));
  return { dataset, latency, scenario: scenario.name, nereid, hand, naive, floor, tinker, rssMb: { nereid: gateways.nereid.rssMb(), naive: gateways.naive.rssMb() } };
}

/**
 * The hand-written traversals on TinkerGraph, after a warm-up, at concurrency 1, 16 and 64 but the
 * mutation mix at 1 only: a plain TinkerGraph does not isolate concurrent writes, which would meet on the same
 * vertices here. Reads are first checked against the embedded server's answer; a difference is reported with
 * the figures rather than stopping the run, as where two equally short paths exist either is right.
 */
async function onTinkerGraph(scenario: Scenario, embedded: Source, tinker: Source, offset: { value: number }): Promise<Row['tinker']> {
  let same = true;
  if (!scenario.writes) {
    for (const [a, b] of scenario.handWritten(embedded, 0).map((tr, i) => [tr, scenario.handWritten(tinker, 0)[i]] as const)) {
      same &&= sameAnswer(await a.toList(), await b.toList());
    }
  }
  const op = async (round: number) => {
    for (const traversal of scenario.handWritten(tinker, round)) await traversal.toList();
  };
  await warmUp(op, offset, TINKERGRAPH_WARM_UP_MS);
  return { requests: scenario.handWritten(tinker, 0).length, ...(await cells(op, offset, scenario.writes ? [1] : CONCURRENCY)), sameAnswer: same };
}

const schemas = new Map<string, ReturnType<typeof buildClientSchema>>();

/** graphql-js executing the operation over nereid's own answer, already in memory: each field reads its response key. */
async function graphqlFloor(url: string, scenario: Scenario, data: unknown): Promise<Sample> {
  let schema = schemas.get(url);
  if (!schema) {
    const introspection = await post(url, { query: getIntrospectionQuery() });
    schemas.set(url, (schema = buildClientSchema(introspection.data as IntrospectionQuery)));
  }
  const operation = scenario.operation(0);
  const document = parse(operation.query);
  const op = async () => {
    await execute({ schema: schema!, document, rootValue: data, variableValues: operation.variables, fieldResolver: (source, _args, _ctx, info) => (source as Record<string, unknown>)[info.path.key as string],
      // The answers carry no __typename; the benchmark's abstract fields (_entities) all hold Person.
      typeResolver: (_value, _ctx, _info, type) => schema!.getPossibleTypes(type).find((t) => t.name === 'Person')?.name ?? schema!.getPossibleTypes(type)[0].name,
    });
  };
  await measure(op, { concurrency: 1, durationMs: CELL_MS.warmUp });
  return measure(op, { concurrency: 1, durationMs: CELL_MS.floor, minOperations: 100 });
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
