import { visit, type ASTNode, type FieldNode, type GraphQLResolveInfo } from 'graphql';

/**
 * Plans of root fields, kept across requests by field node and the values of the variables the plan can read.
 * Apollo hands every request with the same text the same parsed document, and a plan depends on nothing else
 * (the field's selection, its arguments, the variables used in them), so an app sending a few documents over
 * and over plans each once — also when a variable the plan does not read changes every time, as the id of
 * `vertex(id: $id) { ... }` does: the projection of a field's selection never reads the field's own arguments
 * (`ownArguments: false`). Plans are never changed after planning (compiling copies what it appends to), so
 * sharing them is safe. A plan that fails (a bad argument) is not kept: the next request fails the same way,
 * with its own error.
 */
const plans = new WeakMap<FieldNode, Map<string, unknown>>();
/** Variable sets kept per field: enough for an app's pages and filters, bounded against a client varying them. */
const PLANS_PER_FIELD = 32;

export function cachedPlan<T>(info: GraphQLResolveInfo, kind: string, plan: () => T, { ownArguments = true } = {}): T {
  const field = info.fieldNodes[0];
  let byKey = plans.get(field);
  if (!byKey) {
    byKey = new Map();
    plans.set(field, byKey);
  }
  const used = variablesOf(info);
  const key = `${kind}\u0000${variablesKey(ownArguments ? [...used.own, ...used.selection] : used.selection, info.variableValues)}`;
  if (byKey.has(key)) return byKey.get(key) as T;
  const planned = plan();
  if (byKey.size < PLANS_PER_FIELD) byKey.set(key, planned);
  return planned;
}

/** The variables a field uses: in its own arguments and directives, and anywhere in its selection (fragments included). */
interface UsedVariables {
  readonly own: readonly string[];
  readonly selection: readonly string[];
}

const usedVariables = new WeakMap<FieldNode, UsedVariables>();

function variablesOf(info: GraphQLResolveInfo): UsedVariables {
  const field = info.fieldNodes[0];
  let used = usedVariables.get(field);
  if (!used) {
    const own = new Set<string>();
    const selection = new Set<string>();
    const spread = new Set<string>();
    const collect = (node: ASTNode, into: Set<string>): void => {
      visit(node, {
        Variable: (variable) => void into.add(variable.name.value),
        FragmentSpread: (fragment) => {
          const definition = info.fragments[fragment.name.value];
          if (definition && !spread.has(fragment.name.value)) {
            spread.add(fragment.name.value);
            collect(definition, into);
          }
        },
      });
    };
    for (const node of info.fieldNodes) {
      for (const argument of node.arguments ?? []) collect(argument, own);
      for (const directive of node.directives ?? []) collect(directive, own);
      if (node.selectionSet) collect(node.selectionSet, selection);
    }
    used = { own: [...own].sort(), selection: [...selection].sort() };
    usedVariables.set(field, used);
  }
  return used;
}

/** The values of `names`; an absent variable stays apart from one given as null (its default may apply). */
function variablesKey(names: readonly string[], variables: Record<string, unknown>): string {
  if (names.length === 0) return '';
  const values: Record<string, unknown> = {};
  for (const name of names) values[name] = variables[name];
  return JSON.stringify(values);
}
