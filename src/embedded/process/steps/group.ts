import { arity, stringArg } from '../args';
import { byFunction, ByModulatedDef, type By } from '../by';
import { ValueMap } from '../compare';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { MISSING } from '../scope';
import type { Accumulator } from '../side-effects';
import { ReducingStep, SideEffectStep, type Step } from '../step';
import type { Traverser } from '../traverser';

/**
 * group() and groupCount(): by() picks the key (first by) and, for group, the value (second by: a key or
 * token mapped over the members and folded; or a traversal, whose result for the members is the value, and
 * a key without one is left out). Traversers whose key by() finds nothing are left out. With a key argument
 * they are side effects: traversers pass through and the map is read back with cap()/select(); steps
 * sharing a key share the map, each with its own key by().
 */
class GroupAccumulator implements Accumulator {
  private readonly members = new ValueMap<Traverser[]>();

  constructor(private readonly value: GroupValue) {}

  add(key: unknown, t: Traverser): void {
    if (key === MISSING) return;
    const list = this.members.get(key);
    if (list) list.push(t);
    else this.members.set(key, [t]);
  }

  result(): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    for (const [key, members] of this.members) {
      const v = this.value(members);
      if (v !== MISSING) out.set(key, v);
    }
    return out;
  }
}

type GroupValue = (members: Traverser[]) => unknown;

function groupValue(by: By | undefined, rt: Runtime): GroupValue {
  if (!by || by.value.kind !== 'traversal') {
    const fn = by ? byFunction(by.value, rt) : undefined;
    return (members) => {
      const out: unknown[] = [];
      for (const t of members) {
        const v = fn ? fn(t) : t.object;
        if (v !== MISSING) for (let i = 0; i < t.bulk; i++) out.push(v);
      }
      return out;
    };
  }
  const pipeline = rt.pipeline(by.value.plan);
  return (members) => {
    pipeline.reset();
    for (const t of members) pipeline.addStart(t);
    const r = pipeline.next();
    return r ? r.object : MISSING;
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
    const value: GroupValue = this.counting ? (members) => members.reduce((n, t) => n + t.bulk, 0) : groupValue(this.bys[1], rt);
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
