import type { GraphQLResolveInfo } from 'graphql';
import { fingerprintOf, pageFromInput } from '../operations/page';
import { unionKeys, type KeySelection } from '../operations/projection';
import type { ElementQueryNode } from '../operations/read/element-page';
import type { RelationshipQueryNode } from '../operations/read/relationship-pages';
import { selectedKeys } from '../planner/plan';
import { selectedFields } from '../planner/selection';
import { typedSelectedKeys } from '../planner/typed-keys';
import type { RelationshipField, TypedModel, VertexType } from './model';
import { names } from './names';
import { edgeFilter, vertexFilter, vertexOrder } from './where';

/**
 * Typed fields, their arguments and their selections as the core's operation nodes: a root list is an
 * ElementPage with the type's label, a relationship is a RelationshipPages query. Property keys are looked
 * ahead from the selection, as in the core planner, so a typed query costs what the same generic one does.
 */

export interface TypedConnectionArgs {
  where?: Record<string, unknown> | null;
  orderBy?: readonly Record<string, unknown>[] | null;
  first?: number | null;
  after?: string | null;
}

export interface RelationshipArgs extends TypedConnectionArgs {
  edgeWhere?: Record<string, unknown> | null;
}

export function planTypedRoot(model: TypedModel, type: VertexType, args: TypedConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  let keys: KeySelection = [];
  let count = false;
  for (const field of selectedFields(info, info.fieldNodes, names.connection(type.name))) {
    if (field.name === 'nodes') keys = unionKeys(keys, typedSelectedKeys(info, field.nodes, type.name));
    if (field.name === 'totalCount') count = true;
    if (field.name !== 'edges') continue;
    for (const edgeField of selectedFields(info, field.nodes, names.edge(type.name))) {
      if (edgeField.name === 'node') keys = unionKeys(keys, typedSelectedKeys(info, edgeField.nodes, type.name));
    }
  }
  return {
    label: type.label,
    filter: vertexFilter(model, type, args.where),
    order: vertexOrder(type, args.orderBy),
    page: pageFromInput(args.first, args.after, fingerprintOf([info.fieldName, args.where, args.orderBy])),
    projection: { element: 'vertex', keys },
    count,
  };
}

/** `form`: the list field, the generated `...Connection` field, or a to-one field (its first neighbour by id). */
export function planRelationship(
  model: TypedModel,
  type: VertexType,
  field: RelationshipField,
  args: RelationshipArgs,
  info: GraphQLResolveInfo,
  form: 'list' | 'connection' | 'one',
): RelationshipQueryNode {
  const target = model.typeByName(field.target)!;
  const edgeType = field.properties ? model.edgeType(field.properties) : undefined;
  let keys: KeySelection = [];
  let edgeKeys: KeySelection | undefined;
  let count = false;
  if (form !== 'connection') {
    keys = typedSelectedKeys(info, info.fieldNodes, target.name);
  } else {
    for (const selected of selectedFields(info, info.fieldNodes, names.relationshipConnection(type, field))) {
      if (selected.name === 'nodes') keys = unionKeys(keys, typedSelectedKeys(info, selected.nodes, target.name));
      if (selected.name === 'totalCount') count = true;
      if (selected.name !== 'edges') continue;
      for (const edgeField of selectedFields(info, selected.nodes, names.relationship(type, field))) {
        if (edgeField.name === 'node') keys = unionKeys(keys, typedSelectedKeys(info, edgeField.nodes, target.name));
        if (edgeField.name === 'properties') {
          edgeKeys = unionKeys(edgeKeys ?? [], edgeType ? typedSelectedKeys(info, edgeField.nodes, edgeType.name) : 'all');
        }
        if (edgeField.name === 'edge') edgeKeys = unionKeys(edgeKeys ?? [], selectedKeys(info, edgeField.nodes, 'Edge'));
      }
    }
  }
  const fingerprint = fingerprintOf([type.name, field.name, args.where, args.edgeWhere, args.orderBy]);
  return {
    hop: { direction: field.direction, edgeLabels: [field.edgeLabel], target: 'vertex', vertexLabels: [target.label] },
    filter: vertexFilter(model, target, args.where),
    edgeFilter: edgeType ? edgeFilter(edgeType, args.edgeWhere) : undefined,
    order: vertexOrder(target, args.orderBy),
    page: form === 'one' ? { offset: 0, limit: 1, fingerprint } : pageFromInput(args.first, args.after, fingerprint),
    projection: { element: 'vertex', keys },
    edgeProjection: edgeKeys === undefined ? undefined : { element: 'edge', keys: edgeKeys },
    count,
  };
}
