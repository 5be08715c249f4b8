/**
 * JavaScript has one number type; the wire has Java's. A result number is typed by its value, as Java would
 * have typed it: integers in int range are Int32, other exact integers Int64, everything else Double (a
 * Double whose value is integral, like 1.0, is indistinguishable from 1 once in JS and goes out as Int32).
 * bigint (integers beyond 2^53) goes out as Int64 within long range, which is how Neptune types a long, and
 * as BigInteger beyond it.
 */
export type WireNumber = 'Int32' | 'Int64' | 'Double' | 'BigInteger';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function wireNumberType(value: number | bigint): WireNumber {
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX ? 'Int64' : 'BigInteger';
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return 'Double';
  return value >= INT32_MIN && value <= INT32_MAX ? 'Int32' : 'Int64';
}

/** Integers read from the wire: JS numbers while exact, bigint beyond 2^53 (the project-wide convention). */
export function integer(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
