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
const plans = new WeakMap<FieldNode, Map<string, FieldPlans>>();
/** Variable sets kept per field: enough for an app's pages and filters, bounded against a client varying them. */
const PLANS_PER_FIELD = 32;

/** The plans of one field as graphql-js hands it over: its merged field nodes and the type it is on. */
interface FieldPlans {
  readonly used: UsedVariables;
  readonly byVariables: Map<string, unknown>;
}

export function cachedPlan<T>(info: GraphQLResolveInfo, kind: string, plan: () => T, { ownArguments = true } = {}): T {
  const { used, byVariables } = fieldPlans(info);
  const key = `${kind}\u0000${variablesKey(ownArguments ? [...used.own, ...used.selection] : used.selection, info.variableValues)}`;
  if (byVariables.has(key)) return byVariables.get(key) as T;
  const planned = plan();
  if (byVariables.size < PLANS_PER_FIELD) byVariables.set(key, planned);
  return planned;
}

/**
 * Below an interface or union the same first field node can arrive merged with different siblings (fragments on
 * each member type), so the entry is per parent type and per set of field nodes, not per first node alone.
 */
function fieldPlans(info: GraphQLResolveInfo): FieldPlans {
  const first = info.fieldNodes[0];
  let byNodes = plans.get(first);
  if (!byNodes) {
    byNodes = new Map();
    plans.set(first, byNodes);
  }
  const nodes = `${info.parentType.name}:${info.fieldNodes.map(nodeNumber).join(',')}`;
  let entry = byNodes.get(nodes);
  if (!entry) {
    entry = { used: variablesOf(info), byVariables: new Map() };
    byNodes.set(nodes, entry);
  }
  return entry;
}

const nodeNumbers = new WeakMap<FieldNode, number>();
let nodesNumbered = 0;

function nodeNumber(node: FieldNode): number {
  let n = nodeNumbers.get(node);
  if (n === undefined) nodeNumbers.set(node, (n = nodesNumbered++));
  return n;
}

/** The variables a field uses: in its own arguments and directives, and anywhere in its selection (fragments included). */
interface UsedVariables {
  readonly own: readonly string[];
  readonly selection: readonly string[];
}

function variablesOf(info: GraphQLResolveInfo): UsedVariables {
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
  return { own: [...own].sort(), selection: [...selection].sort() };
}

/** The values of `names`; an absent variable stays apart from one given as null (its default may apply). */
function variablesKey(names: readonly string[], variables: Record<string, unknown>): string {
  if (names.length === 0) return '';
  const values: Record<string, unknown> = {};
  for (const name of names) values[name] = variables[name];
  return JSON.stringify(values);
}
