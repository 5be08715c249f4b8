import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { buildCoreSchema } from '../../src/gateway/schema';
import { startGateway, type Gateway } from '../../src/gateway/server';
import { printBytecode } from '../../src/gremlin/print';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';
import { fillSocial } from '../support/social';

/**
 * The subgraph over the real driver and embedded server, with every request the gateway sends recorded as
 * Gremlin text, to see what `_entities` asks the graph for.
 */
describe('what _entities fetches', () => {
  let server: GremlinServer;
  let client: GremlinClient;
  let gateway: Gateway;
  const sent: string[] = [];

  beforeAll(async () => {
    const graph = new Graph();
    graph.transact((tx) => fillSocial(tx));
    server = await startGremlinServer({ graphs: { g: graph } });
    client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: server.url }));
    gateway = await startGateway({
      schema: buildCoreSchema({ federation: true }),
      port: 0,
      host: '127.0.0.1',
      gremlin: {
        submit: (bytecode, options) => {
          sent.push(printBytecode(bytecode));
          return client.submit(bytecode, options);
        },
        ping: () => client.ping(),
      },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await client?.close();
    await server?.close();
  });
  beforeEach(() => {
    sent.length = 0;
  });

  async function entities(selection: string, ids: string[]): Promise<any> {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        variables: { r: ids.map((id) => ({ __typename: 'Vertex', id })) },
      }),
    });
    return res.json();
  }

  it('fetches only the property keys the selection reads, merged across fields', async () => {
    const res = await entities(`... on Vertex { id name: property(key: "name") properties(keys: ["age"]) }`, ['ada', 'cy']);
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { id: 'ada', name: 'Ada', properties: { age: 36 } },
      { id: 'cy', name: 'Cy', properties: { age: 41 } },
    ]);
    expect(sent).toEqual([
      'g.V("ada", "cy").project("id", "label", "properties").by(T.id).by(T.label).by(__.valueMap("age", "name"))',
    ]);
  });

  it('fetches no properties when the selection reads none, still checking the ids exist', async () => {
    const res = await entities(`... on Vertex { id label }`, ['ada', 'ghost']);
    expect(res.data._entities).toEqual([{ id: 'ada', label: 'Person' }, null]);
    expect(sent).toEqual(['g.V("ada", "ghost").project("id", "label").by(T.id).by(T.label)']);
  });
});
