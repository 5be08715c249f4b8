/**
 * The GraphQL layer's own cost: `{ __typename }` (no Gremlin request at all) through HTTP into a whole nereid,
 * with stats on and off, and a small nested read on the embedded sample graph for scale; beside them the floors,
 * on the same schema: node:http answering a fixed body, Apollo Server alone on node:http (its documented
 * `executeHTTPGraphQLRequest`), and Apollo Server alone on Express. Every server runs in this process at once and
 * the rounds take turns between them in blocks, so all meet the same load on a shared machine. Sequential
 * requests over one keep-alive connection per server; prints p50 / p99 in milliseconds and the p50 as a ratio of
 * Apollo-alone-on-node:http's. Run: `npx tsx bench/graphql-layer.ts [--rounds N] [--out DIR] [--plan]`;
 * `--profile` also writes a CPU profile of nereid's stats-on `{ __typename }` rounds alone
 * (graphql-layer.cpuprofile). Writes `graphql-layer.json` into `--out` (default bench/results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { createServer, request, Agent, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { generateSocialGraph } from '../src/sample/social-graph';
import { Graph } from '../src/embedded/structure';
import { buildCoreSchema } from '../src/gateway/schema';
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
const BLOCK = 100;
const TYPENAME = '{ __typename }';
const NESTED = '{ vertex(id: "user:1") { name: property(key: "name") out(labels: ["FOLLOWS"], first: 5) { totalCount nodes { id } } } }';
/**
 * Not time-boxed: ROUNDS sequential `{ __typename }` requests to each of five servers (three floors of about
 * 0.1-0.35 ms, two nereids of about 0.3 ms) and a third as many nested reads of about 1.5 ms to each nereid, after
 * their warm-ups. Idle-machine estimate.
 */
const budget = new Budget('graphql-layer').estimated(`${ROUNDS} x 5 + ${Math.ceil(ROUNDS / 3)} x 2 requests, five servers started`, 5 + ROUNDS * 0.0025);

interface Target {
  name: string;
  query: string;
  url: URL;
  agent: Agent;
  times: number[];
}

function post(target: Target, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { url, agent } = target;
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

async function round(target: Target, count: number, record: boolean): Promise<void> {
  const body = JSON.stringify({ query: target.query });
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await post(target, body);
    if (record) target.times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function listen(server: Server): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** node:http answering what Apollo would, without GraphQL: the cost of HTTP alone. */
async function bareHttp(): Promise<{ url: URL; stop: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    await readBody(req);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end('{"data":{"__typename":"Query"}}\n');
  });
  return { url: await listen(server), stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Apollo Server with defaults and nothing else, on node:http through `executeHTTPGraphQLRequest`. */
async function apolloOnHttp(): Promise<{ url: URL; stop: () => Promise<void> }> {
  const apollo = new ApolloServer({ schema: buildCoreSchema() });
  await apollo.start();
  const server = createServer(async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers, search: '', body: JSON.parse(await readBody(req)) },
      context: async () => ({}),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    res.end(response.body.kind === 'complete' ? response.body.string : '');
  });
  const url = await listen(server);
  return { url, stop: async () => (await apollo.stop(), await new Promise<void>((resolve) => server.close(() => resolve()))) };
}

/** Apollo Server with defaults and nothing else, on Express with its JSON body parser. */
async function apolloOnExpress(): Promise<{ url: URL; stop: () => Promise<void> }> {
  const apollo = new ApolloServer({ schema: buildCoreSchema() });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = createServer(app);
  const url = await listen(server);
  return { url, stop: async () => (await apollo.stop(), await new Promise<void>((resolve) => server.close(() => resolve()))) };
}

async function main(): Promise<void> {
  budget.start(values.plan);
  const graph = new Graph();
  generateSocialGraph(graph);
  const stops: (() => Promise<void>)[] = [];
  const targets: Target[] = [];
  const add = (name: string, query: string, url: URL) => targets.push({ name, query, url, agent: new Agent({ keepAlive: true, maxSockets: 1 }), times: [] });
  for (const [name, start] of [['node:http alone', bareHttp], ['Apollo on node:http', apolloOnHttp], ['Apollo on Express', apolloOnExpress]] as const) {
    const { url, stop } = await start();
    stops.push(stop);
    add(name, TYPENAME, url);
  }
  for (const stats of [true, false]) {
    const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, embeddedGraph: graph, stats });
    stops.push(() => nereid.stop());
    const url = new URL(nereid.url.replace('localhost', '127.0.0.1'));
    add(`nereid, stats ${stats ? 'on' : 'off'}`, TYPENAME, url);
    add(`nereid, stats ${stats ? 'on' : 'off'}`, NESTED, url);
  }
  for (const target of targets) {
    const answer = JSON.parse(await post(target, JSON.stringify({ query: target.query })));
    if (answer.errors || !answer.data) throw new Error(`${target.name}: ${JSON.stringify(answer)}`);
    await round(target, 200, false); // warm-up: JIT, Apollo's document cache
  }

  const profiled = targets.find((t) => t.name === 'nereid, stats on' && t.query === TYPENAME)!;
  if (values.profile) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    await round(profiled, ROUNDS, false);
    const { profile } = await session.post('Profiler.stop');
    writeFileSync('graphql-layer.cpuprofile', JSON.stringify(profile));
    session.disconnect();
  }

  // The nested read does more work per request: a third as many rounds.
  const roundsOf = (t: Target) => (t.query === TYPENAME ? ROUNDS : Math.ceil(ROUNDS / 3));
  while (targets.some((t) => t.times.length < roundsOf(t))) {
    for (const target of targets) await round(target, Math.min(BLOCK, roundsOf(target) - target.times.length), true);
  }
  for (const stop of stops) await stop();
  for (const target of targets) target.agent.destroy();

  const floor = percentile([...targets[1].times].sort((a, b) => a - b), 0.5);
  console.log(`${'server'.padEnd(22)} ${'query'.padEnd(22)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50 / Apollo on node:http'.padStart(26)}`);
  for (const { name, query, times } of targets) {
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const label = query === TYPENAME ? TYPENAME : 'vertex + 5 followees';
    console.log(`${name.padEnd(22)} ${label.padEnd(22)} ${p50.toFixed(3).padStart(8)} ${percentile(sorted, 0.99).toFixed(3).padStart(8)} ${(query === TYPENAME ? `${(p50 / floor).toFixed(2)}x` : '').padStart(26)}`);
  }
  const timing = budget.finish();
  mkdirSync(values.out, { recursive: true });
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString() };
  const results = targets.map(({ name, query, times }) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { server: name, query, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
  });
  writeFileSync(join(values.out, 'graphql-layer.json'), `${JSON.stringify({ machine, timing, rounds: ROUNDS, results }, null, 2)}\n`);
  console.log(`wrote ${join(values.out, 'graphql-layer.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
