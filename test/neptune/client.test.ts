import { createHash } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import gremlin from 'gremlin';
import { GremlinClient, clientDeadlineMs } from '../../src/neptune/client';
import { loadConnectionConfig, type ConnectionOptions } from '../../src/neptune/config';
import type { AwsCredentials } from '../../src/neptune/credentials';
import { eventually } from './support/eventually';
import { failure } from './support/failure';
import { startScriptedServer, type Reply, type ReceivedRequest, type ScriptedServer } from './support/scripted-gremlin-server';

const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());
const V = () => g.V().getBytecode();
const KEY: AwsCredentials = { accessKeyId: 'AKIDNEREIDTEST', secretAccessKey: 'secret-for-tests-only' };

const servers: ScriptedServer[] = [];
const clients: GremlinClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(reply: (r: ReceivedRequest) => Reply | Promise<Reply>, sigv4?: Parameters<typeof startScriptedServer>[0]['sigv4'], refuseUpgrade?: Parameters<typeof startScriptedServer>[0]['refuseUpgrade']) {
  const s = await startScriptedServer({ reply, sigv4, refuseUpgrade });
  servers.push(s);
  return s;
}

function client(options: ConnectionOptions, credentials?: () => Promise<AwsCredentials>): GremlinClient {
  const config = loadConnectionConfig({}, { serializer: 'graphson', retryBaseMs: 1, retryMaxDelayMs: 5, ...options });
  const c = GremlinClient.create(config, { credentials });
  clients.push(c);
  return c;
}

const ok = (...data: unknown[]): Reply => ({ data });
const neptuneError = (status: number, code: string, message: string): Reply => ({ status, code, message });
/** Fails the first `n` requests with `reply`, then answers `then`. */
const failFirst = (n: number, reply: Reply, then: Reply = ok('done')) => (r: ReceivedRequest) => (r.seq <= n ? reply : then);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GremlinClient requests', () => {
  it('sends bytecode with evaluationTimeout and returns results with bulk expanded', async () => {
    const s = await server(() => ok(new gremlin.process.Traverser('a', 2), new gremlin.process.Traverser('b', 1), 7));
    const c = client({ gremlinEndpoint: s.url, timeoutMs: 1234 });
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['a', 'a', 'b', 7]);
    await c.submit(V(), { mode: 'read', timeoutMs: 99 });
    expect(s.requests.map((r) => [r.op, r.args.evaluationTimeout])).toEqual([['bytecode', 1234], ['bytecode', 99]]);
    expect(s.requests[0]!.steps).toEqual([['V']]);
    expect(s.requests[0]!.args.aliases).toEqual({ g: 'g' });
  });

  it('returns an empty list for a 204', async () => {
    const s = await server(() => ok());
    expect(await client({ gremlinEndpoint: s.url }).submit(V(), { mode: 'read' })).toEqual([]);
  });

  it('sends reads to the reader and writes to the writer', async () => {
    const writer = await server(() => ok('writer'));
    const reader = await server(() => ok('reader'));
    const c = client({ gremlinEndpoint: writer.url, gremlinReaderEndpoint: reader.url });
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['reader']);
    expect(await c.submit(V(), { mode: 'write' })).toEqual(['writer']);
    expect([writer.requests.length, reader.requests.length]).toEqual([1, 1]);
  });

  it('sends reads to the writer when there is no reader', async () => {
    const writer = await server(() => ok('writer'));
    expect(await client({ gremlinEndpoint: writer.url }).submit(V(), { mode: 'read' })).toEqual(['writer']);
  });
});

describe('GremlinClient retries', () => {
  const cme = neptuneError(500, 'ConcurrentModificationException', 'Failed to complete Insert operation');

  it.each(['read', 'write'] as const)('retries ConcurrentModificationException for a %s and succeeds', async (mode) => {
    const s = await server(failFirst(2, cme));
    expect(await client({ gremlinEndpoint: s.url, maxRetries: 3 }).submit(V(), { mode })).toEqual(['done']);
    expect(s.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with CONFLICT', async () => {
    const s = await server(() => cme);
    const err = await failure(client({ gremlinEndpoint: s.url, maxRetries: 2 }).submit(V(), { mode: 'write' }));
    expect(s.requests).toHaveLength(3);
    expect(err).toMatchObject({ code: 'ConcurrentModificationException', status: 500, graphqlCode: 'CONFLICT', retryable: true, attempts: 3 });
    expect(err.message).toBe(
      'A concurrent change to the same data conflicted with this request: Failed to complete Insert operation',
    );
  });

  it('does not retry with maxRetries 0', async () => {
    const s = await server(() => cme);
    await failure(client({ gremlinEndpoint: s.url, maxRetries: 0 }).submit(V(), { mode: 'read' }));
    expect(s.requests).toHaveLength(1);
  });

  it.each([
    ['ThrottlingException', 500],
    ['QueryLimitExceededException', 500],
    ['MemoryLimitExceededException', 500],
    ['InternalFailureException', 500],
  ])('retries %s', async (code, status) => {
    const s = await server(failFirst(1, neptuneError(status, code, 'transient')));
    expect(await client({ gremlinEndpoint: s.url }).submit(V(), { mode: 'write' })).toEqual(['done']);
    expect(s.requests).toHaveLength(2);
  });

  it.each([
    ['TimeLimitExceededException', 500, 'BACKEND_TIMEOUT'],
    ['ConstraintViolationException', 400, 'CONFLICT'],
    ['MalformedQueryException', 400, 'BAD_USER_INPUT'],
    ['InvalidParameterException', 400, 'BAD_USER_INPUT'],
    ['UnsupportedOperationException', 400, 'BAD_USER_INPUT'],
    ['AccessDeniedException', 403, 'BACKEND_UNAVAILABLE'],
    ['SomethingNewException', 500, 'INTERNAL_SERVER_ERROR'],
  ])('does not retry %s and maps it to %s', async (code, status, graphqlCode) => {
    const s = await server(() => neptuneError(status, code, 'nope'));
    const err = await failure(client({ gremlinEndpoint: s.url }).submit(V(), { mode: 'read' }));
    expect(s.requests).toHaveLength(1);
    expect(err).toMatchObject({ code, status, graphqlCode, retryable: false, attempts: 1 });
    expect(err.requestId).toBe(s.requests[0]!.requestId);
  });

  it('maps TinkerPop statuses without a Neptune code', async () => {
    const s = await server((r) =>
      r.seq === 1 ? { status: 598, message: 'timed out' } : { status: 597, message: 'boom\n\tat org.Foo.bar(Foo.java:1)' },
    );
    const c = client({ gremlinEndpoint: s.url });
    expect(await failure(c.submit(V(), { mode: 'read' }))).toMatchObject({ code: 'TimeLimitExceededException', graphqlCode: 'BACKEND_TIMEOUT' });
    const evaluation = await failure(c.submit(V(), { mode: 'read' }));
    expect(evaluation).toMatchObject({ code: 'EvaluationError', status: 597, graphqlCode: 'INTERNAL_SERVER_ERROR' });
    expect(evaluation.message).toBe('The graph database failed to evaluate the query: boom');
  });

  it('reconnects the writer after ReadOnlyViolationException and retries there', async () => {
    const s = await server(failFirst(1, neptuneError(400, 'ReadOnlyViolationException', 'read-only replica')));
    const c = client({ gremlinEndpoint: s.url });
    expect(await c.submit(V(), { mode: 'write' })).toEqual(['done']);
    expect(s.requests.map((r) => r.connection)).toEqual([1, 2]);
    await eventually(() => expect(s.openConnections()).toBe(1));
  });
});

describe('GremlinClient connections', () => {
  it('retries a read on a new connection when the socket drops mid-request', async () => {
    const s = await server(failFirst(1, { drop: true }));
    expect(await client({ gremlinEndpoint: s.url }).submit(V(), { mode: 'read' })).toEqual(['done']);
    expect(s.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it('does not repeat a write whose connection dropped mid-request, and says so', async () => {
    const s = await server(failFirst(1, { drop: true }));
    const c = client({ gremlinEndpoint: s.url });
    const err = await failure(c.submit(V(), { mode: 'write' }));
    expect(s.requests).toHaveLength(1);
    expect(err).toMatchObject({ code: 'ConnectionError', outcomeUnknown: true, retryable: false, graphqlCode: 'BACKEND_UNAVAILABLE' });
    expect(err.message).toMatch(/may or may not have been applied/);
    expect(await c.submit(V(), { mode: 'write' })).toEqual(['done']);
  });

  it('reconnects transparently after the server dropped an idle connection', async () => {
    const s = await server(() => ok(1));
    const c = client({ gremlinEndpoint: s.url });
    await c.submit(V(), { mode: 'read' });
    s.dropAll();
    await delay(50);
    expect(await c.submit(V(), { mode: 'read' })).toEqual([1]);
    expect(s.upgrades).toHaveLength(2);
  });

  it('gives up at the client deadline when the server stays silent, and stops using that socket', async () => {
    const s = await server((r) => (r.seq === 1 ? { silence: true } : ok('later')));
    const c = client({ gremlinEndpoint: s.url, timeoutMs: 100 });
    const started = Date.now();
    const err = await failure(c.submit(V(), { mode: 'read' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(clientDeadlineMs(100) - 5);
    expect(err).toMatchObject({ code: 'TimeoutError', graphqlCode: 'BACKEND_TIMEOUT', retryable: false, attempts: 1 });
    expect(s.requests).toHaveLength(1);
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['later']);
    expect(s.requests[1]!.connection).toBe(2);
    await eventually(() => expect(s.openConnections()).toBe(1));
  });

  it('never repeats a write that reached its deadline, and says it may have been applied', async () => {
    const s = await server(() => ({ silence: true }));
    const c = client({ gremlinEndpoint: s.url, timeoutMs: 100 });
    const err = await failure(c.submit(V(), { mode: 'write' }));
    expect(err).toMatchObject({ code: 'TimeoutError', retryable: false, outcomeUnknown: true, attempts: 1 });
    expect(err.message).toMatch(/may or may not have been applied/);
    expect(s.requests).toHaveLength(1);
  });

  it('replaces a connection it stopped using even when that one filled the pool', async () => {
    const s = await server((r) => (r.seq === 1 ? { silence: true } : ok('later')));
    const c = client({ gremlinEndpoint: s.url, timeoutMs: 100, poolSize: 1, maxRetries: 0 });
    expect(await failure(c.submit(V(), { mode: 'read' }))).toMatchObject({ code: 'TimeoutError' });
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['later']);
    expect(s.requests[1]!.connection).toBe(2);
  });

  it('fails the requests of a connection that sent an unreadable frame, without crashing, and replaces it', async () => {
    const s = await server((r) => (r.seq === 1 ? { garbage: true } : ok('fine')));
    const c = client({ gremlinEndpoint: s.url });
    const err = await failure(c.submit(V(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'ResponseSerializationError', status: 599, graphqlCode: 'INTERNAL_SERVER_ERROR', attempts: 1 });
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['fine']);
    expect(s.requests.map((r) => r.connection)).toEqual([1, 2]);
    await eventually(() => expect(s.openConnections()).toBe(1));
  });

  it('closes promptly even when the server never answers the close handshake', async () => {
    const sockets: net.Socket[] = [];
    // Completes the WebSocket upgrade by hand, then ignores every frame, close frames included.
    const deaf = net.createServer((socket) => {
      sockets.push(socket);
      socket.once('data', (head) => {
        const key = /sec-websocket-key: *(\S+)/i.exec(head.toString())![1];
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      });
    });
    await new Promise<void>((resolve) => deaf.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = deaf.address() as AddressInfo;
      const c = client({ gremlinEndpoint: `ws://127.0.0.1:${port}/gremlin`, timeoutMs: 100, maxRetries: 0 });
      expect((await failure(c.submit(V(), { mode: 'read' }))).code).toBe('TimeoutError');
      const started = Date.now();
      await c.close();
      expect(Date.now() - started).toBeLessThan(3000);
      await eventually(() => expect(sockets.every((socket) => socket.destroyed)).toBe(true));
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => deaf.close(resolve));
    }
  });

  it('retries a refused connection, then reports it without the address', async () => {
    const s = await server(() => ok());
    const url = s.url;
    await s.close();
    servers.splice(servers.indexOf(s), 1);
    const err = await failure(client({ gremlinEndpoint: url, maxRetries: 2 }).submit(V(), { mode: 'write' }));
    expect(err).toMatchObject({ code: 'ConnectionError', retryable: true, graphqlCode: 'BACKEND_UNAVAILABLE', attempts: 3 });
    expect(err.message).toBe('Cannot connect to the graph database: connection refused');
  });

  it('retries an upgrade refused with a code Neptune documents as retryable, and not one refused for good', async () => {
    const busy = await server(() => ok('done'), undefined, (n) => (n <= 2 ? { status: 429, code: 'TooManyRequestsException' } : undefined));
    await expect(client({ gremlinEndpoint: busy.url, maxRetries: 3 }).submit(V(), { mode: 'write' })).resolves.toEqual(['done']);
    expect(busy.refusedUpgrades).toBe(2);
    expect(busy.requests).toHaveLength(1);

    const refused = await server(() => ok('done'), undefined, () => ({ status: 400, code: 'BadRequestException' }));
    const err = await failure(client({ gremlinEndpoint: refused.url, maxRetries: 3 }).submit(V(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'ConnectionError', retryable: false, status: 400, attempts: 1 });
    expect(refused.refusedUpgrades).toBe(1);
  });

  it('gives up on a server that accepts the TCP connection but never answers the upgrade', async () => {
    const accepted: net.Socket[] = [];
    const mute = net.createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = mute.address() as AddressInfo;
      const started = Date.now();
      const err = await failure(client({ gremlinEndpoint: `ws://127.0.0.1:${port}/gremlin`, timeoutMs: 150, maxRetries: 1 }).submit(V(), { mode: 'write' }));
      expect(err).toMatchObject({ code: 'ConnectionError', retryable: true, attempts: 2 });
      expect(err.message).toBe('Cannot connect to the graph database: connection timed out');
      expect(accepted).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      accepted.forEach((socket) => socket.destroy());
      await new Promise((resolve) => mute.close(resolve));
    }
  });

  it('spreads concurrent requests over at most poolSize connections', async () => {
    const s = await server(async () => {
      await delay(30);
      return ok(1);
    });
    const c = client({ gremlinEndpoint: s.url, poolSize: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.submit(V(), { mode: 'read' })));
    expect(s.upgrades).toHaveLength(2);
    const perConnection = [1, 2].map((id) => s.requests.filter((r) => r.connection === id).length);
    expect(perConnection).toEqual([4, 4]);
  });

  it('reuses one idle connection for sequential requests', async () => {
    const s = await server(() => ok(1));
    const c = client({ gremlinEndpoint: s.url, poolSize: 4 });
    for (let i = 0; i < 3; i += 1) await c.submit(V(), { mode: 'read' });
    expect(s.upgrades).toHaveLength(1);
  });

  it('ping sends a trivial request to every endpoint and fails when one is down', async () => {
    const writer = await server(() => ok(0));
    const reader = await server(() => ok(0));
    const c = client({ gremlinEndpoint: writer.url, gremlinReaderEndpoint: reader.url });
    await c.ping();
    expect([writer.requests.length, reader.requests.length]).toEqual([1, 1]);
    expect(writer.requests[0]!.steps).toEqual([['inject', 0]]);
    await reader.close();
    servers.splice(servers.indexOf(reader), 1);
    reader.dropAll();
    await expect(c.ping()).rejects.toMatchObject({ code: 'ConnectionError' });
  });

  it('close ends every socket, refuses later requests and cuts a pending retry short', async () => {
    const s = await server(() => neptuneError(500, 'ThrottlingException', 'slow down'));
    const config = loadConnectionConfig({}, { gremlinEndpoint: s.url, serializer: 'graphson', retryBaseMs: 10_000, retryMaxDelayMs: 10_000 });
    let backingOff!: () => void;
    const backoffStarted = new Promise<void>((resolve) => (backingOff = resolve));
    const c = GremlinClient.create(config, { logger: { debug: () => undefined, warn: (_, msg) => msg.includes('retrying') && backingOff() } });
    const pending = failure(c.submit(V(), { mode: 'read' }));
    await backoffStarted;
    const started = Date.now();
    await c.close();
    const err = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err.code).toBe('ClientClosed');
    await eventually(() => expect(s.openConnections()).toBe(0));
    expect((await failure(c.submit(V(), { mode: 'read' }))).code).toBe('ClientClosed');
  });
});

describe('GremlinClient IAM auth', () => {
  const sigv4 = { region: 'us-east-1', credentials: [KEY] };

  it('signs the upgrade, caches credentials, and signs again for every new connection', async () => {
    const s = await server(() => ok('signed'), sigv4);
    let fetches = 0;
    const c = client({ gremlinEndpoint: s.url, iamAuth: true, region: 'us-east-1' }, async () => {
      fetches += 1;
      return KEY;
    });
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['signed']);
    s.dropAll();
    await delay(1100);
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['signed']);
    expect(s.refusedUpgrades).toBe(0);
    expect(s.upgrades).toHaveLength(2);
    const [first, second] = s.upgrades.map((h) => h['x-amz-date']);
    expect(first).toMatch(/^\d{8}T\d{6}Z$/);
    expect(second).not.toBe(first);
    expect(s.upgrades[0]!.authorization).toMatch(/Credential=AKIDNEREIDTEST\/\d{8}\/us-east-1\/neptune-db\/aws4_request/);
    expect(fetches).toBe(1);
  });

  it.each([
    ['a wrong secret', { ...KEY, secretAccessKey: 'wrong' }, 'us-east-1'],
    ['an unknown key', { ...KEY, accessKeyId: 'AKIDUNKNOWN' }, 'us-east-1'],
    ['the wrong region', KEY, 'eu-west-1'],
  ])('is refused with %s, without retrying', async (_, credentials, region) => {
    const s = await server(() => ok(), sigv4);
    const err = await failure(client({ gremlinEndpoint: s.url, iamAuth: true, region }, async () => credentials).submit(V(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'AccessDeniedException', status: 403, retryable: false, graphqlCode: 'BACKEND_UNAVAILABLE' });
    expect(err.message).not.toContain('127.0.0.1');
    expect(s.refusedUpgrades).toBe(1);
  });

  it("uses the AWS SDK's default provider chain when none is injected", async () => {
    const s = await server(() => ok('signed'), sigv4);
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = KEY.secretAccessKey;
    try {
      expect(await client({ gremlinEndpoint: s.url, iamAuth: true, region: 'us-east-1' }).submit(V(), { mode: 'read' })).toEqual(['signed']);
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('fetches credentials anew after the server refused them', async () => {
    const s = await server(() => ok('signed'), sigv4);
    const handedOut = [{ ...KEY, secretAccessKey: 'revoked' }, KEY];
    let fetches = 0;
    const c = client({ gremlinEndpoint: s.url, iamAuth: true, region: 'us-east-1' }, async () => handedOut[fetches++]!);
    expect((await failure(c.submit(V(), { mode: 'read' }))).code).toBe('AccessDeniedException');
    expect(await c.submit(V(), { mode: 'read' })).toEqual(['signed']);
    expect(fetches).toBe(2);
  });

  it('is refused without IAM auth', async () => {
    const s = await server(() => ok(), sigv4);
    expect(await failure(client({ gremlinEndpoint: s.url }).submit(V(), { mode: 'read' }))).toMatchObject({ code: 'AccessDeniedException' });
  });

  it('reports credentials it cannot obtain', async () => {
    const s = await server(() => ok(), sigv4);
    const c = client({ gremlinEndpoint: s.url, iamAuth: true, region: 'us-east-1' }, async () => {
      throw new Error('Could not load credentials from any providers');
    });
    expect(await failure(c.submit(V(), { mode: 'read' }))).toMatchObject({ code: 'CredentialsError', retryable: false });
    expect(s.upgrades).toHaveLength(0);
  });
});

describe('GremlinClient transactions', () => {
  const isCommit = (r: ReceivedRequest) => JSON.stringify(r.source) === JSON.stringify([['tx', 'commit']]);
  /** Two traversals and a commit, counting how often it ran. */
  const work = (runs: { n: number }) => async (tx: Parameters<Parameters<GremlinClient['transaction']>[0]>[0]) => {
    runs.n += 1;
    const results = [...(await tx.submit(V())), ...(await tx.submit(V()))];
    await tx.commit();
    return results;
  };

  it('sends its requests in one session on a connection of its own, commits, then closes the session', async () => {
    const s = await server(() => ok('x'));
    const c = client({ gremlinEndpoint: s.url });
    await c.submit(V(), { mode: 'write' });
    const runs = { n: 0 };
    expect(await c.transaction(work(runs))).toEqual(['x', 'x']);
    const inSession = s.requests.slice(1);
    expect(inSession.map((r) => r.op)).toEqual(['bytecode', 'bytecode', 'bytecode', 'close']);
    expect(isCommit(inSession[2]!)).toBe(true);
    expect(new Set(inSession.map((r) => r.connection))).toEqual(new Set([2]));
    const session = inSession[0]!.args.session;
    expect(typeof session).toBe('string');
    expect(inSession.every((r) => r.args.session === session)).toBe(true);
    expect(s.requests[0]!.args.session).toBeUndefined();
  });

  it('retries the whole transaction in a new session after a retryable error, never one request alone', async () => {
    const s = await server((r) => (r.seq === 2 ? neptuneError(500, 'ConcurrentModificationException', 'conflict') : ok('x')));
    const runs = { n: 0 };
    expect(await client({ gremlinEndpoint: s.url }).transaction(work(runs))).toEqual(['x', 'x']);
    expect(runs.n).toBe(2);
    const sessions = s.requests.filter((r) => r.op === 'bytecode').map((r) => r.args.session);
    // The failed try's first traversal, its failure; then all of the second try.
    expect(sessions).toHaveLength(5);
    expect(new Set(sessions).size).toBe(2);
  });

  it('retries when the connection dropped before the commit was sent', async () => {
    const s = await server((r) => (r.seq === 1 ? { drop: true } : ok('x')));
    const runs = { n: 0 };
    expect(await client({ gremlinEndpoint: s.url }).transaction(work(runs))).toEqual(['x', 'x']);
    expect(runs.n).toBe(2);
  });

  it('never retries when the connection dropped during the commit: the outcome is unknown, and it says so', async () => {
    const s = await server((r) => (isCommit(r) ? { drop: true } : ok('x')));
    const runs = { n: 0 };
    const err = await failure(client({ gremlinEndpoint: s.url }).transaction(work(runs)));
    expect(err).toMatchObject({ code: 'ConnectionError', outcomeUnknown: true });
    expect(err.message).toMatch(/may or may not have been applied/);
    expect(runs.n).toBe(1);
    expect(s.requests.filter(isCommit)).toHaveLength(1);
  });

  it('signs the session connection like the others', async () => {
    const s = await server(() => ok('x'), { region: 'us-east-1', credentials: [KEY] });
    const c = client({ gremlinEndpoint: s.url, iamAuth: true, region: 'us-east-1' }, async () => KEY);
    expect(await c.transaction(work({ n: 0 }))).toEqual(['x', 'x']);
    expect(s.upgrades).toHaveLength(1);
    expect(s.upgrades[0]!.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});
