import { arity, isBytecode, isPredicate, stringArg, wrongArgument } from '../args';
import { byFor, byFunction, ByModulatedDef } from '../by';
import { StepDef, type CompileContext, type Plan, type StepFactory } from '../plan';
import { compilePredicate, holds, type PredicateLike } from '../predicate';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue } from '../scope';
import { FilterStep, type Step } from '../step';
import { PatternSolver, patternLabels, patternsOf, type Pattern } from './patterns';

/**
 * where(): compares the current object (or a labelled one: where('a', P)) with labelled objects named in a
 * predicate (where(P.eq('b'))), by() modulating the left then the right side; or filters by a nested
 * traversal, which may start from a label (`__.as('a')...`) and must then end at a label's object
 * (`...as('b')`).
 */
class WherePredicateDef extends ByModulatedDef {
  constructor(
    private readonly start: string | undefined,
    private readonly predicate: PredicateLike,
  ) {
    super('where');
    this.retracts = true;
  }

  override readsLabels(): readonly string[] {
    const labels: string[] = this.start === undefined ? [] : [this.start];
    substitute(this.predicate, (label) => labels.push(label));
    return labels;
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const start = this.start;
    const predicate = this.predicate;
    return new FilterStep(rt, this.labels, (t) => {
      const left = start === undefined ? t.object : scopedValue(t, start, 'last', rt);
      if (left === MISSING) return false;
      // by()s are taken in turn: the first for the left side, the next ones for each label on the right.
      let ring = 0;
      const modulate = (v: unknown) => {
        const fn = byFor(fns, ring++);
        return fn ? fn(t, v) : v;
      };
      const l = modulate(left);
      if (l === MISSING) return false;
      let missing = false;
      const resolved = substitute(predicate, (label) => {
        const v = scopedValue(t, label, 'last', rt);
        if (v === MISSING) {
          missing = true;
          return null;
        }
        const r = modulate(v);
        if (r === MISSING) missing = true;
        return r;
      });
      return !missing && holds(compilePredicate(resolved, 'where'), l);
    });
  }
}

/** A predicate whose values are step labels, with each label replaced by what it names for one traverser. */
function substitute(p: PredicateLike, resolve: (label: string) => unknown): PredicateLike {
  const map = (v: unknown): unknown => {
    if (isPredicate(v)) return substitute(v as PredicateLike, resolve);
    if (Array.isArray(v)) {
      // within('x') where x names a collection means "within that collection".
      if (v.length === 1 && typeof v[0] === 'string') {
        const r = resolve(v[0]);
        return Array.isArray(r) || r instanceof Set ? r : [r];
      }
      return v.map((x) => (typeof x === 'string' ? resolve(x) : x));
    }
    return typeof v === 'string' ? resolve(v) : v;
  };
  return { operator: p.operator, value: map(p.value), other: p.other === undefined || p.other === null ? p.other : map(p.other) };
}

/** where(traversal): the traversal read as patterns (see patterns.ts) over the labels in scope. */
class WhereTraversalDef extends StepDef {
  private readonly patterns: readonly Pattern[];

  constructor(plan: Plan) {
    super('where');
    this.patterns = patternsOf(plan);
    this.retracts = true;
  }

  override readsLabels(): readonly string[] {
    return patternLabels(this.patterns);
  }

  create(rt: Runtime): Step {
    const solver = new PatternSolver(rt, false);
    const labels = patternLabels(this.patterns);
    const patterns = this.patterns;
    return new FilterStep(rt, this.labels, (t) => {
      const bindings = new Map<string, unknown>();
      for (const label of labels) {
        const v = scopedValue(t, label, 'last', rt);
        if (v !== MISSING) bindings.set(label, v);
      }
      return !solver.solve(patterns, bindings, t).next().done;
    });
  }
}

function where(args: readonly unknown[], c: CompileContext) {
  arity('where', args, 1, 2);
  c.requirePath('labeled');
  if (args.length === 2) {
    const start = stringArg('where', args[0], 'a step label');
    if (!isPredicate(args[1])) wrongArgument('where', 'a predicate as second argument', args[1]);
    return new WherePredicateDef(start, args[1] as PredicateLike);
  }
  const [arg] = args;
  if (isPredicate(arg)) return new WherePredicateDef(undefined, arg as PredicateLike);
  if (isBytecode(arg)) return new WhereTraversalDef(c.child(arg, 'where'));
  return wrongArgument('where', 'a predicate or a traversal', arg);
}

export const whereSteps: Record<string, StepFactory> = { where };
