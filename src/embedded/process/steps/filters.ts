import { arity, integerArg, stringArg, wrongArgument } from '../args';
import { byFunction, ByModulatedDef } from '../by';
import { ValueMap } from '../compare';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue } from '../scope';
import { CollectingStep, defineStep, FilterStep, MapStep, type Step } from '../step';
import type { Traverser } from '../traverser';
import { collectionItems, scoped } from './range';

/** Filters that are not has(): dedup, coin, sample, none, timeLimit. */

class DedupDef extends ByModulatedDef {
  constructor(
    private readonly local: boolean,
    private readonly keys: readonly string[],
  ) {
    super('dedup', false, 1);
  }

  create(rt: Runtime): Step {
    const fn = this.bys[0] && byFunction(this.bys[0].value, rt);
    if (this.local) {
      return new MapStep(rt, this.labels, (t) => {
        const items = t.object instanceof Map ? null : collectionItems(t.object);
        if (!items) return t.object;
        const seen = new ValueMap<true>();
        return items.filter((x) => seen.add(fn ? fn(t, x) : x, true));
      });
    }
    const keys = this.keys;
    const keyOf = (t: Traverser): unknown => {
      if (keys.length === 0) return fn ? fn(t) : t.object;
      const values = keys.map((k) => {
        const v = scopedValue(t, k, 'last', rt);
        return v === MISSING || !fn ? v : fn(t, v);
      });
      return values.includes(MISSING) ? MISSING : values;
    };
    const seen = new ValueMap<true>();
    return new DedupStep(rt, this.labels, keyOf, seen);
  }
}

class DedupStep extends FilterStep {
  constructor(rt: Runtime, labels: readonly string[], keyOf: (t: Traverser) => unknown, private readonly seen: ValueMap<true>) {
    super(rt, labels, (t) => {
      const key = keyOf(t);
      return key !== MISSING && seen.add(key, true);
    });
  }

  override next(): Traverser | undefined {
    const t = super.next();
    return t && t.bulk !== 1 ? t.withBulk(1) : t;
  }

  override reset(): void {
    this.seen.clear();
  }
}

function dedup(all: readonly unknown[], c: Parameters<StepFactory>[1]) {
  const [local, args] = scoped(all);
  const keys = args.map((a) => stringArg('dedup', a, 'step labels'));
  if (keys.length > 0) c.requirePath('labeled');
  return new DedupDef(local, keys);
}

/** sample(n): a uniform random sample of the stream (reservoir), or of the current collection (local). */
function sample(all: readonly unknown[]) {
  const [local, args] = scoped(all);
  arity('sample', args, 1);
  const n = integerArg('sample', args[0]);
  if (local) {
    return defineStep('sample', (rt, labels) => new MapStep(rt, labels, (t) => {
      const items = collectionItems(t.object);
      if (!items) return t.object;
      return pick(items, n, rt);
    }));
  }
  return defineStep('sample', (rt, labels) => new CollectingStep(rt, labels, (input) => pick(input, n, rt)), { barrier: true });
}

function pick<T>(items: readonly T[], n: number, rt: Runtime): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rt.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, Math.max(0, n));
}

export const filterSteps: Record<string, StepFactory> = {
  dedup,
  sample,
  coin: (args) => {
    arity('coin', args, 1);
    const p = args[0];
    if (typeof p !== 'number') wrongArgument('coin', 'a probability', p);
    return defineStep('coin', (rt, labels) => new FilterStep(rt, labels, () => rt.random() < p));
  },
  none: (args) => {
    arity('none', args, 0);
    return defineStep('none', (rt, labels) => new FilterStep(rt, labels, () => false));
  },
  timeLimit: (args) => {
    arity('timeLimit', args, 1);
    const ms = integerArg('timeLimit', args[0]);
    return defineStep('timeLimit', (rt, labels) => {
      let start: number | undefined;
      return new FilterStep(rt, labels, () => Date.now() - (start ??= Date.now()) <= ms);
    });
  },
};
