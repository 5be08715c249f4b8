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
 * with the same data, through the same driver) at 0 ms, to show where the embedded engine stands; to keep the run
 * near 10 minutes only at concurrency 1 for half the usual time (after a 2 s warm-up), and not on the 10^5 and 10^6 graphs, whose GraphSON read alone takes
 * a minute or more (bench/engine-scale.ts compares the engines at that size).
 *
 * Reports requests per operation, p50/p99 latency at concurrency 1, throughput at 1, 16 and 64, and the
 * gateways' RSS (the GraphQL layer's own cost, `{ __typename }`, is bench/graphql-layer.ts): a table on stdout, JSON and an SVG chart in --out (default bench/results).
 *
 * Run: `npm run bench -- gateway` or `npx tsx bench/gateway.ts [--quick] [--big] [--latencies 0,1] [--only NAME] [--skip-tinkergraph] [--out DIR]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import { buildClientSchema, execute, getIntrospectionQuery, parse, type IntrospectionQuery } from 'graphql';
import { generateGraph, vertexId } from './generate-graph';
import { measure, type Sample } from './gateway/measure';
import { nereidCommand, start, tsxCommand, type Child } from './gateway/processes';
import { renderSvg, renderTable, renderTinkerGraphSvg, type Row } from './gateway/report';
import { airRoutesScenarios, ldbcScenarios, socialScenarios, type Scenario } from './gateway/scenarios';
import { sameAnswer } from './gateway/same-answer';
import { startTinkerGraph, tinkerGraphUnavailable, type TinkerGraphServer } from './tinkergraph';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    big: { type: 'boolean', default: false },
    latencies: { type: 'string', default: '0,1' },
    out: { type: 'string', default: join(__dirname, 'results') },
    only: { type: 'string' },
    'skip-tinkergraph': { type: 'boolean', default: false },
  },
});
const LATENCIES = flags.latencies.split(',').map(Number);
const DURATION = flags.quick ? 400 : 1200;
const CONCURRENCY = [1, 16, 64];
const TINKERGRAPH_WARM_UP_MS = flags.quick ? 500 : 2000;
const SHARED = join(__dirname, '../../shared/datasets');

type Source = gremlin.process.GraphTraversalSource;
const __ = gremlin.process.statics;
const { P, t } = gremlin.process;

interface Dataset {
  readonly name: string;
  readonly files: () => Promise<string[]>;
  readonly typedSchema?: string;
  /** Whether the hand-written traversals also run on TinkerGraph (small enough to load there in seconds). */
  readonly onTinkerGraph: boolean;
  scenarios(g: Source): Promise<Scenario[]>;
}

const ldbc: Dataset = {
  name: 'LDBC SNB',
  files: async () => [join(SHARED, 'ldbc-snb/vertices.csv'), join(SHARED, 'ldbc-snb/edges.csv')],
  typedSchema: 'examples/ldbc-snb.graphql',
  onTinkerGraph: true,
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
  files: async () => [join(SHARED, 'air-routes/air-routes-nodes.csv'), join(SHARED, 'air-routes/air-routes-edges.csv')],
  onTinkerGraph: true,
  async scenarios(g) {
    const airports = (await g.V().hasLabel('airport').where(__.out('route').count().is(P.gte(20))).order().by(t.id).limit(40).id().toList()) as string[];
    return airRoutesScenarios(airports);
  },
};

function social(vertices: number): Dataset {
  return {
    name: `power-law 10^${Math.log10(vertices)}`,
    onTinkerGraph: vertices <= 10_000,
    async files() {
      const out = join(tmpdir(), `nereid-bench-social-${vertices}`);
      if (!existsSync(join(out, 'edges.csv'))) await generateGraph({ vertices, seed: 7, out });
      return [join(out, 'vertices.csv'), join(out, 'edges.csv')];
    },
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

async function main(): Promise<void> {
  process.stdout.write('building nereid (npm run build)...\n');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: join(__dirname, '..'), stdio: 'inherit' });
  const datasets = [ldbc, airRoutes, social(10_000), social(100_000), ...(flags.big ? [social(1_000_000)] : [])].filter(
    (d) => !flags.only || d.name.includes(flags.only),
  );
  const loadBefore = loadavg();
  const skipTinkerGraph = flags['skip-tinkergraph'] ? 'skipped by --skip-tinkergraph' : !LATENCIES.includes(0) ? 'measured only at 0 ms' : await tinkerGraphUnavailable();
  if (skipTinkerGraph) process.stdout.write(`TinkerGraph column skipped: ${skipTinkerGraph}\n`);
  const tinkerGraph = skipTinkerGraph || !datasets.some((d) => d.onTinkerGraph) ? undefined : await startTinkerGraph('2g');
  const rows: Row[] = [];
  for (const dataset of datasets) {
    const files = await dataset.files();
    const tinker = tinkerGraph && dataset.onTinkerGraph ? tinkerGraph : undefined;
    if (tinker) {
      const cache = join(tmpdir(), `nereid-bench-${dataset.name.replace(/\W+/g, '-')}.graphson.json`);
      process.stdout.write(`${dataset.name}: TinkerGraph read the graph in ${(await tinker.load(files, cache)).toFixed(1)} s\n`);
    }
    for (const latency of LATENCIES) {
      const server = await start(nereidCommand(['gremlin-server', '--port', '0', '--latency-ms', String(latency), ...files.flatMap((f) => ['--load', f])]), /Gremlin Server ready at (\S+)/);
      const gateways = await startGateways(server.url, dataset);
      try {
        const scenarios = await dataset.scenarios(gateways.g);
        for (const scenario of scenarios) {
          const row = await run(scenario, gateways, dataset.name, latency, latency === 0 ? tinker : undefined);
          rows.push(row);
          process.stdout.write(`${dataset.name} @${latency}ms ${scenario.name}: nereid ${row.nereid.requests} req p50 ${row.nereid.c1.p50.toFixed(2)} ms, hand ${row.hand.c1.p50.toFixed(2)} ms, naive ${row.naive ? `${row.naive.requests} req ${row.naive.c1.p50.toFixed(2)} ms` : '-'}${row.tinker ? `, hand on TinkerGraph ${row.tinker.c1.p50.toFixed(2)} ms${row.tinker.sameAnswer ? '' : ' (answer differs)'}` : ''}\n`);
        }
      } finally {
        await gateways.close();
        await server.stop();
      }
    }
  }
  await tinkerGraph?.stop();
  // The machine may be shared: the load average before and after says how far to trust the figures.
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString(), loadAverageBefore: loadBefore, loadAverage: loadavg() };
  mkdirSync(flags.out, { recursive: true });
  writeFileSync(join(flags.out, 'gateway.json'), JSON.stringify({ machine, tinkerGraph: skipTinkerGraph ?? 'hand-written traversals at 0 ms, concurrency 1, on the datasets up to 10^4 vertices', rows }, null, 2) + '\n');
  writeFileSync(join(flags.out, 'gateway.svg'), renderSvg(rows, machine));
  if (rows.some((r) => r.tinker)) writeFileSync(join(flags.out, 'gateway-tinkergraph.svg'), renderTinkerGraphSvg(rows, machine));
  process.stdout.write(
    `\n${renderTable(rows)}\nmachine: ${machine.cpus} x ${machine.cpu}, Node ${machine.node}, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')} after\nwrote ${join(flags.out, 'gateway.json')} and the charts\n`,
  );
}

async function startGateways(gremlinUrl: string, dataset: Dataset): Promise<Gateways> {
  const typed = dataset.typedSchema ? ['--schema', dataset.typedSchema, '--federation'] : [];
  const nereid = await start(nereidCommand(['serve', '--gremlin-endpoint', gremlinUrl, '--port', '0', '--host', '127.0.0.1', '--stats', ...typed]), /ready at (http\S+)/);
  const naive = await start(tsxCommand('bench/gateway/naive-gateway.ts', ['--gremlin', gremlinUrl]), /naive gateway ready at (\S+)/);
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

async function run(scenario: Scenario, gateways: Gateways, dataset: string, latency: number, tinkerGraph: TinkerGraphServer | undefined): Promise<Row> {
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
  const strategy = async (op: (round: number) => Promise<void>) => {
    // Each strategy gets rounds of its own, so a mutation never meets an id another strategy created.
    const base = (offset.value += 100_000);
    const shifted = (r: number) => op(base + r);
    for (let i = 0; i < 20; i++) await shifted(-20 + i + 50_000);
    const c1 = await measure(shifted, { concurrency: 1, durationMs: DURATION, minOperations: 30 });
    const throughput = [c1.throughput];
    for (const concurrency of CONCURRENCY.slice(1)) {
      const base2 = (offset.value += 100_000);
      throughput.push((await measure((r) => op(base2 + r), { concurrency, durationMs: DURATION })).throughput);
    }
    return { c1, throughput };
  };
  const naiveFirst = scenario.api === 'generic' ? await post(gateways.naive.url, scenario.operation(-1)) : undefined;
  const nereid = { requests: first.extensions?.gremlin?.requests ?? NaN, ...(await strategy(viaGateway(gateways.nereid.url))) };
  const hand = { requests: scenario.handWritten(gateways.g, 0).length, ...(await strategy(scenario.writes ? writes : viaDriver)) };
  const naive =
    naiveFirst && !naiveFirst.errors ? { requests: naiveFirst.extensions?.gremlin?.requests ?? NaN, ...(await strategy(viaGateway(gateways.naive.url))) } : undefined;
  const floor = scenario.writes ? undefined : await graphqlFloor(gateways.nereid.url, scenario, first.data);
  const tinker = tinkerGraph && (await onTinkerGraph(scenario, gateways.g, tinkerGraph.g, offset));
  return { dataset, latency, scenario: scenario.name, nereid, hand, naive, floor, tinker, rssMb: { nereid: gateways.nereid.rssMb(), naive: gateways.naive.rssMb() } };
}

/**
 * The hand-written traversals on TinkerGraph at concurrency 1 for half the usual time, after a warm-up of
 * TINKERGRAPH_WARM_UP_MS: a JVM compiles its hot paths only after thousands of calls, and with a warm-up of 0.6 s
 * the first run's p50 was dominated by interpreted code (a mean four times the p50). Reads are first checked against the embedded server's
 * answer; a difference is reported with the figures rather than stopping the run, as where two equally short
 * paths exist either is right.
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
  const warm = (offset.value += 100_000);
  await measure((r) => op(warm + r), { concurrency: 1, durationMs: TINKERGRAPH_WARM_UP_MS });
  const base = (offset.value += 100_000);
  const c1 = await measure((r) => op(base + r), { concurrency: 1, durationMs: DURATION / 2, minOperations: 30 });
  return { requests: scenario.handWritten(tinker, 0).length, c1, throughput: [c1.throughput], sameAnswer: same };
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
  for (let i = 0; i < 200; i++) await op();
  return measure(op, { concurrency: 1, durationMs: DURATION / 2, minOperations: 100 });
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
