import { equals } from '../compare';
import type { Plan } from '../plan';
import type { Pipeline } from '../pipeline';
import type { Runtime } from '../runtime';
import { PathNode, type Traverser } from '../traverser';
import { ConnectiveDef, NotDef } from './connective';

/**
 * Declarative patterns, as match() and where(traversal) read their nested traversals:
 * - `__.as('a')...as('b')`: from the object bound to a, walk; the end is bound to b (or, if b is bound
 *   already, must equal it); without an end label the walk only has to produce something;
 * - and(p, q): both; or(p, q) and not(p): filters over the bindings so far;
 * - a walk without a start label starts from the current object;
 * - anything else (a where(), a traversal without labels): a filter run on the current object.
 * Bindings are made visible to nested steps (where(P.gte('b')), select) as labelled history.
 */
export type Pattern =
  | { readonly kind: 'walk'; readonly start: string | undefined; readonly end: string | undefined; readonly plan: Plan }
  | { readonly kind: 'or'; readonly alternatives: readonly (readonly Pattern[])[] }
  | { readonly kind: 'not'; readonly patterns: readonly Pattern[] }
  | { readonly kind: 'filter'; readonly plan: Plan };

export function patternsOf(plan: Plan): Pattern[] {
  const steps = plan.steps;
  if (steps.length === 1 && steps[0] instanceof ConnectiveDef) {
    const def = steps[0];
    if (def.kind === 'and') return def.operands.flatMap(patternsOf);
    return [{ kind: 'or', alternatives: def.operands.map(patternsOf) }];
  }
  if (steps.length === 1 && steps[0] instanceof NotDef) return [{ kind: 'not', patterns: patternsOf(steps[0].operand) }];
  const start = plan.startLabels[0];
  const last = steps[steps.length - 1];
  const end = last && !last.isStart ? last.labels[0] : undefined;
  if (start === undefined && end === undefined) return [{ kind: 'filter', plan }];
  return [{ kind: 'walk', start, end, plan }];
}

/** Every label a pattern binds or reads as a start/end, in order of appearance. */
export function patternLabels(patterns: readonly Pattern[]): string[] {
  const out: string[] = [];
  const add = (l: string | undefined) => l !== undefined && !out.includes(l) && out.push(l);
  const visit = (p: Pattern): void => {
    if (p.kind === 'walk') {
      add(p.start);
      add(p.end);
    } else if (p.kind === 'or') p.alternatives.forEach((a) => a.forEach(visit));
    else if (p.kind === 'not') p.patterns.forEach(visit);
  };
  patterns.forEach(visit);
  return out;
}

export type Bindings = ReadonlyMap<string, unknown>;

/** Solves patterns against bindings: every complete set of bindings, lazily. */
export class PatternSolver {
  private readonly pipelines = new Map<Plan, Pipeline>();

  constructor(
    private readonly rt: Runtime,
    /** In match(), an unbound end label gets bound; in where(), it has to be bound already. */
    private readonly bindEnds: boolean,
  ) {}

  *solve(patterns: readonly Pattern[], bindings: Bindings, t: Traverser): IterableIterator<Bindings> {
    this.rt.tick();
    const index = this.nextWalk(patterns, bindings);
    if (index < 0) {
      if (this.filtersHold(patterns, bindings, t)) yield bindings;
      return;
    }
    const walk = patterns[index] as Extract<Pattern, { kind: 'walk' }>;
    const rest = patterns.filter((_, i) => i !== index);
    const from = walk.start === undefined ? t.object : bindings.get(walk.start);
    // Collected first: the pipeline is reused by the recursive solving below.
    const results = [...this.pipeline(walk.plan).run(this.traverser(t, bindings, from))];
    if (walk.end === undefined) {
      if (results.length > 0) yield* this.solve(rest, bindings, t);
      return;
    }
    const bound = bindings.has(walk.end);
    if (!bound && !this.bindEnds) return;
    for (const r of results) {
      if (bound) {
        if (equals(r.object, bindings.get(walk.end))) yield* this.solve(rest, bindings, t);
      } else {
        yield* this.solve(rest, new Map(bindings).set(walk.end, r.object), t);
      }
    }
  }

  /** The first walk whose start is bound (a walk that never gets ready leaves the patterns unsatisfied). */
  private nextWalk(patterns: readonly Pattern[], bindings: Bindings): number {
    return patterns.findIndex((p) => p.kind === 'walk' && (p.start === undefined || bindings.has(p.start)));
  }

  private filtersHold(patterns: readonly Pattern[], bindings: Bindings, t: Traverser): boolean {
    if (patterns.some((p) => p.kind === 'walk')) return false;
    return patterns.every((p) => {
      switch (p.kind) {
        case 'or':
          return p.alternatives.some((a) => !this.solve(a, bindings, t).next().done);
        case 'not':
          return this.solve(p.patterns, bindings, t).next().done === true;
        case 'filter':
          return this.pipeline(p.plan).first(this.traverser(t, bindings, t.object)) !== undefined;
        default:
          return false;
      }
    });
  }

  /** A traverser at `object` whose history holds the bindings, so nested steps can select them. */
  private traverser(t: Traverser, bindings: Bindings, object: unknown): Traverser {
    let path = t.path;
    for (const [label, value] of bindings) path = new PathNode(value, [label], path);
    return t.withPath(path).split(object, [], this.rt.pathMode);
  }

  private pipeline(plan: Plan): Pipeline {
    let p = this.pipelines.get(plan);
    if (!p) this.pipelines.set(plan, (p = this.rt.pipeline(plan)));
    return p;
  }
}
