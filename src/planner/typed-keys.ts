import { isAbstractType, isObjectType, type FieldNode, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { unionKeys, type KeySelection } from '../operations/projection';
import { selectedKeys } from './plan';
import { selectedFields } from './selection';

/**
 * Look-ahead for typed schemas (src/typed): which property keys a selection on a typed type reads. The served
 * schema spells every mapped field out as `@property(key: "...")`, so the keys are read from the schema
 * itself, and this works in any schema built from the typed SDL (a federated subgraph included).
 */
export function typedSelectedKeys(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[], typeName: string): KeySelection {
  const type = info.schema.getType(typeName);
  // A union or interface (TypedVertex, the author's): the keys any type it may be reads, fragments included.
  if (isAbstractType(type)) {
    return info.schema.getPossibleTypes(type).reduce<KeySelection>((keys, t) => unionKeys(keys, typedSelectedKeys(info, fieldNodes, t.name)), []);
  }
  if (!isObjectType(type)) return [];
  const fields = type.getFields();
  let keys: KeySelection = [];
  for (const field of selectedFields(info, fieldNodes, typeName)) {
    if (field.name === 'vertex') keys = unionKeys(keys, selectedKeys(info, field.nodes, 'Vertex'));
    const key = propertyKeyOf(fields[field.name]);
    if (key !== undefined) keys = unionKeys(keys, [key]);
  }
  return keys;
}

/** Keys read under `typed { ... on User { name } ... on Post { title } }`: those of every type it may be. */
export function typedVertexKeys(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[]): KeySelection {
  return typedSelectedKeys(info, fieldNodes, 'TypedVertex');
}

function propertyKeyOf(field: GraphQLField<unknown, unknown> | undefined): string | undefined {
  const directive = field?.astNode?.directives?.find((d) => d.name.value === 'property');
  const key = directive?.arguments?.find((a) => a.name.value === 'key')?.value;
  return key?.kind === 'StringValue' ? key.value : undefined;
}
