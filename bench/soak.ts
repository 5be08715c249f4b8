/**
 * A bounded soak: `npx tsx bench/soak.ts [--duration 300] [--concurrency 8] [--window 10] [--warmup 60]
 * [--json FILE]`. Starts `nereid serve` (the embedded graph with the sample social graph) as a child process on
 * loopback and drives it at saturation with a mix of reads and writes from `--concurrency` clients for
 * `--duration` seconds (5 minutes by default). Writes keep the graph's size bounded: each client creates a vertex
 * and an edge to it, updates a user, and deletes its vertex again. Every `--window` seconds it records
 * operations per second, p50/p99 latency, errors, and the server's resident memory (from its own /metrics).
 * Prints a table and a verdict (errors must be 0; RSS growth after the warm-up under 10%), and writes the same
 * as JSON (default: soak-<time>.json in the system's temporary directory). Exits 1 when the verdict fails.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    window: { type: 'string', default: '10' },
    warmup: { type: 'string' },
    json: { type: 'string' },
  },
});
const DURATION_S = Number(values.duration);
const CONCURRENCY = Number(values.concurrency);
const WINDOW_S = Number(values.window);
const WARMUP_S = values.warmup === undefined ? Math.min(60, Math.round(DURATION_S / 5)) : Number(values.warmup);
const JSON_FILE = values.json ?? join(tmpdir(), `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
const MAX_RSS_GROWTH = 0.1;

interface Window {
  endS: number;
  operations: number;
  reads: number;
  writes: number;
  errors: number;
  opsPerS: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
}

/**
 * The operations: fixed documents with variables, as a real client sends them (each distinct document text
 * would otherwise fill Apollo's parsed-document cache, which looks like memory growth). Each is a function of the
 * client's number and its iteration, so writes touch only their own ids.
 */
type Op = (c: number, i: number) => { query: string; variables: Record<string, unknown> };
const READS: Op[] = [
  (_c, i) => ({ query: `query User($id: ID!) { vertex(id: $id) { id name: property(key: "name") out(labels: ["FOLLOWS"], first: 10) { totalCount nodes { id } } } }`, variables: { id: `user:${1 + (i % 250)}` } }),
  (_c, i) => ({ query: `query Ages($min: JSON) { vertices(label: "User", where: { key: "age", gte: $min }, orderBy: [{ key: "age" }], first: 20) { totalCount nodes { id } } }`, variables: { min: 18 + (i % 40) } }),
  (_c, i) => ({ query: `query Feed($id: ID!) { traverse(start: [$id], steps: [{ direction: OUT, edgeLabels: ["FOLLOWS"] }, { direction: OUT, edgeLabels: ["POSTED"] }], limit: 20) { vertices { id } } }`, variables: { id: `user:${1 + (i % 250)}` } }),
  (_c, i) => ({ query: `query Post($id: ID!) { vertex(id: $id) { label properties in(labels: ["LIKES"], first: 5) { nodes { id } } } }`, variables: { id: `post:${1 + (i % 835)}` } }),
];
const WRITES: Op[] = [
  (c, i) => ({ query: `mutation Create($input: VertexInput!) { createVertex(input: $input) { id } }`, variables: { input: { label: 'Soak', id: `soak:${c}:${i}`, properties: { n: i, text: `soak ${c} ${i}` } } } }),
  (c, i) => ({ query: `mutation Link($input: EdgeInput!) { createEdge(input: $input) { id } }`, variables: { input: { label: 'SOAKS', from: `soak:${c}:${i}`, to: `user:${1 + (i % 250)}`, properties: { w: i % 7 } } } }),
  (c, i) => ({ query: `mutation Touch($id: ID!, $set: JSON) { updateVertex(id: $id, set: $set) { id } }`, variables: { id: `user:${1 + ((c * 31 + i) % 250)}`, set: { soakCounter: i } } }),
  (c, i) => ({ query: `mutation Remove($id: ID!) { deleteVertex(id: $id) { deleted } }`, variables: { id: `soak:${c}:${i}` } }),
];

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NEPTUNE_ENDPOINT: '', GREMLIN_ENDPOINT: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`nereid serve exited with ${code} before it was ready:\n${out}`)));
  });
  const metricsUrl = url.replace('/graphql', '/metrics');
  const rss = async () => Number(/^process_resident_memory_bytes (\S+)$/m.exec(await (await fetch(metricsUrl)).text())?.[1]) / 2 ** 20;

  const windows: Window[] = [];
  let current = { operations: 0, reads: 0, writes: 0, errors: 0, latencies: [] as number[] };
  const errorSamples: string[] = [];
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  let nextWindow = started + WINDOW_S * 1000;
  const send = async ({ query, variables }: { query: string; variables: Record<string, unknown> }, write: boolean) => {
    const t0 = performance.now();
    let problem: string | undefined;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (res.status !== 200 || body.errors) problem = `${res.status} ${JSON.stringify(body.errors).slice(0, 200)} for ${query.slice(0, 80)} ${JSON.stringify(variables)}`;
    } catch (err) {
      problem = `${(err as Error).message} for ${query.slice(0, 120)}`;
    }
    current.latencies.push(performance.now() - t0);
    current.operations += 1;
    if (write) current.writes += 1;
    else current.reads += 1;
    if (problem) {
      current.errors += 1;
      if (errorSamples.length < 20) errorSamples.push(problem);
    }
  };
  const client = async (c: number) => {
    for (let i = 0; performance.now() < deadline; i += 1) {
      // Per round: two reads, the vertex's life (create, edge, update, delete) interleaved with reads: 8 reads to 4 writes.
      for (let w = 0; w < WRITES.length && performance.now() < deadline; w += 1) {
        await send(READS[(i + w) % READS.length](c, i * 4 + w), false);
        await send(WRITES[w](c, i), true);
        await send(READS[(i + w + 1) % READS.length](c, i * 4 + w + 7), false);
      }
    }
  };
  const sampler = (async () => {
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextWindow - performance.now())));
      nextWindow += WINDOW_S * 1000;
      const done = current;
      current = { operations: 0, reads: 0, writes: 0, errors: 0, latencies: [] };
      const sorted = done.latencies.sort((a, b) => a - b);
      const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0);
      windows.push({
        endS: Math.round((performance.now() - started) / 1000),
        operations: done.operations,
        reads: done.reads,
        writes: done.writes,
        errors: done.errors,
        opsPerS: done.operations / WINDOW_S,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        rssMb: await rss(),
      });
      const w = windows[windows.length - 1];
      process.stdout.write(`  ${String(w.endS).padStart(4)} s  ${w.opsPerS.toFixed(0).padStart(5)} ops/s  p99 ${w.p99Ms.toFixed(1).padStart(7)} ms  RSS ${w.rssMb.toFixed(1)} MB  errors ${w.errors}\n`);
    }
  })();
  console.log(`soak: ${DURATION_S} s, ${CONCURRENCY} clients, windows of ${WINDOW_S} s, warm-up ${WARMUP_S} s, against ${url}`);
  await Promise.all([...Array.from({ length: CONCURRENCY }, (_, c) => client(c)), sampler]);
  child.kill('SIGTERM');
  const exitCode = await new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));

  const steady = windows.filter((w) => w.endS > WARMUP_S);
  const baseline = steady[0]?.rssMb ?? NaN;
  const finalRss = steady[steady.length - 1]?.rssMb ?? NaN;
  const maxRss = Math.max(...steady.map((w) => w.rssMb));
  const growth = (finalRss - baseline) / baseline;
  const errors = windows.reduce((n, w) => n + w.errors, 0);
  const operations = windows.reduce((n, w) => n + w.operations, 0);
  const summary = {
    durationS: DURATION_S,
    concurrency: CONCURRENCY,
    warmupS: WARMUP_S,
    operations,
    reads: windows.reduce((n, w) => n + w.reads, 0),
    writes: windows.reduce((n, w) => n + w.writes, 0),
    errors,
    opsPerS: operations / (windows.length * WINDOW_S),
    steadyOpsPerS: steady.reduce((n, w) => n + w.operations, 0) / (steady.length * WINDOW_S),
    worstP99Ms: Math.max(...steady.map((w) => w.p99Ms)),
    medianP99Ms: median(steady.map((w) => w.p99Ms)),
    rssAfterWarmupMb: baseline,
    rssFinalMb: finalRss,
    rssMaxMb: maxRss,
    rssGrowth: growth,
    serverExitCode: exitCode,
    pass: errors === 0 && growth < MAX_RSS_GROWTH && exitCode === 0,
  };

  console.log('\n| until (s) | ops/s | reads | writes | errors | p50 (ms) | p99 (ms) | RSS (MB) |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const w of windows) {
    console.log(`| ${w.endS} | ${w.opsPerS.toFixed(0)} | ${w.reads} | ${w.writes} | ${w.errors} | ${w.p50Ms.toFixed(1)} | ${w.p99Ms.toFixed(1)} | ${w.rssMb.toFixed(1)} |`);
  }
  console.log(
    `\n${operations} operations (${summary.reads} reads, ${summary.writes} writes), ${errors} errors; ${summary.steadyOpsPerS.toFixed(0)} ops/s after warm-up; ` +
      `p99 median ${summary.medianP99Ms.toFixed(1)} ms, worst ${summary.worstP99Ms.toFixed(1)} ms; RSS ${baseline.toFixed(1)} MB after warm-up -> ${finalRss.toFixed(1)} MB at the end ` +
      `(${(growth * 100).toFixed(1)}%, max ${maxRss.toFixed(1)} MB); server stopped with exit code ${exitCode}`,
  );
  for (const sample of errorSamples) console.log(`  error: ${sample}`);
  console.log(`verdict: ${summary.pass ? 'PASS' : 'FAIL'} (errors must be 0, RSS growth after warm-up under ${MAX_RSS_GROWTH * 100}%, clean stop)`);
  writeFileSync(JSON_FILE, JSON.stringify({ summary, windows, errorSamples }, null, 2));
  console.log(`JSON: ${JSON_FILE}`);
  process.exitCode = summary.pass ? 0 : 1;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

void main();
