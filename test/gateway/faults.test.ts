import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NeptuneErrorCode } from '../../src/embedded/errors';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { NEPTUNE_ERROR_RULES } from '../../src/neptune/errors';
import { serve, type Nereid } from '../../src/serve';
import { startCli, type RunningCli } from '../support/cli';

/**
 * What the gateway's callers see when the database fails: each retryable Neptune error injected, dropped
 * connections, and the Gremlin server killed and restarted (on its data directory) under a load of mutations.
 * Every mutation is answered; an acknowledged one is in the graph; a write that may have been applied is
 * never sent twice.
 */

// The kill-and-restart case starts nereid's Gremlin server from its sources twice: seconds each, more under load.
jest.setTimeout(180_000);

interface Answer {
  status: number;
  data?: any;
  errors?: { message: string; extensions: { code: string } }[];
}

async function gql(nereid: Nereid, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}

const closing: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** Quick retries by default; the kill-and-restart case uses the configured defaults, as a deployment would. */
async function gatewayOver(gremlinEndpoint: string, backoff = { retryBaseMs: 1, retryMaxDelayMs: 5 }): Promise<Nereid> {
  const nereid = await serve({ port: 0, host: '127.0.0.1', env: {}, connection: { gremlinEndpoint, ...backoff } });
  closing.unshift(() => nereid.stop());
  return nereid;
}

async function embedded(): Promise<{ server: GremlinServer; graph: Graph; nereid: Nereid }> {
  const graph = new Graph();
  const server = await startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
  closing.push(() => server.close());
  return { server, graph, nereid: await gatewayOver(server.url) };
}

const create = (id: string) => `mutation { createVertex(input: { id: "${id}", label: "Thing", properties: { n: 1 } }) { id } }`;

describe('injected Neptune errors, through the gateway', () => {
  // Which codes these are is test/neptune/errors.test.ts's assertion; here each is injected end to end.
  const retryable = Object.entries(NEPTUNE_ERROR_RULES).filter(([, rule]) => rule.retry).map(([code]) => code as NeptuneErrorCode);

  it.each(retryable)('retries a mutation refused with %s and applies it once', async (code) => {
    const { server, graph, nereid } = await embedded();
    server.faults.failNext(2, code);
    const res = await gql(nereid, create('v'));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ createVertex: { id: 'v' } });
    expect(server.faults.pending).toBe(0);
    expect(graph.vertexCount).toBe(1);
  });

  it.each(retryable)('answers with its code once retries of %s run out, and writes nothing', async (code) => {
    const { server, graph, nereid } = await embedded();
    server.faults.failNext(10, code);
    const res = await gql(nereid, create('v'));
    expect(res.errors?.[0]?.extensions.code).toBe(NEPTUNE_ERROR_RULES[code]!.graphql);
    // Four attempts at the write; the gateway's lookup explaining the failure may take more of the faults.
    expect(server.faults.pending).toBeLessThanOrEqual(10 - 4);
    expect(graph.vertexCount).toBe(0);
  });

  it.each(['ConstraintViolationException', 'TimeLimitExceededException', 'MalformedQueryException'] as const)('does not retry %s', async (code) => {
    const { server, graph, nereid } = await embedded();
    // One fault only: a retry would succeed and leave the vertex behind.
    server.faults.failNext(1, code);
    const res = await gql(nereid, create('v'));
    expect(res.errors?.[0]?.extensions.code).toBe(NEPTUNE_ERROR_RULES[code]!.graphql);
    expect(graph.vertexCount).toBe(0);
  });
});

describe('faults in a batch transaction (over 500 inputs), through the gateway', () => {
  // No ids: a chunk applied twice would show as extra vertices rather than as a CONFLICT.
  const batch = (n: number) => [
    `mutation($inputs: [VertexInput!]!) { batchCreateVertices(inputs: $inputs) { id } }`,
    { inputs: Array.from({ length: n }, (_, i) => ({ label: 'Thing', properties: { n: i } })) },
  ] as const;

  it('retries the whole transaction after a retryable error, and writes every input once', async () => {
    const { server, graph, nereid } = await embedded();
    server.faults.failNext(1, 'ConcurrentModificationException');
    const res = await gql(nereid, ...batch(1200));
    expect(res.errors).toBeUndefined();
    expect(res.data.batchCreateVertices).toHaveLength(1200);
    expect(server.faults.pending).toBe(0);
    expect(graph.vertexCount).toBe(1200);
  });

  it('retries the whole transaction when its connection dropped before the commit, and writes every input once', async () => {
    const { server, graph, nereid } = await embedded();
    // The first chunk runs in the session, then the connection drops instead of answering.
    server.faults.dropNext(1, 'after');
    const res = await gql(nereid, ...batch(1200));
    expect(res.errors).toBeUndefined();
    expect(server.faults.pending).toBe(0);
    expect(graph.vertexCount).toBe(1200);
  });

  it('answers with the code once retries run out, and writes nothing', async () => {
    const { server, graph, nereid } = await embedded();
    server.faults.failNext(4, 'ConcurrentModificationException');
    const res = await gql(nereid, ...batch(1200));
    expect(res.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(server.faults.pending).toBe(0);
    expect(graph.vertexCount).toBe(0);
  });
});

describe('dropped connections, through the gateway', () => {
  it('does not resend a mutation whose connection dropped before it ran: an error, and nothing written', async () => {
    const { server, graph, nereid } = await embedded();
    // One drop only: a resend would succeed and leave the vertex behind.
    server.faults.dropNext(1, 'before');
    const res = await gql(nereid, create('v'));
    expect(res.errors?.[0]?.extensions.code).toBe('BACKEND_UNAVAILABLE');
    expect(res.errors?.[0]?.message).toMatch(/may or may not have been applied/);
    expect(graph.vertexCount).toBe(0);
  });

  it('does not resend a mutation whose answer was lost after it committed: an error, and written once', async () => {
    const { server, graph, nereid } = await embedded();
    // A resend would find the id taken and answer CONFLICT instead.
    server.faults.dropNext(1, 'after');
    const res = await gql(nereid, create('v'));
    expect(res.errors?.[0]?.extensions.code).toBe('BACKEND_UNAVAILABLE');
    expect(res.errors?.[0]?.message).toMatch(/may or may not have been applied/);
    expect([...graph.vertices()].map((v) => v.id)).toEqual(['v']);
    // The next request goes over a new connection.
    expect((await gql(nereid, `{ vertex(id: "v") { id } }`)).data).toEqual({ vertex: { id: 'v' } });
  });

  it('resends a query whose connection dropped', async () => {
    const { server, nereid } = await embedded();
    await gql(nereid, create('v'));
    server.faults.dropNext(1, 'before');
    server.faults.dropNext(1, 'after');
    const res = await gql(nereid, `{ vertex(id: "v") { id } }`);
    expect(res).toMatchObject({ status: 200, data: { vertex: { id: 'v' } } });
    expect(res.errors).toBeUndefined();
    expect(server.faults.pending).toBe(0);
  });
});

describe('the Gremlin server killed and restarted under a load of mutations, with --data-dir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nereid-faults-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const gremlinServer = (port: number) => startCli(['gremlin-server', '--port', String(port), '--data-dir', dir], /ready at (ws:\/\/[^:]+:(\d+)\S*)/);

  it('answers every mutation, keeps every acknowledged one, turns /ready 503 while down and recovers by itself', async () => {
    let backend: RunningCli & { match: RegExpExecArray } = await gremlinServer(0);
    closing.push(() => backend.stop());
    const port = Number(backend.match[2]);
    const nereid = await gatewayOver(backend.match[1], {} as never);
    const ready = async () => (await fetch(nereid.url.replace(/\/graphql$/, '/ready'))).status;

    type Phase = 'up' | 'down' | 'back';
    type Outcome = { n: number; ok: boolean; code?: string; unknown?: boolean; ms: number; at: number };
    const outcomes: Outcome[] = [];
    let phase = 'up' as Phase;
    let load: Promise<unknown> = Promise.resolve();
    let stop = false;
    let next = 0;
    const wantUp = 15;
    const wantBack = 15;
    const acknowledged = (p: Phase) => outcomes.filter((o) => o.ok && phasesOf.get(o.n) === p).length;
    const phasesOf = new Map<number, Phase>();
    const events: { killed?: number; down?: number; restarted?: number; recovered?: number; readyAgain?: number } = {};

    const killed = new Promise<void>((resolve) => {
      const kill = () => {
        backend.child.once('exit', () => resolve());
        events.killed = performance.now();
        backend.child.kill('SIGKILL');
      };
      const writer = async () => {
        while (!stop) {
          const n = next++;
          phasesOf.set(n, phase);
          const started = performance.now();
          // Two vertices in one mutation: all or nothing, so half of it would show.
          const res = await gql(nereid, `mutation { batchCreateVertices(inputs: [{ id: "m${n}a", label: "M" }, { id: "m${n}b", label: "M" }]) { id } }`);
          const error = res.errors?.[0];
          outcomes.push({ n, ok: !error, code: error?.extensions.code, unknown: error && /may or may not have been applied/.test(error.message), ms: performance.now() - started, at: performance.now() });
          if (phase === 'up' && acknowledged('up') >= wantUp && events.killed === undefined) kill();
          if (phase === 'back' && !error && events.recovered === undefined) events.recovered = performance.now();
          if (phase === 'back' && acknowledged('back') >= wantBack) stop = true;
        }
      };
      load = Promise.all([writer(), writer(), writer(), writer()]);
    });
    await killed;
    phase = 'down';
    // While it is down: /ready says so, and mutations fail with BACKEND_UNAVAILABLE.
    let readyWhileDown = 0;
    for (;;) {
      readyWhileDown = await ready();
      if (readyWhileDown === 503) break;
      await sleep(20);
    }
    events.down = performance.now();
    while (!outcomes.some((o) => phasesOf.get(o.n) === 'down' && !o.ok)) await sleep(20);

    backend = await gremlinServer(port);
    events.restarted = performance.now();
    phase = 'back';
    const readyAgain = (async () => {
      while ((await ready()) !== 200) await sleep(20);
      events.readyAgain = performance.now();
    })();
    await Promise.all([load, readyAgain]);

    // Every mutation was answered: acknowledged, or an error with a code.
    expect(outcomes).toHaveLength(next);
    expect(outcomes.filter((o) => !o.ok && !o.code)).toEqual([]);
    const down = outcomes.filter((o) => phasesOf.get(o.n) === 'down');
    expect(down.filter((o) => o.ok && o.at < events.restarted!)).toEqual([]);
    expect(new Set(down.filter((o) => !o.ok).map((o) => o.code))).toEqual(new Set(['BACKEND_UNAVAILABLE']));
    expect(readyWhileDown).toBe(503);

    // Every acknowledged mutation is there, whole; every refused one is absent unless it may have been applied, and then whole.
    const res = await gql(nereid, `{ vertices(label: "M", first: 100) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    const ids = new Set<string>();
    for (let after: string | null = null; ; ) {
      const page: Answer = await gql(nereid, `{ vertices(label: "M", first: 100${after ? `, after: "${after}"` : ''}) { nodes { id } pageInfo { hasNextPage endCursor } } }`);
      for (const node of page.data.vertices.nodes) ids.add(node.id);
      if (!page.data.vertices.pageInfo.hasNextPage) break;
      after = page.data.vertices.pageInfo.endCursor;
    }
    expect(ids.size).toBe(res.data.vertices.totalCount);
    const wrong = outcomes.filter((o) => {
      const present = [ids.has(`m${o.n}a`), ids.has(`m${o.n}b`)];
      if (present[0] !== present[1]) return true;
      return o.ok ? !present[0] : present[0] && !o.unknown;
    });
    expect(wrong).toEqual([]);
    expect(acknowledged('up')).toBeGreaterThanOrEqual(wantUp);

    if (process.env.NEREID_FAULT_REPORT) {
      const failedWhileDown = down.filter((o) => !o.ok);
      process.stdout.write(
        `${JSON.stringify({
          mutations: outcomes.length,
          acknowledged: outcomes.filter((o) => o.ok).length,
          errors: outcomes.filter((o) => !o.ok).length,
          outcomeUnknown: outcomes.filter((o) => o.unknown).length,
          unknownButApplied: outcomes.filter((o) => o.unknown && ids.has(`m${o.n}a`)).length,
          errorWhileDownMaxMs: Math.round(Math.max(...failedWhileDown.map((o) => o.ms))),
          killToReady503Ms: Math.round(events.down! - events.killed!),
          restartToFirstAcknowledgedMs: Math.round(events.recovered! - events.restarted!),
          restartToReady200Ms: Math.round(events.readyAgain! - events.restarted!),
        })}\n`,
      );
    }
  });
});
