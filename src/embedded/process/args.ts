import gremlin from 'gremlin';
import { invalidParameter, malformedQuery, unsupported } from '../errors';
import { describe, isEnum, type EnumValue } from './tokens';

/**
 * Argument checks shared by step factories. Every refusal names the step and what was wrong, and happens at
 * compile time, so a bad traversal never runs half-way.
 */

export type BytecodeLike = { readonly stepInstructions: unknown[][]; readonly sourceInstructions: unknown[][] };

/**
 * A nested traversal argument: Bytecode as deserialized, or (in-process, before serialization) the driver's
 * anonymous Traversal object, whose bytecode is what would be sent.
 */
export function isBytecode(x: unknown): boolean {
  return asBytecode(x) !== undefined;
}

export function asBytecode(x: unknown): BytecodeLike | undefined {
  if (x instanceof gremlin.process.Traversal) return x.getBytecode() as unknown as BytecodeLike;
  if (
    x instanceof gremlin.process.Bytecode ||
    (typeof x === 'object' && x !== null && Array.isArray((x as BytecodeLike).stepInstructions) && Array.isArray((x as BytecodeLike).sourceInstructions))
  ) {
    return x as BytecodeLike;
  }
  return undefined;
}

/** Lambdas arrive as JS functions (driver API in-process) or as the codec's `{script, language}` objects. */
export function isLambda(x: unknown): boolean {
  if (typeof x === 'function') return true;
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.script === 'string' || o.constructor?.name === 'Lambda' || typeof o.lambda === 'string';
}

export function isPredicate(x: unknown): x is InstanceType<typeof gremlin.process.P> {
  return (
    x instanceof gremlin.process.P ||
    x instanceof gremlin.process.TextP ||
    (typeof x === 'object' && x !== null && typeof (x as { operator?: unknown }).operator === 'string' && 'value' in x)
  );
}

/** Refuses lambdas anywhere in a step's arguments, as Neptune does. */
export function refuseLambdas(step: string, args: readonly unknown[]): void {
  if (args.some(isLambda)) throw unsupported(`Lambdas are not supported: ${step}() was given a lambda`);
}

export function arity(step: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw malformedQuery(`${step}() takes ${expected} argument${max === 1 && min === 1 ? '' : 's'}, got ${args.length}`);
  }
}

export function wrongArgument(step: string, expected: string, got: unknown): never {
  throw malformedQuery(`${step}() expects ${expected}, got ${describe(got)}`);
}

export function stringArg(step: string, x: unknown, what = 'a string'): string {
  if (typeof x !== 'string') wrongArgument(step, what, x);
  return x;
}

export function stringArgs(step: string, args: readonly unknown[]): string[] {
  return args.map((a) => stringArg(step, a));
}

/** Integers for limit/range/times and friends; bigint-safe, refusing fractions. */
export function integerArg(step: string, x: unknown): number {
  if (typeof x === 'bigint') return Number(x);
  if (typeof x !== 'number' || !Number.isInteger(x)) wrongArgument(step, 'an integer', x);
  return x;
}

export function enumArg(step: string, x: unknown, typeName: string): EnumValue {
  if (!isEnum(x, typeName)) wrongArgument(step, `a ${typeName} token`, x);
  return x;
}

export function invalid(step: string, message: string): never {
  throw invalidParameter(`${step}(): ${message}`);
}

/** A step met an object it cannot work on (e.g. out() on a string): the traversal fails, naming both. */
export function notApplicable(step: string, expected: string, got: unknown): never {
  throw invalidParameter(`${step}() can only be applied to ${expected}, got ${describeValue(got)}`);
}

function describeValue(x: unknown): string {
  const kind = elementKindName(x);
  return kind ?? describe(x);
}

function elementKindName(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const name = (x as object).constructor?.name;
  return name === 'Vertex' ? 'a vertex' : name === 'Edge' ? 'an edge' : name === 'VertexProperty' ? 'a vertex property' : name === 'Property' ? 'a property' : undefined;
}
