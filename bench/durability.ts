/**
 * What `--data-dir` costs and how fast a data directory restarts:
 * - write throughput through the real driver into the embedded Gremlin Server, in memory against a data
 *   directory (one fsync per commit), same writers, same transactions;
 * - restart time (reading the directory back into the graph) for a generated graph with `--edges` edges
 *   (default 10^6) and a tenth as many vertices, each element with properties, against generating the same
 *   graph in memory.
 * Run: `node --max-old-space-size=8192 --import tsx bench/durability.ts [--edges 1000000] [--writes 2000] [--writers 8]`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import gremlin from 'gremlin';
import { startGremlinServer } from '../src/embedded/server';
import { DATABASE_FILE, openDataDir } from '../src/embedded/storage';
import { Graph, type Transaction } from '../src/embedded/structure';
import { GremlinClient } from '../src/neptune/client';
import { loadConnectionConfig } from '../src/neptune/config';

const { values } = parseArgs({
  options: { edges: { type: 'string', default: '1000000' }, writes: { type: 'string', default: '2000' }, writers: { type: 'string', default: '8' } },
});
const EDGES = Number(values.edges);
const WRITES = Number(values.writes);
const WRITERS = Number(values.writers);

const { t } = gremlin.process;
const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());

async function throughput(graph: Graph): Promise<number> {
  const server = await startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
  const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url, poolSize: 4 }));
  let next = 0;
  const write = (n: number) =>
    g.addV('Person').property(t.id, `p${n}`).property('name', `person ${n}`).property('age', n % 90).as('p')
      .addV('Post').property(t.id, `post${n}`).property('title', `post ${n}`)
      .addE('POSTED').from_('p').property('at', n)
      .getBytecode();
  await client.submit(write(next++), { mode: 'write' });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next <= WRITES) await client.submit(write(next++), { mode: 'write' });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  await server.close();
  return WRITES / seconds;
}

/** A power-law-ish graph: edges pick their ends with a skew, so some vertices have high degree. */
function fill(tx: Transaction, graph: Graph): void {
  const vertices = Math.max(1, Math.round(EDGES / 10));
  for (let i = 0; i < vertices; i++) {
    const v = tx.addVertex([i % 5 === 0 ? 'Company' : 'Person'], `v${i}`);
    tx.addVertexProperty(v, 'name', `vertex ${i}`);
    tx.addVertexProperty(v, 'score', (i * 7919) % 1000);
  }
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < EDGES; i++) {
    const from = graph.vertex(`v${Math.floor(rnd() ** 2 * vertices)}`)!;
    const to = graph.vertex(`v${Math.floor(rnd() * vertices)}`)!;
    const e = tx.addEdge(i % 3 === 0 ? 'WORKS_AT' : 'KNOWS', from, to, `e${i}`);
    tx.setEdgeProperty(e, 'since', 2000 + (i % 25));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nereid-durability-bench-'));
  try {
    const inMemory = await throughput(new Graph());
    const durableGraph = new Graph();
    const store = openDataDir(join(dir, 'writes'), durableGraph);
    const durable = await throughput(durableGraph);
    store.close();
    console.log(`\nWrite throughput: ${WRITES} transactions (2 vertices, 1 edge, 6 properties each), ${WRITERS} writers, through the driver`);
    console.table({
      'in memory': { 'transactions/s': Math.round(inMemory), ratio: 1 },
      '--data-dir (WAL, synchronous=FULL)': { 'transactions/s': Math.round(durable), ratio: Number((durable / inMemory).toFixed(2)) },
    });

    let started = performance.now();
    const memory = new Graph();
    memory.transact((tx) => fill(tx, memory));
    const generateMs = performance.now() - started;

    const first = new Graph();
    const created = openDataDir(join(dir, 'big'), first);
    started = performance.now();
    first.transact((tx) => fill(tx, first));
    const writeMs = performance.now() - started;
    created.close();

    const restarted = new Graph();
    const reopened = openDataDir(join(dir, 'big'), restarted);
    reopened.close();
    if (restarted.vertexCount !== memory.vertexCount || restarted.edgeCount !== memory.edgeCount) {
      throw new Error(`restart read ${restarted.vertexCount}/${restarted.edgeCount}, expected ${memory.vertexCount}/${memory.edgeCount}`);
    }
    const bytes = statSync(join(dir, 'big', DATABASE_FILE)).size;
    console.log(`\nRestart: ${memory.vertexCount} vertices (2 properties each), ${memory.edgeCount} edges (1 property each); ${(bytes / 2 ** 20).toFixed(0)} MB on disk`);
    console.table({
      'generate in memory': { ms: Math.round(generateMs), ratio: 1 },
      'generate into a data directory (one commit)': { ms: Math.round(writeMs), ratio: Number((writeMs / generateMs).toFixed(2)) },
      'restart: read the data directory': { ms: Math.round(reopened.loaded.ms), ratio: Number((reopened.loaded.ms / generateMs).toFixed(2)) },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
