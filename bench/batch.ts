/**
 * What all-or-nothing costs a large batch mutation: `batchCreateVertices` with N inputs through HTTP into a whole
 * nereid (chunks of 500 in one session transaction, then a commit), beside the same N vertices sent as N/500
 * separate batches of 500 (one sessionless traversal each, not atomic together): the alternative a client had
 * before. Each row on an empty graph; the vertex count is checked after each run. Median of `--rounds` runs.
 * `--tinkerpop` uses TinkerPop's Gremlin Server (test/peers, after `test/peers/prepare tinkerpop`) instead of
 * the embedded one. Run: `npx tsx bench/batch.ts [--sizes 1000,5000,10000] [--rounds 5] [--tinkerpop] [--out DIR] [--plan]`;
 * writes `batch.json` into `--out` (default bench/results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Graph } from '../src/embedded/structure';
import { serve, type Nereid } from '../src/serve';
import { startReferenceServer } from '../test/peers/gremlin-server';
import { clearRemote, remote } from '../test/peers/copy-graph';
import { Budget } from './budget';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000' },
    rounds: { type: 'string', default: '5' },
    tinkerpop: { type: 'boolean', default: false },
    out: { type: 'string', default: join(__dirname, 'results') },
    plan: { type: 'boolean', default: false },
  },
});
const SIZES = values.sizes.split(',').map(Number);
const ROUNDS = Number(values.rounds);
const CHUNK = 500;
const CREATE = `mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id } }`;

async function gql(nereid: Nereid, query: string, variables?: object): Promise<any> {
  const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors[0]));
  return body;
}

/**
 * Not time-boxed: every round writes each size twice (and the first round is a warm-up). Idle-machine estimate
 * from its CPU time, 17 s for the defaults: 0.08 ms a vertex written, 2 s to start; the TinkerPop server adds
 * its JVM's start.
 */
const budget = new Budget('batch').estimated(
  `${SIZES.join(', ')} vertices, ${ROUNDS + 1} rounds, two ways`,
  2 + (values.tinkerpop ? 3 : 0) + (SIZES.reduce((n, s) => n + s, 0) * (ROUNDS + 1) * 2 * 0.08) / 1000,
);

const inputs = (n: number, run: number) => Array.from({ length: n }, (_, i) => ({ id: `r${run}-${i}`, label: `Bench${run}`, properties: { n: i } }));

async function main(): Promise<void> {
  budget.start(values.plan);
  const reference = values.tinkerpop ? await startReferenceServer() : undefined;
  const nereid = await serve({
    port: 0,
    host: '127.0.0.1',
    env: reference ? { GREMLIN_ENDPOINT: reference.url } : {},
    ...(reference ? {} : { embeddedGraph: new Graph() }),
  });
  const peer = reference && remote(reference.url);
  let run = 0;
  /** Times `write` of n new vertices under a label of their own (the reference server is emptied first), then counts them. */
  const timed = async (n: number, write: (items: ReturnType<typeof inputs>) => Promise<void>): Promise<number> => {
    if (peer) await clearRemote(peer.g);
    const items = inputs(n, ++run);
    const started = performance.now();
    await write(items);
    const ms = performance.now() - started;
    const count = (await gql(nereid, `{ vertices(label: "Bench${run}", first: 1) { totalCount } }`)).data.vertices.totalCount;
    if (count !== n) throw new Error(`expected ${n} vertices, found ${count}`);
    return ms;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows: string[] = ['| inputs | one batch (transaction) | requests | 500 per request, not atomic | requests | ratio |', '|---|---|---|---|---|---|'];
  const results: { inputs: number; oneBatchMs: number; requests: number; splitMs: number; splitRequests: number }[] = [];
  for (const n of SIZES) {
    const one: number[] = [];
    const split: number[] = [];
    let requests = 0;
    for (let round = 0; round < ROUNDS + 1; round++) {
      const a = await timed(n, async (items) => {
        requests = (await gql(nereid, CREATE, { inputs: items })).extensions.gremlin.requests;
      });
      const b = await timed(n, async (items) => {
        for (let i = 0; i < items.length; i += CHUNK) await gql(nereid, CREATE, { inputs: items.slice(i, i + CHUNK) });
      });
      // The first round warms the JIT (and the JVM); it is not counted.
      if (round > 0) {
        one.push(a);
        split.push(b);
      }
    }
    const [a, b] = [median(one), median(split)];
    rows.push(`| ${n} | ${a.toFixed(0)} ms | ${requests} | ${b.toFixed(0)} ms | ${Math.ceil(n / CHUNK)} | ${(a / b).toFixed(2)} |`);
    results.push({ inputs: n, oneBatchMs: a, requests, splitMs: b, splitRequests: Math.ceil(n / CHUNK) });
  }
  process.stdout.write(`${values.tinkerpop ? 'TinkerPop Gremlin Server (TinkerTransactionGraph)' : 'embedded Gremlin Server'}, median of ${ROUNDS} runs\n${rows.join('\n')}\n`);
  await nereid.stop();
  await peer?.close();
  await reference?.stop();
  const timing = budget.finish();
  mkdirSync(values.out, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  const server = values.tinkerpop ? 'TinkerPop Gremlin Server (TinkerTransactionGraph)' : 'embedded Gremlin Server';
  writeFileSync(join(values.out, 'batch.json'), `${JSON.stringify({ machine, timing, server, rounds: ROUNDS, results }, null, 2)}\n`);
  process.stdout.write(`wrote ${join(values.out, 'batch.json')}\n`);
}

void main();
