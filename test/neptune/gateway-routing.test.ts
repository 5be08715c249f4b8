import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { serve, type Nereid } from '../../src/serve';
import { fillSocial } from '../support/social';

/**
 * Every query and mutation of the core API through a gateway with a writer and a reader endpoint, each an
 * embedded server holding its own copy of the social graph. The reader's copy has tell-tale differences
 * (ada's name, an edge ada -knows-> eve, a Replica vertex), so an answer shows which endpoint gave it, and a
 * write shows up only in the graph that received it. Injected faults show how backend failures reach the client.
 */
describe('reader and writer endpoints behind the gateway', () => {
  let writer: GremlinServer & { graph: Graph };
  let reader: GremlinServer & { graph: Graph };
  let nereid: Nereid;

  async function embedded(graph: Graph) {
    return Object.assign(await startGremlinServer({ port: 0, host: '127.0.0.1', graphs: { g: graph } }), { graph });
  }

  beforeAll(async () => {
    const writerGraph = new Graph();
    writerGraph.transact((tx) => fillSocial(tx));
    const readerGraph = new Graph();
    readerGraph.transact((tx) => {
      fillSocial(tx);
      const ada = readerGraph.vertex('ada')!;
      tx.addVertexProperty(ada, 'name', 'Ada (replica)', 'single');
      tx.addEdge('knows', ada, readerGraph.vertex('eve')!, 'kx');
      tx.addVertex(['Replica'], 'r1');
    });
    writer = await embedded(writerGraph);
    reader = await embedded(readerGraph);
    nereid = await serve({ port: 0, host: '127.0.0.1', env: { GREMLIN_ENDPOINT: writer.url, GREMLIN_READER_ENDPOINT: reader.url } });
  });
  afterAll(async () => {
    await nereid.stop();
    await Promise.all([writer.close(), reader.close()]);
  });

  async function gql(query: string): Promise<{ data?: any; errors?: unknown[] }> {
    const res = await fetch(nereid.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return (await res.json()) as { data?: any; errors?: unknown[] };
  }

  it('answers every kind of read from the reader', async () => {
    const res = await gql(`{
      vertex(id: "ada") { name: property(key: "name") out(labels: ["knows"]) { totalCount } bothE { totalCount } degree }
      vertices(where: { key: "name", eq: "Ada (replica)" }) { totalCount }
      edge(id: "kx") { id outV { name: property(key: "name") } }
      edges(ids: ["kx"]) { totalCount }
      traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }]) { vertices { id } }
      shortestPath(from: "bob", to: "eve") { length }
      pageRank(label: "Replica") { vertex { id } rank }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      vertex: { name: 'Ada (replica)', out: { totalCount: 3 }, bothE: { totalCount: 4 }, degree: 4 },
      vertices: { totalCount: 1 },
      edge: { id: 'kx', outV: { name: 'Ada (replica)' } },
      edges: { totalCount: 1 },
      traverse: { vertices: expect.arrayContaining([{ id: 'eve' }]) },
      shortestPath: { length: 2 },
      pageRank: [{ vertex: { id: 'r1' }, rank: 1 }],
    });
  });

  it('sends every kind of write to the writer only, and the reads after a write in the same request too', async () => {
    const before = { vertices: reader.graph.vertexCount, edges: reader.graph.edgeCount };
    const res = await gql(`mutation {
      createVertex(input: { id: "n1", label: "Person", properties: { name: "New" } }) { name: property(key: "name") }
      upsertVertex(input: { id: "n2", label: "Person" }) { id }
      updateVertex(id: "bob", set: { age: 26 }) { age: property(key: "age") }
      createEdge(input: { id: "e1", label: "knows", from: "ada", to: "n1" }) { outV { name: property(key: "name") } }
      updateEdge(id: "k1", set: { since: 2002 }) { since: property(key: "since") }
      batchCreateVertices(inputs: [{ id: "n3", label: "Person" }]) { id }
      batchCreateEdges(inputs: [{ id: "e2", label: "knows", from: "n2", to: "n3" }]) { id }
      deleteEdge(id: "k2") { deleted }
      deleteVertex(id: "cy") { deleted }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      createVertex: { name: 'New' },
      updateVertex: { age: 26 },
      createEdge: { outV: { name: 'Ada' } },
      updateEdge: { since: 2002 },
      deleteEdge: { deleted: true },
      deleteVertex: { deleted: true },
    });
    for (const id of ['n1', 'n2', 'n3']) expect(writer.graph.vertex(id)).toBeDefined();
    expect(writer.graph.vertex('cy')).toBeUndefined();
    expect({ vertices: reader.graph.vertexCount, edges: reader.graph.edgeCount }).toEqual(before);
    expect(reader.graph.vertex('cy')).toBeDefined();
  });

  it('maps backend failures to coded errors: a timeout is BACKEND_TIMEOUT, a conflicting write is retried and applied once', async () => {
    reader.faults.failNext(1, 'TimeLimitExceededException');
    const slow = (await gql(`{ vertex(id: "ada") { id } }`)) as { errors?: { message: string; extensions: { code: string } }[] };
    expect(slow.errors?.[0].extensions.code).toBe('BACKEND_TIMEOUT');
    expect(slow.errors?.[0].message).toMatch(/took longer than the time allowed/);

    writer.faults.failNext(2, 'ConcurrentModificationException');
    const retried = await gql(`mutation { createVertex(input: { id: "c1", label: "Person" }) { id } }`);
    expect(retried.errors).toBeUndefined();
    expect(writer.faults.pending).toBe(0);
    expect(writer.graph.vertex('c1')).toBeDefined();
  });
});
