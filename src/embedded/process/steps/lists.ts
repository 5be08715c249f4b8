import { invalidParameter } from '../../errors';
import { Path } from '../path';
import { arity, isBytecode, stringArg } from '../args';
import { ValueMap } from '../compare';
import type { CompileContext, StepFactory } from '../plan';
import { compilePredicate, holds } from '../predicate';
import type { Runtime } from '../runtime';
import { defineStep, FilterStep, MapStep } from '../step';
import type { Traverser } from '../traverser';
import { javaString } from './strings';

/**
 * The list steps of TinkerPop 3.7: merge, combine, product, intersect, difference, disjunct, conjoin, and the
 * any()/all() filters. The incoming object and the argument (a value or a traversal yielding one) must be
 * lists (or sets, paths); the error messages are TinkerPop's.
 */

function incoming(step: string, x: unknown, allowMap = false): unknown[] | Map<unknown, unknown> {
  if (x === null || x === undefined) throw invalidParameter(`Incoming traverser for ${step} step can't be null`);
  if (allowMap && x instanceof Map) return x;
  const items = iterable(x);
  if (!items) throw invalidParameter(`${step} step can only take an array or an Iterable type for incoming traversers, encountered: ${javaString(x)}`);
  return items;
}

function iterable(x: unknown): unknown[] | undefined {
  if (Array.isArray(x)) return x;
  if (x instanceof Set) return [...x];
  if (x instanceof Path) return [...x.objects];
  return undefined;
}

/** The argument for one traverser; `wantMap` when the incoming object is a map (merge() of maps). */
type Argument = (t: Traverser, wantMap?: boolean) => unknown[] | Map<unknown, unknown>;

/** The list argument: a constant checked now, or a traversal whose first result is checked per traverser. */
function listArgument(step: string, args: readonly unknown[], c: CompileContext, allowMap = false): (rt: Runtime) => Argument {
  arity(step, args, 1);
  const [arg] = args;
  if (isBytecode(arg)) {
    const plan = c.child(arg, step);
    return (rt) => {
      const pipeline = rt.pipeline(plan);
      return (t, wantMap) => {
        const r = pipeline.first(t);
        const v = r ? r.object : null;
        if (v === null) throw invalidParameter(`traversal argument for ${step} step must yield an iterable type, not null`);
        return checked(step, v, wantMap, 'traversal argument for');
      };
    };
  }
  if (arg === null) throw invalidParameter(`Argument provided for ${step} step can't be null`);
  if (!(arg instanceof Map) && !iterable(arg)) throw invalidParameter(`${step} step can only take an array or an Iterable as an argument, encountered: ${javaString(arg)}`);
  if (arg instanceof Map && !allowMap) throw invalidParameter('step type mismatch: expected argument to be Iterable but got Map');
  return () => (_t, wantMap) => checked(step, arg, wantMap, 'argument for');
}

function checked(step: string, v: unknown, wantMap: boolean | undefined, what: string): unknown[] | Map<unknown, unknown> {
  if (wantMap) {
    if (v instanceof Map) return v;
    throw invalidParameter(`${step} step expected provided argument to evaluate to a Map, encountered: ${javaString(v)}`);
  }
  const items = iterable(v);
  if (items) return items;
  if (v instanceof Map && what === 'argument for') throw invalidParameter('step type mismatch: expected argument to be Iterable but got Map');
  throw invalidParameter(`${what} ${step} step must yield an iterable type, encountered: ${javaString(v)}`);
}

/** A step computing a new value from the incoming list and the argument list. */
function listStep(step: string, fn: (a: unknown[], b: unknown[]) => unknown): StepFactory {
  return (args, c) => {
    const argument = listArgument(step, args, c);
    return defineStep(step, (rt, labels) => {
      const arg = argument(rt);
      return new MapStep(rt, labels, (t) => fn(incoming(step, t.object) as unknown[], arg(t) as unknown[]));
    });
  };
}

function distinct(items: readonly unknown[]): ValueMap<true> {
  const set = new ValueMap<true>();
  for (const x of items) set.add(x, true);
  return set;
}

const keys = (m: ValueMap<true>): Set<unknown> => new Set([...m].map(([k]) => k));

/** merge(): union of two lists (a set), or of two maps (the argument's entries win). */
function merge(args: readonly unknown[], c: CompileContext) {
  const argument = listArgument('merge', args, c, true);
  return defineStep('merge', (rt, labels) => {
    const arg = argument(rt);
    return new MapStep(rt, labels, (t) => {
      const a = incoming('merge', t.object, true);
      const b = arg(t, a instanceof Map);
      if (a instanceof Map) return new Map([...a, ...(b as Map<unknown, unknown>)]);
      return keys(distinct([...a, ...(b as unknown[])]));
    });
  });
}

function quantifier(step: 'any' | 'all') {
  return (args: readonly unknown[]) => {
    arity(step, args, 1);
    const p = compilePredicate(args[0], step);
    return defineStep(step, (rt, labels) =>
      new FilterStep(rt, labels, (t) => {
        const items = iterable(t.object);
        if (!items) return false;
        return step === 'any' ? items.some((x) => holds(p, x)) : items.every((x) => holds(p, x));
      }),
    );
  };
}

export const listSteps: Record<string, StepFactory> = {
  merge,
  combine: listStep('combine', (a, b) => [...a, ...b]),
  product: listStep('product', (a, b) => a.flatMap((x) => b.map((y) => [x, y]))),
  intersect: listStep('intersect', (a, b) => {
    const right = distinct(b);
    return keys(distinct(a.filter((x) => right.has(x))));
  }),
  difference: listStep('difference', (a, b) => {
    const right = distinct(b);
    return keys(distinct(a.filter((x) => !right.has(x))));
  }),
  disjunct: listStep('disjunct', (a, b) => {
    const left = distinct(a);
    const right = distinct(b);
    return keys(distinct([...a.filter((x) => !right.has(x)), ...b.filter((x) => !left.has(x))]));
  }),
  conjoin: (args) => {
    arity('conjoin', args, 1);
    const separator = stringArg('conjoin', args[0], 'a separator string');
    return defineStep('conjoin', (rt, labels) =>
      new MapStep(rt, labels, (t) => (incoming('conjoin', t.object) as unknown[]).filter((x) => x !== null).map(javaString).join(separator)),
    );
  },
  any: quantifier('any'),
  all: quantifier('all'),
};
