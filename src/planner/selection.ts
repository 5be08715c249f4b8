import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/** A field selected under a parent, with its arguments evaluated against the request's variables. */
export interface SelectedField {
  /** The response key: the alias, else the name. */
  readonly key: string;
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly nodes: readonly FieldNode[];
}

/**
 * The fields selected on `typeName` under the given field nodes: fragments inlined, @skip/@include applied.
 * Several nodes for one response key (`a: out` twice, or via fragments) are merged, as execution merges them.
 */
export function selectedFields(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[], typeName: string): SelectedField[] {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const byKey = new Map<string, FieldNode[]>();
  for (const node of fieldNodes) {
    if (node.selectionSet) collect(info, node.selectionSet, typeName, byKey, new Set());
  }
  const fields = type.getFields();
  const result: SelectedField[] = [];
  for (const [key, nodes] of byKey) {
    const name = nodes[0].name.value;
    const def = fields[name];
    if (!def) continue; // __typename and friends
    result.push({ key, name, args: getArgumentValues(def, nodes[0], info.variableValues), nodes });
  }
  return result;
}

function collect(
  info: GraphQLResolveInfo,
  selectionSet: SelectionSetNode,
  typeName: string,
  byKey: Map<string, FieldNode[]>,
  visitedFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(info, selection)) continue;
    switch (selection.kind) {
      case 'Field': {
        const key = selection.alias?.value ?? selection.name.value;
        const list = byKey.get(key);
        if (list) list.push(selection);
        else byKey.set(key, [selection]);
        break;
      }
      case 'InlineFragment':
        if (appliesTo(info, selection.typeCondition?.name.value, typeName)) {
          collect(info, selection.selectionSet, typeName, byKey, visitedFragments);
        }
        break;
      case 'FragmentSpread': {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (!fragment || visitedFragments.has(name)) break;
        visitedFragments.add(name);
        if (appliesTo(info, fragment.typeCondition.name.value, typeName)) {
          collect(info, fragment.selectionSet, typeName, byKey, visitedFragments);
        }
        break;
      }
    }
  }
}

function included(info: GraphQLResolveInfo, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** A fragment on an interface or union the type belongs to applies as well as one on the type itself. */
function appliesTo(info: GraphQLResolveInfo, condition: string | undefined, typeName: string): boolean {
  if (condition === undefined || condition === typeName) return true;
  const conditionType = info.schema.getType(condition);
  const type = info.schema.getType(typeName);
  return isAbstractType(conditionType) && isObjectType(type) && info.schema.isSubType(conditionType, type);
}

/** The field a resolver is resolving, as the planner sees a selected field. */
export function fieldOf(info: GraphQLResolveInfo): SelectedField {
  const parent = info.parentType.getFields()[info.fieldName];
  const key = info.fieldNodes[0].alias?.value ?? info.fieldName;
  return { key, name: info.fieldName, args: getArgumentValues(parent, info.fieldNodes[0], info.variableValues), nodes: info.fieldNodes };
}
