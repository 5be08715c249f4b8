import { invalidParameter } from '../errors';
import { isBytecode } from './args';
import type { CompileContext, Plan } from './plan';
import type { Runtime } from './runtime';
import type { Traverser } from './traverser';

/**
 * An argument that is either a constant or a nested traversal evaluated against the current traverser
 * (`property('k', __.select('a'))`, `addV(__.constant('x'))`): compiled once, instantiated per execution.
 */
export type Param = { readonly constant: unknown } | { readonly plan: Plan };

export function param(x: unknown, step: string, c: CompileContext): Param {
  return isBytecode(x) ? { plan: c.child(x, step) } : { constant: x };
}

export type ParamValue = (t: Traverser) => unknown;

/** The value of a parameter for a traverser; a traversal must produce one, as TinkerPop requires. */
export function paramValue(p: Param, rt: Runtime, step: string): ParamValue {
  if ('constant' in p) {
    const value = p.constant;
    return () => value;
  }
  const pipeline = rt.pipeline(p.plan);
  return (t) => {
    const r = pipeline.first(t);
    if (!r) throw invalidParameter(`${step}(): the traversal given as a parameter produced no value`);
    return r.object;
  };
}
