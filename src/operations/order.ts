import { Order, T, __, type GraphTraversal } from '../gremlin/source';

export interface OrderNode {
  readonly keys: readonly { readonly key: string; readonly descending: boolean }[];
}

/**
 * Stands for the element id in an OrderNode (typed schemas sort by their `@id` field). Neptune's name for the
 * id column; `checkKey` refuses `~` keys from users, so no property can be mistaken for it.
 */
export const ID_ORDER_KEY = '~id';

/**
 * Sorts by each key, then by id so equal keys never reorder between pages. An element without the key sorts
 * before all that have it (after them when descending): the has-count comes first so that the stand-in value
 * for a missing key is only ever compared with other stand-ins, never with real values of another type.
 * (A bare `by(key)` would drop elements lacking the key, as Gremlin 3.6+ does for unproductive modulators.)
 */
export function applyOrder(t: GraphTraversal, node: OrderNode): GraphTraversal {
  let ordered = t.order();
  for (const { key, descending } of node.keys) {
    const direction = descending ? Order.desc : Order.asc;
    if (key === ID_ORDER_KEY) {
      ordered = ordered.by(T.id, direction);
      continue;
    }
    ordered = ordered.by(__.has(key).count(), direction).by(__.coalesce(__.values(key), __.constant('')), direction);
  }
  return ordered.by(T.id, Order.asc);
}

export function printOrder(node: OrderNode): string {
  return [...node.keys.map((k) => `${k.key} ${k.descending ? 'DESC' : 'ASC'}`), 'id ASC'].join(', ');
}
