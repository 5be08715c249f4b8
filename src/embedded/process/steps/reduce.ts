import { malformedQuery } from '../../errors';
import { arity, enumArg } from '../args';
import { Path } from '../path';
import type { StepFactory } from '../plan';
import { add, operatorFn, pickExtreme, toNumber } from '../operators';
import { defineStep, FILTERED, MapStep, ReducingStep } from '../step';
import { collectionItems, scoped } from './range';

/**
 * Reducing barriers (count, sum, min, max, mean, fold) and their Scope.local forms, which reduce the
 * current collection instead of the stream. Bulk counts: a traverser of bulk n counts n times.
 */

function localItems(x: unknown): unknown[] {
  if (x instanceof Map) return [...x.values()];
  return collectionItems(x) ?? [x];
}

function countLocal(x: unknown): number {
  if (x instanceof Map || x instanceof Set) return x.size;
  if (Array.isArray(x)) return x.length;
  if (x instanceof Path) return x.objects.length;
  return 1;
}

/** Nulls are skipped; only nulls give null, nothing at all gives no result. */
function sumOf(values: Iterable<[unknown, number]>, step: string): unknown {
  let total: number | bigint | undefined;
  let nulls = false;
  for (const [v, bulk] of values) {
    if (v === null) {
      nulls = true;
      continue;
    }
    const n = toNumber(v, step);
    const weighted = bulk === 1 ? n : typeof n === 'bigint' ? n * BigInt(bulk) : n * bulk;
    total = total === undefined ? weighted : add(total, weighted);
  }
  return total === undefined ? (nulls ? null : FILTERED) : total;
}

function meanOf(values: Iterable<[unknown, number]>, step: string): unknown {
  let total: number | bigint = 0;
  let count = 0;
  let nulls = false;
  for (const [v, bulk] of values) {
    if (v === null) {
      nulls = true;
      continue;
    }
    const n = toNumber(v, step);
    total = add(total, typeof n === 'bigint' ? n * BigInt(bulk) : n * bulk);
    count += bulk;
  }
  if (count === 0) return nulls ? null : FILTERED;
  return typeof total === 'bigint' ? Number(total) / count : total / count;
}

function extremeOf(values: Iterable<[unknown, number]>, sign: 1 | -1): unknown {
  let current: unknown = undefined;
  for (const [v] of values) current = pickExtreme(current, v, sign);
  return current === undefined ? FILTERED : current;
}

const ones = (items: unknown[]): [unknown, number][] => items.map((x) => [x, 1]);

type Reducer = (values: Iterable<[unknown, number]>, step: string) => unknown;

function reducing(name: string, reduce: Reducer): StepFactory {
  return (all) => {
    const [local, args] = scoped(all);
    arity(name, args, 0);
    if (local) return defineStep(name, (rt, labels) => new MapStep(rt, labels, (t) => reduce(ones(localItems(t.object)), name)));
    return defineStep(
      name,
      (rt, labels) =>
        new ReducingStep<[unknown, number][]>(
          rt,
          labels,
          () => [],
          (acc, t) => (acc.push([t.object, t.bulk]), acc),
          (acc) => reduce(acc, name),
        ),
      { barrier: true },
    );
  };
}

export const reduceSteps: Record<string, StepFactory> = {
  count: (all) => {
    const [local, args] = scoped(all);
    arity('count', args, 0);
    if (local) return defineStep('count', (rt, labels) => new MapStep(rt, labels, (t) => countLocal(t.object)));
    return defineStep('count', (rt, labels) => new ReducingStep<number>(rt, labels, () => 0, (n, t) => n + t.bulk, (n) => n), { barrier: true });
  },
  sum: reducing('sum', sumOf),
  mean: reducing('mean', meanOf),
  min: reducing('min', (values) => extremeOf(values, 1)),
  max: reducing('max', (values) => extremeOf(values, -1)),
  fold: (args) => {
    arity('fold', args, 0, 2);
    if (args.length === 0) {
      return defineStep(
        'fold',
        (rt, labels) =>
          new ReducingStep<unknown[]>(
            rt,
            labels,
            () => [],
            (acc, t) => (rt.pushBulk(acc, t.object, t.bulk), acc),
            (acc) => acc,
          ),
        { barrier: true },
      );
    }
    if (args.length !== 2) throw malformedQuery('fold() takes no arguments, or a seed and an Operator');
    const seed = args[0];
    const op = operatorFn(enumArg('fold', args[1], 'Operator').elementName, 'fold');
    return defineStep(
      'fold',
      (rt, labels) =>
        new ReducingStep<unknown>(
          rt,
          labels,
          () => (Array.isArray(seed) ? [...seed] : seed instanceof Map ? new Map(seed) : seed),
          (acc, t) => rt.foldBulk(acc, t.bulk, (r) => op(r, t.object)),
          (acc) => acc,
        ),
      { barrier: true },
    );
  },
};
