import { arity, integerArg, invalid } from '../args';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { CollectingStep, defineStep, FILTERED, MapStep, Step } from '../step';
import { isEnum } from '../tokens';
import type { Traverser } from '../traverser';

/**
 * range/limit/skip/tail. Global: over the stream, counting bulk, and pulling no further than needed.
 * Local (Scope.local): over the elements of the current list or map entries; a one-element result of a
 * list is the element itself, as in TinkerPop.
 */
class RangeStep extends Step {
  private seen = 0;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly low: number,
    private readonly high: number,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    while (this.high < 0 || this.seen < this.high) {
      const t = this.prev.next();
      if (!t) return undefined;
      const start = this.seen;
      this.seen += t.bulk;
      if (this.seen <= this.low) continue;
      const from = Math.max(start, this.low);
      const to = this.high < 0 ? this.seen : Math.min(this.seen, this.high);
      const bulk = to - from;
      return this.pass(bulk === t.bulk ? t : t.withBulk(bulk));
    }
    return undefined;
  }

  override reset(): void {
    this.seen = 0;
  }
}

/** Scope argument first, optional; returns whether it was local and the remaining arguments. */
export function scoped(args: readonly unknown[]): [boolean, readonly unknown[]] {
  if (args.length > 0 && isEnum(args[0], 'Scope')) return [args[0].elementName === 'local', args.slice(1)];
  return [false, args];
}

function checkRange(step: string, low: number, high: number): void {
  if (low < 0) invalid(step, `the low end of the range must not be negative: ${low}`);
  if (high >= 0 && high < low) invalid(step, `Not a legal range: [${low}, ${high}]`);
}

function rangeDef(step: string, local: boolean, low: number, high: number) {
  checkRange(step, low, high);
  if (!local) return defineStep(step, (rt, labels) => new RangeStep(rt, labels, low, high), { gathers: true });
  return defineStep(step, (rt, labels) => new MapStep(rt, labels, (t) => localRange(t.object, low, high)));
}

function localRange(x: unknown, low: number, high: number): unknown {
  const end = (n: number) => (high < 0 ? n : Math.min(high, n));
  if (x instanceof Map) return new Map([...x].slice(low, end(x.size)));
  const items = collectionItems(x);
  if (!items) return x;
  const slice = items.slice(low, end(items.length));
  // A one-element local range yields the element itself, and drops the traverser when there is none.
  return high - low === 1 ? (slice.length === 1 ? slice[0] : FILTERED) : slice;
}

export function collectionItems(x: unknown): unknown[] | undefined {
  if (Array.isArray(x)) return x;
  if (x instanceof Set) return [...x];
  return undefined;
}

function tailLocal(x: unknown, n: number): unknown {
  if (x instanceof Map) return new Map([...x].slice(Math.max(0, x.size - n)));
  const items = collectionItems(x);
  if (!items) return x;
  const slice = items.slice(Math.max(0, items.length - n));
  return n === 1 ? (slice.length === 1 ? slice[0] : FILTERED) : slice;
}

function tailGlobal(input: Traverser[], n: number): Traverser[] {
  const out: Traverser[] = [];
  let remaining = n;
  for (let i = input.length - 1; i >= 0 && remaining > 0; i--) {
    const t = input[i];
    const take = Math.min(t.bulk, remaining);
    remaining -= take;
    out.push(take === t.bulk ? t : t.withBulk(take));
  }
  return out.reverse();
}

export const rangeSteps: Record<string, StepFactory> = {
  range: (all) => {
    const [local, args] = scoped(all);
    arity('range', args, 2);
    return rangeDef('range', local, integerArg('range', args[0]), integerArg('range', args[1]));
  },
  limit: (all) => {
    const [local, args] = scoped(all);
    arity('limit', args, 1);
    return rangeDef('limit', local, 0, integerArg('limit', args[0]));
  },
  skip: (all) => {
    const [local, args] = scoped(all);
    arity('skip', args, 1);
    return rangeDef('skip', local, integerArg('skip', args[0]), -1);
  },
  tail: (all) => {
    const [local, args] = scoped(all);
    arity('tail', args, 0, 1);
    const n = args.length === 0 ? 1 : integerArg('tail', args[0]);
    if (n < 0) invalid('tail', 'the number of elements must not be negative');
    if (local) return defineStep('tail', (rt, labels) => new MapStep(rt, labels, (t) => tailLocal(t.object, n)));
    return defineStep('tail', (rt, labels) => new CollectingStep(rt, labels, (input) => tailGlobal(input, n)), { barrier: true });
  },
};
