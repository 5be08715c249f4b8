import { DateTimeResolver } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { gatewayError } from '../errors';
import { representationId, type Representation } from '../federation/entities';
import type { ResolverMap } from './index';
import type { RequestContext } from '../request/context';
import { ElementPage } from '../operations/read/element-page';
import type { RelationshipConnectionRecord } from '../operations/read/relationship-pages';
import { emptyConnection, type EdgeRecord, type VertexRecord } from '../operations/records';
import { checkId } from '../planner/arguments';
import { planFieldProjection } from '../planner/plan';
import { fieldOf } from '../planner/selection';
import { planRelationship, planTypedRoot, type TypedConnectionArgs } from '../planner/typed';
import type { AbstractType, EdgePropertiesType, RelationshipField, TypedModel, VertexType } from '../typed/model';
import { names } from '../typed/names';
import { fieldValue } from '../typed/values';
import { connectionResolvers, cursorEdge } from './connections';
import { NOT_NESTED, nestedOr, nestedValue } from './nested';
import { propertiesOf, withKeys } from './properties';
import { gremlinFieldResolver, rootGremlinResolver } from './typed-gremlin';
import { typedMutations } from './typed-mutations';

type Resolver = (parent: any, args: any, context: RequestContext, info: GraphQLResolveInfo) => unknown;

/**
 * Resolvers of a typed schema, to be merged over the core ones. They stay thin: plan the field (src/planner/typed.ts),
 * hand the operation to the per-request loaders or `run`, and convert property values. Typed objects are the
 * core's VertexRecords, which is what lets `Vertex.typed` and `User.vertex` move between the two views freely.
 */
export function typedResolvers(model: TypedModel): ResolverMap {
  const query: Record<string, Resolver> = {};
  const resolvers: ResolverMap = {
    DateTime: DateTimeResolver,
    TypedVertex: { __resolveType: (v: VertexRecord) => model.typeByLabel(v.label)?.name ?? null },
    Vertex: { typed: (v: VertexRecord, _args: unknown, _context: RequestContext, info: GraphQLResolveInfo) => (model.typeByLabel(v.label) ? view(v, info) : null) },
    Query: query,
    Mutation: typedMutations(model),
  };
  for (const type of model.vertexTypes) {
    query[type.singular] = async (_root: unknown, { id }: { id: string }, context: RequestContext, info: GraphQLResolveInfo) => {
      const vertex = await context.loaders.vertex(checkId(id, 'id'), planFieldProjection(info, type.name));
      return vertex && vertex.label === type.label ? vertex : null;
    };
    query[type.plural] = (_root: unknown, args: TypedConnectionArgs, context: RequestContext, info: GraphQLResolveInfo) =>
      context.run(new ElementPage<VertexRecord>(planTypedRoot(model, type, args, info)));
    resolvers[type.name] = {
      ...objectResolvers(model, type),
      // As a federation entity (src/federation): all representations of one request share one g.V(ids...).
      __resolveReference: async (representation: Representation, context: RequestContext, info: GraphQLResolveInfo) => {
        const vertex = await context.loaders.vertex(representationId(representation), planFieldProjection(info, type.name));
        return vertex && vertex.label === type.label ? vertex : null;
      },
    };
    resolvers[names.connection(type.name)] = connectionResolvers(cursorEdge<VertexRecord>);
    for (const field of type.fields) {
      if (field.kind !== 'relationship' || !field.many) continue;
      resolvers[names.relationshipConnection(type, field)] = connectionResolvers((c: RelationshipConnectionRecord, i) => ({ ...cursorEdge(c, i), edge: c.edges?.[i] }));
      resolvers[names.relationship(type, field)] = {
        properties: (r: { edge?: EdgeRecord }, _args: unknown, context: RequestContext) =>
          field.properties ? plannedEdge(r.edge) : propertiesOf(plannedEdge(r.edge), 'edge', undefined, context),
        edge: (r: { edge?: EdgeRecord }) => plannedEdge(r.edge),
      };
    }
  }
  for (const type of model.abstractTypes) resolvers[type.name] = { __resolveType: memberOf(type) };
  for (const field of model.queryFields) query[field.name] = rootGremlinResolver(model, field);
  for (const edgeType of model.edgeTypes) resolvers[edgeType.name] = edgePropertiesResolvers(edgeType);
  return resolvers;
}

function objectResolvers(model: TypedModel, type: VertexType): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {
    id: (v: VertexRecord) => v.id,
    label: (v: VertexRecord) => v.label,
    vertex: (v: VertexRecord, _args: unknown, _context: RequestContext, info: GraphQLResolveInfo) => view(v, info),
  };
  for (const field of type.fields) {
    switch (field.kind) {
      case 'id':
        resolvers[field.name] = (v: VertexRecord) => v.id;
        break;
      case 'property':
        resolvers[field.name] = async (v: VertexRecord, _args, context) =>
          fieldValue(field, (await withKeys(v, 'vertex', [field.key], context)).properties[field.key], `${type.name} "${v.id}"`);
        break;
      case 'gremlin':
        resolvers[field.name] = gremlinFieldResolver(model, type, field);
        break;
      case 'relationship':
        Object.assign(resolvers, relationshipResolvers(model, type, field));
    }
  }
  return resolvers;
}

function relationshipResolvers(model: TypedModel, type: VertexType, field: RelationshipField): Record<string, Resolver> {
  const load = (v: VertexRecord, context: RequestContext, info: GraphQLResolveInfo, form: 'list' | 'connection' | 'one') =>
    nestedOr(v, info, () => {
      const query = context.planned(info, () => planRelationship(model, type, field, fieldOf(info), info, form));
      return context.loaders.nested<RelationshipConnectionRecord>(v.id, { kind: 'relationship', query }, emptyConnection(query.count));
    }) as Promise<RelationshipConnectionRecord>;
  if (!field.many) {
    return {
      [field.name]: async (v: VertexRecord, _args, context, info) => {
        const first = (await load(v, context, info, 'one')).nodes[0];
        if (!first && field.nonNull) {
          throw gatewayError(
            'SCHEMA_MISMATCH',
            `${type.name} "${v.id}" has no ${field.edgeLabel} edge to a ${field.target}, but the schema says ${field.name} is never null`,
            { field: field.name },
          );
        }
        return first ?? null;
      },
    };
  }
  return {
    [field.name]: async (v: VertexRecord, _args, context, info) => [...(await load(v, context, info, 'list')).nodes],
    [names.relationshipConnectionField(field.name)]: (v: VertexRecord, _args, context, info) => load(v, context, info, 'connection'),
  };
}

/** The member a vertex's label maps to; relationships only reach members' labels, so another is a bug to report. */
function memberOf(type: AbstractType): (v: VertexRecord) => string {
  const byLabel = new Map(type.members.map((m) => [m.label, m.name]));
  return (v) => {
    const member = byLabel.get(v.label);
    if (member) return member;
    throw gatewayError('SCHEMA_MISMATCH', `Vertex "${v.id}" is labelled "${v.label}", which no member of ${type.name} maps (${[...byLabel.keys()].join(', ')})`);
  };
}

function edgePropertiesResolvers(type: EdgePropertiesType): Record<string, Resolver> {
  return Object.fromEntries(
    type.fields.map((field) => [
      field.name,
      async (e: EdgeRecord, _args: unknown, context: RequestContext) =>
        fieldValue(field, (await withKeys(e, 'edge', [field.key], context)).properties[field.key], `${field.key} of edge "${e.id}"`),
    ]),
  );
}

/**
 * The same vertex under another selection (`Vertex.typed`, `User.vertex`): the planner fetched it as a view
 * with that selection's nested fields; without one, the record's own nested fields (another selection's) must
 * not be read as this one's.
 */
function view(v: VertexRecord, info: GraphQLResolveInfo): VertexRecord {
  const viewed = nestedValue(v, info);
  return viewed === NOT_NESTED ? { ...v, nested: undefined } : (viewed as VertexRecord);
}

function plannedEdge(edge: EdgeRecord | undefined): EdgeRecord {
  if (!edge) throw gatewayError('INTERNAL_SERVER_ERROR', 'The edges of this relationship were not planned for this selection');
  return edge;
}
