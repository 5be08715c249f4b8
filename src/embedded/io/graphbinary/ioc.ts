import gremlin from 'gremlin';
import { expandBulkSet } from '../bulk-set';
import { bytecode, enumValue, strategy } from '../driver-model';
import { Lambda } from '../lambda';
import { describeValue, SerializationError, type MaterializeProperties } from '../messages';
import { integer, wireNumberType } from '../numbers';
import { edgeView, pathView, propertyView, vertexPropertyView, vertexView } from '../result-model';

/**
 * GraphBinary 1.0 value codecs. The driver's per-type serializers (lib/structure/io/binary/internals) are
 * reused as they are, for both directions: every primitive, list/map/set, P/TextP, Bytecode, Traverser,
 * Path, Property, Vertex and VertexProperty. They find each other through an "ioc" container; we build a
 * container of our own (the driver's shared one is left untouched, tests run the driver in this process)
 * and put in it what the server side needs on top:
 * - an Any codec that types JS numbers by value (numbers.ts) and writes our store's elements and Path,
 *   edges with their properties (the driver's Edge writer always sends none);
 * - readers the driver lacks (it never receives these): Lambda, TraversalStrategy, Binding; BulkSet, whose
 *   driver reader repeats values as many times as the client says (see bulk-set.ts);
 * - stricter or project-shaped readers: tokens as the driver's singletons (unknown names are errors, not
 *   undefined), Long/BigInteger as number-or-bigint, Set as a JS Set, Cardinality values as CardinalityValue,
 *   and predicates without values (`within()`) with their name kept.
 */
export interface Codec {
  serialize(item: unknown, fullyQualifiedFormat?: boolean): Buffer;
  deserialize(buffer: Buffer, fullyQualifiedFormat?: boolean, nullable?: boolean): { v: any; len: number };
}

export interface Ioc {
  DataType: Record<string, number>;
  serializers: Record<number, Partial<Codec>>;
  intSerializer: Codec;
  longSerializer: Codec;
  stringSerializer: Codec;
  uuidSerializer: Codec;
  mapSerializer: Codec;
  listSerializer: Codec;
  anySerializer: Codec;
  /** How the Any codec writes elements during the current (synchronous) encode. */
  materialize: MaterializeProperties;
  [serializer: string]: unknown;
}

const INTERNALS = 'gremlin/lib/structure/io/binary/internals/';
const { EnumValue, Traverser, P, TextP, Bytecode } = gremlin.process;
const structure = gremlin.structure;

export function createIoc(): Ioc {
  const ioc = { serializers: {}, materialize: 'tokens' } as unknown as Ioc;
  ioc.DataType = require(`${INTERNALS}DataType`);
  ioc.utils = require(`${INTERNALS}utils`);
  const make = (file: string, ...rest: unknown[]): Codec => new (require(`${INTERNALS}${file}`))(ioc, ...rest);
  const DT = ioc.DataType;
  ioc.intSerializer = make('IntSerializer');
  ioc.longSerializer = make('LongSerializer');
  ioc.stringSerializer = make('StringSerializer', DT.STRING);
  ioc.dateSerializer = make('DateSerializer', DT.DATE);
  ioc.timestampSerializer = make('DateSerializer', DT.TIMESTAMP);
  ioc.classSerializer = make('StringSerializer', DT.CLASS);
  ioc.doubleSerializer = make('DoubleSerializer');
  ioc.floatSerializer = make('FloatSerializer');
  ioc.listSerializer = make('ArraySerializer', DT.LIST);
  ioc.mapSerializer = make('MapSerializer');
  ioc.setSerializer = make('ArraySerializer', DT.SET);
  ioc.uuidSerializer = make('UuidSerializer');
  ioc.edgeSerializer = make('EdgeSerializer');
  ioc.pathSerializer = make('PathSerializer');
  ioc.propertySerializer = make('PropertySerializer');
  ioc.vertexSerializer = make('VertexSerializer');
  ioc.vertexPropertySerializer = make('VertexPropertySerializer');
  ioc.bytecodeSerializer = make('BytecodeSerializer');
  ioc.pSerializer = make('PSerializer');
  ioc.traverserSerializer = make('TraverserSerializer');
  ioc.enumSerializer = make('EnumSerializer');
  ioc.bigIntegerSerializer = make('BigIntegerSerializer');
  ioc.byteSerializer = make('ByteSerializer');
  ioc.byteBufferSerializer = make('ByteBufferSerializer');
  ioc.shortSerializer = make('ShortSerializer');
  ioc.booleanSerializer = make('BooleanSerializer');
  ioc.textPSerializer = make('TextPSerializer');
  ioc.unspecifiedNullSerializer = make('UnspecifiedNullSerializer');
  const driverLong = ioc.longSerializer;
  const codec = (name: string) => ioc[name] as Codec;

  ioc.longSerializer = {
    serialize: (item, fq) => driverLong.serialize(item, fq),
    deserialize: (buffer, fq) => {
      const r = driverLong.deserialize(buffer, fq);
      if (typeof r.v !== 'number' || Number.isSafeInteger(r.v)) return r;
      // The driver rounds longs beyond 2^53 to doubles; read them again exactly.
      return { v: integer(buffer.readBigInt64BE(r.len - 8)), len: r.len };
    },
  };
  ioc.serializers[DT.LONG] = ioc.longSerializer;
  mapResult(ioc, DT.BIGINTEGER, (v) => (typeof v === 'bigint' ? integer(v) : v));
  mapResult(ioc, DT.SET, (v) => new Set(v as unknown[]));
  mapResult(ioc, DT.BYTECODE, (v) => {
    const b = v as gremlin.process.Bytecode;
    return bytecode(b.sourceInstructions, b.stepInstructions);
  });
  for (const [typeName, code] of Object.entries(ENUM_CODES)) {
    ioc.serializers[DT[code]] = custom(DT[code], (cursor) => {
      const { v: name, len } = ioc.stringSerializer.deserialize(cursor, true);
      return { v: enumValue(typeName, name), len };
    });
  }
  // The driver reads a predicate without values (`within()`) as a nameless P: within and without become one.
  const driverP = codec('pSerializer');
  ioc.serializers[DT.P] = {
    serialize: driverP.serialize.bind(driverP),
    deserialize(buffer, fq) {
      const r = driverP.deserialize(buffer, fq);
      if (!(r.v instanceof P) || (r.v as gremlin.process.P).operator !== '') return r;
      const name = ioc.stringSerializer.deserialize(buffer.subarray(fq ? 2 : 0), false).v as string;
      return { v: new P(name as never, []), len: r.len };
    },
  };
  ioc.serializers[DT.LAMBDA] = custom(DT.LAMBDA, (cursor) => {
    const language = ioc.stringSerializer.deserialize(cursor, false);
    const script = ioc.stringSerializer.deserialize(cursor.subarray(language.len), false);
    const args = ioc.intSerializer.deserialize(cursor.subarray(language.len + script.len), false);
    return { v: new Lambda(script.v, language.v, args.v), len: language.len + script.len + args.len };
  });
  ioc.serializers[DT.TRAVERSALSTRATEGY] = custom(DT.TRAVERSALSTRATEGY, (cursor) => {
    const className = codec('classSerializer').deserialize(cursor, false);
    const config = ioc.mapSerializer.deserialize(cursor.subarray(className.len), false);
    const configuration: Record<string, unknown> = {};
    for (const [k, v] of config.v as Map<unknown, unknown>) configuration[String(k)] = v;
    return { v: strategy(className.v, configuration), len: className.len + config.len };
  });
  ioc.serializers[DT.BULKSET] = custom(DT.BULKSET, (cursor) => {
    const { v: length, len } = ioc.intSerializer.deserialize(cursor, false);
    if (length < 0) throw new Error('a BulkSet length is less than zero');
    const entries: Array<[unknown, unknown]> = [];
    let read = len;
    for (let i = 0; i < length; i++) {
      const value = ioc.anySerializer.deserialize(cursor.subarray(read));
      read += value.len;
      const count = ioc.longSerializer.deserialize(cursor.subarray(read), false);
      read += count.len;
      entries.push([value.v, count.v]);
    }
    return { v: expandBulkSet(entries), len: read };
  });
  ioc.serializers[DT.BINDING] = custom(DT.BINDING, (cursor) => {
    const key = ioc.stringSerializer.deserialize(cursor, false);
    const value = ioc.anySerializer.deserialize(cursor.subarray(key.len));
    return { v: value.v, len: key.len + value.len };
  });

  ioc.anySerializer = {
    deserialize(buffer) {
      if (buffer.length < 1) throw new Error('a value is missing: the buffer ended');
      const code = buffer.readUInt8(0);
      const serializer = ioc.serializers[code];
      if (!serializer?.deserialize) throw new Error(`unsupported GraphBinary type code 0x${code.toString(16).padStart(2, '0')}`);
      return serializer.deserialize(buffer, true);
    },
    serialize: (item) => writeAny(ioc, item),
  };
  return ioc;
}

const ENUM_CODES: Record<string, string> = {
  Barrier: 'BARRIER',
  Cardinality: 'CARDINALITY',
  Column: 'COLUMN',
  Direction: 'DIRECTION',
  DT: 'DT',
  Merge: 'MERGE',
  Operator: 'OPERATOR',
  Order: 'ORDER',
  Pick: 'PICK',
  Pop: 'POP',
  Scope: 'SCOPE',
  T: 'T',
};

/** Wraps the driver's reader for `code`, transforming the non-null values it reads. */
function mapResult(ioc: Ioc, code: number, transform: (v: unknown) => unknown): void {
  const driver = ioc.serializers[code] as Codec;
  ioc.serializers[code] = {
    serialize: driver.serialize.bind(driver),
    deserialize: (buffer, fq) => {
      const r = driver.deserialize(buffer, fq);
      return { v: r.v === null ? null : transform(r.v), len: r.len };
    },
  };
}

/** A fully qualified reader: type code and value flag, then `body` on the rest. */
function custom(code: number, body: (cursor: Buffer) => { v: unknown; len: number }): Partial<Codec> {
  return {
    deserialize(buffer) {
      if (buffer.length < 2) throw new Error('a value is cut short');
      if (buffer.readUInt8(0) !== code) throw new Error('unexpected type code');
      const flag = buffer.readUInt8(1);
      if (flag === 1) return { v: null, len: 2 };
      if (flag !== 0) throw new Error(`unexpected value flag ${flag}`);
      const r = body(buffer.subarray(2));
      return { v: r.v, len: r.len + 2 };
    },
  };
}

function writeAny(ioc: Ioc, item: unknown): Buffer {
  const c = (name: string) => ioc[name] as Codec;
  if (item === null || item === undefined) return c('unspecifiedNullSerializer').serialize(null);
  switch (typeof item) {
    case 'string':
      return ioc.stringSerializer.serialize(item);
    case 'boolean':
      return c('booleanSerializer').serialize(item);
    case 'number':
    case 'bigint':
      return writeNumber(ioc, item);
  }
  if (item instanceof Date) return c('dateSerializer').serialize(item);
  if (Array.isArray(item)) return ioc.listSerializer.serialize(item);
  if (item instanceof Set) return c('setSerializer').serialize([...item]);
  if (item instanceof Map) return ioc.mapSerializer.serialize(item);
  if (item instanceof Traverser) return c('traverserSerializer').serialize(item);
  if (item instanceof EnumValue) return c('enumSerializer').serialize(item);
  if (item instanceof P) return c('pSerializer').serialize(item);
  if (item instanceof TextP) return c('textPSerializer').serialize(item);
  if (item instanceof Bytecode) return c('bytecodeSerializer').serialize(item);

  const vertex = vertexView(item, ioc.materialize);
  if (vertex) {
    const properties = vertex.properties?.map((p) => new structure.VertexProperty(p.id as number, p.key, p.value));
    return c('vertexSerializer').serialize({ id: vertex.id, label: vertex.label, properties: properties ?? null });
  }
  const edge = edgeView(item, ioc.materialize);
  if (edge) {
    // The 3.7 layout: id, label, inV id and label, outV id and label, parent (always null), properties.
    return Buffer.concat([
      Buffer.from([ioc.DataType.EDGE, 0x00]),
      writeAny(ioc, edge.id),
      ioc.stringSerializer.serialize(edge.label, false),
      writeAny(ioc, edge.inV.id),
      ioc.stringSerializer.serialize(edge.inV.label, false),
      writeAny(ioc, edge.outV.id),
      ioc.stringSerializer.serialize(edge.outV.label, false),
      writeAny(ioc, null),
      writeAny(ioc, edge.properties?.map((p) => new structure.Property(p.key, p.value)) ?? null),
    ]);
  }
  const vp = vertexPropertyView(item);
  if (vp) return c('vertexPropertySerializer').serialize(new structure.VertexProperty(vp.id as number, vp.key, vp.value, null as never));
  const property = propertyView(item);
  if (property) return c('propertySerializer').serialize(new structure.Property(property.key, property.value));
  const path = pathView(item);
  if (path) return c('pathSerializer').serialize(new structure.Path(path.labels.map((l) => new Set(l)) as never, [...path.objects]));
  throw new SerializationError(`a result of type ${describeValue(item)} has no GraphBinary form`);
}

function writeNumber(ioc: Ioc, value: number | bigint): Buffer {
  const c = (name: string) => ioc[name] as Codec;
  switch (wireNumberType(value)) {
    case 'Int32':
      return ioc.intSerializer.serialize(value);
    case 'Int64':
      return ioc.longSerializer.serialize(value);
    case 'BigInteger':
      return c('bigIntegerSerializer').serialize(value);
    case 'Double':
      return c('doubleSerializer').serialize(value);
  }
}
