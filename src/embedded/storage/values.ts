import { unsupported } from '../errors';

/**
 * Property values as rows hold them: a type tag and a payload SQLite stores natively, so that a value reads
 * back as the same JavaScript value of the same type (a bigint stays a bigint, a Date a Date). Scalars are
 * what Neptune stores; lists, sets and maps (the TinkerGraph profile only) are tagged JSON.
 *
 * | tag | value | payload |
 * |---|---|---|
 * | `s` | string | TEXT |
 * | `u` | string with a lone surrogate, which UTF-8 text cannot hold | TEXT, JSON (which escapes it) |
 * | `n` | finite number other than -0 | REAL or INTEGER |
 * | `x` | NaN, ±Infinity, -0 | TEXT (`String(n)`, `-0`) |
 * | `L` | bigint | TEXT, decimal (SQLite's INTEGER stops at 64 bits; Gremlin's BigInteger does not) |
 * | `b` | boolean | INTEGER 0 or 1 |
 * | `d` | Date | TEXT, milliseconds since the epoch (`NaN` for an invalid date) |
 * | `j` | array, Set, Map | TEXT, JSON of `[tag, payload]` pairs, recursively |
 */
export type Tag = 's' | 'u' | 'n' | 'x' | 'L' | 'b' | 'd' | 'j';
export type Payload = string | number;

export function encodeValue(value: unknown): [Tag, Payload] {
  const scalar = encodeScalar(value);
  if (scalar) return scalar;
  return ['j', JSON.stringify(tree(value))];
}

export function decodeValue(tag: string, payload: Payload): unknown {
  if (tag === 'j') return untree(JSON.parse(String(payload)));
  return decodeScalar(tag, payload);
}

// In a unicode regex a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /\p{Surrogate}/u;

function encodeScalar(value: unknown): [Tag, Payload] | undefined {
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? ['u', JSON.stringify(value)] : ['s', value];
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? ['n', value] : ['x', Object.is(value, -0) ? '-0' : String(value)];
    case 'bigint':
      return ['L', value.toString()];
    case 'boolean':
      return ['b', value ? 1 : 0];
  }
  if (value instanceof Date) return ['d', String(value.getTime())];
  return undefined;
}

function decodeScalar(tag: string, payload: Payload): unknown {
  switch (tag) {
    case 's':
      return String(payload);
    case 'u':
      return JSON.parse(String(payload)) as string;
    case 'n':
      return Number(payload);
    case 'x':
      return payload === '-0' ? -0 : Number(payload);
    case 'L':
      return BigInt(payload);
    case 'b':
      return payload === 1 || payload === '1';
    case 'd':
      return new Date(Number(payload));
  }
  throw new Error(`unknown value tag ${JSON.stringify(tag)} in the data directory`);
}

type Node = [string, unknown];

function tree(value: unknown): Node {
  const scalar = encodeScalar(value);
  if (scalar) return scalar;
  if (Array.isArray(value)) return ['a', value.map(tree)];
  if (value instanceof Set) return ['S', [...value].map(tree)];
  if (value instanceof Map) return ['m', [...value].map(([k, v]) => [tree(k), tree(v)])];
  throw unsupported(`A property value of type ${describe(value)} cannot be stored in a data directory; use scalars, dates, lists, sets or maps`);
}

function untree([tag, payload]: Node): unknown {
  switch (tag) {
    case 'a':
      return (payload as Node[]).map(untree);
    case 'S':
      return new Set((payload as Node[]).map(untree));
    case 'm':
      return new Map((payload as [Node, Node][]).map(([k, v]) => [untree(k), untree(v)]));
  }
  return decodeScalar(tag, payload as Payload);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
