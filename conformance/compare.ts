import { Edge, EnumValue, Path, Vertex, VertexProperty } from './driver';
import type { Notation } from './notation';
import { edgeRef, vertexRef, type GraphIndex } from './resolve';

/**
 * Does a value the driver returned match an expected value in the suite's notation? Numbers compare by value
 * whatever their Gremlin type, since the driver hands ints, longs and doubles over as JS numbers (floats with
 * float precision, doubles with a relative tolerance of 1e-9 against differences in floating-point evaluation
 * order); elements compare by id; maps, lists and paths structurally; sets as multisets.
 */
export function matches(expected: Notation, actual: unknown, index: GraphIndex): boolean {
  switch (expected.kind) {
    case 'null':
      return actual === null || actual === undefined;
    case 'boolean':
    case 'string':
      return actual === expected.value;
    case 'number':
      return numberMatches(expected, actual);
    case 'date':
      return actual instanceof Date && actual.getTime() === expected.value.getTime();
    case 'vertex':
      return actual instanceof Vertex && sameId(actual.id, vertexRef(index, expected.name).id);
    case 'vertexId': {
      const { id } = vertexRef(index, expected.name);
      return expected.asString ? actual === String(id) : sameId(actual, id);
    }
    case 'edge':
      return actual instanceof Edge && sameId(actual.id, edgeRef(index, expected.key).id);
    case 'edgeId': {
      const { id } = edgeRef(index, expected.key);
      return expected.asString ? actual === String(id) : sameId(actual, id);
    }
    case 'vertexProperty':
      // `vp[age->27]` writes the value bare; it is the number 27 when the graph holds one.
      return (
        actual instanceof VertexProperty &&
        actual.label === expected.key &&
        (matches(expected.value, actual.value, index) || String(actual.value) === expected.valueText)
      );
    case 'path':
      return actual instanceof Path && sequenceMatches(expected.items, actual.objects, index);
    case 'list':
      return Array.isArray(actual) && sequenceMatches(expected.items, actual, index);
    case 'set': {
      const items = actual instanceof Set ? [...actual] : actual;
      return Array.isArray(items) && multisetMatches(expected.items, items, index);
    }
    case 'map':
      return actual instanceof Map && mapMatches(expected.entries, actual, index);
    case 'token':
      return actual instanceof EnumValue && actual.elementName.toLowerCase() === expected.name.toLowerCase();
    case 'lambda':
      return false;
  }
}

export function sequenceMatches(expected: readonly Notation[], actual: readonly unknown[], index: GraphIndex): boolean {
  return expected.length === actual.length && expected.every((e, i) => matches(e, actual[i], index));
}

/** Same elements, any order, each actual value used once. */
export function multisetMatches(expected: readonly Notation[], actual: readonly unknown[], index: GraphIndex): boolean {
  if (expected.length !== actual.length) return false;
  const unused = [...actual];
  return expected.every((e) => {
    const at = unused.findIndex((a) => matches(e, a, index));
    if (at < 0) return false;
    unused.splice(at, 1);
    return true;
  });
}

function mapMatches(expected: readonly (readonly [Notation, Notation])[], actual: Map<unknown, unknown>, index: GraphIndex): boolean {
  if (expected.length !== actual.size) return false;
  const unused = [...actual.entries()];
  return expected.every(([k, v]) => {
    const at = unused.findIndex(([ak, av]) => matches(k, ak, index) && matches(v, av, index));
    if (at < 0) return false;
    unused.splice(at, 1);
    return true;
  });
}

/** Ids are strings in our store; a driver may hand back the same id as a number. */
const sameId = (a: unknown, b: unknown) => a === b || (a !== null && b !== null && a !== undefined && String(a) === String(b));

function numberMatches(expected: Extract<Notation, { kind: 'number' }>, actual: unknown): boolean {
  if (typeof actual !== 'number' && typeof actual !== 'bigint') return false;
  const want = expected.value;
  if (typeof want === 'bigint' || typeof actual === 'bigint') {
    return isIntegral(want) && isIntegral(actual) && BigInt(want) === BigInt(actual);
  }
  if (Number.isNaN(want)) return Number.isNaN(actual);
  if (want === actual) return true;
  if (expected.type === 'f') return Math.fround(want) === Math.fround(actual);
  if (expected.type === 'd' || expected.type === 'm' || expected.type === 'json') {
    return Number.isFinite(want) && Math.abs(want - actual) <= 1e-9 * Math.max(1, Math.abs(want), Math.abs(actual));
  }
  return false;
}

const isIntegral = (x: number | bigint) => typeof x === 'bigint' || Number.isInteger(x);
