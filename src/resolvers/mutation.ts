import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { badInput, gatewayError, notFound } from '../errors';
import type { RequestContext } from '../gateway/context';
import type { MutationResolvers } from '../generated/graphql';
import type { ProjectionNode } from '../operations/projection';
import { FetchVertices } from '../operations/read/fetch-elements';
import { BatchCreate } from '../operations/write/batch-create';
import { DeleteElement } from '../operations/write/delete-element';
import { CreateEdge, UpdateEdge } from '../operations/write/edge-writes';
import { CreateVertex, UpdateVertex, UpsertVertex } from '../operations/write/vertex-writes';
import { batchOf, edgeWrites, newEdge, newVertex, vertexWrites } from '../planner/mutations';
import { checkId, selectedKeys } from '../planner/plan';

/**
 * Each mutation is one traversal, so the backend applies all of it or none of it. When one fails, a read
 * afterwards works out which ids were at fault, so the error names them; that read only happens on failure.
 */
export const Mutation: MutationResolvers = {
  createVertex: async (_root, { input }, context, info) => {
    const node = newVertex(input);
    try {
      return written(await context.run(new CreateVertex(node, projection(info, 'vertex'))));
    } catch (err) {
      throw await explainConflict(err, context, node.id === undefined ? [] : [node.id]);
    }
  },

  upsertVertex: async (_root, { input }, context, info) => {
    const node = newVertex(input);
    if (node.id === undefined) throw badInput('upsertVertex needs an id to match on', 'input.id');
    const record = await context.run(new UpsertVertex({ ...node, id: node.id }, projection(info, 'vertex')));
    if (!record) throw gatewayError('CONFLICT', `Vertex "${node.id}" exists with a label other than "${node.label}"`);
    return record;
  },

  updateVertex: async (_root, { id, set, remove }, context, info) => {
    const record = await context.run(new UpdateVertex(checkId(id, 'id'), vertexWrites(set, remove), projection(info, 'vertex')));
    if (!record) throw notFound(`Vertex "${id}" does not exist`);
    return record;
  },

  deleteVertex: async (_root, { id }, context) => ({
    id,
    deleted: await context.run(new DeleteElement('vertex', checkId(id, 'id'))),
  }),

  createEdge: async (_root, { input }, context, info) => {
    const node = newEdge(input);
    try {
      return written(await context.run(new CreateEdge(node, projection(info, 'edge'))));
    } catch (err) {
      throw await explainMissingEnds(err, context, [{ id: node.from, argument: 'input.from' }, { id: node.to, argument: 'input.to' }]);
    }
  },

  updateEdge: async (_root, { id, set, remove }, context, info) => {
    const record = await context.run(new UpdateEdge(checkId(id, 'id'), edgeWrites(set, remove), projection(info, 'edge')));
    if (!record) throw notFound(`Edge "${id}" does not exist`);
    return record;
  },

  deleteEdge: async (_root, { id }, context) => ({
    id,
    deleted: await context.run(new DeleteElement('edge', checkId(id, 'id'))),
  }),

  batchCreateVertices: async (_root, { inputs }, context, info) => {
    const nodes = batchOf(inputs, newVertex);
    try {
      return await context.run(new BatchCreate('vertex', nodes, projection(info, 'vertex')));
    } catch (err) {
      throw await explainConflict(err, context, nodes.flatMap((n) => (n.id === undefined ? [] : [n.id])));
    }
  },

  batchCreateEdges: async (_root, { inputs }, context, info) => {
    const nodes = batchOf(inputs, newEdge);
    try {
      return await context.run(new BatchCreate('edge', nodes, projection(info, 'edge')));
    } catch (err) {
      const ends = nodes.flatMap((n, i) => [
        { id: n.from, argument: `inputs[${i}].from` },
        { id: n.to, argument: `inputs[${i}].to` },
      ]);
      throw await explainMissingEnds(err, context, ends);
    }
  },
};

function projection(info: GraphQLResolveInfo, element: 'vertex' | 'edge'): ProjectionNode {
  return { element, keys: selectedKeys(info, info.fieldNodes, element === 'vertex' ? 'Vertex' : 'Edge') };
}

/** A create traversal always yields what it created; no result would be a backend bug, not the user's. */
function written<T>(record: T | undefined): T {
  if (record === undefined) throw gatewayError('INTERNAL_SERVER_ERROR', 'The graph backend returned nothing for a write');
  return record;
}

async function existing(context: RequestContext, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await context.run(new FetchVertices([...new Set(ids)], { element: 'vertex', keys: [] }));
  return new Set(found.keys());
}

export async function explainConflict(err: unknown, context: RequestContext, ids: readonly string[]): Promise<unknown> {
  if (!(err instanceof GraphQLError) || err.extensions.code !== 'CONFLICT') return err;
  if (ids.length === 0) return err;
  const taken = [...((await existing(context, ids).catch(() => undefined)) ?? [])];
  if (taken.length === 0) return err;
  return gatewayError('CONFLICT', `A vertex already exists with id ${taken.map((id) => `"${id}"`).join(', ')}`, { ids: taken });
}

async function explainMissingEnds(err: unknown, context: RequestContext, ends: { id: string; argument: string }[]): Promise<unknown> {
  const found = await existing(context, ends.map((e) => e.id)).catch(() => undefined);
  const missing = found ? ends.filter((e) => !found.has(e.id)) : [];
  if (missing.length === 0) return err;
  const first = missing[0];
  return gatewayError('NOT_FOUND', `Vertex "${first.id}" (${first.argument}) does not exist; nothing was created`, {
    argument: first.argument,
  });
}
