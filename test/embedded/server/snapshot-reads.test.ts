import { clock } from '../../../src/embedded/structure/versions';
import { GRAPHBINARY, Harness, __, cardinality, neptuneError, rejectionOf, t } from './helpers';
import { RawClient, g as bytecode, type Response } from './raw-client';

/** Snapshot isolation for reads, as Neptune: a read sees the last commit before it began and waits for no writer. */
describe('snapshot reads', () => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it("answers a read during another client's open transaction at once, with the state before it", async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, GRAPHBINARY);
    await g.addV('person').property(t.id, 'ada').property('name', 'Ada').iterate();
    await g.addV('person').property(t.id, 'bob').iterate();
    await g.V('ada').addE('knows').to(__.V('bob')).property(t.id, 'e1').iterate();

    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.addV('person').property(t.id, 'new').iterate();
    await gtx.V('ada').property(cardinality.single, 'name', 'Ada L.').iterate();
    await gtx.V('bob').drop().iterate();
    expect((await gtx.V().id().toList()).sort()).toEqual(['ada', 'new']); // the session sees its own writes

    // The transaction ends only after these reads, so a read that waited for it would fail at its timeout.
    const other = harness.remote(server, GRAPHBINARY).g.with_('evaluationTimeout', 20_000);
    expect((await other.V().id().toList()).sort()).toEqual(['ada', 'bob']);
    expect(await other.V('ada').values('name').toList()).toEqual(['Ada']);
    expect(await other.V('ada').out('knows').id().toList()).toEqual(['bob']);
    expect(await other.V('bob').inE().id().toList()).toEqual(['e1']);
    expect(await other.V().has('person', 'name', 'Ada').id().toList()).toEqual(['ada']);
    expect(await other.V().has('name', 'Ada L.').id().toList()).toEqual([]);
    expect(await other.V('ada').outE().count().next()).toEqual({ value: 1, done: false });

    // Writers still serialise: a write from elsewhere waits for the transaction (here, past its timeout).
    const blocked = await rejectionOf(harness.remote(server, GRAPHBINARY).g.with_('evaluationTimeout', 100).addV('late').iterate());
    expect(neptuneError(blocked).code).toBe('TimeLimitExceededException');

    await tx.commit();
    expect((await other.V().id().toList()).sort()).toEqual(['ada', 'new']);
    expect(await other.V('ada').values('name').toList()).toEqual(['Ada L.']);
    expect(await other.V().has('name', 'Ada').count().next()).toEqual({ value: 0, done: false });
    expect(await other.E().count().next()).toEqual({ value: 0, done: false });
  });

  it('lets a client read outside its own open transaction (once a deadlock) and roll it back after', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, GRAPHBINARY);
    await g.addV('person').property(t.id, 'kept').iterate();
    const tx = g.tx();
    const gtx = tx.begin();
    await gtx.V('kept').drop().iterate();
    await gtx.addV('person').property(t.id, 'added').iterate();
    expect(await g.with_('evaluationTimeout', 20_000).V().id().toList()).toEqual(['kept']);
    await tx.rollback();
    expect(await g.V().id().toList()).toEqual(['kept']);
    expect(server.graphs.g.vertexCount).toBe(1);
  });

  it('streams a long read from one snapshot while writes commit beside it', async () => {
    const server = await harness.server({ evaluationTimeoutMs: 60_000 });
    server.graphs.g.transact((tx) => {
      for (let i = 0; i < 2000; i++) tx.addVertexProperty(tx.addVertex(['blob'], `b${i}`), 'n', i);
    });
    const reader = await RawClient.connect(server);
    const firstFrame = new Promise<void>((resolve) =>
      reader.ws.once('message', () => {
        reader.ws.pause(); // the socket's buffers fill (40 MB of results), so the server's stream stops mid-way
        resolve();
      }),
    );
    const pad = 'x'.repeat(20_000);
    const traversal = bytecode().V().hasLabel('blob').project('id', 'n', 'pad').by(t.id).by('n').by(__.constant(pad));
    reader.request(GRAPHBINARY, { op: 'bytecode', processor: 'traversal', args: { gremlin: traversal.getBytecode(), aliases: { g: 'g' } } });
    await firstFrame;

    const { g } = harness.remote(server, GRAPHBINARY);
    await g.V('b1999').drop().iterate();
    await g.V('b0').property(cardinality.single, 'n', -1).iterate();
    await g.addV('blob').property(t.id, 'late').property('n', 5000).iterate();
    expect(clock.views.size).toBe(1); // the read was still streaming from its snapshot when they committed

    reader.ws.resume();
    const rows: Array<Map<string, unknown>> = [];
    for (;;) {
      const response: Response = await reader.response(GRAPHBINARY);
      for (const traverser of response.result.data as Array<{ object: Map<string, unknown> }>) rows.push(traverser.object);
      if (response.status.code !== 206) break;
    }
    expect(rows).toHaveLength(2000);
    expect(rows.map((r) => r.get('id'))).toEqual([...Array(2000).keys()].map((i) => `b${i}`));
    expect(rows.map((r) => r.get('n'))).toEqual([...Array(2000).keys()]);
    await reader.close();

    expect(await g.V().hasLabel('blob').count().next()).toEqual({ value: 2000, done: false });
    expect(await g.V('b0').values('n').toList()).toEqual([-1]);
    expect(clock.views.size).toBe(0);
    expect(clock.pasts.size).toBe(0); // what the snapshot kept alive went with it
  });
});
