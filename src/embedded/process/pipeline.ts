import type { Plan } from './plan';
import type { Runtime } from './runtime';
import { BulkingStep, RetractStep, Step } from './step';
import type { Traverser } from './traverser';

/** The head of every pipeline: a queue its owner fills (the root seed, or a parent step's traversers). */
class StartStep extends Step {
  private queue: Traverser[] = [];
  private index = 0;

  constructor(rt: Runtime) {
    super(rt, []);
  }

  add(t: Traverser): void {
    this.queue.push(t);
  }

  next(): Traverser | undefined {
    if (this.index >= this.queue.length) return undefined;
    const t = this.queue[this.index];
    this.queue[this.index++] = undefined as unknown as Traverser;
    if (this.index === this.queue.length) {
      this.queue = [];
      this.index = 0;
    }
    return t;
  }

  get pending(): boolean {
    return this.index < this.queue.length;
  }

  override reset(): void {
    this.queue = [];
    this.index = 0;
  }
}

/** A plan instantiated for one execution: a chain of steps behind a start queue. */
export class Pipeline {
  readonly start: StartStep;
  readonly steps: readonly Step[];
  private readonly end: Step;

  constructor(
    readonly rt: Runtime,
    readonly plan: Plan,
  ) {
    this.start = new StartStep(rt);
    let prev: Step = this.start;
    const steps: Step[] = [];
    const bulking = rt.mergesTraversers;
    plan.steps.forEach((def, i) => {
      const step = def.create(rt);
      step.prev = prev;
      steps.push(step);
      prev = step;
      const kept = rt.options.keptLabels?.get(def);
      if (kept) {
        const retract = new RetractStep(rt, kept, def.labels);
        retract.prev = prev;
        steps.push(retract);
        prev = retract;
      }
      if (bulking && def.hops && i < plan.steps.length - 1) {
        const bulk = new BulkingStep(rt);
        bulk.prev = prev;
        steps.push(bulk);
        prev = bulk;
      }
    });
    this.steps = steps;
    this.end = prev;
  }

  addStart(t: Traverser): void {
    this.start.add(t);
  }

  next(): Traverser | undefined {
    return this.end.next();
  }

  reset(): void {
    this.start.reset();
    for (const s of this.steps) s.reset();
  }

  /** Runs the pipeline afresh on one traverser: the results, lazily. */
  *run(t: Traverser): IterableIterator<Traverser> {
    this.reset();
    this.addStart(t);
    for (let r = this.next(); r; r = this.next()) yield r;
  }

  /** The first result for one traverser, or undefined; the rest is not computed. */
  first(t: Traverser): Traverser | undefined {
    this.reset();
    this.addStart(t);
    return this.next();
  }
}
