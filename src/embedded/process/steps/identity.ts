import { arity } from '../args';
import type { StepDef, StepFactory } from '../plan';
import { Step, defineStep } from '../step';
import type { Traverser } from '../traverser';

/** identity(), and the start of a nested traversal that begins with as(). */
class IdentityStep extends Step {
  next(): Traverser | undefined {
    const t = this.prev.next();
    return t && this.pass(t);
  }
}

export function identityStart(): StepDef {
  const def = defineStep('identity', (rt, labels) => new IdentityStep(rt, labels));
  def.isStart = true;
  return def;
}

export const identitySteps: Record<string, StepFactory> = {
  identity: (args) => {
    arity('identity', args, 0);
    return defineStep('identity', (rt, labels) => new IdentityStep(rt, labels));
  },
};
