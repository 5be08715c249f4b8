import { malformedQuery } from '../../errors';
import { arity, isBytecode, isPredicate, wrongArgument } from '../args';
import { equals } from '../compare';
import { Plan, StepDef, type CompileContext, type StepFactory } from '../plan';
import type { Pipeline } from '../pipeline';
import { compilePredicate, holds, type Predicate } from '../predicate';
import type { Runtime } from '../runtime';
import { defineStep, FilterStep, MapStep, FILTERED, Step, TraverserFlatMapStep } from '../step';
import { isEnum } from '../tokens';
import { PathMode, type Traverser } from '../traverser';
import { MISSING } from '../scope';

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
 * Feeds each input to the branches `route` picks (global children, as TinkerPop's branch steps have):
 * results come branch by branch. When a branch holds a barrier (union(count(), ...), an option ending in
 * fold()), all input is routed before any output, so the barrier sees everything; otherwise it streams,
 * one input at a time.
 */
class GlobalBranchStep extends Step {
  private readonly drain: boolean;
  private drained = false;
  private active: Pipeline[] = [];
  private current = 0;

  constructor(
    rt: Runtime,
    labels: readonly string[],
    private readonly branches: readonly Pipeline[],
    private readonly route: (t: Traverser) => readonly Pipeline[],
  ) {
    super(rt, labels);
    this.drain = branches.some((b) => b.plan.hasBarrier);
  }

  next(): Traverser | undefined {
    if (this.drain && !this.drained) {
      // Only branches that received input run: a fold() in a branch nothing took stays silent.
      const fed = new Set<Pipeline>();
      for (let t = this.prev.next(); t; t = this.prev.next()) {
        for (const b of this.route(t)) {
          b.addStart(t);
          fed.add(b);
        }
      }
      this.drained = true;
      this.active = this.branches.filter((b) => fed.has(b));
      this.current = 0;
    }
    for (;;) {
      while (this.current < this.active.length) {
        const r = this.active[this.current].next();
        if (r) return this.pass(r);
        this.current++;
      }
      if (this.drain) return undefined;
      const t = this.prev.next();
      if (!t) return undefined;
      this.active = [...this.route(t)];
      for (const b of this.active) b.addStart(t);
      this.current = 0;
    }
  }

  override reset(): void {
    for (const b of this.branches) b.reset();
    this.drained = false;
    this.active = [];
    this.current = 0;
  }
}

class UnionDef extends StepDef {
  constructor(private readonly plans: Plan[]) {
    super('union');
    this.isSourceCapable = true;
  }

  create(rt: Runtime): Step {
    const branches = this.plans.map((p) => rt.pipeline(p));
    return new GlobalBranchStep(rt, this.labels, branches, () => branches);
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
    }, true);
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
    const valueOf = (t: Traverser): unknown => {
      if (chooser.kind === 'predicate') return holds(chooser.p, t.object);
      const r = pick!.first(t);
      return this.ifTrue ? r !== undefined : r ? r.object : MISSING;
    };
    // choose(cond, yes, no): options true and false, a missing `no` letting the traverser through.
    const options: [unknown, Plan][] = this.ifTrue ? [[true, this.ifTrue], [false, this.ifFalse ?? new Plan([])]] : this.options;
    const branches = options.map(([key, plan]) => ({ key, matches: optionMatcher(key, rt), pipeline: rt.pipeline(plan) }));
    const isPick = (key: unknown, name: string) => isEnum(key, 'Pick') && key.elementName === name;
    const none = branches.filter((b) => isPick(b.key, 'none')).map((b) => b.pipeline);
    const any = branches.filter((b) => isPick(b.key, 'any')).map((b) => b.pipeline);
    const keyed = branches.filter((b) => !isEnum(b.key, 'Pick'));
    return new GlobalBranchStep(
      rt,
      this.labels,
      branches.map((b) => b.pipeline),
      (t) => {
        const value = valueOf(t);
        const chosen = value === MISSING ? [] : keyed.filter((b) => b.matches(value, t)).map((b) => b.pipeline);
        return [...(chosen.length > 0 ? chosen : none), ...any];
      },
    );
  }
}

/** An option() key: a value to equal, a predicate to hold, or a traversal to produce something from the value. */
function optionMatcher(key: unknown, rt: Runtime): (value: unknown, t: Traverser) => boolean {
  if (isPredicate(key)) {
    const p = compilePredicate(key, 'option');
    return (v) => holds(p, v);
  }
  if (key instanceof Plan) {
    const pipeline = rt.pipeline(key);
    return (v, t) => pipeline.first(t.split(v, [], PathMode.None)) !== undefined;
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
  flatMap: (args, c) => perTraverser('flatMap', child('flatMap', args, c), (rt, labels, p) => new TraverserFlatMapStep(rt, labels, (t) => p.run(t), true)),
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
