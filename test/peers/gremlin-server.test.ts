import gremlin from 'gremlin';
import { Cardinality, g } from '../../src/gremlin/source';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { describeWithTools, startReferenceServer, TINKERPOP_VERSION, type ReferenceServer } from './gremlin-server';

const { t, cardinality } = gremlin.process;
const SERIALIZERS = { graphbinary: 'application/vnd.graphbinary-v1.0', graphson: 'application/vnd.gremlin-v3.0+json' };

describeWithTools(['java', 'javac', 'mvn'])(`Apache TinkerPop Gremlin Server ${TINKERPOP_VERSION} (TinkerGraph) as a test peer`, () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer();
  }, 180_000);
  afterAll(() => server?.stop());

  it.each(Object.entries(SERIALIZERS))('answers the JavaScript driver over WebSocket with %s, with string ids and set cardinality kept', async (_name, mimeType) => {
    const connection = new gremlin.driver.DriverRemoteConnection(server.url, { mimeType });
    const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection);
    try {
      const id = `v-${mimeType.length}`;
      await g.addV('person').property(t.id, id).property(cardinality.set, 'lang', 'en').property(cardinality.set, 'lang', 'en').property(cardinality.set, 'lang', 'fr').iterate();
      expect(await g.V(id).id().toList()).toEqual([id]);
      expect(await g.V(id).values('lang').order().toList()).toEqual(['en', 'fr']);
    } finally {
      await connection.close();
    }
  });

  it('runs each request as a transaction: a failing traversal writes nothing', async () => {
    const connection = new gremlin.driver.DriverRemoteConnection(server.url);
    const g = gremlin.process.AnonymousTraversalSource.traversal().withRemote(connection);
    try {
      await expect(g.addV('person').property(t.id, 'half').fail('refused').iterate()).rejects.toThrow(/refused/);
      expect(await g.V('half').count().next()).toEqual({ value: 0, done: false });
    } finally {
      await connection.close();
    }
  });

  it("refuses a commit that conflicts with one since (TinkerTransactionGraph's TransactionException): the gateway's client runs the transaction again", async () => {
    const retried: string[] = [];
    const config = loadConnectionConfig({}, { gremlinEndpoint: server.url, retryBaseMs: 1, retryMaxDelayMs: 5 });
    const client = GremlinClient.create(config, { instruments: { attempted: () => undefined, retrying: (_endpoint, code) => retried.push(code) } });
    try {
      await client.submit(g.addV('counter').property(t.id, 'conflict').property('n', 0).getBytecode(), { mode: 'write' });
      let runs = 0;
      const committedBy = await client.transaction(async (tx) => {
        runs += 1;
        await tx.submit(g.V('conflict').property(Cardinality.single, 'n', 10 + runs).getBytecode());
        // The first time, another writer changes the vertex and commits between this transaction's write and its commit.
        if (runs === 1) await client.submit(g.V('conflict').property(Cardinality.single, 'n', 1).getBytecode(), { mode: 'write' });
        await tx.commit();
        return runs;
      });
      expect(committedBy).toBe(2);
      expect(retried).toEqual(['ConcurrentModificationException']);
      // The refused commit wrote nothing: the other writer's value, then the second run's.
      expect(await client.submit(g.V('conflict').values('n').getBytecode(), { mode: 'read' })).toEqual([12]);
    } finally {
      await client.close();
    }
  });

  it('answers gremlin-lang scripts on HTTP POST /gremlin', async () => {
    const res = await fetch(server.httpUrl, { method: 'POST', body: JSON.stringify({ gremlin: 'g.inject(1, 2).sum()', language: 'gremlin-lang' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: unknown } };
    expect(body.result.data).toEqual({ '@type': 'g:List', '@value': [{ '@type': 'g:Int64', '@value': 3 }] });
  });

  it('stops: the port no longer answers', async () => {
    await server.stop();
    await expect(fetch(server.httpUrl, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
