import { badInput } from '../errors';
import { Order, T, __, type GraphTraversal } from '../gremlin/source';
import { checkKey } from './values';

export interface PropertyOrderInput {
  key: string;
  direction?: 'ASC' | 'DESC' | null;
}

export interface OrderNode {
  readonly keys: readonly { readonly key: string; readonly descending: boolean }[];
}

export const MAX_ORDER_KEYS = 5;

/**
 * Stands for the element id in an OrderNode (typed schemas sort by their `@id` field). Neptune's name for the
 * id column; `checkKey` refuses `~` keys from users, so no property can be mistaken for it.
 */
export const ID_ORDER_KEY = '~id';

export function orderFromInput(input: readonly PropertyOrderInput[] | null | undefined, argument = 'orderBy'): OrderNode {
  const list = input ?? [];
  if (list.length > MAX_ORDER_KEYS) throw badInput(`At most ${MAX_ORDER_KEYS} sort keys are allowed`, argument);
  return {
    keys: list.map((o, i) => ({ key: checkKey(o.key, `${argument}[${i}].key`), descending: o.direction === 'DESC' })),
  };
}

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
