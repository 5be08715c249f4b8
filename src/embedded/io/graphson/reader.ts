import gremlin from 'gremlin';
import { expandBulkSet } from '../bulk-set';
import { bytecode, enumValue, ENUM_TYPES, strategy } from '../driver-model';
import { Lambda } from '../lambda';
import { integer } from '../numbers';

/**
 * GraphSON 3 values as clients write them (the driver's GraphSON3Writer, and Java/Python/.NET GLVs), decoded
 * into the driver's model. The driver only reads GraphSON in the response direction, and without bytecode, P,
 * lambdas or strategies, so this reader is our own. JSON objects without a type become Maps (the driver
 * writes a JS object argument, e.g. of mergeV, untyped; GraphBinary would have sent it as a Map).
 */
const { P, TextP } = gremlin.process;
const structure = gremlin.structure;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Reader = (value: Json) => unknown;

export function readGraphSON(json: Json): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(readGraphSON);
  const type = json['@type'];
  if (typeof type !== 'string') return new Map(Object.entries(json).map(([k, v]) => [k, readGraphSON(v)]));
  const value = json['@value'];
  const reader = READERS[type] ?? readerForPattern(type);
  if (!reader) throw new Error(`unsupported GraphSON type '${type}'`);
  return reader(value === undefined ? null : value);
}

function readerForPattern(type: string): Reader | undefined {
  const name = type.slice(type.indexOf(':') + 1);
  if (ENUM_TYPES.includes(name)) return (v) => enumValue(name, text(v, type));
  if (name.endsWith('Strategy')) return (v) => strategy(name, configuration(v));
  return undefined;
}

const number: Reader = (v) => {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return integer(BigInt(v));
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new Error(`not a number: ${JSON.stringify(v)}`);
};

const list: Reader = (v) => array(v, 'list').map(readGraphSON);

const READERS: Record<string, Reader> = {
  'g:Int32': number,
  'g:Int64': number,
  'g:Float': number,
  'g:Double': number,
  'gx:Byte': number,
  'gx:Int16': number,
  'gx:BigDecimal': number,
  'gx:BigInteger': number,
  'g:Date': (v) => new Date(number(v) as number),
  'g:Timestamp': (v) => new Date(number(v) as number),
  'g:UUID': (v) => text(v, 'g:UUID'),
  'g:Class': (v) => text(v, 'g:Class'),
  'gx:Char': (v) => text(v, 'gx:Char'),
  'g:List': list,
  'g:Set': (v) => new Set(list(v) as unknown[]),
  'g:Map': (v) => {
    const items = array(v, 'g:Map');
    if (items.length % 2 !== 0) throw new Error('g:Map needs an even number of items (key, value, ...)');
    const map = new Map<unknown, unknown>();
    for (let i = 0; i < items.length; i += 2) map.set(readGraphSON(items[i]), readGraphSON(items[i + 1]));
    return map;
  },
  'g:BulkSet': (v) => {
    const items = array(v, 'g:BulkSet');
    const entries: Array<[unknown, unknown]> = [];
    for (let i = 0; i + 1 < items.length; i += 2) entries.push([readGraphSON(items[i]), readGraphSON(items[i + 1])]);
    return expandBulkSet(entries);
  },
  'g:Bytecode': (v) => {
    const body = object(v, 'g:Bytecode');
    const instructions = (key: string) =>
      (body[key] === undefined ? [] : array(body[key], `g:Bytecode ${key}`)).map((instruction) => {
        const [name, ...args] = array(instruction, `g:Bytecode ${key} instruction`);
        return [text(name, 'instruction name'), ...args.map(readGraphSON)];
      });
    return bytecode(instructions('source'), instructions('step'));
  },
  'g:P': (v) => predicate(v, 'g:P', P),
  'g:TextP': (v) => predicate(v, 'g:TextP', TextP),
  'g:Lambda': (v) => {
    const body = object(v, 'g:Lambda');
    return new Lambda(text(body.script, 'lambda script'), String(body.language ?? 'gremlin-groovy'), Number(body.arguments ?? -1));
  },
  'g:Binding': (v) => readGraphSON(object(v, 'g:Binding').value ?? null),
  'g:Vertex': (v) => {
    const body = object(v, 'g:Vertex');
    return new structure.Vertex(readGraphSON(body.id ?? null) as number, String(body.label ?? 'vertex'));
  },
  'g:Edge': (v) => {
    const body = object(v, 'g:Edge');
    const end = (id: Json | undefined, label: Json | undefined) =>
      new structure.Vertex(readGraphSON(id ?? null) as number, String(label ?? 'vertex'));
    return new structure.Edge(
      readGraphSON(body.id ?? null) as number,
      end(body.outV, body.outVLabel),
      String(body.label ?? 'edge'),
      end(body.inV, body.inVLabel),
    );
  },
  'g:VertexProperty': (v) => {
    const body = object(v, 'g:VertexProperty');
    return new structure.VertexProperty(readGraphSON(body.id ?? null) as number, String(body.label), readGraphSON(body.value ?? null));
  },
  'g:Property': (v) => {
    const body = object(v, 'g:Property');
    return new structure.Property(String(body.key), readGraphSON(body.value ?? null));
  },
};

/**
 * `value` holds the single argument, or, written as an untyped JSON array, two (`between(a, b)`, `and(p, q)`);
 * within/without take their list as one typed g:List. Built as the GraphBinary reader builds them, so both
 * serializers give the interpreter the same P.
 */
function predicate(v: Json, type: string, Kind: typeof P | typeof TextP): unknown {
  const body = object(v, type);
  const operator = text(body.predicate, `${type} predicate`);
  const args = Array.isArray(body.value) ? body.value.map(readGraphSON) : [readGraphSON(body.value ?? null)];
  if (operator === 'within' || operator === 'without') {
    return new Kind(operator as never, (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as never, null);
  }
  // Only the class's own static factories: inherited Function members (call, bind...) are not predicates.
  const factory = Object.hasOwn(Kind, operator) ? (Kind as unknown as Record<string, unknown>)[operator] : undefined;
  if (typeof factory === 'function') return (factory as (...a: unknown[]) => unknown)(...args);
  return new Kind(operator as never, args[0] as never, args[1]);
}

function configuration(v: Json): Record<string, unknown> {
  if (v === null) return {};
  if (typeof v === 'object' && !Array.isArray(v) && typeof v['@type'] !== 'string') {
    return Object.fromEntries(Object.entries(v).map(([k, value]) => [k, readGraphSON(value)]));
  }
  const decoded = readGraphSON(v);
  if (decoded instanceof Map) return Object.fromEntries([...decoded].map(([k, value]) => [String(k), value]));
  throw new Error('a strategy configuration must be a map');
}

function text(v: Json | undefined, what: string): string {
  if (typeof v !== 'string') throw new Error(`${what} must be a string`);
  return v;
}

function array(v: Json | undefined, what: string): Json[] {
  if (!Array.isArray(v)) throw new Error(`${what} must be a JSON array`);
  return v;
}

function object(v: Json | undefined, what: string): { [key: string]: Json } {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${what} must be a JSON object`);
  return v;
}

export type { Json };
