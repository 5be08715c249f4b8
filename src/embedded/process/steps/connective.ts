import { Plan, StepDef, type StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { ComparisonError } from '../predicate';
import { FilterStep, type Step } from '../step';
import { child, children } from './branch';

/** not(traversal): a traverser passes when the nested traversal produces nothing. */
export class NotDef extends StepDef {
  constructor(readonly operand: Plan) {
    super('not');
  }

  create(rt: Runtime): Step {
    const pipeline = rt.pipeline(this.operand);
    return new FilterStep(rt, this.labels, (t) => {
      rt.insideNot++;
      try {
        return pipeline.first(t) === undefined;
      } catch (err) {
        // not(error) is an error: filtered here, or passed on to an enclosing not().
        if (err instanceof ComparisonError && rt.insideNot === 1) return false;
        throw err;
      } finally {
        rt.insideNot--;
      }
    });
  }
}

/**
 * and()/or(): a traverser passes when all / any of the nested traversals produce something. Written infix
 * (`a.or().b`, `a.and().b`), the steps on either side become the operands, and binding tighter than or,
 * as TinkerPop's ConnectiveStrategy reads them.
 */
export class ConnectiveDef extends StepDef {
  constructor(
    readonly kind: 'and' | 'or',
    readonly operands: readonly Plan[],
  ) {
    super(kind);
  }

  /** Infix operands are not compiled as nested traversals; they are the steps on either side. */
  override nestedPlans(): readonly Plan[] {
    return this.operands;
  }

  /** A marker left by infix use, replaced by infixConnectives. */
  get isInfix(): boolean {
    return this.operands.length === 0;
  }

  override get labelable(): boolean {
    return !this.isInfix;
  }

  create(rt: Runtime): Step {
    const pipelines = this.operands.map((p) => rt.pipeline(p));
    if (this.kind === 'and') return new FilterStep(rt, this.labels, (t) => pipelines.every((p) => p.first(t) !== undefined));
    return new FilterStep(rt, this.labels, (t) => pipelines.some((p) => p.first(t) !== undefined));
  }
}

const isMarker = (d: StepDef, kind: 'and' | 'or'): boolean => d instanceof ConnectiveDef && d.kind === kind && d.isInfix;

function split(defs: StepDef[], kind: 'and' | 'or'): StepDef[][] {
  const groups: StepDef[][] = [[]];
  for (const d of defs) {
    if (isMarker(d, kind)) groups.push([]);
    else groups[groups.length - 1].push(d);
  }
  return groups;
}

export function infixConnectives(defs: StepDef[], root: boolean): StepDef[] {
  if (!defs.some((d) => isMarker(d, 'and') || isMarker(d, 'or'))) return defs;
  const head = root ? defs.slice(0, 1) : [];
  const body = root ? defs.slice(1) : defs;
  const alternatives = split(body, 'or').map((group) => {
    const conjuncts = split(group, 'and');
    return conjuncts.length === 1 ? conjuncts[0] : [new ConnectiveDef('and', conjuncts.map((c) => new Plan(c)))];
  });
  if (alternatives.length === 1) return [...head, ...alternatives[0]];
  return [...head, new ConnectiveDef('or', alternatives.map((a) => new Plan(a)))];
}

const connective =
  (kind: 'and' | 'or'): StepFactory =>
  (args, c) =>
    new ConnectiveDef(kind, children(kind, args, c));

export const connectiveSteps: Record<string, StepFactory> = {
  and: connective('and'),
  or: connective('or'),
  not: (args, c) => new NotDef(child('not', args, c)),
};
