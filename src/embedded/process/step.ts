import type { Runtime } from './runtime';
import { StepDef } from './plan';
import { retainLabels, TraverserSet, type Traverser } from './traverser';

/**
 * A running step. Steps are pulled (Volcano style): `next()` asks the previous step for input as needed and
 * returns the next output traverser, or undefined when none is available *now*. A step must stay usable
 * after returning undefined, because nested traversals (repeat bodies, union branches, by() modulators)
 * are fed more input later; `reset()` clears per-run state for nested traversals evaluated per traverser.
 */
export abstract class Step {
  // Declared and assigned rather than defined as class fields, as StepDef's are (see there).
  declare prev: Step;
  declare readonly rt: Runtime;
  declare readonly labels: readonly string[];

  constructor(rt: Runtime, labels: readonly string[]) {
    this.rt = rt;
    this.labels = labels;
  }

  abstract next(): Traverser | undefined;

  reset(): void {}

  /** The traverser moved on to a new object: its history grows per the traversal's path mode. */
  protected emit(t: Traverser, object: unknown): Traverser {
    return t.split(object, this.labels, this.rt.pathMode);
  }

  /**
   * A child traversal's result for `t`, as a map-like step (coalesce, flatMap: TinkerPop's FlatMapStep) outputs
   * it: `t` moved to the result's object, so the history gains that object alone and keeps `t`'s loops and
   * sack, not what the child walked, labelled or changed. Branch steps (union, choose, optional, local) pass
   * the child's traversers on instead. The bulk is the result's: the child started from `t`'s.
   */
  protected adopt(t: Traverser, result: Traverser): Traverser {
    const out = t.split(result.object, this.labels, this.rt.pathMode);
    out.bulk = result.bulk;
    return out;
  }

  /** The traverser passes unchanged, but this step's labels attach to its current history entry. */
  protected pass(t: Traverser): Traverser {
    return this.labels.length === 0 ? t : t.labelled(this.labels, this.rt.pathMode);
  }
}

/** Returned by a map function to drop the traverser (e.g. a by() modulator that produced nothing). */
export const FILTERED: unique symbol = Symbol('filtered');

export class MapStep extends Step {
  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly fn: (t: Traverser) => unknown,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      const object = this.fn(t);
      if (object !== FILTERED) return this.emit(t, object);
    }
    return undefined;
  }
}

export class FilterStep extends Step {
  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly test: (t: Traverser) => boolean,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      if (this.test(t)) return this.pass(t);
    }
    return undefined;
  }
}

export class SideEffectStep extends Step {
  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly effect: (t: Traverser) => void,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    const t = this.prev.next();
    if (!t) return undefined;
    this.effect(t);
    return this.pass(t);
  }
}

/** Expands each input into zero or more objects; the expansion is consumed lazily. */
export class FlatMapStep extends Step {
  private source: Traverser | undefined;
  private current: Iterator<unknown> | undefined;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly expand: (t: Traverser) => Iterable<unknown>,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (;;) {
      if (this.current) {
        const r = this.current.next();
        if (!r.done) {
          this.rt.tick();
          return this.emit(this.source!, r.value);
        }
        this.current = undefined;
      }
      const t = this.prev.next();
      if (!t) return undefined;
      this.source = t;
      this.current = this.expand(t)[Symbol.iterator]();
    }
  }

  override reset(): void {
    this.current = undefined;
    this.source = undefined;
  }
}

/**
 * Expands each input into the traversers a child traversal yields for it: passed on as they are (branching
 * steps, which keep the child's state), or adopted (map-like steps, see Step.adopt).
 */
export class TraverserFlatMapStep extends Step {
  private source: Traverser | undefined;
  private current: Iterator<Traverser> | undefined;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly expand: (t: Traverser) => Iterable<Traverser>,
    private readonly adopts = false,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    for (;;) {
      if (this.current) {
        const r = this.current.next();
        if (!r.done) {
          this.rt.tick();
          return this.adopts ? this.adopt(this.source!, r.value) : this.pass(r.value);
        }
        this.current = undefined;
      }
      const t = this.prev.next();
      if (!t) return undefined;
      this.source = t;
      this.current = this.expand(t)[Symbol.iterator]();
    }
  }

  override reset(): void {
    this.source = undefined;
    this.current = undefined;
  }
}

/**
 * Drains its input, then emits what `finish` makes of it. Re-armed after emitting, so inside a repeat body
 * each round of input is processed as a whole, as TinkerPop's collecting barriers do.
 */
export class CollectingStep extends Step {
  private output: Traverser[] | undefined;
  private index = 0;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly finish: (input: Traverser[]) => Traverser[],
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    if (!this.output || this.index >= this.output.length) {
      const input: Traverser[] = [];
      for (let t = this.prev.next(); t; t = this.prev.next()) {
        this.rt.tick();
        if (input.push(t) % 65536 === 0) this.rt.checkBuffered(input.length);
      }
      if (input.length === 0) return undefined;
      this.output = this.finish(input);
      this.index = 0;
    }
    const t = this.output[this.index++];
    return t && this.pass(t);
  }

  override reset(): void {
    this.output = undefined;
    this.index = 0;
  }
}

/**
 * Folds all input into one value and emits it as a fresh traverser, once (even for no input, e.g. count()
 * of nothing is 0) until reset. `finish` may return FILTERED for "no result" (e.g. sum() of nothing).
 */
export class ReducingStep<A> extends Step {
  private done = false;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly seed: () => A,
    private readonly add: (acc: A, t: Traverser) => A,
    private readonly finish: (acc: A) => unknown,
  ) {
    super(rt, labels);
  }

  next(): Traverser | undefined {
    if (this.done) return undefined;
    let acc = this.seed();
    for (let t = this.prev.next(); t; t = this.prev.next()) {
      this.rt.tick();
      acc = this.add(acc, t);
    }
    this.done = true;
    const result = this.finish(acc);
    return result === FILTERED ? undefined : this.rt.fresh(result, this.labels);
  }

  override reset(): void {
    this.done = false;
  }
}

/**
 * After a label-reading step: drops from each traverser's history the labels no later step reads (see
 * retraction.ts), except the step's own.
 */
export class RetractStep extends Step {
  private readonly kept: ReadonlySet<string>;

  constructor(rt: Runtime, kept: ReadonlySet<string>, own: readonly string[]) {
    super(rt, []);
    this.kept = own.length === 0 ? kept : new Set([...kept, ...own]);
  }

  next(): Traverser | undefined {
    const t = this.prev.next();
    if (!t) return undefined;
    const path = retainLabels(t.path, this.kept);
    return path === t.path ? t : t.withPath(path);
  }
}

/**
 * Merges equal traversers (see TraverserSet) a batch at a time: TinkerPop's lazy barrier. Inserted after
 * graph hops when traversers carry no full history, it keeps `out().out().out()` proportional to distinct
 * vertices rather than to walks.
 */
export class BulkingStep extends Step {
  private output: Traverser[] = [];
  private index = 0;
  private readonly set = new TraverserSet();

  constructor(rt: Runtime) {
    super(rt, []);
  }

  next(): Traverser | undefined {
    if (this.index < this.output.length) return this.output[this.index++];
    for (let n = 0; n < BULKING_BATCH; n++) {
      const t = this.prev.next();
      if (!t) break;
      this.set.add(t);
    }
    this.output = this.set.drain();
    this.index = 0;
    return this.output.length > 0 ? this.output[this.index++] : undefined;
  }

  override reset(): void {
    this.output = [];
    this.index = 0;
    this.set.drain();
  }
}

const BULKING_BATCH = 2500;

/** A StepDef from a name and a constructor, for steps that take no modulators. */
export function defineStep(name: string, create: (rt: Runtime, labels: readonly string[]) => Step, options: { barrier?: boolean; gathers?: boolean; hops?: boolean } = {}): StepDef {
  return new DefinedStep(name, create, options);
}

/**
 * One class for every defineStep() step: a class made per call (as an inline class expression would be) gives
 * each step object a shape of its own, and compiling a long traversal spent most of its time there.
 */
class DefinedStep extends StepDef {
  constructor(
    name: string,
    private readonly make: (rt: Runtime, labels: readonly string[]) => Step,
    options: { barrier?: boolean; gathers?: boolean; hops?: boolean },
  ) {
    super(name);
    this.barrier = options.barrier ?? false;
    this.gathers = options.gathers ?? false;
    this.hops = options.hops ?? false;
  }

  create(rt: Runtime): Step {
    return this.make(rt, this.labels);
  }
}
