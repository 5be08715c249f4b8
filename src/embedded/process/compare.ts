import gremlin from 'gremlin';
import { Edge, Property, Vertex, VertexProperty } from '../structure';
import { Path } from './path';
import { isEnum } from './tokens';

/**
 * Gremlin's value semantics (TinkerPop's "Gremlin Semantics" provider doc):
 * - equality: numbers by value across types, NaN equal to nothing, null equal to null, elements by id,
 *   lists pairwise, maps and sets regardless of order;
 * - comparability (P.lt & co): only values of the same type family compare; anything else is an error,
 *   which predicates treat as "not matched" (see predicate.ts's ternary logic);
 * - orderability (order()): a total order across types, by type priority then within the type.
 */

type Kind = 'vertex' | 'edge' | 'vertexProperty' | 'property';

/** Store elements and the driver's element references (arguments like `V(v)`) are identified the same way. */
export function elementKind(x: unknown): Kind | undefined {
  if (x instanceof Vertex || x instanceof gremlin.structure.Vertex) return 'vertex';
  if (x instanceof Edge || x instanceof gremlin.structure.Edge) return 'edge';
  if (x instanceof VertexProperty || x instanceof gremlin.structure.VertexProperty) return 'vertexProperty';
  if (x instanceof Property || x instanceof gremlin.structure.Property) return 'property';
  return undefined;
}

/** Ids are strings in the store; a numeric id argument means its decimal spelling. */
export const idString = (id: unknown): string => (typeof id === 'string' ? id : String(id));

export function isNumber(x: unknown): x is number | bigint {
  return typeof x === 'number' || typeof x === 'bigint';
}

export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = elementKind(a);
  if (ka) {
    if (ka !== elementKind(b)) return false;
    if (ka === 'property') {
      const pa = a as Property;
      const pb = b as Property;
      return pa.key === pb.key && equals(pa.value, pb.value);
    }
    return idString((a as { id: unknown }).id) === idString((b as { id: unknown }).id);
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => [...b].some((y) => equals(x, y)));
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const entry = findEntry(b, k);
      if (!entry || !equals(v, entry[1])) return false;
    }
    return true;
  }
  if (a instanceof Path && b instanceof Path) {
    return equals(a.objects as unknown[], b.objects as unknown[]) && a.labels.every((l, i) => equals([...l], [...(b.labels[i] ?? [])]));
  }
  if (isEnum(a) && isEnum(b)) return a.typeName === b.typeName && a.elementName === b.elementName;
  return false;
}

/** Map lookup by Gremlin equality: exact key first (the common case), then a scan. */
export function findEntry<K, V>(map: Map<K, V>, key: unknown): [K, V] | undefined {
  if (map.has(key as K)) return [key as K, map.get(key as K)!];
  if (key === null || typeof key !== 'object') {
    if (!isNumber(key)) return undefined;
  }
  for (const entry of map) if (equals(entry[0], key)) return entry;
  return undefined;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const n = (typeof a === 'number' ? a : b) as number;
  if (Number.isNaN(n)) return NaN;
  const big = (typeof a === 'bigint' ? a : b) as bigint;
  const sign = typeof a === 'number' ? 1 : -1;
  if (!Number.isFinite(n)) return n > 0 ? sign : -sign;
  const diff = Number.isInteger(n) ? BigInt(n) - big : n - Number(big);
  const c = diff < 0 ? -1 : diff > 0 ? 1 : 0;
  return c * sign;
}

/**
 * Comparability: a negative, zero or positive number, or undefined when the two values cannot be compared
 * (different types, NaN, null against a value).
 */
export function compare(a: unknown, b: unknown): number | undefined {
  if (isNumber(a) && isNumber(b)) {
    const c = compareNumbers(a, b);
    return Number.isNaN(c) ? undefined : c;
  }
  if (a === null || b === null || a === undefined || b === undefined) return a == b ? 0 : undefined;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (typeof a === 'object' && typeof b === 'object' && typeOrder(a) === typeOrder(b) && equals(a, b)) return 0;
  return undefined;
}

/** Type priority of orderability, lowest first. */
function typeOrder(x: unknown): number {
  if (x === null || x === undefined) return 0;
  if (typeof x === 'boolean') return 1;
  if (isNumber(x)) return 2;
  if (x instanceof Date) return 3;
  if (typeof x === 'string' || isEnum(x)) return 4;
  switch (elementKind(x)) {
    case 'vertex':
      return 6;
    case 'edge':
      return 7;
    case 'vertexProperty':
      return 8;
    case 'property':
      return 9;
  }
  if (x instanceof Path) return 10;
  if (x instanceof Set) return 11;
  if (Array.isArray(x)) return 12;
  if (x instanceof Map) return 13;
  return 14;
}

/** Orderability: a total order over every value, used by order() and sorting collections. */
export function order(a: unknown, b: unknown): number {
  const ta = typeOrder(a);
  const tb = typeOrder(b);
  if (ta !== tb) return ta - tb;
  switch (ta) {
    case 0:
      return 0;
    case 1:
      return Number(a) - Number(b);
    case 2:
      return orderNumbers(a as number | bigint, b as number | bigint);
    case 3:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 4: {
      const sa = isEnum(a) ? a.elementName : (a as string);
      const sb = isEnum(b) ? b.elementName : (b as string);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    case 6:
    case 7:
    case 8:
      return order(idOrderKey((a as { id: unknown }).id), idOrderKey((b as { id: unknown }).id));
    case 9: {
      const pa = a as Property;
      const pb = b as Property;
      return order(pa.key, pb.key) || order(pa.value, pb.value);
    }
    case 10:
      return orderLists((a as Path).objects, (b as Path).objects);
    case 11:
      return orderLists([...(a as Set<unknown>)].sort(order), [...(b as Set<unknown>)].sort(order));
    case 12:
      return orderLists(a as unknown[], b as unknown[]);
    case 13:
      return orderLists(sortedEntries(a as Map<unknown, unknown>), sortedEntries(b as Map<unknown, unknown>));
    default:
      return order(String(a), String(b));
  }
}

/** Numeric-looking ids (TinkerPop's datasets) sort numerically, as their original numeric ids would. */
function idOrderKey(id: unknown): unknown {
  if (typeof id === 'string' && /^-?\d{1,15}$/.test(id)) return Number(id);
  return id;
}

function orderNumbers(a: number | bigint, b: number | bigint): number {
  const an = typeof a === 'number' && Number.isNaN(a);
  const bn = typeof b === 'number' && Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? 1 : -1;
  return compareNumbers(a, b);
}

function orderLists(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = order(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

function sortedEntries(m: Map<unknown, unknown>): unknown[] {
  return [...m].sort((x, y) => order(x[0], y[0])).map(([k, v]) => [k, v]);
}

/**
 * A key such that two values get the same key exactly when they are Gremlin-equal (NaN aside, which dedup
 * and group treat as one value, as Java's Double.equals does). Used for hashing in dedup, group, sets.
 */
export function valueKey(x: unknown): unknown {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return x;
    case 'number':
      // An integral double beyond 2^53 equals the long of the same value, which is keyed by its digits.
      if (Number.isInteger(x) && !Number.isSafeInteger(x)) return `n:${BigInt(x)}`;
      return Object.is(x, -0) ? 0 : x;
    case 'bigint':
      return x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : `n:${x}`;
  }
  const kind = elementKind(x);
  if (kind === 'vertex' || kind === 'edge' || kind === 'vertexProperty') return `${kind[0]}${kind === 'vertexProperty' ? 'p' : ''}:${idString((x as { id: unknown }).id)}`;
  return `c:${canonical(x)}`;
}

function canonical(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'number') return Number.isNaN(x) ? 'NaN' : Object.is(x, -0) ? '0' : String(x);
  if (typeof x === 'bigint' || typeof x === 'boolean') return String(x);
  if (x instanceof Date) return `D${x.getTime()}`;
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x instanceof Set) return `S{${[...x].map(canonical).sort().join(',')}}`;
  if (x instanceof Map) return `M{${[...x].map(([k, v]) => `${canonical(k)}=${canonical(v)}`).sort().join(',')}}`;
  if (x instanceof Path) return `P${canonical([...x.objects])}${canonical(x.labels.map((l) => [...l]))}`;
  if (isEnum(x)) return `E${x.typeName}.${x.elementName}`;
  const kind = elementKind(x);
  if (kind === 'property') return `p:${canonical((x as Property).key)}=${canonical((x as Property).value)}`;
  if (kind) return `${kind}:${idString((x as { id: unknown }).id)}`;
  return `O${JSON.stringify(x)}`;
}

/** A Map keyed by Gremlin equality, remembering the first key object seen for each class of equal keys. */
export class ValueMap<V> {
  private readonly entries = new Map<unknown, [unknown, V]>();

  get size(): number {
    return this.entries.size;
  }

  get(key: unknown): V | undefined {
    return this.entries.get(valueKey(key))?.[1];
  }

  has(key: unknown): boolean {
    return this.entries.has(valueKey(key));
  }

  set(key: unknown, value: V): void {
    const k = valueKey(key);
    const existing = this.entries.get(k);
    if (existing) existing[1] = value;
    else this.entries.set(k, [key, value]);
  }

  /** Adds the key if absent; true when it was new. */
  add(key: unknown, value: V): boolean {
    const k = valueKey(key);
    if (this.entries.has(k)) return false;
    this.entries.set(k, [key, value]);
    return true;
  }

  delete(key: unknown): void {
    this.entries.delete(valueKey(key));
  }

  clear(): void {
    this.entries.clear();
  }

  *[Symbol.iterator](): IterableIterator<[unknown, V]> {
    for (const e of this.entries.values()) yield [e[0], e[1]];
  }

  toMap(): Map<unknown, V> {
    return new Map(this);
  }
}
