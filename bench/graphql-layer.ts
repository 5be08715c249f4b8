/**
 * The GraphQL layer's own cost: `{ __typename }` (no Gremlin request at all) through HTTP into a whole nereid,
 * with stats on and off, and a small nested read on the embedded sample graph for scale. Sequential requests
 * over one keep-alive connection; prints p50 / p99 in milliseconds. Run: `npx tsx bench/graphql-layer.ts
 * [--rounds N] [--out DIR] [--plan]`; `--profile` also writes a CPU profile of the `{ __typename }` rounds
 * (graphql-layer.cpuprofile). Writes `graphql-layer.json` into `--out` (default bench/results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { request, Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { generateSocialGraph } from '../src/sample/social-graph';
import { Graph } from '../src/embedded/structure';
import { serve } from '../src/serve';
import { Budget } from './budget';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3000' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: join(__dirname, 'results') },
    plan: { type: 'boolean', default: false },
  },
});
const ROUNDS = Number(values.rounds);
/**
 * Not time-boxed: ROUNDS sequential requests of about 0.5 ms and a third as many of about 1.5 ms, with stats on and
 * off, after their warm-ups; and two nereids started. Idle-machine estimate from its CPU time (12.5 s at 3000).
 */
const budget = new Budget('graphql-layer').estimated(`${ROUNDS} + ${Math.ceil(ROUNDS / 3)} requests twice, two nereids started`, 5 + ROUNDS * 0.0025);

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function timed(url: URL, query: string, rounds: number): Promise<{ p50: number; p99: number }> {
  const body = JSON.stringify({ query });
  const first = JSON.parse(await post(url, body));
  if (first.errors) throw new Error(`${query}: ${JSON.stringify(first.errors)}`);
  for (let i = 0; i < 200; i++) await post(url, body); // warm-up: JIT, Apollo's document cache
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await post(url, body);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(rounds * 0.5)], p99: times[Math.floor(rounds * 0.99)] };
}

async function main(): Promise<void> {
  budget.start(values.plan);
  const graph = new Graph();
  generateSocialGraph(graph);
  const rows: [string, string, { p50: number; p99: number }][] = [];
  for (const stats of [true, false]) {
    const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, stats });
    const url = new URL(nereid.url.replace('localhost', '127.0.0.1'));
    const session = values.profile && stats ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    rows.push([`stats ${stats ? 'on' : 'off'}`, '{ __typename }', await timed(url, '{ __typename }', ROUNDS)]);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync('graphql-layer.cpuprofile', JSON.stringify(profile));
      session.disconnect();
    }
    const nested = '{ vertex(id: "user:1") { name: property(key: "name") out(labels: ["FOLLOWS"], first: 5) { totalCount nodes { id } } } }';
    rows.push([`stats ${stats ? 'on' : 'off'}`, 'vertex + 5 followees', await timed(url, nested, Math.ceil(ROUNDS / 3))]);
    await nereid.stop();
  }
  console.log(`${'setting'.padEnd(10)} ${'query'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const [setting, query, { p50, p99 }] of rows) {
    console.log(`${setting.padEnd(10)} ${query.padEnd(22)} ${p50.toFixed(3).padStart(8)} ${p99.toFixed(3).padStart(8)}`);
  }
  agent.destroy();
  const timing = budget.finish();
  mkdirSync(values.out, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  const results = rows.map(([setting, query, latency]) => ({ setting, query, ...latency }));
  writeFileSync(join(values.out, 'graphql-layer.json'), `${JSON.stringify({ machine, timing, rounds: ROUNDS, results }, null, 2)}\n`);
  console.log(`wrote ${join(values.out, 'graphql-layer.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
