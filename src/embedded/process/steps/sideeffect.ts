import { arity, enumArg, isBytecode, stringArg, wrongArgument } from '../args';
import { byFunction, ByModulatedDef, type ByFn } from '../by';
import type { StepFactory } from '../plan';
import { operatorFn } from '../operators';
import type { Runtime } from '../runtime';
import { MISSING } from '../scope';
import { CollectingStep, defineStep, MapStep, ReducingStep, SideEffectStep, Step } from '../step';
import { isEnum } from '../tokens';
import type { Traverser } from '../traverser';
import { scoped } from './range';

/**
 * Side-effect steps: aggregate (global: a barrier; Scope.local / store: lazy), cap, sideEffect(traversal),
 * barrier (with normSack), and sack() reading and writing the traverser's sack.
 */

class AggregateDef extends ByModulatedDef {
  constructor(
    private readonly key: string,
    private readonly local: boolean,
  ) {
    super(local ? 'store' : 'aggregate', false, 1);
    this.barrier = !local;
  }

  create(rt: Runtime): Step {
    const fn: ByFn | undefined = this.bys[0] && byFunction(this.bys[0].value, rt);
    const key = this.key;
    rt.sideEffects.obtain(key, () => []);
    const add = (t: Traverser) => {
      const v = fn ? fn(t) : t.object;
      if (v !== MISSING) rt.sideEffects.add(key, v, t.bulk);
    };
    if (this.local) return new SideEffectStep(rt, this.labels, add);
    return new CollectingStep(rt, this.labels, (input) => {
      const values: [unknown, number][] = [];
      for (const t of input) {
        const v = fn ? fn(t) : t.object;
        if (v !== MISSING) values.push([v, t.bulk]);
      }
      rt.sideEffects.addAll(key, values);
      return input;
    });
  }
}

function aggregate(name: string, forceLocal: boolean): StepFactory {
  return (all) => {
    const [local, args] = scoped(all);
    arity(name, args, 1);
    return new AggregateDef(stringArg(name, args[0], 'a side-effect key'), forceLocal || local);
  };
}

/** cap(): once all input is consumed, the side effect's value (several keys: a map of them). */
function cap(args: readonly unknown[]) {
  arity('cap', args, 1, Infinity);
  const keys = args.map((a) => stringArg('cap', a, 'a side-effect key'));
  return defineStep(
    'cap',
    (rt, labels) =>
      new ReducingStep<null>(
        rt,
        labels,
        () => null,
        (acc) => acc,
        () => (keys.length === 1 ? valueOrEmpty(rt, keys[0]) : new Map(keys.map((k) => [k, valueOrEmpty(rt, k)]))),
      ),
    { barrier: true },
  );
}

const valueOrEmpty = (rt: Runtime, key: string): unknown => (rt.sideEffects.has(key) ? rt.sideEffects.get(key) : []);

/** barrier(): lets everything before it finish first; normSack rescales sacks to sum to 1. */
function barrier(args: readonly unknown[]) {
  arity('barrier', args, 0, 1);
  const norm = args.length === 1 && isEnum(args[0], 'Barrier') && args[0].elementName === 'normSack';
  if (args.length === 1 && !norm && typeof args[0] !== 'number') wrongArgument('barrier', 'a size or Barrier.normSack', args[0]);
  return defineStep('barrier', (rt, labels) => new CollectingStep(rt, labels, (input) => (norm ? normSack(input) : mergeSacks(input, rt))), { barrier: true });
}

function normSack(input: Traverser[]): Traverser[] {
  let total = 0;
  for (const t of input) total += Number(t.sack) * t.bulk;
  return input.map((t) => t.withSack(total === 0 ? t.sack : Number(t.sack) / total));
}

/** With a sack merge operator, traversers at the same object merge into one whose sack combines theirs. */
function mergeSacks(input: Traverser[], rt: Runtime): Traverser[] {
  const merge = rt.options.sack?.merge;
  if (!merge) return input;
  const op = operatorFn(merge, 'barrier');
  const merged = new Map<unknown, Traverser>();
  const bulk = rt.options.bulk !== false;
  for (const t of input) {
    const seen = merged.get(t.object);
    merged.set(t.object, seen ? seen.withSack(op(seen.sack, t.sack)).withBulk(bulk ? seen.bulk + t.bulk : 1) : t);
  }
  return [...merged.values()];
}

/** sack(Operator).by(...): combines the traverser's sack with the object (or its by() value). */
class SackDef extends ByModulatedDef {
  constructor(private readonly operator: string | undefined) {
    super('sack', false, 1);
  }

  create(rt: Runtime): Step {
    if (this.operator === undefined) return new MapStep(rt, this.labels, (t) => t.sack);
    const op = operatorFn(this.operator, 'sack');
    const fn = this.bys[0] && byFunction(this.bys[0].value, rt);
    return new SackStep(rt, this.labels, (t) => {
      const v = fn ? fn(t) : t.object;
      return v === MISSING ? undefined : t.withSack(op(t.sack, v));
    });
  }
}

class SackStep extends Step {
  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly update: (t: Traverser) => Traverser | undefined,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      const updated = this.update(t);
      if (updated) return this.pass(updated);
    }
    return undefined;
  }
}

export const sideEffectSteps: Record<string, StepFactory> = {
  aggregate: aggregate('aggregate', false),
  store: aggregate('store', true),
  cap,
  sideEffect: (args, c) => {
    arity('sideEffect', args, 1);
    if (!isBytecode(args[0])) wrongArgument('sideEffect', 'a traversal', args[0]);
    const plan = c.child(args[0], 'sideEffect');
    return defineStep('sideEffect', (rt, labels) => {
      const p = rt.pipeline(plan);
      return new SideEffectStep(rt, labels, (t) => {
        for (const r of p.run(t)) void r;
      });
    });
  },
  barrier,
  sack: (args) => {
    arity('sack', args, 0, 1);
    return new SackDef(args.length === 1 ? enumArg('sack', args[0], 'Operator').elementName : undefined);
  },
};
