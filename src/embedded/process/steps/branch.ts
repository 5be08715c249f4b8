import { malformedQuery } from '../../errors';
import { arity, isBytecode, isPredicate, wrongArgument } from '../args';
import { equals } from '../compare';
import { Plan, StepDef, type CompileContext, type StepFactory } from '../plan';
import type { Pipeline } from '../pipeline';
import { compilePredicate, holds, type Predicate } from '../predicate';
import type { Runtime } from '../runtime';
import { defineStep, FilterStep, FlatMapStep, MapStep, FILTERED, Step, TraverserFlatMapStep } from '../step';
import { isEnum } from '../tokens';
import type { Traverser } from '../traverser';

/**
 * Steps that run nested traversals: union (global branches fed the stream), local/map/flatMap/filter/
 * not/and/or/coalesce/optional (the nested traversal runs afresh per traverser), choose/branch with option().
 */

export function children(step: string, args: readonly unknown[], c: CompileContext): Plan[] {
  return args.map((a) => (isBytecode(a) ? c.child(a, step) : wrongArgument(step, 'traversals', a)));
}

export function child(step: string, args: readonly unknown[], c: CompileContext): Plan {
  arity(step, args, 1);
  return children(step, args, c)[0];
}

/**
 * union(): every input goes to every branch; results come branch by branch. Branches with a barrier get all
 * input before any output (so union(count(), ...) counts everything), others stream per traverser.
 */
class UnionStep extends Step {
  private readonly branches: Pipeline[];
  private readonly drain: boolean;
  private drained = false;
  private current = 0;
  private streaming = false;

  constructor(rt: Runtime, labels: readonly string[], plans: readonly Plan[]) {
    super(rt, labels);
    this.branches = plans.map((p) => rt.pipeline(p));
    this.drain = plans.some((p) => p.hasBarrier);
  }

  next(): Traverser | undefined {
    if (this.drain) {
      if (!this.drained) {
        for (let t = this.prev.next(); t; t = this.prev.next()) for (const b of this.branches) b.addStart(t);
        this.drained = true;
      }
      while (this.current < this.branches.length) {
        const r = this.branches[this.current].next();
        if (r) return this.pass(r);
        this.current++;
      }
      return undefined;
    }
    for (;;) {
      if (this.streaming) {
        while (this.current < this.branches.length) {
          const r = this.branches[this.current].next();
          if (r) return this.pass(r);
          this.current++;
        }
        this.streaming = false;
      }
      const t = this.prev.next();
      if (!t) return undefined;
      for (const b of this.branches) b.addStart(t);
      this.current = 0;
      this.streaming = true;
    }
  }

  override reset(): void {
    for (const b of this.branches) b.reset();
    this.drained = false;
    this.current = 0;
    this.streaming = false;
  }
}

class UnionDef extends StepDef {
  constructor(private readonly plans: Plan[]) {
    super('union');
    this.isSourceCapable = true;
  }

  create(rt: Runtime): Step {
    return new UnionStep(rt, this.labels, this.plans);
  }
}

/** A step built from one nested traversal evaluated per traverser. */
function perTraverser(name: string, plan: Plan, make: (rt: Runtime, labels: readonly string[], p: Pipeline) => Step): StepDef {
  return defineStep(name, (rt, labels) => make(rt, labels, rt.pipeline(plan)));
}

function coalesce(plans: Plan[]): StepDef {
  return defineStep('coalesce', (rt, labels) => {
    const pipelines = plans.map((p) => rt.pipeline(p));
    return new TraverserFlatMapStep(rt, labels, function* (t) {
      for (const p of pipelines) {
        const first = p.first(t);
        if (!first) continue;
        yield first;
        for (let r = p.next(); r; r = p.next()) yield r;
        return;
      }
    });
  });
}

/**
 * choose()/branch(): the branch is picked per traverser by a predicate (true/false branches) or by the
 * value of a traversal matched against option() keys (Pick.none when none matches, Pick.any always).
 */
type Chooser = { kind: 'predicate'; p: Predicate } | { kind: 'traversal'; plan: Plan };

class ChooseDef extends StepDef {
  private readonly options: [unknown, Plan][] = [];

  constructor(
    name: string,
    private readonly chooser: Chooser,
    private readonly ifTrue?: Plan,
    private readonly ifFalse?: Plan,
  ) {
    super(name);
  }

  override modulate(modulator: string, args: readonly unknown[], c: CompileContext): boolean {
    if (modulator !== 'option') return false;
    if (this.ifTrue) throw malformedQuery(`option() cannot modulate ${this.name}() with true/false branches`);
    arity('option', args, 2);
    const [key, branch] = args;
    if (!isBytecode(branch)) wrongArgument('option', 'a traversal as second argument', branch);
    this.options.push([isBytecode(key) ? c.child(key, 'option') : key, c.child(branch, 'option')]);
    return true;
  }

  create(rt: Runtime): Step {
    const chooser = this.chooser;
    const pick = chooser.kind === 'traversal' ? rt.pipeline(chooser.plan) : undefined;
    if (this.ifTrue) {
      const yes = rt.pipeline(this.ifTrue);
      const no = this.ifFalse && rt.pipeline(this.ifFalse);
      return new TraverserFlatMapStep(rt, this.labels, (t) => {
        const chosen = chooser.kind === 'predicate' ? holds(chooser.p, t.object) : pick!.first(t) !== undefined;
        if (chosen) return yes.run(t);
        return no ? no.run(t) : [t];
      });
    }
    const options = this.options.map(([key, plan]) => ({ key, matches: optionMatcher(key, rt), pipeline: rt.pipeline(plan) }));
    const none = options.filter((o) => isEnum(o.key, 'Pick') && o.key.elementName === 'none');
    const any = options.filter((o) => isEnum(o.key, 'Pick') && o.key.elementName === 'any');
    const keyed = options.filter((o) => !isEnum(o.key, 'Pick'));
    return new TraverserFlatMapStep(rt, this.labels, function* (t) {
      let value: unknown;
      if (chooser.kind === 'traversal') {
        const r = pick!.first(t);
        value = r ? r.object : undefined;
      } else value = holds(chooser.p, t.object);
      const chosen = keyed.filter((o) => value !== undefined && o.matches(value));
      const branches = [...(chosen.length > 0 ? chosen : none), ...any];
      for (const b of branches) yield* b.pipeline.run(t);
    });
  }
}

/** An option() key: a value to equal, a predicate to hold, or a traversal to produce something from the value. */
function optionMatcher(key: unknown, rt: Runtime): (value: unknown) => boolean {
  if (isPredicate(key)) {
    const p = compilePredicate(key, 'option');
    return (v) => holds(p, v);
  }
  if (key instanceof Plan) {
    const pipeline = rt.pipeline(key);
    return (v) => pipeline.first(rt.fresh(v, [])) !== undefined;
  }
  return (v) => equals(v, key);
}

function choose(args: readonly unknown[], c: CompileContext): StepDef {
  arity('choose', args, 1, 3);
  const [first, ...branches] = args;
  let chooser: Chooser;
  if (isPredicate(first)) chooser = { kind: 'predicate', p: compilePredicate(first, 'choose') };
  else if (isBytecode(first)) chooser = { kind: 'traversal', plan: c.child(first, 'choose') };
  else return wrongArgument('choose', 'a traversal or a predicate', first);
  if (branches.length === 0) {
    if (chooser.kind === 'predicate') throw malformedQuery('choose() with a predicate needs a true branch');
    return new ChooseDef('choose', chooser);
  }
  const [yes, no] = children('choose', branches, c);
  return new ChooseDef('choose', chooser, yes, no);
}

export const branchSteps: Record<string, StepFactory> = {
  union: (args, c) => new UnionDef(children('union', args, c)),
  local: (args, c) => perTraverser('local', child('local', args, c), (rt, labels, p) => new TraverserFlatMapStep(rt, labels, (t) => p.run(t))),
  flatMap: (args, c) => perTraverser('flatMap', child('flatMap', args, c), (rt, labels, p) => new FlatMapStep(rt, labels, function* (t) {
    for (const r of p.run(t)) yield r.object;
  })),
  map: (args, c) => perTraverser('map', child('map', args, c), (rt, labels, p) => new MapStep(rt, labels, (t) => {
    const r = p.first(t);
    return r ? r.object : FILTERED;
  })),
  filter: (args, c) => perTraverser('filter', child('filter', args, c), (rt, labels, p) => new FilterStep(rt, labels, (t) => p.first(t) !== undefined)),
  coalesce: (args, c) => coalesce(children('coalesce', args, c)),
  optional: (args, c) => perTraverser('optional', child('optional', args, c), (rt, labels, p) => new TraverserFlatMapStep(rt, labels, function* (t) {
    const first = p.first(t);
    if (!first) {
      yield t;
      return;
    }
    yield first;
    for (let r = p.next(); r; r = p.next()) yield r;
  })),
  choose,
  branch: (args, c) => new ChooseDef('branch', { kind: 'traversal', plan: child('branch', args, c) }),
};
