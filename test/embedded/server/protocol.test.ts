import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GRAPHBINARY, GRAPHSON, Harness, t } from './helpers';
import type { GremlinServer } from '../../../src/embedded/server';
import { RawClient, frame, g, graphBinaryWriter, type Response } from './raw-client';

/** GraphBinary pieces for requests the driver cannot write (it has no BulkSet writer). */
const gbInt = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const gbBareString = (s: string) => Buffer.concat([gbInt(Buffer.byteLength(s)), Buffer.from(s)]);
const gbString = (s: string) => Buffer.concat([Buffer.from([0x03, 0x00]), gbBareString(s)]);
function gbBulkSet(bulks: Array<[string, number]>): Buffer {
  const long = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(BigInt(n));
    return b;
  };
  return Buffer.concat([Buffer.from([0x2a, 0x00]), gbInt(bulks.length), ...bulks.flatMap(([v, n]) => [gbString(v), long(n)])]);
}
function gbBytecode(steps: Array<[string, Buffer[]]>): Buffer {
  const instructions = steps.map(([name, args]) => Buffer.concat([gbBareString(name), gbInt(args.length), ...args]));
  return Buffer.concat([Buffer.from([0x15, 0x00]), gbInt(steps.length), ...instructions, gbInt(0)]);
}
function graphBinaryRequest(op: string, processor: string, args: Map<string, Buffer>): Buffer {
  const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  const entries = [...args].flatMap(([k, v]) => [gbString(k), v]);
  return Buffer.concat([Buffer.from([0x81]), id, gbBareString(op), gbBareString(processor), gbInt(args.size), ...entries]);
}

const detail = (response: Response) => JSON.parse(response.status.message) as { requestId: string | null; code: string; detailedMessage: string };

describe('the WebSocket protocol with malformed and unexpected input', () => {
  const harness = new Harness();
  let server: GremlinServer;
  let client: RawClient;
  beforeEach(async () => {
    server = await harness.server();
    client = await RawClient.connect(server);
  });
  afterEach(async () => {
    await client.close();
    await harness.closeAll();
  });

  it('answers an empty frame and an unknown mime type with 498 and a null request id', async () => {
    client.send(Buffer.alloc(0));
    const empty = await client.response(GRAPHSON);
    expect(empty).toMatchObject({ requestId: null, status: { code: 498 } });
    expect(detail(empty).code).toBe('BadRequestException');

    client.send(frame('application/x-unknown', Buffer.from('{}')));
    const unknown = await client.response(GRAPHSON);
    expect(unknown.status.code).toBe(498);
    expect(detail(unknown).detailedMessage).toContain('application/x-unknown');
    await client.expectServing();
  });

  it('answers frames it cannot parse, with the request id when the envelope got that far', async () => {
    client.send(frame(GRAPHSON, Buffer.from('{not json')));
    const json = await client.response(GRAPHSON);
    expect(json).toMatchObject({ requestId: null, status: { code: 498 } });
    expect(detail(json).detailedMessage).toContain('JSON');

    const requestId = randomUUID();
    const whole = graphBinaryWriter.writeRequest({ requestId, op: 'bytecode', processor: 'traversal', args: { gremlin: g().V().getBytecode() } });
    client.send(frame(GRAPHBINARY, whole.subarray(0, whole.length - 4)));
    const cut = await client.response(GRAPHBINARY);
    expect(cut).toMatchObject({ requestId, status: { code: 498 } });

    client.send(frame(GRAPHBINARY, Buffer.from([0x42, 1, 2])));
    expect((await client.response(GRAPHBINARY)).status.code).toBe(498);
    await client.expectServing(GRAPHSON);
  });

  it('refuses unknown ops, unknown processors and arguments of the wrong kind, naming them', async () => {
    for (const mimeType of [GRAPHSON, GRAPHBINARY]) {
      const op = client.request(mimeType, { op: 'frobnicate', processor: 'traversal', args: {} });
      const unknownOp = await client.response(mimeType);
      expect(unknownOp).toMatchObject({ requestId: op, status: { code: 498 } });
      expect(detail(unknownOp)).toMatchObject({ requestId: op, detailedMessage: expect.stringContaining('[frobnicate]') });

      client.request(mimeType, { op: 'bytecode', processor: 'nonesuch', args: {} });
      const processor = await client.response(mimeType);
      expect(processor.status.code).toBe(499);
      expect(detail(processor).detailedMessage).toContain('[nonesuch]');

      client.request(mimeType, { op: 'bytecode', processor: 'traversal', args: { gremlin: 'g.V()' } });
      const notBytecode = await client.response(mimeType);
      expect(notBytecode.status.code).toBe(499);
      expect(detail(notBytecode).detailedMessage).toContain('[gremlin]');

      client.request(mimeType, { op: 'eval', processor: '', args: { gremlin: 'g.V()', evaluationTimeout: 'soon' } });
      const timeout = await client.response(mimeType);
      expect(timeout.status.code).toBe(499);
      expect(detail(timeout).detailedMessage).toContain('[evaluationTimeout]');

      client.request(mimeType, { op: 'bytecode', processor: 'session', args: { gremlin: g().V().getBytecode() } });
      const noSession = await client.response(mimeType);
      expect(noSession.status.code).toBe(499);
      expect(detail(noSession).detailedMessage).toContain('[session]');
      await client.expectServing(mimeType);
    }
  });

  it('answers 204 for an empty result and 200 with the values of an eval', async () => {
    client.request(GRAPHSON, { op: 'bytecode', processor: 'traversal', args: { gremlin: g().V().getBytecode(), aliases: { g: 'g' } } });
    expect((await client.response(GRAPHSON)).status.code).toBe(204);
    client.request(GRAPHSON, { op: 'eval', processor: '', args: { gremlin: 'g.inject(1, 2)', aliases: { g: 'g' } } });
    expect(await client.response(GRAPHSON)).toMatchObject({ status: { code: 200 }, result: { data: [1, 2] } });
  });

  it('expands a BulkSet argument into a list, refusing one with more items than a traversal may hold', async () => {
    const inject = (bulks: Array<[string, number]>) => ({
      graphSON: Buffer.from(
        JSON.stringify({
          requestId: randomUUID(),
          op: 'bytecode',
          processor: 'traversal',
          args: {
            gremlin: { '@type': 'g:Bytecode', '@value': { step: [['inject', { '@type': 'g:BulkSet', '@value': bulks.flatMap(([v, n]) => [v, { '@type': 'g:Int64', '@value': n }]) }], ['unfold'], ['count']] } },
            aliases: { g: 'g' },
          },
        }),
      ),
      graphBinary: graphBinaryRequest(
        'bytecode',
        'traversal',
        new Map<string, Buffer>([
          ['gremlin', gbBytecode([['inject', [gbBulkSet(bulks)]], ['unfold', []], ['count', []]])],
          ['aliases', Buffer.concat([Buffer.from([0x0a, 0x00]), gbInt(1), gbString('g'), gbString('g')])],
        ]),
      ),
    });
    for (const mimeType of [GRAPHSON, GRAPHBINARY]) {
      const frames = (bulks: Array<[string, number]>) => (mimeType === GRAPHSON ? inject(bulks).graphSON : inject(bulks).graphBinary);
      client.send(frame(mimeType, frames([['x', 3], ['y', 2]])));
      const small = await client.response(mimeType);
      expect(small.status.code).toBe(200);
      expect((small.result.data as Array<{ object: unknown }>)[0].object).toBe(5);

      client.send(frame(mimeType, frames([['x', 300_000_000]])));
      const huge = await client.response(mimeType);
      expect(huge.status.code).toBe(498);
      expect(detail(huge).detailedMessage).toContain('BulkSet');
      await client.expectServing(mimeType);
    }
  });

  it('rolls back an open session transaction when its connection drops', async () => {
    const session = randomUUID();
    client.request(GRAPHBINARY, {
      op: 'bytecode',
      processor: 'session',
      args: { gremlin: g().addV('person').property(t.id, 'orphan').getBytecode(), aliases: { g: 'g' }, session },
    });
    expect((await client.response(GRAPHBINARY)).status.code).toBe(200);
    expect(server.graphs.g.vertex('orphan')).toBeDefined(); // written, uncommitted, under the session's lock
    client.ws.terminate();

    const other = await RawClient.connect(server);
    try {
      other.request(GRAPHBINARY, { op: 'bytecode', processor: 'traversal', args: { gremlin: g().addV('person').getBytecode(), aliases: { g: 'g' } } });
      expect((await other.response(GRAPHBINARY)).status.code).toBe(200);
      expect(server.graphs.g.vertex('orphan')).toBeUndefined();
      expect(server.graphs.g.vertexCount).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('a client that stops reading', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it('does not hold the graph lock past its deadline', async () => {
    const server = await harness.server({ evaluationTimeoutMs: 500 });
    server.graphs.g.transact((tx) => {
      for (let i = 0; i < 2000; i++) tx.addVertex(['blob']);
    });
    const stalled = await RawClient.connect(server);
    stalled.ws.pause(); // its socket buffers fill, so the server's sends stop completing
    stalled.request(GRAPHBINARY, {
      op: 'bytecode',
      processor: 'traversal',
      args: { gremlin: g().V().constant('x'.repeat(20_000)).getBytecode(), aliases: { g: 'g' } },
    });
    await sleep(100);

    const writer = harness.client(server, GRAPHBINARY);
    const started = Date.now();
    await writer.submit("g.addV('after')", null, { evaluationTimeout: 10_000 } as never);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.graphs.g.vertexCount).toBe(2001);
    // Its connection was closed at the deadline if a send was stuck then; if the clock ran out between sends, it
    // got a TimeLimitExceeded answer instead. Either way the lock was freed, which is what the writer showed.
    stalled.ws.terminate();
  });
});

describe('HTTP', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it("answers GET /status in Neptune's shape", async () => {
    const server = await harness.server();
    const res = await fetch(`http://127.0.0.1:${server.port}/status`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'healthy',
      role: 'writer',
      gremlin: { version: 'tinkerpop-3.7.3' },
      features: { IAMAuthentication: 'disabled' },
    });
    expect(body.startTime).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    expect(typeof body.dbEngineVersion).toBe('string');
  });

  it('answers other paths with 404 and a Neptune error body', async () => {
    const server = await harness.server();
    const res = await fetch(`http://127.0.0.1:${server.port}/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'BadRequestException' });
  });
});

describe('modelled network latency (latencyMs)', () => {
  const harness = new Harness();
  afterAll(() => harness.closeAll());

  it('delays every response frame, so a result of several frames waits once per frame', async () => {
    const server = await harness.server({ latencyMs: 40, batchSize: 2 });
    const { g } = harness.remote(server, GRAPHBINARY);
    await g.inject(1).iterate();
    let started = performance.now();
    expect(await g.inject(1).toList()).toEqual([1]);
    const oneFrame = performance.now() - started;
    started = performance.now();
    expect(await g.inject(1, 2, 3, 4, 5, 6).toList()).toEqual([1, 2, 3, 4, 5, 6]);
    const threeFrames = performance.now() - started;
    expect(oneFrame).toBeGreaterThanOrEqual(39);
    expect(threeFrames).toBeGreaterThanOrEqual(3 * 39);
  });
});
