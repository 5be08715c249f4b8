import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import type { RequestContext } from '../gateway/context';
import type { EdgeRecord, VertexRecord } from '../operations/records';
import { selectedKeys } from '../planner/plan';

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
      context.loaders.vertex(representationId(representation), selectedKeys(info, info.fieldNodes, 'Vertex')),
  },
  Edge: {
    __resolveReference: async (representation, context, info) =>
      context.loaders.edge(representationId(representation), selectedKeys(info, info.fieldNodes, 'Edge')),
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
