import { malformedQuery } from '../../errors';
import { arity, isBytecode, wrongArgument } from '../args';
import { StepDef, type StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { MISSING, pathValue } from '../scope';
import { FlatMapStep, type Step } from '../step';
import type { Traverser } from '../traverser';
import { PatternSolver, patternLabels, patternsOf, type Pattern } from './patterns';

/**
 * match(patterns...): every way to bind the patterns' labels (see patterns.ts), as a map from label to
 * object. Labels already in the traverser's history are taken as bound; otherwise the first pattern's start
 * label is bound to the current object.
 */
class MatchDef extends StepDef {
  constructor(private readonly patterns: readonly Pattern[]) {
    super('match');
    this.retracts = true;
  }

  override readsLabels(): readonly string[] {
    return patternLabels(this.patterns);
  }

  create(rt: Runtime): Step {
    const solver = new PatternSolver(rt, true);
    const labels = patternLabels(this.patterns);
    const startLabel = startLabelOf(this.patterns);
    const patterns = this.patterns;
    return new FlatMapStep(rt, this.labels, function* (t: Traverser) {
      const bindings = new Map<string, unknown>();
      for (const label of labels) {
        const v = pathValue(t.path, label, 'last');
        if (v !== MISSING) bindings.set(label, v);
      }
      if (startLabel !== undefined && !bindings.has(startLabel)) bindings.set(startLabel, t.object);
      for (const solution of solver.solve(patterns, bindings, t)) {
        yield new Map([...solution].filter(([k]) => labels.includes(k)));
      }
    });
  }
}

/** The label the incoming object binds: the first walk's start that no walk reaches as its end. */
function startLabelOf(patterns: readonly Pattern[]): string | undefined {
  const walks = patterns.filter((p): p is Extract<Pattern, { kind: 'walk' }> => p.kind === 'walk');
  const ends = new Set(walks.map((w) => w.end));
  return (walks.find((w) => w.start !== undefined && !ends.has(w.start)) ?? walks[0])?.start;
}

export const matchSteps: Record<string, StepFactory> = {
  match: (args, c) => {
    arity('match', args, 1, Infinity);
    c.requirePath('labeled');
    const patterns = args.flatMap((a) => (isBytecode(a) ? patternsOf(c.child(a, 'match')) : wrongArgument('match', 'traversals', a)));
    if (!patterns.some((p) => p.kind === 'walk')) throw malformedQuery('match() needs a pattern that starts with as()');
    return new MatchDef(patterns);
  },
};
