/**
 * `nereid load` and `nereid export` throughput through Gremlin, in elements per second, on air-routes and
 * LDBC SNB (from `../shared/datasets`): loading the CSV files into an empty embedded server over WebSocket with
 * each wire format, beside the embedded import (the same files straight into the store, no Gremlin: the
 * floor), then exporting the loaded graph and loading the export into another empty server, which must give
 * the same graph element by element (the bench stops if not). Client and server share this process, so the
 * figures are what one machine does end to end. Run: `npm run bench -- transfer` or `npx tsx bench/transfer.ts
 * [--batch-size N] [--concurrency N] [--out DIR] [--plan]`; writes `transfer.json` into `--out` (default bench/results).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadNeptuneCsv } from '../src/embedded/import/neptune-csv';
import { startGremlinServer, type GremlinServer } from '../src/embedded/server';
import { Graph } from '../src/embedded/structure';
import { GremlinClient } from '../src/neptune/client';
import { loadConnectionConfig, type Serializer } from '../src/neptune/config';
import { exportGraph } from '../src/transfer/export';
import { loadFiles } from '../src/transfer/load';
import { AIR_ROUTES, LDBC, differences, dumpGraph } from '../test/transfer/support';
import { Budget } from './budget';

/**
 * Idle-machine seconds per dataset, from the run's CPU time (59 and 65 s in two runs on a machine shared with
 * seven others; client and server share one thread, so on an idle machine the wall time is about the CPU time),
 * split by each dataset's share of the wall time.
 */
const TRANSFER_S = { 'air-routes': 29, 'ldbc-snb': 33 };

// Not strict: `npm run bench -- -- FLAGS` hands every benchmark the same flags.
const options = parseArgs({
  strict: false,
  options: {
    'batch-size': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    out: { type: 'string', default: join(__dirname, 'results') },
    plan: { type: 'boolean', default: false },
  },
}).values;
const batchSize = Number(options['batch-size']);
const concurrency = Number(options.concurrency);
const out = String(options.out);
/** Not time-boxed: a fixed amount of work per dataset (an import, three loads through Gremlin, an export, two dumps compared). */
const budget = new Budget('transfer').estimated('air-routes: import, 3 loads, export, compare', TRANSFER_S['air-routes']).estimated('ldbc-snb: the same', TRANSFER_S['ldbc-snb']);
const dir = mkdtempSync(join(tmpdir(), 'nereid-bench-transfer-'));

interface Measure {
  readonly dataset: string;
  readonly what: string;
  readonly elements: number;
  readonly ms: number;
}

const measures: Measure[] = [];

function client(server: GremlinServer, serializer: Serializer): GremlinClient {
  return GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url, serializer, timeoutMs: 120_000 }));
}

async function load(server: GremlinServer, files: readonly string[], serializer: Serializer): Promise<{ elements: number; ms: number }> {
  const c = client(server, serializer);
  try {
    const r = await loadFiles(c, { files, batchSize, concurrency, statePath: join(dir, 'state.json'), resume: false });
    return { elements: r.vertices + r.edges, ms: r.ms };
  } finally {
    await c.close();
  }
}

async function bench(dataset: string, files: readonly string[]): Promise<void> {
  const started = Date.now();
  const graph = new Graph();
  const imported = await loadNeptuneCsv(graph, [...files]);
  measures.push({ dataset, what: 'embedded import (no Gremlin)', elements: imported.vertices + imported.edges, ms: Date.now() - started });

  const servers: GremlinServer[] = [];
  try {
    let loaded: GremlinServer | undefined;
    for (const serializer of ['graphbinary', 'graphson'] as const) {
      const server = await startGremlinServer({ logLevel: 'silent' });
      servers.push(server);
      const r = await load(server, files, serializer);
      measures.push({ dataset, what: `nereid load, ${serializer}`, ...r });
      loaded ??= server;
    }

    const out = join(dir, dataset);
    const c = client(loaded!, 'graphbinary');
    const exported = await exportGraph(c, { dir: out, gzip: false, pageSize: 2000 }).finally(() => c.close());
    measures.push({ dataset, what: 'nereid export, graphbinary', elements: exported.vertices + exported.edges, ms: exported.ms });

    const copy = await startGremlinServer({ logLevel: 'silent' });
    servers.push(copy);
    const r = await load(copy, exported.files.map((f) => f.path), 'graphbinary');
    measures.push({ dataset, what: 'nereid load of the export', ...r });
    const diff = differences(await dumpGraph(loaded!.url), await dumpGraph(copy.url));
    if (diff.length > 0) throw new Error(`${dataset}: the export did not reload as the same graph:\n${diff.join('\n')}`);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}

async function main(): Promise<void> {
  budget.start(options.plan === true);
  try {
    await bench('air-routes', AIR_ROUTES);
    await bench('ldbc-snb', LDBC);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nnereid load / export through Gremlin (batch ${batchSize}, ${concurrency} in flight; client and server in one process)\n`);
  console.log(`${'dataset'.padEnd(12)}${'what'.padEnd(32)}${'elements'.padStart(10)}${'seconds'.padStart(10)}${'elements/s'.padStart(12)}${'vs import'.padStart(11)}`);
  for (const m of measures) {
    const rate = m.elements / (m.ms / 1000);
    const floor = measures.find((x) => x.dataset === m.dataset && x.what.startsWith('embedded import'))!;
    const ratio = rate / (floor.elements / (floor.ms / 1000));
    console.log(
      `${m.dataset.padEnd(12)}${m.what.padEnd(32)}${m.elements.toLocaleString('en-US').padStart(10)}${(m.ms / 1000).toFixed(1).padStart(10)}` +
        `${Math.round(rate).toLocaleString('en-US').padStart(12)}${ratio.toFixed(3).padStart(11)}`,
    );
  }
  console.log('\nThe export reloaded as the same graph, element by element, for both datasets.');
  const timing = budget.finish();
  mkdirSync(out, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  const results = measures.map((m) => ({ ...m, elementsPerSecond: m.elements / (m.ms / 1000) }));
  writeFileSync(join(out, 'transfer.json'), `${JSON.stringify({ machine, timing, batchSize, concurrency, results }, null, 2)}\n`);
  console.log(`wrote ${join(out, 'transfer.json')}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
