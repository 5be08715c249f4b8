import { arity } from '../args';
import { byFunction, ByModulatedDef, compareKeys, IDENTITY, type By } from '../by';
import type { StepFactory } from '../plan';
import type { Random } from '../random';
import type { Runtime } from '../runtime';
import { MISSING } from '../scope';
import { CollectingStep, MapStep, type Step } from '../step';
import type { Traverser } from '../traverser';
import { MapEntry } from '../values';
import { scoped } from './range';

/**
 * order(): sorts the stream (a collecting barrier) or, with Scope.local, the current list or map, by the
 * by() modulators in turn (orderability across types); a traverser whose by() finds nothing is dropped.
 */
class OrderDef extends ByModulatedDef {
  constructor(private readonly local: boolean) {
    super('order', true);
    this.barrier = !local;
  }

  create(rt: Runtime): Step {
    const bys = this.bys.length > 0 ? this.bys : [IDENTITY];
    const fns = bys.map((b) => byFunction(b.value, rt));
    const random = rt.newRandom();
    const keysOf = (t: Traverser, value?: unknown): unknown[] | undefined => {
      const keys = fns.map((f) => f(t, value));
      return keys.includes(MISSING) ? undefined : keys;
    };
    if (!this.local) {
      return new CollectingStep(rt, this.labels, (input) => {
        const keyed: [Traverser, unknown[]][] = [];
        for (const t of input) {
          const keys = keysOf(t);
          if (keys) keyed.push([t, keys]);
        }
        return sortKeyed(keyed, bys, random).map(([t]) => t);
      });
    }
    return new MapStep(rt, this.labels, (t) => {
      const x = t.object;
      if (x instanceof Map) {
        const entries = [...x].map(([k, v]) => new MapEntry(k, v));
        const sorted = sortValues(entries, keysOf, t, bys, random) as MapEntry[];
        return new Map(sorted.map((e) => [e.key, e.value]));
      }
      if (Array.isArray(x)) return sortValues(x, keysOf, t, bys, random);
      if (x instanceof Set) return sortValues([...x], keysOf, t, bys, random);
      return x;
    });
  }
}

function sortValues(values: unknown[], keysOf: (t: Traverser, v: unknown) => unknown[] | undefined, t: Traverser, bys: readonly By[], random: Random): unknown[] {
  const keyed: [unknown, unknown[]][] = [];
  for (const v of values) {
    const keys = keysOf(t, v === undefined ? null : v);
    if (keys) keyed.push([v, keys]);
  }
  return sortKeyed(keyed, bys, random).map(([v]) => v);
}

function sortKeyed<T>(keyed: [T, unknown[]][], bys: readonly By[], random: Random): [T, unknown[]][] {
  if (bys.some((b) => b.order === 'shuffle')) {
    for (let i = keyed.length - 1; i > 0; i--) {
      const j = random.nextInt(i + 1);
      [keyed[i], keyed[j]] = [keyed[j], keyed[i]];
    }
    if (bys.every((b) => b.order === 'shuffle')) return keyed;
  }
  return keyed.sort((a, b) => compareKeys(a[1], b[1], bys));
}

export const orderSteps: Record<string, StepFactory> = {
  order: (all) => {
    const [local, args] = scoped(all);
    arity('order', args, 0);
    return new OrderDef(local);
  },
};
