import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { fingerprintOf, pageFromInput } from '../operations/page';
import { unionKeys, type KeySelection } from '../operations/projection';
import type { ElementQueryNode } from '../operations/read/element-page';
import type { RelationshipQueryNode } from '../operations/read/relationship-pages';
import { connectionSelection, selectedKeys } from './plan';
import { typedSelectedKeys } from './typed-keys';
import { labelsOf, type RelationshipField, type TypedModel, type VertexType } from '../typed/model';
import { names } from '../typed/names';
import { edgeFilter, vertexFilter, vertexOrder } from './typed-where';

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
  const types = { connection: names.connection(type.name), edge: names.edge(type.name) };
  const { keys, count } = connectionSelection(info, info.fieldNodes, types, (nodes) => typedSelectedKeys(info, nodes, type.name));
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
  const target = model.target(field.target)!;
  const edgeType = field.properties ? model.edgeType(field.properties) : undefined;
  const nodeKeys = (nodes: readonly FieldNode[]) => typedSelectedKeys(info, nodes, field.target);
  let keys: KeySelection = [];
  let edgeKeys: KeySelection | undefined;
  let count = false;
  if (form !== 'connection') {
    keys = nodeKeys(info.fieldNodes);
  } else {
    const types = { connection: names.relationshipConnection(type, field), edge: names.relationship(type, field) };
    const selection = connectionSelection(info, info.fieldNodes, types, nodeKeys);
    keys = selection.keys;
    count = selection.count;
    for (const edgeField of selection.edgeFields) {
      if (edgeField.name === 'properties') {
        edgeKeys = unionKeys(edgeKeys ?? [], edgeType ? typedSelectedKeys(info, edgeField.nodes, edgeType.name) : 'all');
      }
      if (edgeField.name === 'edge') edgeKeys = unionKeys(edgeKeys ?? [], selectedKeys(info, edgeField.nodes, 'Edge'));
    }
  }
  const fingerprint = fingerprintOf([ownerName(model, type, field), field.name, args.where, args.edgeWhere, args.orderBy]);
  return {
    hop: { direction: field.direction, edgeLabels: [field.edgeLabel], target: 'vertex', vertexLabels: labelsOf(target) },
    filter: vertexFilter(model, target, args.where),
    edgeFilter: edgeType ? edgeFilter(edgeType, args.edgeWhere) : undefined,
    order: vertexOrder(target, args.orderBy),
    page: form === 'one' ? { offset: 0, limit: 1, fingerprint } : pageFromInput(args.first, args.after, fingerprint),
    projection: { element: 'vertex', keys },
    edgeProjection: edgeKeys === undefined ? undefined : { element: 'edge', keys: edgeKeys },
    count,
  };
}

/**
 * A field every member of an interface maps alike is planned as the interface's, so that the same selection
 * through the interface (`likes { creator { ... } }`) is one query for parents of all members, batched as one.
 */
function ownerName(model: TypedModel, type: VertexType, field: RelationshipField): string {
  const shared = model.abstractTypes.find((a) => a.kind === 'interface' && a.members.includes(type) && a.fields.some((f) => f.name === field.name));
  return shared?.name ?? type.name;
}
