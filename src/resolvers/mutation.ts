import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../request/context';
import { badInput, gatewayError, notFound } from '../errors';
import type { MutationResolvers } from '../generated/graphql';
import type { ProjectionNode } from '../operations/projection';
import { BatchCreate, MAX_BATCH } from '../operations/write/batch-create';
import { DeleteElement } from '../operations/write/delete-element';
import { CreateEdge, UpdateEdge, type NewEdgeNode } from '../operations/write/edge-writes';
import { CreateVertex, UpdateVertex, UpsertVertex, type NewVertexNode } from '../operations/write/vertex-writes';
import { batchOf, edgeWrites, newEdge, newVertex, vertexWrites } from '../planner/mutations';
import { checkId } from '../planner/arguments';
import { planFieldProjection } from '../planner/plan';
import { explainConflict, explainMissingEnds, written } from './write-errors';

/**
 * Each mutation is one traversal, so the backend applies all of it or none of it (see ./write-errors); a batch
 * above one traversal's worth is several in one transaction, which is all or nothing the same way.
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
      const ends = [{ id: node.from, argument: 'input.from' }, { id: node.to, argument: 'input.to' }];
      throw await explainMissingEnds(err, context, ends, CREATED);
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
    const nodes = batchOf(inputs, newVertex, maxBatch(context));
    try {
      return await createAll(context, 'vertex', nodes, projection(info, 'vertex'));
    } catch (err) {
      throw await explainConflict(err, context, nodes.flatMap((n) => (n.id === undefined ? [] : [n.id])));
    }
  },

  batchCreateEdges: async (_root, { inputs }, context, info) => {
    const nodes = batchOf(inputs, newEdge, maxBatch(context));
    try {
      return await createAll(context, 'edge', nodes, projection(info, 'edge'));
    } catch (err) {
      const ends = nodes.flatMap((n, i) => [
        { id: n.from, argument: `inputs[${i}].from` },
        { id: n.to, argument: `inputs[${i}].to` },
      ]);
      throw await explainMissingEnds(err, context, ends, CREATED);
    }
  },
};

/** The batch limit: `NEREID_MAX_BATCH`, or one traversal's worth where there are no transactions to span more. */
function maxBatch(context: RequestContext): number {
  return context.transaction ? context.maxBatch : Math.min(context.maxBatch, MAX_BATCH);
}

/**
 * Creates a batch all or nothing: one traversal when it fits in one, else one traversal per MAX_BATCH inputs,
 * all in one transaction, committed after the last and rolled back on any failure.
 */
async function createAll<K extends 'vertex' | 'edge'>(
  context: RequestContext,
  kind: K,
  nodes: readonly (K extends 'vertex' ? NewVertexNode : NewEdgeNode)[],
  projection: ProjectionNode,
) {
  const chunks: BatchCreate<K>[] = [];
  for (let i = 0; i < nodes.length; i += MAX_BATCH) chunks.push(new BatchCreate(kind, nodes.slice(i, i + MAX_BATCH), projection));
  if (chunks.length === 1) return context.run(chunks[0]!);
  return context.transaction!(async (run) => {
    const created = [];
    for (const chunk of chunks) created.push(...(await run(chunk)));
    return created;
  });
}

const CREATED = { noun: 'Vertex', outcome: 'nothing was created' };

function projection(info: GraphQLResolveInfo, element: 'vertex' | 'edge'): ProjectionNode {
  return planFieldProjection(info, element === 'vertex' ? 'Vertex' : 'Edge');
}
