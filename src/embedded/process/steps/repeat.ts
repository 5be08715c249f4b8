import { malformedQuery } from '../../errors';
import { arity, integerArg, isBytecode, stringArg, wrongArgument } from '../args';
import { StepDef, type CompileContext, type Plan, type StepFactory } from '../plan';
import type { Pipeline } from '../pipeline';
import type { Runtime } from '../runtime';
import { defineStep, MapStep, Step } from '../step';
import { TraverserSet, type LoopCounter, type Traverser } from '../traverser';

/**
 * repeat() with times/until/emit (each before repeat: checked before the first pass, "while-do"; after it:
 * checked after each pass, "do-while"), named loops and loops(). The body is one pipeline fed the stream:
 * traversers leaving the body either exit, loop back into the body, or both (emit).
 *
 * How input enters follows TinkerPop, because side effects and barriers in the body see the difference.
 * TinkerPop's RepeatStep takes one traverser in and runs the loop until nothing of it is left before taking
 * the next, so what one input's loop writes (a group('x') read back in the body) is there for the next. Only a
 * repeat that RepeatUnrollStrategy unrolls (times(n) without emit(), dedup() or loops() in the body) becomes
 * copies of its body with barriers between them, each pass then taking the input in waves of up to 2500.
 */
type Condition = { kind: 'times'; n: number } | { kind: 'traversal'; plan: Plan } | { kind: 'always' };

class RepeatDef extends StepDef {
  body: Plan | undefined;
  loopName: string | undefined;
  until: Condition | undefined;
  untilFirst = false;
  emit: Condition | undefined;
  emitFirst = false;

  constructor() {
    super('repeat');
  }

  /** Sets the body; false when this repeat already has one (a second repeat() is a new step). */
  setBody(args: readonly unknown[], c: CompileContext): boolean {
    if (this.body) return false;
    arity('repeat', args, 1, 2);
    let rest = args;
    if (args.length === 2) {
      this.loopName = stringArg('repeat', args[0], 'a loop name');
      rest = args.slice(1);
    }
    if (!isBytecode(rest[0])) wrongArgument('repeat', 'a traversal', rest[0]);
    this.body = c.child(rest[0], 'repeat');
    return true;
  }

  /** Applies times/until/emit; `first` when it comes before repeat(). */
  condition(modulator: string, args: readonly unknown[], c: CompileContext, first: boolean): boolean {
    if (modulator === 'times') {
      arity('times', args, 1);
      if (this.until) throw malformedQuery('repeat() cannot have both times() and until(), or two of either');
      this.until = { kind: 'times', n: integerArg('times', args[0]) };
      this.untilFirst = first;
      return true;
    }
    if (modulator === 'until') {
      arity('until', args, 1);
      if (this.until) throw malformedQuery('repeat() cannot have both times() and until(), or two of either');
      if (!isBytecode(args[0])) wrongArgument('until', 'a traversal', args[0]);
      this.until = { kind: 'traversal', plan: c.child(args[0], 'until') };
      this.untilFirst = first;
      return true;
    }
    if (modulator === 'emit') {
      arity('emit', args, 0, 1);
      if (this.emit) throw malformedQuery('repeat() takes one emit()');
      if (args.length === 1 && !isBytecode(args[0])) wrongArgument('emit', 'a traversal', args[0]);
      this.emit = args.length === 0 ? { kind: 'always' } : { kind: 'traversal', plan: c.child(args[0], 'emit') };
      this.emitFirst = first;
      return true;
    }
    return false;
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator === 'repeat') return this.setBody(args, c);
    return this.condition(modulator, args, c, this.body === undefined);
  }

  override finish(): void {
    if (!this.body) throw malformedQuery('The repeat()-traversal was not defined: until()/emit()/times() must go with a repeat()');
  }

  /** Unrolled, the body pass after pass: two passes show all that one pass leaves for the next. */
  override inlined(): readonly StepDef[] | undefined {
    if (!this.unrolled) return undefined;
    const steps = this.body!.steps;
    return this.until?.kind === 'times' && this.until.n > 1 ? [...steps, ...steps] : steps;
  }

  /** What RepeatUnrollStrategy unrolls: a fixed number of passes whose bodies do not depend on each other. */
  get unrolled(): boolean {
    const blocks = (plan: Plan): boolean => plan.steps.some((s) => (s.name === 'dedup' && s.gathers) || s.name === 'loops' || s.nestedPlans().some(blocks));
    return this.until?.kind === 'times' && this.until.n > 0 && !this.emit && !blocks(this.body!);
  }

  create(rt: Runtime): Step {
    return new RepeatStep(rt, this.labels, this);
  }
}

class RepeatStep extends Step {
  private readonly body: Pipeline;
  private readonly until: ((t: Traverser) => boolean) | undefined;
  private readonly emits: ((t: Traverser) => boolean) | undefined;
  /** Traversers back from a pass that re-enter through the before-the-body checks (while-do forms), in order. */
  private reentry: Traverser[] = [];
  private reentryHead = 0;
  /** Traversers for the next pass, fed to the body once it has finished the current one. */
  private readonly wave: Wave;
  /** How many traversers may enter one wave: one at a time, or in batches when unrolled. */
  private readonly intake: number;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly def: RepeatDef,
  ) {
    super(rt, labels);
    this.body = rt.pipeline(def.body!);
    this.until = def.until && condition(def.until, rt);
    this.emits = def.emit && condition(def.emit, rt);
    this.wave = new Wave(rt.mergesTraversers);
    this.intake = def.unrolled ? WAVE_SIZE : 1;
  }

  /**
   * Runs passes wave by wave: traversers for the next pass gather in the wave, which is fed to the body once
   * the body has finished with the current one. New input, and in while-do forms the traversers back from a
   * pass, enter only while the wave has room: for one traverser, or for a batch when unrolled.
   */
  next(): Traverser | undefined {
    const { def } = this;
    for (;;) {
      this.rt.tick();
      const looped = this.body.next();
      if (looped) {
        const t = looped.withLoops(increment(looped.loops));
        if (!def.untilFirst && this.until?.(t)) return this.leave(t);
        if (def.untilFirst || def.emitFirst) {
          if (this.reentry.push(t) % 65536 === 0) this.rt.checkBuffered(this.reentry.length);
        }
        else this.wave.add(t, this.rt);
        if (!def.emitFirst && this.emits?.(t)) return this.leave(t);
        continue;
      }
      let entering: Traverser | undefined;
      if (this.wave.size < this.intake) {
        entering = this.takeReentry();
        const input = entering ? undefined : this.prev.next();
        if (input) entering = input.withLoops([...(input.loops ?? []), { name: def.loopName, count: 0 }]);
      }
      if (entering) {
        if (def.untilFirst && this.until?.(entering)) return this.leave(entering);
        this.wave.add(entering, this.rt);
        if (def.emitFirst && this.emits?.(entering)) return this.leave(entering);
        continue;
      }
      if (this.wave.size === 0) return undefined;
      this.wave.drainInto(this.body);
    }
  }

  private takeReentry(): Traverser | undefined {
    if (this.reentryHead >= this.reentry.length) return undefined;
    const t = this.reentry[this.reentryHead++];
    if (this.reentryHead === this.reentry.length) {
      this.reentry = [];
      this.reentryHead = 0;
    }
    return t;
  }

  /** A traverser leaving the loop drops its counter and takes this step's labels. */
  private leave(t: Traverser): Traverser {
    const loops = t.loops && t.loops.length > 1 ? t.loops.slice(0, -1) : undefined;
    return this.pass(t.withLoops(loops));
  }

  override reset(): void {
    this.body.reset();
    this.reentry = [];
    this.reentryHead = 0;
    this.wave.clear();
  }
}

/** How many traversers an unrolled repeat's wave gathers from the input (TinkerPop's lazy barrier size). */
const WAVE_SIZE = 2500;

/**
 * The traversers of one pass, merged when equal (see TraverserSet and Runtime.mergesTraversers), so a
 * repeat over a dense graph grows with the number of distinct objects, not of walks.
 */
class Wave {
  private readonly set = new TraverserSet();
  private list: Traverser[] = [];

  constructor(private readonly merging: boolean) {}

  get size(): number {
    return this.merging ? this.set.size : this.list.length;
  }

  add(t: Traverser, rt: Runtime): void {
    if (this.merging) this.set.add(t);
    else this.list.push(t);
    if (this.size % 65536 === 0) rt.checkBuffered(this.size);
  }

  drainInto(body: Pipeline): void {
    const wave = this.merging ? this.set.drain() : this.list;
    this.list = [];
    for (const t of wave) body.addStart(t);
  }

  clear(): void {
    this.set.drain();
    this.list = [];
  }
}

function increment(loops: readonly LoopCounter[] | undefined): LoopCounter[] {
  const out = [...(loops ?? [])];
  const top = out[out.length - 1];
  out[out.length - 1] = { name: top?.name, count: (top?.count ?? 0) + 1 };
  return out;
}

function condition(c: Condition, rt: Runtime): (t: Traverser) => boolean {
  switch (c.kind) {
    case 'always':
      return () => true;
    case 'times': {
      const n = c.n;
      return (t) => (t.loops?.[t.loops.length - 1]?.count ?? 0) >= n;
    }
    case 'traversal': {
      const p = rt.pipeline(c.plan);
      return (t) => p.first(t) !== undefined;
    }
  }
}

/** times/until/emit before repeat() create the repeat they belong to; repeat() then fills in the body. */
function pendingRepeat(modulator: string): StepFactory {
  return (args, c) => {
    const def = new RepeatDef();
    def.condition(modulator, args, c, true);
    return def;
  };
}

function loopsOf(t: Traverser, name: string | undefined): number {
  const loops = t.loops ?? [];
  if (name === undefined) return loops[loops.length - 1]?.count ?? 0;
  for (let i = loops.length - 1; i >= 0; i--) if (loops[i].name === name) return loops[i].count;
  return 0;
}

export const repeatSteps: Record<string, StepFactory> = {
  repeat: (args, c) => {
    const def = new RepeatDef();
    def.setBody(args, c);
    return def;
  },
  times: pendingRepeat('times'),
  until: pendingRepeat('until'),
  emit: pendingRepeat('emit'),
  loops: (args) => {
    arity('loops', args, 0, 1);
    const name = args.length === 1 ? stringArg('loops', args[0], 'a loop name') : undefined;
    return defineStep('loops', (rt, labels) => new MapStep(rt, labels, (t) => loopsOf(t, name)));
  },
};
