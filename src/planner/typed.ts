import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { fingerprintOf } from '../operations/page';
import { pageFromInput } from './arguments';
import type { ProjectionNode } from '../operations/projection';
import type { ElementQueryNode } from '../operations/read/element-page';
import type { RelationshipQueryNode } from '../operations/read/relationship-pages';
import { labelsOf, type EdgePropertiesType, type RelationshipField, type TypedModel, type VertexType } from '../typed/model';
import { names } from '../typed/names';
import { cachedPlan } from './cache';
import { mergeProjections, type FieldPlanner } from './elements';
import { planGremlinNested } from './gremlin-fields';
import { connectionSelection, planProjection, registerPlanners } from './plan';
import type { SelectedField } from './selection';
import { edgeFilter, vertexFilter, vertexOrder } from './typed-where';

/**
 * Typed fields, their arguments and their selections as the core's operation nodes: a root list is an
 * ElementPage with the type's label, a relationship is a `relationship` nested node, a `@gremlin` field that
 * nests a `custom` one. A typed query is planned like the same generic one, so it costs what that costs: one
 * request per root field.
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

/** Makes the planner read selections of `schema` through the typed schema's model. */
export function registerTypedModel(schema: GraphQLSchema, model: TypedModel): void {
  const planners = new Map<string, FieldPlanner>();
  for (const type of model.vertexTypes) planners.set(type.name, vertexTypePlanner(model, type));
  for (const type of model.edgeTypes) planners.set(type.name, edgeTypePlanner(type));
  registerPlanners(schema, { fields: planners, labels: new Map(model.vertexTypes.map((t) => [t.name, t.label])) });
}

function vertexTypePlanner(model: TypedModel, type: VertexType): FieldPlanner {
  const byName = new Map<string, (field: SelectedField, info: GraphQLResolveInfo) => ReturnType<FieldPlanner>>();
  byName.set('vertex', (field, info) => ({ nested: { kind: 'view', projection: planProjection(info, field.nodes, 'Vertex') } }));
  for (const field of type.fields) {
    switch (field.kind) {
      case 'property':
        byName.set(field.name, () => ({ keys: [field.key] }));
        break;
      case 'relationship': {
        const relationship = (form: 'list' | 'connection' | 'one') => (selected: SelectedField, info: GraphQLResolveInfo) => ({
          nested: { kind: 'relationship' as const, query: planRelationship(model, type, field, selected, info, form) },
        });
        byName.set(field.name, relationship(field.many ? 'list' : 'one'));
        if (field.many) byName.set(names.relationshipConnectionField(field.name), relationship('connection'));
        break;
      }
      case 'gremlin':
        byName.set(field.name, (selected, info) => {
          const nested = planGremlinNested(field, selected, info);
          return nested ? { nested } : undefined;
        });
        break;
    }
  }
  return (field, info) => byName.get(field.name)?.(field, info);
}

function edgeTypePlanner(type: EdgePropertiesType): FieldPlanner {
  const keys = new Map(type.fields.map((f) => [f.name, f.key]));
  return (field) => {
    const key = keys.get(field.name);
    return key === undefined ? undefined : { keys: [key] };
  };
}

export function planTypedRoot(model: TypedModel, type: VertexType, args: TypedConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  return cachedPlan(info, `typed:${type.name}`, () => planTypedRootOnce(model, type, args, info));
}

function planTypedRootOnce(model: TypedModel, type: VertexType, args: TypedConnectionArgs, info: GraphQLResolveInfo): ElementQueryNode {
  const types = { connection: names.connection(type.name), edge: names.edge(type.name), node: type.name };
  const { projection, count } = connectionSelection(info, info.fieldNodes, types, 'vertex');
  return {
    label: type.label,
    filter: vertexFilter(model, type, args.where),
    order: vertexOrder(type, args.orderBy),
    page: pageFromInput(args.first, args.after, fingerprintOf([info.fieldName, args.where, args.orderBy])),
    projection,
    count,
  };
}

/** `form`: the list field, the generated `...Connection` field, or a to-one field (its first neighbour by id). */
export function planRelationship(
  model: TypedModel,
  type: VertexType,
  field: RelationshipField,
  selected: SelectedField,
  info: GraphQLResolveInfo,
  form: 'list' | 'connection' | 'one',
): RelationshipQueryNode {
  const args = selected.args as RelationshipArgs;
  const target = model.target(field.target)!;
  const edgeType = field.properties ? model.edgeType(field.properties) : undefined;
  let projection: ProjectionNode;
  let edgeProjection: ProjectionNode | undefined;
  let count = false;
  if (form !== 'connection') {
    projection = planProjection(info, selected.nodes, field.target, 'vertex');
  } else {
    const types = { connection: names.relationshipConnection(type, field), edge: names.relationship(type, field), node: field.target };
    const selection = connectionSelection(info, selected.nodes, types, 'vertex');
    projection = selection.projection;
    count = selection.count;
    const edges: ProjectionNode[] = [];
    for (const edgeField of selection.edgeFields) {
      if (edgeField.name === 'properties') {
        edges.push(edgeType ? planProjection(info, edgeField.nodes, edgeType.name, 'edge') : { element: 'edge', keys: 'all' });
      }
      if (edgeField.name === 'edge') edges.push(planProjection(info, edgeField.nodes, 'Edge'));
    }
    if (edges.length > 0) edgeProjection = mergeProjections('edge', edges);
  }
  const fingerprint = fingerprintOf([ownerName(model, type, field), field.name, args.where, args.edgeWhere, args.orderBy]);
  return {
    hop: { direction: field.direction, edgeLabels: [field.edgeLabel], target: 'vertex', vertexLabels: labelsOf(target) },
    filter: vertexFilter(model, target, args.where),
    edgeFilter: edgeType ? edgeFilter(edgeType, args.edgeWhere) : undefined,
    order: vertexOrder(target, args.orderBy),
    page: form === 'one' ? { offset: 0, limit: 1, fingerprint } : pageFromInput(args.first, args.after, fingerprint),
    projection,
    edgeProjection,
    count,
  };
}

/**
 * A field every member of an interface maps alike is planned as the interface's, so that the same selection
 * through the interface (`likes { creator { ... } }`) is one node for parents of all members.
 */
function ownerName(model: TypedModel, type: VertexType, field: RelationshipField): string {
  const shared = model.abstractTypes.find((a) => a.kind === 'interface' && a.members.includes(type) && a.fields.some((f) => f.name === field.name));
  return shared?.name ?? type.name;
}
