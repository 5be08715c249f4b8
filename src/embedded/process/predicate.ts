import { malformedQuery, unsupported } from '../errors';
import { isLambda, isPredicate } from './args';
import { compare, equals, valueKey } from './compare';
import { describe } from './tokens';

/**
 * P and TextP compiled to plain functions. Gremlin predicates use ternary logic: a comparison between values
 * that cannot be compared is neither true nor false but an error, which `not` keeps an error, `and`/`or`
 * resolve when the other side decides, and a filter finally treats as false. Here the error is `undefined`.
 */
export type Ternary = boolean | undefined;
export type Predicate = (value: unknown) => Ternary;

export interface PredicateLike {
  readonly operator: string;
  readonly value: unknown;
  readonly other?: unknown;
}

export function compilePredicate(p: unknown, step: string): Predicate {
  if (!isPredicate(p)) throw malformedQuery(`${step}() expects a predicate, got ${describe(p)}`);
  const { operator, value, other } = p as PredicateLike;
  if (isLambda(value)) throw unsupported(`Lambdas are not supported: ${step}() was given a lambda predicate`);
  switch (operator) {
    case 'eq':
      return (x) => equals(x, value);
    case 'neq':
      return (x) => !equals(x, value);
    case 'lt':
      return cmp(value, (c) => c < 0);
    case 'lte':
      return cmp(value, (c) => c <= 0);
    case 'gt':
      return cmp(value, (c) => c > 0);
    case 'gte':
      return cmp(value, (c) => c >= 0);
    case 'inside': {
      const low = cmp(value, (c) => c > 0);
      const high = cmp(other, (c) => c < 0);
      return (x) => and(low(x), high(x));
    }
    case 'outside': {
      const low = cmp(value, (c) => c < 0);
      const high = cmp(other, (c) => c > 0);
      return (x) => or(low(x), high(x));
    }
    case 'between': {
      const low = cmp(value, (c) => c >= 0);
      const high = cmp(other, (c) => c < 0);
      return (x) => and(low(x), high(x));
    }
    case 'within': {
      const member = membership(value);
      return (x) => member(x);
    }
    case 'without': {
      const member = membership(value);
      return (x) => !member(x);
    }
    case 'and': {
      const a = compilePredicate(value, step);
      const b = compilePredicate(other, step);
      return (x) => and(a(x), b(x));
    }
    case 'or': {
      const a = compilePredicate(value, step);
      const b = compilePredicate(other, step);
      return (x) => or(a(x), b(x));
    }
    case 'not': {
      const a = compilePredicate(value, step);
      return (x) => {
        const r = a(x);
        return r === undefined ? undefined : !r;
      };
    }
    case 'containing':
      return text(value, step, operator, (s, v) => s.includes(v));
    case 'notContaining':
      return text(value, step, operator, (s, v) => !s.includes(v));
    case 'startingWith':
      return text(value, step, operator, (s, v) => s.startsWith(v));
    case 'notStartingWith':
      return text(value, step, operator, (s, v) => !s.startsWith(v));
    case 'endingWith':
      return text(value, step, operator, (s, v) => s.endsWith(v));
    case 'notEndingWith':
      return text(value, step, operator, (s, v) => !s.endsWith(v));
    case 'regex':
    case 'notRegex': {
      const re = regex(value, step);
      const want = operator === 'regex';
      return (x) => (typeof x === 'string' ? re.test(x) === want : undefined);
    }
    case 'test':
      throw unsupported(`Lambdas are not supported: ${step}() was given P.test`);
    default:
      throw malformedQuery(`${step}() was given an unknown predicate: ${operator}`);
  }
}

/** A filter's verdict: errors filter out. */
export const holds = (p: Predicate, x: unknown): boolean => p(x) === true;

/**
 * Thrown by a predicate filter inside not() when the comparison was an error, so that not() stays an error
 * (the traverser is filtered) instead of negating a false into a true.
 */
export class ComparisonError extends Error {}

/** Whether any of the values satisfies the predicate, with errors raised where ternary logic needs them. */
export function anyHolds(p: Predicate, values: readonly unknown[], raiseErrors: boolean): boolean {
  let error = false;
  for (const v of values) {
    const r = p(v);
    if (r === true) return true;
    if (r === undefined) error = true;
  }
  if (error && raiseErrors) throw new ComparisonError();
  return false;
}

function cmp(value: unknown, accept: (c: number) => boolean): Predicate {
  return (x) => {
    const c = compare(x, value);
    return c === undefined ? undefined : accept(c);
  };
}

function and(a: Ternary, b: Ternary): Ternary {
  if (a === false || b === false) return false;
  return a === undefined || b === undefined ? undefined : true;
}

function or(a: Ternary, b: Ternary): Ternary {
  if (a === true || b === true) return true;
  return a === undefined || b === undefined ? undefined : false;
}

function collection(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  return value === undefined ? [] : [value];
}

/** Up to this many values, within() compares one by one; beyond, it looks values up by their hash key. */
const SCAN_LIMIT = 16;

/**
 * Hash keys of the large collections within()/without() were given, kept while the collection keeps its
 * size. `where(within('seen'))` compiles its predicate for every traverser against a side-effect list that
 * only grows (aggregate appends), so one index serves every traverser of a level: a breadth-first search
 * stays linear instead of comparing each traverser with everything seen.
 */
const indexes = new WeakMap<object, { readonly size: number; readonly keys: ReadonlySet<unknown> }>();

function membership(value: unknown): (x: unknown) => boolean {
  const size = Array.isArray(value) ? value.length : value instanceof Set ? value.size : 0;
  if (size <= SCAN_LIMIT) {
    const items = collection(value);
    return (x) => items.some((y) => equals(x, y));
  }
  const owner = value as unknown[] | Set<unknown>;
  let index = indexes.get(owner);
  if (!index || index.size !== size) {
    index = { size, keys: new Set(Array.from(owner, valueKey)) };
    indexes.set(owner, index);
  }
  const keys = index.keys;
  // NaN is equal to nothing, not even itself, though it has a hash key.
  return (x) => !(typeof x === 'number' && Number.isNaN(x)) && keys.has(valueKey(x));
}

function text(value: unknown, step: string, operator: string, fn: (s: string, v: string) => boolean): Predicate {
  if (typeof value !== 'string') throw malformedQuery(`${step}(): TextP.${operator} expects a string, got ${describe(value)}`);
  return (x) => (typeof x === 'string' ? fn(x, value) : undefined);
}

/** Java regex syntax mostly matches JavaScript's; inline flags like (?i) are the common difference. */
function regex(value: unknown, step: string): RegExp {
  if (typeof value !== 'string') throw malformedQuery(`${step}(): TextP.regex expects a string, got ${describe(value)}`);
  let source = value;
  let flags = 'u';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  try {
    return new RegExp(source, flags);
  } catch {
    throw malformedQuery(`${step}(): invalid regular expression ${JSON.stringify(value)}`);
  }
}
