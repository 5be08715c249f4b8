import { isUnionType, type GraphQLError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { badInput } from '../errors';
import type { RequestContext } from '../request/context';
import type { EdgeRecord, VertexRecord } from '../operations/records';
import { planFieldProjection } from '../planner/plan';

/** What a router sends in `_entities(representations:)` for one entity: its type and its key fields. */
export type Representation = { readonly __typename: string } & Record<string, unknown>;

export type ResolveReference<R> = (representation: Representation, context: RequestContext, info: GraphQLResolveInfo) => Promise<R | null>;

/**
 * `__resolveReference` of the generic entity types. Every representation goes through the per-request loaders,
 * so all representations of a type in one `_entities` call become one `g.V(ids...)` (or `g.E`), fetching the
 * union of the property keys the router's selection reads. An id that doesn't exist resolves to null, as
 * Federation expects of a missing entity.
 */
export const genericEntityResolvers: { Vertex: { __resolveReference: ResolveReference<VertexRecord> }; Edge: { __resolveReference: ResolveReference<EdgeRecord> } } = {
  Vertex: {
    __resolveReference: async (representation, context, info) =>
      context.loaders.vertex(representationId(representation), planFieldProjection(info, 'Vertex')),
  },
  Edge: {
    __resolveReference: async (representation, context, info) =>
      context.loaders.edge(representationId(representation), planFieldProjection(info, 'Edge')),
  },
};

/**
 * The id a representation is keyed by. Async resolvers turn a bad one into an error on that entity alone
 * (`_entities[i]`), leaving the others resolved. IDs may arrive as integers, as GraphQL's ID input allows.
 */
export function representationId(representation: Representation): string {
  const id = representation.id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isInteger(id)) return String(id);
  const got = id === undefined ? 'no "id"' : `"id": ${JSON.stringify(id) ?? String(id)}`;
  throw badInput(`A ${representation.__typename} representation must carry its key "id" as a non-empty string or an integer; got ${got}`, 'representations');
}

/**
 * Guards `_entities` against representations naming no entity type (a typo, a type of another subgraph, no
 * `__typename` at all): @apollo/subgraph would fail the whole field with an untyped error, or hand the raw
 * representation to a type that isn't an entity. Each such representation gets BAD_USER_INPUT at its own index
 * instead, and the others resolve as usual.
 */
export function guardRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const entityUnion = schema.getType('_Entity');
  if (!field?.resolve || !isUnionType(entityUnion)) return schema;
  const resolveEntities = field.resolve;
  const entityTypes = new Set(entityUnion.getTypes().map((t) => t.name));
  field.resolve = (root, args: { representations: Representation[] }, context, info) => {
    const valid = args.representations.filter((r) => entityTypes.has(r?.__typename));
    if (valid.length === args.representations.length) return resolveEntities(root, args, context, info);
    const resolved = [...(resolveEntities(root, { representations: valid }, context, info) as unknown[])];
    return args.representations.map((r) => (entityTypes.has(r?.__typename) ? resolved.shift() : Promise.reject(unknownType(r))));
  };
  return schema;
}

function unknownType(representation: unknown): GraphQLError {
  const typename = (representation as { __typename?: unknown } | null)?.__typename;
  const got = typename === undefined ? 'no "__typename"' : `"__typename": ${JSON.stringify(typename)}`;
  return badInput(`A representation must name an entity type of this subgraph in "__typename"; got ${got}`, 'representations');
}
