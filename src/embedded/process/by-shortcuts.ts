import { Edge, Vertex, VertexProperty } from '../structure';
import { asBytecode, type BytecodeLike } from './args';
import { propertiesOf, resolveElement } from './elements';
import type { Runtime } from './runtime';

/**
 * by() traversals answered without running them, in the spirit of TinkerPop's ByModulatorOptimizationStrategy
 * (which answers `by(values('k'))` as `by('k')`): the two by()s of an order that keeps the elements lacking its
 * key, as the gateway writes it,
 *
 *   order().by(has(k).count()).by(coalesce(values(k), constant(c)))
 *
 * would otherwise reset and run a nested pipeline twice per element sorted. The traversal is still compiled
 * (and still runs for any object a shortcut does not cover); a shortcut gives what its traversal would give
 * to the same object and bulk, reading properties through the same visibility rules.
 */
export type ByShortcut = (rt: Runtime) => (object: unknown, bulk: number) => unknown;

/** What a shortcut answers for an object it does not cover: the traversal then runs as written. */
export const RUN_TRAVERSAL: unique symbol = Symbol('run the traversal');

export function byShortcut(x: unknown): ByShortcut | undefined {
  const steps = plainSteps(x);
  if (!steps) return undefined;
  // has(k).count(): the traverser's bulk if the object has the key, else 0.
  if (steps.length === 2 && isStep(steps[0], 'has', 1) && typeof steps[0][1] === 'string' && isStep(steps[1], 'count', 0)) {
    const key = steps[0][1];
    return (rt) => (object, bulk) => {
      rt.tick();
      return propertiesOf(object, [key], rt).length > 0 ? bulk : 0;
    };
  }
  // coalesce(values(k), constant(c)): the first value of the key, else c; values() refuses non-elements.
  if (steps.length === 1 && isStep(steps[0], 'coalesce', 2)) {
    const [values, constant] = [plainSteps(steps[0][1]), plainSteps(steps[0][2])];
    if (values?.length !== 1 || !isStep(values[0], 'values', 1) || typeof values[0][1] !== 'string') return undefined;
    if (constant?.length !== 1 || !isStep(constant[0], 'constant', 1)) return undefined;
    const key = values[0][1];
    const fallback = constant[0][1];
    return (rt) => (object) => {
      const element = resolveElement(object, rt);
      if (!(element instanceof Vertex || element instanceof Edge || element instanceof VertexProperty)) return RUN_TRAVERSAL;
      rt.tick();
      const found = propertiesOf(element, [key], rt);
      return found.length > 0 ? found[0].value : fallback;
    };
  }
  return undefined;
}

type Instruction = readonly unknown[];

/** The step instructions of an anonymous traversal, or undefined for anything else. */
function plainSteps(x: unknown): readonly Instruction[] | undefined {
  const bytecode: BytecodeLike | undefined = asBytecode(x);
  if (!bytecode || bytecode.sourceInstructions.length > 0) return undefined;
  return bytecode.stepInstructions as readonly Instruction[];
}

function isStep(instruction: Instruction, name: string, args: number): boolean {
  return Array.isArray(instruction) && instruction[0] === name && instruction.length === args + 1;
}
