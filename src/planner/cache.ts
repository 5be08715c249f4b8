import type { FieldNode, GraphQLResolveInfo } from 'graphql';

/**
 * Plans of root fields, kept across requests by field node and variable values. Apollo hands every request
 * with the same text the same parsed document, and a plan depends on nothing else (the field's selection,
 * its arguments, the variables), so an app sending a few documents over and over plans each once. Plans are
 * never changed after planning (compiling copies what it appends to), so sharing them is safe. A plan that
 * fails (a bad argument) is not kept: the next request fails the same way, with its own error.
 */
const plans = new WeakMap<FieldNode, Map<string, unknown>>();
const variableKeys = new WeakMap<object, string>();
/** Variable sets kept per field: enough for an app's pages and filters, bounded against a client varying them. */
const PLANS_PER_FIELD = 32;

export function cachedPlan<T>(info: GraphQLResolveInfo, kind: string, plan: () => T): T {
  const field = info.fieldNodes[0];
  let byKey = plans.get(field);
  if (!byKey) {
    byKey = new Map();
    plans.set(field, byKey);
  }
  const key = `${kind}\u0000${variablesKey(info.variableValues)}`;
  if (byKey.has(key)) return byKey.get(key) as T;
  const planned = plan();
  if (byKey.size < PLANS_PER_FIELD) byKey.set(key, planned);
  return planned;
}

function variablesKey(variables: Record<string, unknown>): string {
  let key = variableKeys.get(variables);
  if (key === undefined) {
    key = JSON.stringify(variables);
    variableKeys.set(variables, key);
  }
  return key;
}
