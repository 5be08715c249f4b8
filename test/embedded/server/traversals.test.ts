import gremlin from 'gremlin';
import { loadGraphSONAdjacency } from '../../../src/embedded/io';
import { Graph, TINKERGRAPH } from '../../../src/embedded/structure';
import { __, FORMATS, Harness, neptuneError, rejectionOf, t, direction, GRAPHBINARY } from './helpers';

const MODERN = `${__dirname}/../../../../shared/tinkerpop/tinkerpop-modern.json`;

describe.each(FORMATS)('over %s', (_name, mimeType) => {
  const harness = new Harness();
  afterEach(() => harness.closeAll());

  it('creates, reads, updates and deletes vertices and edges', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);

    const ada = (await g.addV('person').property(t.id, 'ada').property('name', 'Ada').property('born', 1815).next()).value;
    expect(ada).toBeInstanceOf(gremlin.structure.Vertex);
    expect(ada).toMatchObject({ id: 'ada', label: 'person' });
    await g.addV('person').property(t.id, 'charles').property('name', 'Charles').iterate();
    const edge = (await g.addE('knows').from_(__.V('ada')).to(__.V('charles')).property(t.id, 'k1').property('since', 1833).next()).value;
    expect(edge).toMatchObject({ id: 'k1', label: 'knows', outV: { id: 'ada' }, inV: { id: 'charles' } });

    expect(await g.V('ada').out('knows').values('name').toList()).toEqual(['Charles']);
    expect(await g.E('k1').values('since').toList()).toEqual([1833]);

    await g.V('ada').property('name', 'Ada Lovelace').iterate();
    expect((await g.V('ada').values('name').toList()).sort()).toEqual(['Ada', 'Ada Lovelace']); // Neptune: set cardinality

    await g.E('k1').drop().iterate();
    expect(await g.E().count().next()).toEqual({ value: 0, done: false });
    await g.V('charles').drop().iterate();
    expect(await g.V().id().toList()).toEqual(['ada']);
    expect(server.graphs.g.vertexCount).toBe(1);
  });

  it('round-trips values of every type', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const when = new Date('2024-05-06T07:08:09.123Z');
    const values: unknown[] = [7, -2147483648, 2 ** 40, -(2 ** 52), 0.25, 'text', '', true, false, when, [1, 'two', [3]]];
    for (const value of values) {
      expect((await g.inject(value).next()).value).toEqual(value);
    }
    const map = (await g.inject(new Map<unknown, unknown>([['k', 1], [t.label, 'x']])).next()).value as Map<unknown, unknown>;
    expect(map).toBeInstanceOf(Map);
    expect(map.get('k')).toBe(1);
    expect(map.get(t.label)).toBe('x');
    expect((await g.inject(t.id).next()).value).toBe(t.id);
    expect((await g.inject(direction.in).next()).value).toBe(direction.in);
    expect(await g.inject(1, 2, 3).fold().next()).toEqual({ value: [1, 2, 3], done: false });
    if (mimeType === GRAPHBINARY) {
      // GraphSON cannot carry a bigint from the driver (JSON has no such number); GraphBinary sends it as BigInteger.
      expect((await g.inject(2n ** 62n).next()).value).toBe(2 ** 62);
    }
  });

  it('returns elements, properties and paths', async () => {
    const graph = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(graph, MODERN);
    const server = await harness.server({ graphs: { g: graph } });
    const { g } = harness.remote(server, mimeType);

    const vp = (await g.V('1').properties('name').next()).value as gremlin.structure.VertexProperty;
    expect(vp).toBeInstanceOf(gremlin.structure.VertexProperty);
    expect(vp).toMatchObject({ label: 'name', value: 'marko' });
    const property = (await g.E('7').properties('weight').next()).value as gremlin.structure.Property;
    expect(property).toBeInstanceOf(gremlin.structure.Property);
    expect(property).toMatchObject({ key: 'weight', value: 0.5 });

    const path = (await g.V('1').as('a').out('knows').has('name', 'vadas').path().next()).value as gremlin.structure.Path;
    expect(path).toBeInstanceOf(gremlin.structure.Path);
    expect(path).toMatchObject({ labels: [['a'], []], objects: [{ id: '1', label: 'person' }, { id: '2', label: 'person' }] });
  });

  it('answers elements as references, or with properties when the server materializes them', async () => {
    const graph = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(graph, MODERN);
    const neptuneLike = await harness.server({ graphs: { g: graph } });
    const reference = (await harness.remote(neptuneLike, mimeType).g.V('1').next()).value as { properties?: unknown };
    expect(reference.properties ?? []).toHaveLength(0);

    const tinkerpopLike = await harness.server({ graphs: { g: graph }, materializeProperties: 'all' });
    const full = (await harness.remote(tinkerpopLike, mimeType).g.V('1').next()).value as { properties: unknown };
    const names = Array.isArray(full.properties)
      ? (full.properties as Array<{ label: string }>).map((p) => p.label)
      : Object.keys(full.properties as object);
    expect(names.sort()).toEqual(['age', 'name']);
  });

  it('runs Gremlin text through eval, with bindings, as values rather than traversers', async () => {
    const graph = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(graph, MODERN);
    const server = await harness.server({ graphs: { g: graph } });
    const client = harness.client(server, mimeType);
    expect((await client.submit("g.V('1').out('knows').values('name')")).toArray().sort()).toEqual(['josh', 'vadas']);
    expect((await client.submit('g.V(who).values("age")', { who: '4' })).toArray()).toEqual([32]);
    expect((await client.submit("g.V().hasLabel('software').count().next()")).toArray()).toEqual([2]);
    expect((await client.submit('g.V().limit(0)')).toArray()).toEqual([]);
  });

  it('answers toSet() with the distinct values, without repeating each bulk times', async () => {
    const server = await harness.server();
    server.graphs.g.transact((tx) => {
      const vs = Array.from({ length: 20 }, (_, i) => tx.addVertex(['n'], `n${i}`));
      for (const a of vs) for (const b of vs) if (a !== b) tx.addEdge('e', a, b);
    });
    const client = harness.client(server, mimeType);
    // 20 vertices, reached 20 * 19^20 times over.
    const result = await client.submit("g.V().repeat(both()).times(20).id().toSet()", null, { evaluationTimeout: 2000 } as never);
    expect(result.toArray().sort()).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
  });

  it('sends a large result in partial frames of batchSize, in order', async () => {
    const server = await harness.server();
    const { g } = harness.remote(server, mimeType);
    const numbers = [...Array(250).keys()];
    expect(await g.inject(...numbers).toList()).toEqual(numbers);

    const client = harness.client(server, mimeType);
    const frames: unknown[][] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.stream(g.inject(...numbers).getBytecode(), undefined, { batchSize: 40 } as never) as unknown as NodeJS.ReadableStream;
      stream.on('data', (resultSet: { toArray(): unknown[] }) => frames.push(resultSet.toArray()));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    expect(frames.map((f) => f.length)).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(frames.flat().map((x) => (x as { object: unknown }).object)).toEqual(numbers);
  });

  it('maps the request alias to a configured graph', async () => {
    const modern = new Graph(TINKERGRAPH);
    loadGraphSONAdjacency(modern, MODERN);
    const server = await harness.server({ graphs: { g: new Graph(), gmodern: modern } });
    expect(await harness.remote(server, mimeType).g.V().count().next()).toEqual({ value: 0, done: false });
    expect(await harness.remote(server, mimeType, { traversalSource: 'gmodern' }).g.V().count().next()).toEqual({ value: 6, done: false });
    const client = harness.client(server, mimeType, { traversalSource: 'gmodern' });
    expect((await client.submit('g.E().count()')).toArray()).toEqual([6]);

    const err = await rejectionOf(harness.remote(server, mimeType, { traversalSource: 'gnone' }).g.V().toList());
    expect(err.statusCode).toBe(499);
    expect(neptuneError(err)).toMatchObject({ code: 'InvalidParameterException', detailedMessage: expect.stringContaining('[gnone]') });
  });
});
