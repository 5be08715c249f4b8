import { GraphError } from '../../errors';
import { arity, integerArg, stringArg, wrongArgument } from '../args';
import { byFunction, ByModulatedDef } from '../by';
import { ValueMap } from '../compare';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue } from '../scope';
import { CollectingStep, defineStep, FilterStep, MapStep, Step } from '../step';
import type { Traverser } from '../traverser';
import { collectionItems, scoped } from './range';

/** Filters that are not has(): dedup, coin, sample, none, timeLimit, and fail(), which stops the traversal. */

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
        return new Set(items.filter((x) => seen.add(fn ? fn(t, x) : x, true)));
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

/** coin(p): each of a traverser's bulk survives with probability p, as TinkerPop draws it. */
class CoinStep extends Step {
  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly probability: number,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      let kept = 0;
      if (t.bulk < 100) {
        for (let i = 0; i < t.bulk; i++) if (this.probability >= this.rt.random()) kept++;
      } else kept = Math.round(this.probability * t.bulk);
      if (kept > 0) return this.pass(kept === t.bulk ? t : t.withBulk(kept));
    }
    return undefined;
  }
}

function dedup(all: readonly unknown[], c: Parameters<StepFactory>[1]) {
  const [local, args] = scoped(all);
  const keys = args.map((a) => stringArg('dedup', a, 'step labels'));
  if (keys.length > 0) c.requirePath('labeled');
  return new DedupDef(local, keys);
}

/**
 * sample(n): a random sample of the stream or (Scope.local) of the current collection, without
 * replacement, weighted by the by() value when one is given.
 */
class SampleDef extends ByModulatedDef {
  constructor(
    private readonly local: boolean,
    private readonly n: number,
  ) {
    super('sample', false, 1);
    this.barrier = !local;
  }

  create(rt: Runtime): Step {
    const fn = this.bys[0] && byFunction(this.bys[0].value, rt);
    const n = this.n;
    const weight = (t: Traverser, x?: unknown): number => {
      if (!fn) return 1;
      const w = fn(t, x);
      return typeof w === 'number' ? w : 0;
    };
    if (this.local) {
      return new MapStep(rt, this.labels, (t) => {
        const items = collectionItems(t.object);
        if (!items) return t.object;
        return pick(items, items.map((x) => weight(t, x)), n, rt);
      });
    }
    return new CollectingStep(rt, this.labels, (input) => pick(input, input.map((t) => weight(t)), n, rt));
  }
}

function pick<T>(items: readonly T[], weights: readonly number[], n: number, rt: Runtime): T[] {
  const pool = items.map((item, i) => ({ item, weight: weights[i] })).filter((e) => e.weight > 0);
  const out: T[] = [];
  while (out.length < n && pool.length > 0) {
    const total = pool.reduce((s, e) => s + e.weight, 0);
    let r = rt.random() * total;
    let i = 0;
    while (i < pool.length - 1 && r >= pool[i].weight) r -= pool[i++].weight;
    out.push(pool[i].item);
    pool.splice(i, 1);
  }
  return out;
}

function sample(all: readonly unknown[]) {
  const [local, args] = scoped(all);
  arity('sample', args, 1);
  return new SampleDef(local, integerArg('sample', args[0]));
}

export const filterSteps: Record<string, StepFactory> = {
  dedup,
  sample,
  coin: (args) => {
    arity('coin', args, 1);
    const p = args[0];
    if (typeof p !== 'number') wrongArgument('coin', 'a probability', p);
    return defineStep('coin', (rt, labels) => new CoinStep(rt, labels, p));
  },
  fail: (args) => {
    arity('fail', args, 0, 1);
    const message = args.length === 1 ? stringArg('fail', args[0], 'a message') : undefined;
    return defineStep('fail', (rt, labels) =>
      new FilterStep(rt, labels, () => {
        throw new GraphError('BadRequestException', message === undefined ? 'fail() step triggered' : `fail() step triggered: ${message}`);
      }),
    );
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
