import type { Plan, StepDef } from './plan';

/**
 * TinkerPop's PathRetractionStrategy, which TinkerGraph applies to every traversal that reads step labels but
 * not whole paths: the steps that read labels (its PathProcessors: select, where, dedup, match, math, format)
 * then drop from the traverser's history every label that, by the strategy's analysis, no later step reads.
 *
 * The analysis is not exact, and the difference shows: it reads a repeat() body as a straight line, so a label
 * read only inside the nested traversals of body steps that come before the body's first label-reading step
 * (a `project().by(select(all, 'v'))` ahead of a `select('t')`) is dropped at the end of each pass, and the next
 * pass no longer sees what earlier passes labelled. TinkerPop's own suite expects that (g_V_shortestpath), so we
 * run the same analysis over our plans and drop the same labels at the same steps. It gives, for each
 * retracting step, the labels it keeps; nothing when the traversal needs whole paths (the strategy then stays
 * off) or reads labels known only at run time.
 *
 * The procedure, per traversal (the root first, then nested ones, depth first):
 * 1. Walking its steps backwards, collect the labels steps read; every retracting step keeps one set shared
 *    with the others that were unset (a set already given is extended with a copy instead): the labels read
 *    anywhere in the traversal.
 * 2. For each enclosing step, outermost first: if it holds more than one nested traversal, all retracting
 *    steps in them also keep this traversal's labels; and so do the retracting steps before it, and those
 *    nested in steps before it.
 * 3. Its retracting steps also keep the labels read by the enclosing steps and any step after them; inside a
 *    repeat() body, all of this traversal's labels again.
 * Match patterns keep the match's labels; a match at the end (or before dedup()) keeps only those.
 */
export function keptLabels(root: Plan): Map<StepDef, Set<string>> | undefined {
  const analysis = new Analysis();
  const all: Scope[] = [];
  const collect = (scope: Scope): void => {
    all.push(scope);
    for (const def of new Set(scope.steps)) for (const plan of def.nestedPlans()) collect({ steps: stepsOf(plan.steps), parent: { def, scope } });
  };
  collect({ steps: stepsOf(root.steps) });
  if (!all.some((s) => s.steps.some((d) => d.retracts))) return undefined;
  if (all.some((s) => s.steps.some((d) => d.readsLabels() === undefined))) return undefined;
  for (const scope of all) analysis.apply(scope);
  return analysis.keep;
}

interface Scope {
  readonly steps: readonly StepDef[];
  readonly parent?: { readonly def: StepDef; readonly scope: Scope };
}

/** A traversal's steps as TinkerPop has them when the strategy runs: unrolled repeat() bodies in line. */
function stepsOf(defs: readonly StepDef[]): StepDef[] {
  return defs.flatMap((def) => {
    const inlined = def.inlined();
    return inlined ? stepsOf(inlined) : [def];
  });
}

class Analysis {
  readonly keep = new Map<StepDef, Set<string>>();

  apply(scope: Scope): void {
    const steps = scope.steps;
    const found = new Set<string>();
    const shared = new Set<string>();
    for (let i = steps.length - 1; i >= 0; i--) {
      const def = steps[i];
      for (const l of found) shared.add(l);
      for (const l of labelsOf(def)) {
        if (found.has(l)) shared.add(l);
        else found.add(l);
      }
      if (!def.retracts) continue;
      if (def.name === 'match' && (i === steps.length - 1 || isDedup(steps[i + 1]))) this.keep.set(def, new Set(labelsOf(def)));
      else this.give(def, shared, true);
      if (scope.parent?.def.name === 'match') this.keep.set(def, new Set(labelsOf(scope.parent.def)));
    }
    for (const l of found) shared.add(l);

    const enclosing: { def: StepDef; scope: Scope }[] = [];
    for (let p = scope.parent; p; p = p.scope.parent) enclosing.unshift(p);
    const trail = new Set<string>();
    let inRepeat = false;
    for (const { def, scope: outer } of enclosing) {
      if (def.name === 'repeat') inRepeat = true;
      const nested = def.nestedPlans();
      if (nested.length > 1) nested.forEach((plan) => this.giveAll(plan, shared));
      // An unrolled body is in line twice: before its last pass come all the others.
      for (let j = outer.steps.lastIndexOf(def) - 1; j >= 0; j--) {
        const before = outer.steps[j];
        if (before.retracts) this.give(before, shared, false);
        before.nestedPlans().forEach((plan) => this.giveAll(plan, shared));
      }
      for (const l of labelsOf(def)) trail.add(l);
      for (const later of outer.steps.slice(outer.steps.indexOf(def) + 1)) for (const l of labelsOf(later)) trail.add(l);
    }
    for (const def of steps) {
      if (!def.retracts) continue;
      const kept = this.keep.get(def)!;
      for (const l of trail) kept.add(l);
      if (inRepeat) for (const l of shared) kept.add(l);
    }
  }

  /** `shared`: the step takes the set itself (if it has none yet), so later additions reach it too. */
  private give(def: StepDef, labels: Set<string>, shared: boolean): void {
    const kept = this.keep.get(def);
    if (kept) for (const l of labels) kept.add(l);
    else this.keep.set(def, shared ? labels : new Set(labels));
  }

  private giveAll(plan: Plan, labels: Set<string>): void {
    for (const def of plan.steps) {
      if (def.retracts) this.give(def, labels, false);
      def.nestedPlans().forEach((nested) => this.giveAll(nested, labels));
    }
  }
}

const labelsOf = (def: StepDef): readonly string[] => def.readsLabels() ?? [];
const isDedup = (def: StepDef | undefined) => def?.name === 'dedup' && def.retracts;
