import { printValue } from '../../gremlin/print';
import { Cardinality, __, type GraphTraversal } from '../../gremlin/source';
import type { Scalar } from '../values';

/**
 * The property changes of one mutation: keys to remove, then values to set. A scalar replaces whatever the key
 * held (single cardinality); a list replaces it with exactly those values (set cardinality), which is how a
 * multi-valued Neptune property is written.
 */
export interface PropertyWritesNode {
  readonly set: ReadonlyMap<string, Scalar | readonly Scalar[]>;
  readonly remove: readonly string[];
}

/** `fresh`: the vertex was just created, so there is nothing to clear before adding list values. */
export function applyVertexPropertyWrites(t: GraphTraversal, node: PropertyWritesNode, fresh = false): GraphTraversal {
  const listKeys = fresh ? [] : [...node.set].filter(([, v]) => Array.isArray(v)).map(([k]) => k);
  const cleared = [...node.remove, ...listKeys];
  let result = cleared.length > 0 ? t.sideEffect(__.properties(...cleared).drop()) : t;
  for (const [key, value] of node.set) {
    if (Array.isArray(value)) {
      for (const item of value) result = result.property(Cardinality.set, key, item);
    } else {
      result = result.property(Cardinality.single, key, value);
    }
  }
  return result;
}

/** Edge properties hold one value each, so there is no cardinality to choose. */
export function applyEdgePropertyWrites(t: GraphTraversal, node: PropertyWritesNode): GraphTraversal {
  let result = node.remove.length > 0 ? t.sideEffect(__.properties(...node.remove).drop()) : t;
  for (const [key, value] of node.set) result = result.property(key, value);
  return result;
}

export function printPropertyWrites(node: PropertyWritesNode): string {
  const parts = [...node.set].map(([k, v]) => `${k}=${printValue(v)}`);
  if (node.remove.length > 0) parts.push(`-${node.remove.join(', -')}`);
  return `{${parts.join(', ')}}`;
}
