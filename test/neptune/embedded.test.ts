import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer, type GremlinServerOptions } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig, type ConnectionOptions } from '../../src/neptune/config';
import type { AwsCredentials } from '../../src/neptune/credentials';
import { failure } from './support/failure';

/**
 * The client against the embedded Gremlin Server: the real driver over a real socket, with each serializer,
 * the server's SigV4 check and its fault injection.
 */

const { t } = gremlin.process;
const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());
const KEY: AwsCredentials = { accessKeyId: 'AKIDNEREIDE2E', secretAccessKey: 'e2e-secret-for-tests-only' };
const REGION = 'us-east-1';

const closables: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const c of closables.splice(0)) await c.close();
});

async function embedded(options: GremlinServerOptions = {}): Promise<GremlinServer & { graph: Graph }> {
  const graph = new Graph();
  const server = await startGremlinServer({ graphs: { g: graph }, ...options });
  closables.push(server);
  return Object.assign(server, { graph });
}

function client(options: ConnectionOptions, credentials?: () => Promise<AwsCredentials>): GremlinClient {
  const c = GremlinClient.create(loadConnectionConfig({}, { retryBaseMs: 1, retryMaxDelayMs: 5, ...options }), { credentials });
  closables.unshift(c);
  return c;
}

const addPerson = (id: string, name: string) => g.addV('person').property(t.id, id).property('name', name).getBytecode();

describe.each(['graphbinary', 'graphson'])('GremlinClient and the embedded server over %s', (serializer) => {
  it('writes and reads back driver objects', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer });
    const [created] = await c.submit(addPerson('p1', 'Ada'), { mode: 'write' });
    expect(created).toBeInstanceOf(gremlin.structure.Vertex);
    expect(created).toMatchObject({ id: 'p1', label: 'person' });
    expect(await c.submit(g.V('p1').values('name').getBytecode(), { mode: 'read' })).toEqual(['Ada']);
    expect(server.graph.vertex('p1')).toBeDefined();
  });

  it('returns every traverser of a bulked result', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer });
    expect(await c.submit(g.inject(1, 1, 1, 2).barrier().getBytecode(), { mode: 'read' })).toEqual([1, 1, 1, 2]);
  });

  it('retries injected ConcurrentModificationExceptions and applies the write once', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer, maxRetries: 3 });
    server.faults.failNext(2, 'ConcurrentModificationException');
    await c.submit(addPerson('p1', 'Ada'), { mode: 'write' });
    expect(server.faults.pending).toBe(0);
    expect([...server.graph.vertices()].map((v) => v.id)).toEqual(['p1']);
  });

  it('gives up with CONFLICT after maxRetries and leaves the graph unchanged', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer, maxRetries: 2 });
    server.faults.failNext(5, 'ConcurrentModificationException');
    const err = await failure(c.submit(addPerson('p1', 'Ada'), { mode: 'write' }));
    expect(err).toMatchObject({ code: 'ConcurrentModificationException', graphqlCode: 'CONFLICT', attempts: 3 });
    expect(server.faults.pending).toBe(2);
    expect([...server.graph.vertices()]).toHaveLength(0);
  });

  it('does not retry TimeLimitExceededException', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer });
    server.faults.failNext(2, 'TimeLimitExceededException');
    const err = await failure(c.submit(g.V().getBytecode(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'TimeLimitExceededException', graphqlCode: 'BACKEND_TIMEOUT', retryable: false, attempts: 1 });
    expect(server.faults.pending).toBe(1);
  });

  it('reports a duplicate id as CONFLICT with the server detail', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer, maxRetries: 1 });
    await c.submit(addPerson('p1', 'Ada'), { mode: 'write' });
    const err = await failure(c.submit(addPerson('p1', 'Bob'), { mode: 'write' }));
    expect(err).toMatchObject({ code: 'ConstraintViolationException', graphqlCode: 'CONFLICT' });
    expect(err.message).toContain('p1');
    expect(await c.submit(g.V('p1').values('name').getBytecode(), { mode: 'read' })).toEqual(['Ada']);
  });

  it('sends evaluationTimeout, which the server enforces while a transaction holds the graph', async () => {
    const server = await embedded();
    const session = new gremlin.driver.DriverRemoteConnection(server.url, {
      mimeType: serializer === 'graphson' ? 'application/vnd.gremlin-v3.0+json' : 'application/vnd.graphbinary-v1.0',
    });
    closables.unshift(session);
    const tx = gremlin.process.traversal().withRemote(session).tx();
    await tx.begin().addV('held').iterate();
    try {
      const c = client({ gremlinEndpoint: server.url, serializer, timeoutMs: 150 });
      const started = Date.now();
      const err = await failure(c.submit(addPerson('p1', 'Ada'), { mode: 'write' }));
      expect(err).toMatchObject({ code: 'TimeLimitExceededException', graphqlCode: 'BACKEND_TIMEOUT', attempts: 1 });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await tx.rollback();
    }
    expect(server.graph.vertex('p1')).toBeUndefined();
  });

  it('maps an unknown step to BAD_USER_INPUT without retrying', async () => {
    const server = await embedded();
    const c = client({ gremlinEndpoint: server.url, serializer });
    const bytecode = new gremlin.process.Bytecode().addStep('V', []).addStep('noSuchStep', []);
    const err = await failure(c.submit(bytecode, { mode: 'read' }));
    expect(err).toMatchObject({ graphqlCode: 'BAD_USER_INPUT', retryable: false, attempts: 1 });
    expect(err.message).toContain('noSuchStep');
  });
});

describe('GremlinClient routing over two embedded servers', () => {
  it('writes to the writer, reads from the reader, and pings both', async () => {
    const writer = await embedded();
    const reader = await embedded();
    reader.graph.transact((tx) => tx.addVertexProperty(tx.addVertex(['person'], 'r1'), 'name', 'Replica'));
    const c = client({ gremlinEndpoint: writer.url, gremlinReaderEndpoint: reader.url });
    await c.submit(addPerson('w1', 'Written'), { mode: 'write' });
    expect(writer.graph.vertex('w1')).toBeDefined();
    expect(reader.graph.vertex('w1')).toBeUndefined();
    expect(await c.submit(g.V().values('name').getBytecode(), { mode: 'read' })).toEqual(['Replica']);
    await c.ping();
    await reader.close();
    closables.splice(closables.indexOf(reader), 1);
    await expect(c.ping()).rejects.toMatchObject({ code: 'ConnectionError' });
    expect(await c.submit(g.V().values('name').getBytecode(), { mode: 'write' })).toEqual(['Written']);
  });
});

describe('GremlinClient IAM auth against the embedded server', () => {
  const iamServer = () => embedded({ iam: { region: REGION, credentials: [KEY] } });
  const iam = (server: GremlinServer, region = REGION): ConnectionOptions => ({ gremlinEndpoint: server.url, iamAuth: true, region });

  it('is accepted with a valid signature, and signs again after the socket dropped', async () => {
    const server = await iamServer();
    let fetches = 0;
    const c = client(iam(server), async () => {
      fetches += 1;
      return KEY;
    });
    expect(await c.submit(g.inject('ok').getBytecode(), { mode: 'read' })).toEqual(['ok']);
    await server.close();
    closables.splice(closables.indexOf(server), 1);
    const restarted = await embedded({ port: server.port, iam: { region: REGION, credentials: [KEY] } });
    expect(await c.submit(g.inject('again').getBytecode(), { mode: 'read' })).toEqual(['again']);
    expect(restarted.port).toBe(server.port);
    expect(fetches).toBe(1);
  });

  it.each([
    ['a wrong secret', { ...KEY, secretAccessKey: 'wrong' }, REGION, 'The request signature we calculated does not match'],
    ['an unknown key', { ...KEY, accessKeyId: 'AKIDUNKNOWN' }, REGION, 'The security token included in the request is invalid'],
    ['the wrong region', KEY, 'eu-west-1', "Credential should be scoped to a valid region, not 'eu-west-1'"],
  ])('is refused with %s, saying why', async (_, credentials, region, reason) => {
    const server = await iamServer();
    const err = await failure(client(iam(server, region), async () => credentials).submit(g.inject(1).getBytecode(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'AccessDeniedException', status: 403, retryable: false, graphqlCode: 'BACKEND_UNAVAILABLE', attempts: 1 });
    expect(err.message).toContain(`(HTTP 403: ${reason}`);
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.message).not.toContain('127.0.0.1');
  });

  it('is refused without a signature', async () => {
    const server = await iamServer();
    const err = await failure(client({ gremlinEndpoint: server.url }).submit(g.inject(1).getBytecode(), { mode: 'read' }));
    expect(err).toMatchObject({ code: 'AccessDeniedException', status: 403 });
    expect(err.message).toContain('Missing Authentication Token');
  });
});
