import { invalidParameter } from '../errors';
import { compare, isNumber, order } from './compare';
import { describe } from './tokens';

/**
 * Arithmetic over Gremlin numbers (JS numbers; bigint beyond 2^53) and the Operator tokens of sack(),
 * fold(seed, op) and withSack(v, op).
 */

type Num = number | bigint;

function both(a: Num, b: Num): [number, number] | [bigint, bigint] {
  if (typeof a === 'bigint' && typeof b === 'bigint') return [a, b];
  if (typeof a === 'number' && typeof b === 'number') return [a, b];
  const n = (typeof a === 'number' ? a : b) as number;
  if (Number.isInteger(n)) return [BigInt(a), BigInt(b)];
  return [Number(a), Number(b)];
}

/** Integers that leave the safe range continue as bigint, like Java's BigInteger promotion. */
function normalise(x: Num): Num {
  if (typeof x === 'bigint' && x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(x);
  return x;
}

function promote(result: number, a: number, b: number, exact: (x: bigint, y: bigint) => bigint): Num {
  if (Number.isSafeInteger(result) || !Number.isInteger(a) || !Number.isInteger(b) || !Number.isFinite(result)) return result;
  return normalise(exact(BigInt(a), BigInt(b)));
}

export function add(a: Num, b: Num): Num {
  const [x, y] = both(a, b);
  if (typeof x === 'bigint') return normalise(x + (y as bigint));
  return promote(x + (y as number), x, y as number, (p, q) => p + q);
}

function subtract(a: Num, b: Num): Num {
  const [x, y] = both(a, b);
  if (typeof x === 'bigint') return normalise(x - (y as bigint));
  return promote(x - (y as number), x, y as number, (p, q) => p - q);
}

function multiply(a: Num, b: Num): Num {
  const [x, y] = both(a, b);
  if (typeof x === 'bigint') return normalise(x * (y as bigint));
  return promote(x * (y as number), x, y as number, (p, q) => p * q);
}

/** Division of two integers is integer division, as in Java; anything else is floating point. */
function divide(a: Num, b: Num): Num {
  const [x, y] = both(a, b);
  if (typeof x === 'bigint') {
    if (y === BigInt(0)) throw invalidParameter('Division by zero');
    return normalise(x / (y as bigint));
  }
  if (Number.isInteger(x) && Number.isInteger(y) && !isFloatish(a) && !isFloatish(b)) {
    if (y === 0) throw invalidParameter('Division by zero');
    return Math.trunc(x / (y as number));
  }
  return x / (y as number);
}

/** JS cannot tell 2.0 from 2; integers stay integers, which matches the suite's integer inputs. */
const isFloatish = (x: Num): boolean => typeof x === 'number' && !Number.isInteger(x);

export function toNumber(x: unknown, step: string): Num {
  if (isNumber(x)) return x;
  throw invalidParameter(`${step}() expects numbers, got ${describe(x)}`);
}

export function operatorFn(name: string, step: string): (a: unknown, b: unknown) => unknown {
  switch (name) {
    case 'sum':
    case 'sumLong':
      return (a, b) => add(toNumber(a, step), toNumber(b, step));
    case 'minus':
      return (a, b) => subtract(toNumber(a, step), toNumber(b, step));
    case 'mult':
      return (a, b) => multiply(toNumber(a, step), toNumber(b, step));
    case 'div':
      return (a, b) => divide(toNumber(a, step), toNumber(b, step));
    case 'min':
      return (a, b) => (compare(a, b)! <= 0 ? a : b);
    case 'max':
      return (a, b) => (compare(a, b)! >= 0 ? a : b);
    case 'and':
      return (a, b) => Boolean(a) && Boolean(b);
    case 'or':
      return (a, b) => Boolean(a) || Boolean(b);
    case 'assign':
      return (_a, b) => b;
    case 'addAll':
      return (a, b) => addAll(a, b);
  }
  throw invalidParameter(`${step}(): unknown Operator ${name}`);
}

function addAll(a: unknown, b: unknown): unknown {
  if (a instanceof Map && b instanceof Map) return new Map([...a, ...b]);
  if (Array.isArray(a)) return [...a, ...(Array.isArray(b) ? b : b instanceof Set ? [...b] : [b])];
  if (a instanceof Set) return new Set([...a, ...(b instanceof Set || Array.isArray(b) ? b : [b])]);
  return b;
}

/** min()/max() over a stream: nulls lose to values, other values by orderability. */
export function pickExtreme(current: unknown, value: unknown, sign: 1 | -1): unknown {
  if (current === undefined) return value;
  if (value === null) return current;
  if (current === null) return value;
  if (typeof value === 'number' && Number.isNaN(value)) return current;
  if (typeof current === 'number' && Number.isNaN(current)) return value;
  return order(value, current) * sign < 0 ? value : current;
}
