/**
 * Value equality as the store needs it: `set` cardinality keeps one copy of equal values, and Gremlin says
 * numbers are equal by value whatever their type (1 == 1.0 == 1L).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return numericEquals(a, b);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameValue(v, b.get(k))) return false;
    return true;
  }
  return false;
}

const isNumeric = (x: unknown): x is number | bigint => typeof x === 'number' || typeof x === 'bigint';

function numericEquals(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === typeof b) return a === b;
  // Mixed bigint/number: equal only when the number is an exact integer of the same value.
  const n = (typeof a === 'number' ? a : b) as number;
  const big = (typeof a === 'bigint' ? a : b) as bigint;
  return Number.isInteger(n) && BigInt(n) === big;
}
