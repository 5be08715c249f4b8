import { GraphError, invalidParameter } from '../../errors';
import { arity, integerArg, stringArg, wrongArgument } from '../args';
import { byFunction, ByModulatedDef } from '../by';
import { ValueMap } from '../compare';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import type { Random } from '../random';
import { MISSING, scopedValue } from '../scope';
import { CollectingStep, defineStep, FilterStep, MapStep, Step } from '../step';
import { TraverserSet, type Traverser } from '../traverser';
import { describe } from '../tokens';
import { collectionItems, scoped } from './range';

/** Filters that are not has(): dedup, coin, sample, none, timeLimit, and fail(), which stops the traversal. */

class DedupDef extends ByModulatedDef {
  constructor(
    private readonly local: boolean,
    private readonly keys: readonly string[],
  ) {
    super('dedup', false, 1);
    this.gathers = !local;
    this.retracts = !local;
  }

  override readsLabels(): readonly string[] {
    return this.keys;
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
  private readonly random: Random;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly probability: number,
  ) {
    super(rt, labels);
    this.random = rt.newRandom();
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      let kept = 0;
      if (t.bulk < 100) {
        for (let i = 0; i < t.bulk; i++) if (this.probability >= this.random.nextDouble()) kept++;
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
 * sample(n): n traversers of the stream drawn without replacement, weighted by the by() value (1 without
 * one; unproductive ones are left out), the way TinkerPop draws them so seeded runs agree; with Scope.local,
 * n items of the current list or map, uniformly.
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
    const random = rt.newRandom();
    const n = this.n;
    if (this.local) return new MapStep(rt, this.labels, (t) => sampleLocal(t.object, n, random));
    const fn = this.bys[0] && byFunction(this.bys[0].value, rt);
    return new CollectingStep(rt, this.labels, (input) => {
      // Equal traversers draw as one with their bulk, as in TinkerPop's traverser set.
      const merged = new TraverserSet();
      for (const t of input) merged.add(t);
      const weighted: [Traverser, number][] = [];
      for (const t of merged.drain()) {
        const w = fn ? fn(t) : 1;
        if (w === MISSING) continue;
        if (typeof w !== 'number') throw invalidParameter(`sample(): the by() weight must be a number, got ${describe(w)}`);
        weighted.push([t, w]);
      }
      return sampleWeighted(weighted, n, random, rt);
    });
  }
}

function sampleWeighted(weighted: [Traverser, number][], n: number, random: Random, rt: Runtime): Traverser[] {
  const total = weighted.reduce((sum, [t, w]) => sum + w * t.bulk, 0);
  if (weighted.reduce((sum, [t]) => sum + t.bulk, 0) <= n) return weighted.map(([t]) => t);
  const taken = new Map<Traverser, number>();
  let count = 0;
  // Passes over the candidates: each remaining unit is drawn with its share of what the pass has not yet
  // skipped; a draw ends the pass, and passes go on until n are drawn.
  while (count < n) {
    let remaining = total;
    pass: for (const [t, w] of weighted) {
      const already = taken.get(t) ?? 0;
      for (let i = already; i < t.bulk; i++) {
        // A unit per draw: bulks can be astronomical, and weights of 0 never draw, as in TinkerPop.
        rt.tick();
        if (random.nextDouble() <= w / remaining) {
          taken.set(t, already + 1);
          count++;
          break pass;
        }
        remaining -= w;
      }
    }
  }
  return [...taken].map(([t, bulk]) => t.withBulk(bulk));
}

function sampleLocal(x: unknown, n: number, random: Random): unknown {
  if (x instanceof Map) {
    if (x.size <= n) return x;
    const entries = [...x];
    const out = new Map<unknown, unknown>();
    while (out.size < n) {
      const [[k, v]] = entries.splice(random.nextInt(entries.length), 1);
      out.set(k, v);
    }
    return out;
  }
  const items = collectionItems(x);
  if (!items || items.length <= n) return x;
  const pool = [...items];
  const out: unknown[] = [];
  while (out.length < n) out.push(pool.splice(random.nextInt(pool.length), 1)[0]);
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
