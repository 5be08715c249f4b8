import gremlin from 'gremlin';
import { setTimeout as sleep } from 'node:timers/promises';
import { __, denseGraph, FORMATS, Harness, neptuneError, rejectionOf, t, type G } from './helpers';

describe.each(FORMATS)('errors over %s', (_name, mimeType) => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it("answers a duplicate id with Neptune's ConstraintViolationException body and the request's id", async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    await g.addV('person').property(t.id, 'dup').iterate();
    const client = harness.client(server, mimeType);
    const requestId = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const err = await rejectionOf(client.submit(g.addV('person').property(t.id, 'dup').getBytecode(), null, { requestId } as never));
    expect(err.statusCode).toBe(597);
    expect(neptuneError(err)).toEqual({
      requestId,
      code: 'ConstraintViolationException',
      detailedMessage: expect.stringContaining('dup'),
    });
  });

  it('leaves the graph unchanged when a mutating traversal fails part way', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    await g.addV('person').property(t.id, 'taken').iterate();
    const err = await rejectionOf(
      g.addV('person').property(t.id, 'fresh').property('name', 'x').addV('person').property(t.id, 'taken').iterate(),
    );
    expect(neptuneError(err).code).toBe('ConstraintViolationException');
    expect(await g.V().id().toList()).toEqual(['taken']);
    expect(server.graphs.g.vertex('fresh')).toBeUndefined();
  });

  it('stops a traversal at its evaluationTimeout with TimeLimitExceededException, and keeps serving', async () => {
    const server = await harness.server({ graphs: { g: denseGraph(40) } });
    const { g } = harness.remote(server, mimeType);
    const slow = (source: G) => source.V().repeat(__.out().simplePath()).times(6).count();

    const started = Date.now();
    const err = await rejectionOf(slow(g.with_('evaluationTimeout', 200)).next());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.statusCode).toBe(598);
    expect(neptuneError(err)).toMatchObject({ code: 'TimeLimitExceededException', detailedMessage: expect.stringContaining('timeout') });

    const client = harness.client(server, mimeType);
    const viaEval = await rejectionOf(client.submit('g.V().repeat(out().simplePath()).times(6).count()', null, { evaluationTimeout: 200 } as never));
    expect(viaEval.statusCode).toBe(598);
    expect(await g.V().count().next()).toEqual({ value: 40, done: false });
  });

  it('waits for the graph lock under an evaluationTimeout longer than a timer can hold', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const tx = g.tx();
    await tx.begin().addV('person').iterate(); // the session now holds the write lock
    const client = harness.client(server, mimeType);
    const write = client.submit("g.addV('other').count()", null, { evaluationTimeout: 2 ** 32 } as never);
    await sleep(100);
    await tx.rollback();
    expect((await write).toArray()).toEqual([1]);
    expect(server.graphs.g.vertexCount).toBe(1);
  });

  it('applies the server default timeout', async () => {
    const server = await harness.server({ graphs: { g: denseGraph(40) }, evaluationTimeoutMs: 200 });
    const err = await rejectionOf(harness.remote(server, mimeType).g.V().repeat(__.out().simplePath()).times(6).count().next());
    expect(neptuneError(err).code).toBe('TimeLimitExceededException');
  });

  it('fails the next requests with an injected fault, then recovers', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    server.faults.failNext(2, 'ConcurrentModificationException');
    for (let i = 0; i < 2; i++) {
      const err = await rejectionOf(g.addV('person').iterate());
      expect(err.statusCode).toBe(500);
      expect(neptuneError(err)).toMatchObject({ code: 'ConcurrentModificationException', detailedMessage: expect.stringContaining('Please retry') });
    }
    expect(server.graphs.g.vertexCount).toBe(0);
    await g.addV('person').iterate();
    expect(server.graphs.g.vertexCount).toBe(1);
    expect(server.faults.pending).toBe(0);
  });

  it('names the problem in Gremlin text, lambdas, unknown steps and wrong argument types, and keeps serving', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const client = harness.client(server, mimeType);
    const ok = async () => expect((await client.submit('g.inject(1)')).toArray()).toEqual([1]);

    const syntax = await rejectionOf(client.submit("g.V().has('name', "));
    expect(syntax.statusCode).toBe(597);
    expect(neptuneError(syntax)).toMatchObject({ code: 'MalformedQueryException', detailedMessage: expect.stringMatching(/line 1/) });
    await ok();

    const lambda = await rejectionOf(g.V().map((() => 'it.get()') as never).toList());
    expect(lambda.statusCode).toBe(597);
    expect(neptuneError(lambda)).toMatchObject({ code: 'UnsupportedOperationException', detailedMessage: expect.stringContaining('map') });
    await ok();

    const unknownStep = new gremlin.process.Bytecode(g.V().getBytecode()).addStep('frobnicate', []);
    const unknown = await rejectionOf(client.submit(unknownStep));
    expect(unknown.statusCode).toBe(597);
    expect(neptuneError(unknown)).toMatchObject({ code: 'MalformedQueryException', detailedMessage: expect.stringContaining('frobnicate') });
    await ok();

    const wrongType = await rejectionOf(g.V().limit('ten' as never).toList());
    expect(wrongType.statusCode).toBe(597);
    expect(neptuneError(wrongType).detailedMessage).toContain('limit');
    await ok();

    for (const deep of ['g.V()' + '.local(identity()'.repeat(5000) + ')'.repeat(5000), 'g.inject(' + '['.repeat(20000) + ']'.repeat(20000) + ')']) {
      const nested = await rejectionOf(client.submit(deep));
      expect(nested.statusCode).toBe(597);
      expect(neptuneError(nested)).toMatchObject({ code: 'MalformedQueryException', detailedMessage: expect.stringContaining('nested') });
      await ok();
    }

    const badArgument = await rejectionOf(client.submit('g.V()', null, { batchSize: -1 } as never));
    expect(badArgument.statusCode).toBe(499);
    expect(neptuneError(badArgument)).toMatchObject({ code: 'InvalidParameterException', detailedMessage: expect.stringContaining('batchSize') });
    await ok();
  });
});
