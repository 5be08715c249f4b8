import type { Runtime } from './runtime';
import type { PathNode, Traverser } from './traverser';

export type Pop = 'first' | 'last' | 'all' | 'mixed';

/** select()'s "no such key": distinct from null, which is a value. */
export const MISSING: unique symbol = Symbol('missing');

/** Objects labelled `key` in a history, oldest first. */
export function labelled(path: PathNode | undefined, key: string): unknown[] {
  const out: unknown[] = [];
  for (let n = path; n; n = n.previous) if (n.labels.includes(key)) out.push(n.object);
  return out.reverse();
}

/**
 * The value a label names for this traverser, looked up as TinkerPop 3.7's Scoping does: a key of the
 * current map, then the traversal's side effects, then the traverser's history (as() labels). Pop applies to
 * the history only: a map entry or a side effect is one value.
 */
export function scopedValue(t: Traverser, key: string, pop: Pop, rt: Runtime): unknown {
  const object = t.object;
  if (object instanceof Map && object.has(key)) return object.get(key);
  if (rt.sideEffects.has(key)) return rt.sideEffects.get(key);
  return pathValue(t.path, key, pop);
}

export function pathValue(path: PathNode | undefined, key: string, pop: Pop): unknown {
  if (pop === 'last') {
    for (let n = path; n; n = n.previous) if (n.labels.includes(key)) return n.object;
    return MISSING;
  }
  const all = labelled(path, key);
  if (all.length === 0) return MISSING;
  if (pop === 'first') return all[0];
  if (pop === 'all') return all;
  return all.length === 1 ? all[0] : all;
}
