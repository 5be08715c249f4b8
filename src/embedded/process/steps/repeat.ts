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

  create(rt: Runtime): Step {
    return new RepeatStep(rt, this.labels, this);
  }
}

class RepeatStep extends Step {
  private readonly body: Pipeline;
  private readonly until: ((t: Traverser) => boolean) | undefined;
  private readonly emits: ((t: Traverser) => boolean) | undefined;
  /** Traversers back from a pass that re-enter through the before-the-body checks (while-do forms). */
  private reentry: Traverser[] = [];
  /** Traversers for the next pass, fed to the body once it has finished the current one. */
  private readonly wave: Wave;

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
  }

  /**
   * Runs passes wave by wave: traversers for the next pass (and new input, up to a wave's size) gather in
   * the wave, which is fed to the body once the body has finished with the current one.
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
      let entering = this.reentry.pop();
      if (!entering && this.wave.size < WAVE_SIZE) {
        const input = this.prev.next();
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

  /** A traverser leaving the loop drops its counter and takes this step's labels. */
  private leave(t: Traverser): Traverser {
    const loops = t.loops && t.loops.length > 1 ? t.loops.slice(0, -1) : undefined;
    return this.pass(t.withLoops(loops));
  }

  override reset(): void {
    this.body.reset();
    this.reentry = [];
    this.wave.clear();
  }
}

/** How many traversers a wave gathers from the input before the body runs (TinkerPop's lazy barrier size). */
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
