import { badInput } from '../errors';
import type { Scalar } from '../operations/values';

/**
 * Property values a client may send: what Neptune can store. Objects and nested lists are refused here, with
 * the argument path, rather than by the database with a less helpful message.
 */
export function checkScalar(value: unknown, argument: string): Scalar {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return checkText(value, argument);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw badInput('Numbers must be finite', argument);
    // The driver sends a whole number as a long; beyond one it cannot be encoded, let alone stored exactly.
    if (Number.isInteger(value) && (value >= LONG_LIMIT || value < -LONG_LIMIT)) {
      throw badInput('Whole numbers must fit in a 64-bit integer (-2^63 to 2^63-1)', argument);
    }
    return value;
  }
  throw badInput(`Expected a string, number or boolean, got ${describe(value)}`, argument);
}

/** A property value: a scalar, or a non-empty list of scalars stored as several values of one key. */
function checkPropertyValue(value: unknown, argument: string): Scalar | Scalar[] {
  if (Array.isArray(value)) {
    if (value.length === 0) throw badInput('A list value needs at least one element', argument);
    return value.map((v, i) => checkScalar(v, `${argument}[${i}]`));
  }
  return checkScalar(value, argument);
}

/** A JSON object of property values, as `properties`/`set` arguments take. */
export function checkPropertyMap(value: unknown, argument: string): Map<string, Scalar | Scalar[]> {
  if (value === null || value === undefined) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badInput(`Expected a JSON object of property values, got ${describe(value)}`, argument);
  }
  const result = new Map<string, Scalar | Scalar[]>();
  for (const [key, v] of Object.entries(value)) {
    checkKey(key, `${argument}.${key}`);
    result.set(key, checkPropertyValue(v, `${argument}.${key}`));
  }
  return result;
}

/** Keys starting with `~` are Neptune's system columns (`~id`, `~label`); an empty key means nothing. */
export function checkKey(key: string, argument: string): string {
  if (key === '' || key.startsWith('~')) throw badInput(`"${key}" is not a valid property key`, argument);
  return checkText(key, argument);
}

const LONG_LIMIT = 2 ** 63;
/** Under the `u` flag a well-formed pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A lone surrogate (valid in JSON's \u escapes, not in UTF-8) would reach the graph as U+FFFD: what is stored
 * or compared would not be what was sent.
 */
export function checkText(text: string, argument: string): string {
  if (LONE_SURROGATE.test(text)) throw badInput('Text must be valid Unicode (it holds an unpaired surrogate)', argument);
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
