import gremlin from 'gremlin';
import { malformedQuery } from '../errors';

/**
 * Tokens arrive as the driver's EnumValue (typeName, elementName). Helpers here recognise them by type and
 * name rather than identity, because the codec builds fresh EnumValue objects for every request.
 */
export type EnumValue = InstanceType<typeof gremlin.process.EnumValue>;

export function isEnum(x: unknown, typeName?: string): x is EnumValue {
  const enumLike =
    x instanceof gremlin.process.EnumValue ||
    (typeof x === 'object' && x !== null && typeof (x as EnumValue).typeName === 'string' && typeof (x as EnumValue).elementName === 'string');
  return enumLike && (typeName === undefined || (x as EnumValue).typeName === typeName);
}


/** The canonical token objects results carry (e.g. `T.id` as an elementMap key). */
export const T = gremlin.process.t;
export const DIRECTION = gremlin.process.direction;

/** Direction tokens; the driver spells from_/to as OUT/IN already, so only three names occur. */
export function directionOf(x: unknown, step: string): 'OUT' | 'IN' | 'BOTH' {
  if (isEnum(x, 'Direction')) {
    const name = x.elementName.toUpperCase();
    if (name === 'OUT' || name === 'FROM') return 'OUT';
    if (name === 'IN' || name === 'TO') return 'IN';
    if (name === 'BOTH') return 'BOTH';
  }
  throw malformedQuery(`${step}() expects a Direction, got ${describe(x)}`);
}

/** A short, safe description of an argument for error messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (isEnum(x)) return `${x.typeName}.${x.elementName}`;
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '…' : x);
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  if (typeof x === 'function') return 'a lambda';
  if (Array.isArray(x)) return 'a list';
  if (x instanceof Map) return 'a map';
  if (x instanceof Date) return 'a date';
  const name = (x as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}
