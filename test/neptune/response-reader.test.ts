import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { graphBinaryReader } from '../../src/neptune/graphbinary-reader';
import { guardedResponseReader } from '../../src/neptune/response-reader';

const frame = (data: unknown) =>
  Buffer.from(JSON.stringify({ requestId: '00000000-0000-0000-0000-000000000001', status: { code: 200, message: '', attributes: { '@type': 'g:Map', '@value': [] } }, result: { data, meta: { '@type': 'g:Map', '@value': [] } } }));

describe('guardedResponseReader', () => {
  it("reads JanusGraph's edge id (RelationIdentifier, GraphSON 3) as its string form, inside an edge too", () => {
    // As JanusGraph 1.1.0's Gremlin Server sends g.E().id() and g.E() with its IoRegistry.
    const id = { '@type': 'janusgraph:RelationIdentifier', '@value': { relationId: '1zy-Sada-2dx-Sbob' } };
    const edge = { '@type': 'g:Edge', '@value': { id, label: 'knows', inVLabel: 'Person', outVLabel: 'Person', inV: 'bob', outV: 'ada' } };
    const reader = guardedResponseReader('graphson', () => {
      throw new Error('unexpected');
    });
    const res = reader.readResponse(frame({ '@type': 'g:List', '@value': [id, edge] })) as { result: { data: [string, { id: unknown }] } };
    expect(res.result.data[0]).toBe('1zy-Sada-2dx-Sbob');
    expect(res.result.data[1].id).toBe('1zy-Sada-2dx-Sbob');
  });
});

describe('the GraphBinary reader', () => {
  // The driver's own reader, the reference: ours must read every frame into exactly what it gives.
  const driverReader = (require('gremlin/lib/structure/io/binary/GraphBinary') as { graphBinaryReader: { readResponse(b: Buffer): unknown } }).graphBinaryReader;
  const { t, P, statics: __ } = gremlin.process;
  const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());
  let server: GremlinServer;
  let client: gremlin.driver.Client;
  const frames: Buffer[] = [];

  beforeAll(async () => {
    const graph = new Graph();
    server = await startGremlinServer({ graphs: { g: graph } });
    client = new gremlin.driver.Client(server.url, {
      traversalSource: 'g',
      mimeType: 'application/vnd.graphbinary-v1.0',
      reader: { readResponse: (frame: Buffer) => (frames.push(frame), driverReader.readResponse(frame)) },
    } as never);
    const write = (b: gremlin.process.GraphTraversal) => client.submit(b.getBytecode());
    await write(g.addV('person').property(t.id, 'ada').property('name', 'Ada').property('born', 1815).property('score', 9.5).property('joined', new Date(Date.UTC(2020, 1, 3))));
    await write(g.addV('person').property(t.id, 'bob').property('name', 'Bob').property('tags', 'x').property('big', 2 ** 40));
    await write(g.V('ada').addE('knows').to(__.V('bob')).property(t.id, 'k1').property('since', 2001).property('ok', true));
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it.each([
    ['projected maps of strings, lists and longs', g.V().project('id', 'label', 'properties', 'n').by(t.id).by(t.label).by(__.valueMap()).by(__.both().count())],
    ['token keys, doubles, dates, booleans', g.V().union(__.valueMap(true), __.outE().valueMap(true))],
    ['vertices, edges, paths', g.V().outE().inV().path()],
    ['bulked traversers and counts', g.V().both().both().label()],
    ['a grouped count and a bulk set', g.V().union(__.groupCount().by(t.label), __.aggregate('x').cap('x'))],
    ['nulls, numbers, nested lists', g.inject(1, 2.5, 'é✓', 2 ** 53 + 2, -7).fold().project('a', 'b').by(__.identity()).by(__.constant(null as never))],
    ['no results', g.V().has('name', P.eq('nobody'))],
    ['an error', g.V().fail('on purpose')],
  ])('reads %s as the driver does', async (_name, traversal) => {
    frames.length = 0;
    await client.submit(traversal.getBytecode()).catch(() => undefined);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(graphBinaryReader.readResponse(frame)).toEqual(driverReader.readResponse(frame));
  });

  it('refuses a frame cut short, as the driver does', async () => {
    frames.length = 0;
    await client.submit(g.V().valueMap(true).getBytecode());
    const cut = frames[0].subarray(0, frames[0].length - 3);
    expect(() => driverReader.readResponse(cut)).toThrow();
    expect(() => graphBinaryReader.readResponse(cut)).toThrow();
  });
});
