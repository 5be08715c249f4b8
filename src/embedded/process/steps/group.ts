import { arity, stringArg } from '../args';
import { byFunction, ByModulatedDef, type By } from '../by';
import { ValueMap } from '../compare';
import { Plan, type StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { hashMapOrder } from '../hash-order';
import { MISSING } from '../scope';
import type { Accumulator } from '../side-effects';
import { ReducingStep, SideEffectStep, type Step } from '../step';
import type { Traverser } from '../traverser';

/**
 * group() and groupCount(): by() picks the key (first by) and, for group, the value (second by). Traversers
 * whose key by() finds nothing are left out. With a key argument they are side effects: traversers pass
 * through and the map is read back with cap()/select(); steps sharing a key share the map, each with its own
 * key by().
 *
 * Values are made as TinkerPop's GroupStep makes them. A value traversal runs up to its first barrier for each
 * traverser as it arrives, the barrier's input gathering per key; the rest runs once per key when the map is
 * read, keys taken in TinkerGraph's HashMap order (hash-order.ts), so a seeded sample() there draws what
 * TinkerGraph draws. Without a barrier, each traverser's first result is its key's value, the last one
 * winning. A by() that is not a traversal is mapped over the members and folded; groupCount() sums bulks.
 */
class GroupAccumulator implements Accumulator {
  private readonly gathered = new ValueMap<unknown[]>();

  constructor(private readonly value: GroupValue) {}

  add(key: unknown, t: Traverser): void {
    if (key === MISSING) return;
    let gathered = this.gathered.get(key);
    if (!gathered) this.gathered.set(key, (gathered = []));
    this.value.gather(t, gathered);
  }

  result(): Map<unknown, unknown> {
    const keys = [...this.gathered].map(([key]) => key);
    const values = new Map<unknown, unknown>();
    for (const key of hashMapOrder(keys)) values.set(key, this.value.reduce(this.gathered.get(key)!));
    const out = new Map<unknown, unknown>();
    for (const key of keys) {
      const v = values.get(key);
      if (v !== MISSING) out.set(key, v);
    }
    return out;
  }
}

/** How one group() turns the traversers of a key into its value: gathered as they come, reduced at the end. */
interface GroupValue {
  gather(t: Traverser, into: unknown[]): void;
  reduce(gathered: unknown[]): unknown;
}

const counting: GroupValue = {
  gather: (t, into) => void into.push(t.bulk),
  reduce: (gathered) => (gathered as number[]).reduce((n, b) => n + b, 0),
};

function groupValue(by: By | undefined, rt: Runtime): GroupValue {
  if (!by || by.value.kind !== 'traversal') {
    const fn = by ? byFunction(by.value, rt) : undefined;
    return {
      gather: (t, into) => {
        const v = fn ? fn(t) : t.object;
        if (v !== MISSING) rt.pushBulk(into, v, t.bulk);
      },
      reduce: (gathered) => gathered,
    };
  }
  const steps = by.value.plan.steps;
  const split = steps.findIndex((s) => s.barrier || s.gathers);
  if (split < 0) {
    const whole = rt.pipeline(by.value.plan);
    return {
      gather: (t, into) => {
        const r = whole.first(t);
        if (r) into.push(r.object);
      },
      reduce: (gathered) => (gathered.length > 0 ? gathered[gathered.length - 1] : MISSING),
    };
  }
  const before = split > 0 ? rt.pipeline(new Plan(steps.slice(0, split))) : undefined;
  const rest = rt.pipeline(new Plan(steps.slice(split)));
  // A reducing barrier has a value for no input (count() 0, fold() []); any other leaves its key out.
  const reducing = rest.steps[0] instanceof ReducingStep;
  return {
    gather: (t, into) => {
      if (!before) into.push(t);
      else for (const r of before.run(t)) into.push(r);
    },
    reduce: (gathered) => {
      if (gathered.length === 0 && !reducing) return MISSING;
      rest.reset();
      for (const t of gathered as Traverser[]) rest.addStart(t);
      const r = rest.next();
      return r ? r.object : MISSING;
    },
  };
}

class GroupDef extends ByModulatedDef {
  constructor(
    private readonly sideEffectKey: string | undefined,
    private readonly counting: boolean,
  ) {
    super(counting ? 'groupCount' : 'group', false, counting ? 1 : 2);
    this.barrier = sideEffectKey === undefined;
  }

  create(rt: Runtime): Step {
    const keyFn = this.bys[0] ? byFunction(this.bys[0].value, rt) : (t: Traverser) => t.object;
    const value = this.counting ? counting : groupValue(this.bys[1], rt);
    const key = this.sideEffectKey;
    if (key !== undefined) {
      const acc = rt.sideEffects.obtain(key, () => new GroupAccumulator(value));
      return new SideEffectStep(rt, this.labels, (t) => acc.add(keyFn(t), t));
    }
    return new ReducingStep<GroupAccumulator>(
      rt,
      this.labels,
      () => new GroupAccumulator(value),
      (acc, t) => (acc.add(keyFn(t), t), acc),
      (acc) => acc.result(),
    );
  }
}

function group(counting: boolean): StepFactory {
  const name = counting ? 'groupCount' : 'group';
  return (args) => {
    arity(name, args, 0, 1);
    return new GroupDef(args.length === 1 ? stringArg(name, args[0], 'a side-effect key') : undefined, counting);
  };
}

export const groupSteps: Record<string, StepFactory> = {
  group: group(false),
  groupCount: group(true),
};
