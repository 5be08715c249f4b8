import gremlin from 'gremlin';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { Graph } from '../../src/embedded/structure';
import { graphBinaryReader } from '../../src/neptune/graphbinary-reader';
import { graphBinaryWriter } from '../../src/neptune/graphbinary-writer';

/**
 * nereid's GraphBinary reader and writer against the driver's, the reference: the same frames must read into
 * the same values, and the same requests be written byte for byte alike.
 */

// The driver's own codecs are not re-exported by its index.
const driver = require('gremlin/lib/structure/io/binary/GraphBinary') as {
  graphBinaryReader: { readResponse(b: Buffer): unknown };
  graphBinaryWriter: { writeRequest(r: unknown): Buffer };
};
const driverReader = driver.graphBinaryReader;
const { t, P, TextP, order, direction, scope, column, pop, cardinality, statics: __ } = gremlin.process;
const g = gremlin.process.traversal().withGraph(new gremlin.structure.Graph());

describe('the GraphBinary reader', () => {
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

describe('the GraphBinary writer', () => {
  const request = (gremlinArg: unknown, extra: Record<string, unknown> = {}) => ({
    requestId: '5f3a1b2c-0d4e-4f60-8a7b-9c0d1e2f3a4b',
    op: 'bytecode',
    processor: 'traversal',
    args: { gremlin: gremlinArg, aliases: { g: 'g' }, ...extra },
  });

  it.each([
    ['a planned page', g.V('p1', 'p2').project('id', 'label', 'properties', '@friends').by(t.id).by(t.label).by(__.valueMap('name', 'é✓'))
      .by(__.both('knows').dedup().order().by('name', order.desc).by(t.id).range(0, 11).project('id').by(t.id).fold())],
    ['numbers of every width', g.inject(0, -1, 2147483647, -2147483648, 2147483648, 2 ** 53 + 2, -(2 ** 60), 1.5, -0, NaN, Infinity, -Infinity)],
    ['nulls, booleans, lists, maps, objects, dates, bigints', g.inject(null as never, true, false, [1, ['a', null]], new Map<unknown, unknown>([['k', 1], [2, [true]]]), { a: 1, b: 'x' }, new Date(1e12), 12345678901234567890n)],
    ['predicates and enums', g.V().has('age', P.between(1, 9)).has('name', P.within('a', 'b')).has('x', P.gt(1).and(P.lt(5))).has('t', TextP.containing('z'))
      .toE(direction.out).local(__.count(scope.local)).select(column.keys).select(pop.last, 'a').property(cardinality.list, 'k', 'v')],
    ['source instructions and options', g.withSideEffect('s', [1]).with_('evaluationTimeout', 500).V().limit(1)],
  ])('writes %s as the driver does', (_name, traversal) => {
    const req = request(traversal.getBytecode(), { batchSize: 64, userAgent: 'nereid' });
    expect(graphBinaryWriter.writeRequest(req)).toEqual(driver.graphBinaryWriter.writeRequest(req));
  });

  it('writes a traversal given whole, and an empty request id, as the driver does', () => {
    const req = { ...request(g.V().out().count()), requestId: '' };
    expect(graphBinaryWriter.writeRequest(req)).toEqual(driver.graphBinaryWriter.writeRequest(req));
  });
});
