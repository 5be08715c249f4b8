import { Edge, Property, Vertex, VertexProperty } from '../structure';
import { Path } from './path';

/**
 * The order in which a java.util.HashMap (TinkerGraph's group() map) iterates its keys. group() reduces its
 * value traversals key by key in that order, and seeded random steps there (sample(), coin(), shuffle) draw
 * from one generator across keys, so agreeing with TinkerGraph's draws means visiting keys in its order.
 *
 * A HashMap starts with 16 buckets and doubles whenever it holds more than three quarters of their number; a
 * key's bucket is its spread hashCode masked by the bucket count; iteration walks the buckets in order, each
 * in insertion order (a resize keeps that order within a bucket). Buckets turned into trees past 8 entries
 * are walked as lists here.
 *
 * Hash codes are Java's for the Java value a key stands for. Integral numbers hash as Integer (Long beyond
 * 32 bits), others as Double: the Java type a literal was written with is not kept, so 1.0d hashes like 1.
 * Elements hash by id as TinkerPop's do, and ids here are the strings the store holds.
 */
export function hashMapOrder<K>(keys: readonly K[]): K[] {
  let buckets = 16;
  while (keys.length > buckets * 0.75) buckets *= 2;
  const indexed = keys.map((key, i) => ({ key, i, bucket: spread(javaHashCode(key)) & (buckets - 1) }));
  indexed.sort((a, b) => a.bucket - b.bucket || a.i - b.i);
  return indexed.map((e) => e.key);
}

const spread = (h: number) => (h ^ (h >>> 16)) | 0;

export function javaHashCode(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return stringHash(value);
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  if (typeof value === 'number') return numberHash(value);
  if (typeof value === 'bigint') return longHash(BigInt.asIntN(64, value));
  if (value instanceof Date) return longHash(BigInt(value.getTime()));
  if (value instanceof Vertex || value instanceof Edge || value instanceof VertexProperty) return stringHash(value.id);
  if (value instanceof Property) return stringHash(value.key) ^ javaHashCode(value.value);
  if (value instanceof Path) return listHash(value.objects);
  if (Array.isArray(value)) return listHash(value);
  if (value instanceof Set) {
    let h = 0;
    for (const v of value) h = (h + javaHashCode(v)) | 0;
    return h;
  }
  if (value instanceof Map) {
    let h = 0;
    for (const [k, v] of value) h = (h + (javaHashCode(k) ^ javaHashCode(v))) | 0;
    return h;
  }
  // Tokens and anything else: Java hashes enums by identity, so no order is "right"; the name is stable.
  const name = (value as { elementName?: unknown }).elementName;
  return stringHash(typeof name === 'string' ? name : String(value));
}

function stringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function listHash(items: readonly unknown[]): number {
  let h = 1;
  for (const v of items) h = (Math.imul(h, 31) + javaHashCode(v)) | 0;
  return h;
}

function numberHash(n: number): number {
  if (Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) return n | 0;
  if (Number.isSafeInteger(n)) return longHash(BigInt(n));
  const view = new DataView(new ArrayBuffer(8));
  // Double.hashCode of doubleToLongBits: NaN has one canonical bit pattern.
  view.setFloat64(0, Number.isNaN(n) ? NaN : n);
  return (view.getInt32(0) ^ view.getInt32(4)) | 0;
}

function longHash(v: bigint): number {
  const bits = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, bits ^ (bits >> BigInt(32))));
}
