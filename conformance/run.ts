/**
 * The Gremlin conformance runner: `npm run conformance -- [options] DIR...`
 *
 * Runs every `.feature` of Apache TinkerPop's Gremlin language suite under the given folders through the real
 * `gremlin` 3.7 driver, over WebSocket, against our embedded Gremlin Server (in a worker thread, so a runaway
 * traversal can be detected and the server restarted), with the suite's datasets. Each traversal is parsed
 * by our Gremlin parser into bytecode and sent with `Client.submit(bytecode, null, { aliases })`: one
 * connection carries every graph, the alias naming the graph per request, and the runner sees the
 * traversers exactly as the server sent them (a DriverRemoteConnection would need a connection per graph
 * and a GraphTraversal to wrap the bytecode in). Prints a line per feature file, each skip with its reason,
 * with `--verbose` each failure (traversal, expected, actual), and last `N passed, N failed, N skipped`.
 *
 * Sets go through `eval`. The 3.7 driver cannot serialize a JS Set (GraphBinary writes it as an empty map,
 * GraphSON's set serializer takes only arrays), and sending a list instead changes the meaning: a
 * `withSideEffect("a", s[])` that aggregate() fills would keep duplicates. So a traversal whose bound
 * bytecode holds a Set (a `s[...]` parameter, a `{...}` literal) is printed back to Gremlin text by
 * src/gremlin/print.ts, the set as a set literal, and submitted as a script with the `eval` op; the
 * server's parser rebuilds the same bytecode from it (test/gremlin/print.test.ts checks that round trip
 * over the whole suite). Every other traversal travels as bytecode.
 *
 * Options:
 *   --verbose                 print failures (also NEREID_CONFORMANCE_VERBOSE=1)
 *   --baseline FILE           exit 1 if a scenario FILE records as passing fails, or fewer pass; names them
 *   --write-baseline          write the results to the baseline file (default conformance/baseline.json)
 *   --filter REGEX            only scenarios whose name or feature path matches
 *   --concurrency N           scenarios in flight (default 8); each empty-graph one gets its own graph
 *   --timeout MS              per-traversal evaluation timeout (default 10000)
 *   --serializer NAME         graphbinary (default) or graphson
 *   --datasets DIR            TinkerPop's GraphSON datasets (default ../shared/tinkerpop)
 *
 * Graphs: the datasets load once, with the TinkerGraph profile the suite is written for, under the aliases
 * gmodern, gcrew, ggrateful, gsink, gclassic, shared by read-only scenarios running concurrently. An
 * `empty graph` scenario (and one that would write to a dataset) takes a scratch graph (gscratchN), emptied
 * (and loaded if needed) before it; its initializer is a request of its own.
 *
 * Skips. A scenario is skipped only for something Neptune itself lacks, with the reason printed:
 *
 *   | rule                                  | reason                                                          |
 *   |---------------------------------------|-----------------------------------------------------------------|
 *   | c[...] parameter, Lambda.*, closures  | lambdas: Neptune refuses them                                   |
 *   | @GraphComputerOnly, withComputer()    | OLAP: Neptune has no GraphComputer                              |
 *   | pageRank, peerPressure,               | VertexProgram steps, GraphComputer only                         |
 *   |   connectedComponent, shortestPath,   |                                                                 |
 *   |   program (found in the traversal)    |                                                                 |
 *   | @MetaProperties                       | Neptune has no properties on vertex properties                  |
 *   | @AllowNullPropertyValues              | Neptune cannot store null property values                       |
 *   | @UserSuppliedVertexPropertyIds        | Neptune generates vertex property ids, refuses supplied ones    |
 *   | @TinkerServiceRegistry                | call() services are TinkerGraph's registry; Neptune has none    |
 *   | @StepRead, @StepWrite, io()           | Neptune does not support the io() step                          |
 *   | "Given an unsupported test"           | TinkerPop marks it unsupported for language variants: there is |
 *   |                                       | no traversal to run (not a Neptune gap, but nothing to count)   |
 *
 *   Run, not skipped: @MultiProperties (Neptune has multi-properties, set cardinality; list runs on the
 *   TinkerGraph profile), @UserSuppliedVertexIds and @UserSuppliedEdgeIds (Neptune takes supplied ids),
 *   @DisallowNullPropertyValues (Neptune's own behaviour), @InsertionOrderingRequired (the store keeps
 *   insertion order), @With*Strategy (strategies are sent as bytecode and judged by the result),
 *   @GraphComputerVerification* (they only limit GraphComputer runs), @RemoteOnly, @StepClass*, @Step*.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import { Pool, runScenario, type Environment, type Outcome } from './execute';
import { loadFeatures } from './features';
import {
  baselineOf,
  compareWithBaseline,
  featureReport,
  readBaseline,
  totals,
  totalsLine,
  writeBaseline,
  type FinalOutcome,
  type ScenarioResult,
} from './report';
import type { FeatureFile, Scenario } from './scenario';
import { ServerHost } from './server-host';
import { skipReason } from './skips';

const DATASET_FILES: Record<string, string> = {
  modern: 'tinkerpop-modern.json',
  classic: 'tinkerpop-classic.json',
  crew: 'tinkerpop-crew.json',
  grateful: 'grateful-dead.json',
  sink: 'tinkerpop-sink.json',
};

const MIME_TYPES: Record<string, string> = {
  graphbinary: 'application/vnd.graphbinary-v1.0',
  graphson: 'application/vnd.gremlin-v3.0+json',
};

interface Options {
  readonly dirs: string[];
  readonly verbose: boolean;
  readonly baseline?: string;
  readonly writeBaseline: boolean;
  readonly filter?: RegExp;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly mimeType: string;
  readonly datasets: string;
}

function options(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      verbose: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'write-baseline': { type: 'boolean', default: false },
      filter: { type: 'string' },
      concurrency: { type: 'string', default: String(Math.max(4, availableParallelism() * 4)) },
      timeout: { type: 'string', default: '10000' },
      serializer: { type: 'string', default: 'graphbinary' },
      datasets: { type: 'string', default: join(__dirname, '../../shared/tinkerpop') },
    },
  });
  if (positionals.length === 0) throw new Error('usage: npm run conformance -- [options] DIR...  (see conformance/run.ts)');
  const mimeType = MIME_TYPES[values.serializer];
  if (!mimeType) throw new Error(`--serializer must be one of ${Object.keys(MIME_TYPES).join(', ')}`);
  return {
    dirs: positionals.map((p) => resolve(p)),
    verbose: values.verbose || process.env.NEREID_CONFORMANCE_VERBOSE === '1',
    baseline: values.baseline ?? (values['write-baseline'] ? join(__dirname, 'baseline.json') : undefined),
    writeBaseline: values['write-baseline'],
    filter: values.filter ? new RegExp(values.filter) : undefined,
    concurrency: positiveInt(values.concurrency, '--concurrency'),
    timeoutMs: positiveInt(values.timeout, '--timeout'),
    mimeType,
    datasets: resolve(values.datasets),
  };
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

interface Item {
  readonly feature: FeatureFile;
  readonly scenario: Scenario;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const started = Date.now();
  const features = loadFeatures(opts.dirs);
  const items: Item[] = features.flatMap((feature) =>
    feature.scenarios
      .filter((scenario) => !opts.filter || opts.filter.test(scenario.name) || opts.filter.test(feature.path))
      .map((scenario) => ({ feature, scenario })),
  );
  const scratch = Array.from({ length: opts.concurrency }, (_, i) => `gscratch${i}`);
  const host = await ServerHost.start({ datasets: datasetsFor(items, opts.datasets), scratch, evaluationTimeoutMs: opts.timeoutMs });
  const loaded = Date.now();
  const clients = new Clients(host, opts.mimeType);
  const env: Environment = { host, client: () => clients.current(), scratch: new Pool(scratch), timeoutMs: opts.timeoutMs };

  const outcomes = new Map<Item, FinalOutcome>();
  const again: Item[] = [];
  await forEachConcurrently(items, opts.concurrency, async (item) => {
    const outcome = await runScenario(item.scenario, env);
    if (outcome.status === 'interrupted') await recover(host);
    // A timeout may be another scenario's doing (the server shares one event loop), so it is confirmed alone.
    if (outcome.status === 'interrupted' || (outcome.status === 'failed' && outcome.timedOut)) again.push(item);
    else outcomes.set(item, outcome);
  });
  // One at a time, so a scenario that times out or stalls the server again is unambiguously the one to blame.
  for (const item of again) outcomes.set(item, await runAlone(item, env, host));
  await clients.close();
  await host.close();

  const results: ScenarioResult[] = items.map((item) => ({ ...item, outcome: outcomes.get(item)! }));
  const out: string[] = [];
  for (const feature of features) {
    const own = results.filter((r) => r.feature === feature);
    if (own.length > 0) out.push(...featureReport(feature, own, opts.verbose));
  }
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  out.push(`${results.length} scenarios in ${seconds(Date.now() - started)} s (server and datasets ready in ${seconds(loaded - started)} s)`);
  let exitCode = 0;
  if (opts.writeBaseline) {
    writeBaseline(opts.baseline!, baselineOf(results));
    out.push(`baseline written to ${opts.baseline}`);
  } else if (opts.baseline) {
    const comparison = compareWithBaseline(readBaseline(opts.baseline), results);
    out.push(...comparison.lines);
    if (!comparison.ok) exitCode = 1;
  }
  out.push(totalsLine(totals(results)));
  process.stdout.write(`${out.join('\n')}\n`);
  return exitCode;
}

/** The datasets the selected scenarios need (skipped ones need none). */
function datasetsFor(items: readonly Item[], dir: string): Record<string, string> {
  const needed = new Set(items.filter((i) => !skipReason(i.scenario) && i.scenario.graph && i.scenario.graph !== 'empty').map((i) => i.scenario.graph!));
  const datasets: Record<string, string> = {};
  for (const name of needed) {
    const file = DATASET_FILES[name] && join(dir, DATASET_FILES[name]);
    if (!file || !existsSync(file)) throw new Error(`no dataset for the ${name} graph in ${dir}`);
    datasets[name] = file;
  }
  return datasets;
}

/**
 * After a scenario got no answer for its whole timeout and more: if the server's event loop still does not
 * answer a ping, it is stuck (a traversal that neither yields nor checks its deadline); replace the server.
 */
async function recover(host: ServerHost): Promise<void> {
  const generation = host.generation;
  if (await host.responsive(5000)) return;
  if (host.generation === generation) await host.restart();
}

async function runAlone(item: Item, env: Environment, host: ServerHost): Promise<FinalOutcome> {
  const outcome: Outcome = await runScenario(item.scenario, env);
  if (outcome.status !== 'interrupted') return outcome;
  await recover(host);
  return { status: 'failed', reason: `the server stopped answering (${outcome.reason}) and was restarted` };
}

/** One driver client per server generation: a restarted server listens on a new port. */
class Clients {
  private client: gremlin.driver.Client | undefined;
  private generation = -1;

  constructor(
    private readonly host: ServerHost,
    private readonly mimeType: string,
  ) {}

  current(): gremlin.driver.Client {
    if (!this.client || this.generation !== this.host.generation) {
      void this.client?.close().catch(() => {});
      this.client = new gremlin.driver.Client(this.host.url, { traversalSource: 'g', mimeType: this.mimeType });
      this.generation = this.host.generation;
    }
    return this.client;
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => {});
  }
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`conformance: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
