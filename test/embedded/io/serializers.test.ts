import gremlin from 'gremlin';
import { Path } from '../../../src/embedded/process/path';
import { Graph, TINKERGRAPH } from '../../../src/embedded/structure';
import {
  GRAPHBINARY_MIME,
  GRAPHSON3_MIME,
  Lambda,
  RequestDecodeError,
  SerializationError,
  serializerFor,
  type MessageSerializer,
} from '../../../src/embedded/io';

const { P, TextP, t, order, cardinality, direction, Traverser } = gremlin.process;
const __ = gremlin.process.statics;
const { graphBinaryReader, graphBinaryWriter } = require('gremlin/lib/structure/io/binary/GraphBinary');
const { SubgraphStrategy, OptionsStrategy } = require('gremlin/lib/process/traversal-strategy');
const { CardinalityValue } = require('gremlin/lib/process/graph-traversal');
const { GraphSONWriter, GraphSONReader } = gremlin.structure.io as unknown as {
  GraphSONWriter: new () => { writeRequest(r: object): Buffer };
  GraphSONReader: new () => { readResponse(b: Buffer): DriverResponse };
};

interface DriverResponse {
  requestId: string | null;
  status: { code: number; message: string };
  result: { data: unknown };
}

const RID = '6457b4f5-1e1b-4b8a-9d1a-0123456789ab';
const formats: Array<[string, MessageSerializer, { writeRequest(r: object): Buffer }, { readResponse(b: Buffer): DriverResponse }]> = [
  ['GraphSON 3', serializerFor(GRAPHSON3_MIME)!, new GraphSONWriter(), new GraphSONReader()],
  ['GraphBinary', serializerFor(GRAPHBINARY_MIME)!, graphBinaryWriter, graphBinaryReader],
];

/** Nested traversals travel as their bytecode; this is what the server is expected to rebuild. */
function asSent(value: unknown): unknown {
  if (value instanceof gremlin.process.Traversal) return asSent(value.getBytecode());
  if (value instanceof gremlin.process.Bytecode) {
    const copy = new gremlin.process.Bytecode();
    copy.sourceInstructions = value.sourceInstructions.map((i) => i.map(asSent));
    copy.stepInstructions = value.stepInstructions.map((i) => i.map(asSent));
    return copy;
  }
  if (value instanceof P) return new P(value.operator as never, asSent(value.value), asSent(value.other));
  return value;
}

/** The bytecode a driver user gets from `g` without a connection. */
const g = () => gremlin.process.traversal().withGraph(new gremlin.structure.Graph());

describe.each(formats)('%s requests, as the driver writes them', (_name, serializer, writer) => {
  const decode = (args: Record<string, unknown>, op = 'bytecode', processor = 'traversal') =>
    serializer.decodeRequest(writer.writeRequest({ requestId: RID, op, processor, args }));

  it('reads the envelope: id, op, processor, aliases as a record', () => {
    const request = decode({ gremlin: g().V().getBytecode(), aliases: { g: 'gmodern' }, evaluationTimeout: 500, batchSize: 2 });
    expect(request.requestId).toBe(RID);
    expect(request.op).toBe('bytecode');
    expect(request.processor).toBe('traversal');
    expect(request.args.aliases).toEqual({ g: 'gmodern' });
    expect(request.args.evaluationTimeout).toBe(500);
    expect(request.args.batchSize).toBe(2);
  });

  it('reads bytecode with nested traversals, predicates and tokens into the driver classes', () => {
    const sent = g()
      .V()
      .has('person', 'age', P.between(20, 30))
      .has('name', P.within('marko', 'josh'))
      .has('name', TextP.startingWith('ma'))
      .where(__.out('knows').has('age', P.gt(30).and(P.lt(40))))
      .order()
      .by('age', order.desc)
      .project('id', 'd')
      .by(t.id)
      .by(__.constant(direction.out))
      .getBytecode();
    const { args } = decode({ gremlin: sent, aliases: { g: 'g' } });
    const received = args.gremlin as gremlin.process.Bytecode;
    expect(received).toBeInstanceOf(gremlin.process.Bytecode);
    expect(received).toEqual(asSent(sent));
    const orderStep = received.stepInstructions.find(([name, , token]) => name === 'by' && token !== undefined)!;
    expect(orderStep[2]).toBe(order.desc);
    expect(received.stepInstructions.find(([name, arg]) => name === 'by' && arg === t.id)).toBeDefined();
    const within = received.stepInstructions[2][2] as gremlin.process.P;
    expect(within).toBeInstanceOf(P);
    expect(within.value).toEqual(['marko', 'josh']);
    expect(received.stepInstructions[3][2]).toBeInstanceOf(TextP);
  });

  it('reads strategies as the driver strategy classes with their configuration', () => {
    const sent = g()
      .withStrategies(new SubgraphStrategy({ vertices: __.hasLabel('person') }) as never)
      .with_('evaluationTimeout', 100)
      .V()
      .getBytecode();
    const received = decode({ gremlin: sent, aliases: { g: 'g' } }).args.gremlin as gremlin.process.Bytecode;
    const [subgraph] = received.sourceInstructions[0].slice(1);
    expect(subgraph).toBeInstanceOf(SubgraphStrategy);
    expect(subgraph.configuration.vertices).toEqual(__.hasLabel('person').getBytecode());
    const [options] = received.sourceInstructions[1].slice(1);
    expect(options).toBeInstanceOf(OptionsStrategy);
    expect(options.configuration).toEqual({ evaluationTimeout: 100 });
  });

  it('reads a lambda as a Lambda marker, never as code', () => {
    const sent = g().V().map((() => 'it.get()') as never).getBytecode();
    const received = decode({ gremlin: sent, aliases: { g: 'g' } }).args.gremlin as gremlin.process.Bytecode;
    const [name, lambda] = received.stepInstructions[1];
    expect(name).toBe('map');
    expect(lambda).toEqual(new Lambda('it.get()', 'gremlin-groovy', -1));
  });

  it('reads Map, Date, list and Cardinality values', () => {
    const when = new Date('2024-01-02T03:04:05.678Z');
    const props = new Map<unknown, unknown>([
      [t.label, 'person'],
      ['since', when],
    ]);
    const sent = g()
      .mergeV(props)
      .property(CardinalityValue.list('x') as never, 'tag', 'a')
      .property(cardinality.set, 'tags', ['a', 'b'])
      .getBytecode();
    const received = decode({ gremlin: sent, aliases: { g: 'g' } }).args.gremlin as gremlin.process.Bytecode;
    expect(received).toEqual(sent);
    const map = received.stepInstructions[0][1] as Map<unknown, unknown>;
    expect(map.get(t.label)).toBe('person');
    expect(map.get('since')).toEqual(when);
    expect(received.stepInstructions[1][1]).toBeInstanceOf(CardinalityValue);
  });

  it('reads eval requests with their bindings as a record', () => {
    const request = decode({ gremlin: 'g.V(x)', bindings: { x: 'v1' }, language: 'gremlin-groovy', aliases: { g: 'g' } }, 'eval', '');
    expect(request.op).toBe('eval');
    expect(request.processor).toBe('');
    expect(request.args.gremlin).toBe('g.V(x)');
    expect(request.args.bindings).toEqual({ x: 'v1' });
  });

  it('refuses a frame it cannot read, keeping the request id once the envelope got that far', () => {
    const good = writer.writeRequest({ requestId: RID, op: 'bytecode', processor: 'traversal', args: { gremlin: g().V().getBytecode() } });
    const cut = good.subarray(0, good.length - 3);
    expect(() => serializer.decodeRequest(cut)).toThrow(RequestDecodeError);
    try {
      serializer.decodeRequest(cut);
    } catch (err) {
      expect((err as RequestDecodeError).requestId).toBe(serializer.binary ? RID : null);
    }
    expect(() => serializer.decodeRequest(Buffer.from('garbage'))).toThrow(RequestDecodeError);
  });
});

describe('GraphBinary-only request values', () => {
  const serializer = serializerFor(GRAPHBINARY_MIME)!;
  it('reads longs beyond 2^53 exactly, as bigint', () => {
    const big = 2n ** 60n + 1n;
    const request = serializer.decodeRequest(
      graphBinaryWriter.writeRequest({ requestId: RID, op: 'bytecode', processor: 'traversal', args: { gremlin: g().inject(big, 7).getBytecode() } }),
    );
    expect((request.args.gremlin as gremlin.process.Bytecode).stepInstructions[0]).toEqual(['inject', big, 7]);
  });
});

describe('GraphSON requests from other clients', () => {
  const serializer = serializerFor(GRAPHSON3_MIME)!;
  const read = (value: unknown) =>
    (
      serializer.decodeRequest(Buffer.from(JSON.stringify({ requestId: RID, op: 'bytecode', processor: 'traversal', args: { gremlin: { '@type': 'g:Bytecode', '@value': { step: [['inject', value]] } } } })))
        .args.gremlin as gremlin.process.Bytecode
    ).stepInstructions[0][1];

  it('reads typed numbers, sets, UUIDs and long strings', () => {
    expect(read({ '@type': 'g:Int64', '@value': '1152921504606846977' })).toBe(2n ** 60n + 1n);
    expect(read({ '@type': 'g:Double', '@value': 'NaN' })).toBeNaN();
    expect(read({ '@type': 'g:Set', '@value': [1, 2] })).toEqual(new Set([1, 2]));
    expect(read({ '@type': 'g:UUID', '@value': RID })).toBe(RID);
  });

  it('refuses unknown types and tokens, naming them', () => {
    expect(() => read({ '@type': 'g:Frobnicator', '@value': 1 })).toThrow(/g:Frobnicator/);
    expect(() => read({ '@type': 'g:Order', '@value': 'sideways' })).toThrow(/Order token 'sideways'/);
  });
});

describe.each(formats)('%s responses, as the driver reads them', (_name, serializer, _writer, reader) => {
  const graph = new Graph(TINKERGRAPH);
  const { marko, lop, created } = graph.transact((tx) => {
    const marko = tx.addVertex(['person'], 'v1');
    tx.addVertexProperty(marko, 'name', 'marko');
    tx.addVertexProperty(marko, 'age', 29);
    const lop = tx.addVertex(['software'], 'v3');
    const created = tx.addEdge('created', marko, lop, 'e9');
    tx.setEdgeProperty(created, 'weight', 0.4);
    return { marko, lop, created };
  });

  const roundTrip = (data: unknown[], materialize: 'tokens' | 'all' = 'tokens') => {
    const encoded = serializer.encodeResponse(
      { requestId: RID, status: { code: 200, message: '', attributes: new Map() }, data },
      materialize,
    );
    return reader.readResponse(Buffer.from(encoded));
  };

  it('carries the request id and status', () => {
    const response = roundTrip([]);
    expect(response.requestId).toBe(RID);
    expect(response.status.code).toBe(200);
    expect(response.result.data).toEqual([]);
  });

  it('writes scalars, collections, dates and tokens', () => {
    const when = new Date('2020-02-02T00:00:00Z');
    const data = [
      1,
      -2147483648,
      2 ** 40,
      1.5,
      null,
      'text',
      true,
      when,
      [1, 'a'],
      new Map<unknown, unknown>([
        ['k', 1],
        [t.id, 'v1'],
      ]),
      t.label,
      direction.out,
      2n ** 62n,
    ];
    const out = roundTrip(data).result.data as unknown[];
    expect(out.slice(0, 10)).toEqual(data.slice(0, 10));
    expect((out[9] as Map<unknown, unknown>).get(t.id)).toBe('v1');
    expect(out[10]).toBe(t.label);
    expect(out[11]).toBe(direction.out);
    expect(out[12]).toBe(2 ** 62);
  });

  it('writes elements as references by default, with properties when materialized', () => {
    const [v, e] = roundTrip([marko, created]).result.data as [gremlin.structure.Vertex, gremlin.structure.Edge];
    expect(v).toBeInstanceOf(gremlin.structure.Vertex);
    expect(v).toMatchObject({ id: 'v1', label: 'person' });
    expect((v as unknown as { properties?: unknown[] }).properties ?? []).toHaveLength(0);
    expect(e).toMatchObject({ id: 'e9', label: 'created', outV: { id: 'v1', label: 'person' }, inV: { id: 'v3', label: 'software' } });

    const [full] = roundTrip([marko], 'all').result.data as [{ properties: unknown }];
    const values = serializer.binary
      ? (full.properties as Array<{ key: string; value: unknown }>).map((p) => [p.key, p.value])
      : Object.entries(full.properties as Record<string, Array<{ value: unknown }>>).map(([k, [p]]) => [k, p.value]);
    expect(values).toEqual([
      ['name', 'marko'],
      ['age', 29],
    ]);
  });

  it('writes paths, vertex properties and traversers with their bulk', () => {
    const path = new Path([['a'], []], [marko, lop]);
    const [p, vp, traverser] = roundTrip([path, marko.properties.get('name')![0], new Traverser('x', 3)]).result.data as [
      gremlin.structure.Path,
      gremlin.structure.VertexProperty,
      { object: unknown; bulk: number },
    ];
    expect(p).toBeInstanceOf(gremlin.structure.Path);
    expect(p).toMatchObject({ labels: [['a'], []], objects: [{ id: 'v1' }, { id: 'v3' }] });
    expect(vp).toMatchObject({ label: 'name', value: 'marko' });
    expect(traverser).toMatchObject({ object: 'x', bulk: 3 });
  });

  it('types numbers by value on the wire', () => {
    const encoded = Buffer.from(
      serializer.encodeResponse({ requestId: RID, status: { code: 200, message: '', attributes: new Map() }, data: [7, 2 ** 40, 0.5] }, 'tokens'),
    );
    if (serializer.binary) {
      // data = list marker (0x09 0x00), length 3, then Int 0x01, Long 0x02, Double 0x07.
      const list = encoded.subarray(encoded.length - (2 + 4 + 6 + 10 + 10));
      expect([list[0], list[6], list[12], list[22]]).toEqual([0x09, 0x01, 0x02, 0x07]);
    } else {
      const types = (JSON.parse(encoded.toString()).result.data['@value'] as Array<{ '@type': string }>).map((x) => x['@type']);
      expect(types).toEqual(['g:Int32', 'g:Int64', 'g:Double']);
    }
  });

  it('refuses a value that has no wire form', () => {
    expect(() => roundTrip([{ plain: 'object' }])).toThrow(SerializationError);
  });

  it('writes errors with a null request id when the request could not be identified', () => {
    const encoded = serializer.encodeResponse({ requestId: null, status: { code: 498, message: 'bad frame', attributes: new Map() }, data: null }, 'tokens');
    const response = reader.readResponse(Buffer.from(encoded));
    expect(response.requestId).toBeNull();
    expect(response.status).toMatchObject({ code: 498, message: 'bad frame' });
  });
});
