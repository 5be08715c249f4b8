import gremlin from 'gremlin';
import type { GraphQLResolveInfo } from 'graphql';
import { gatewayError } from '../errors';
import type { RequestContext } from '../gateway/context';
import { anonymous, type GraphTraversal } from '../gremlin/source';
import type { ProjectionNode } from '../operations/projection';
import { CustomTraversals, type CustomBatch } from '../operations/read/custom-traversals';
import type { VertexRecord } from '../operations/records';
import { selectedKeys } from '../planner/plan';
import { typedSelectedKeys, typedVertexKeys } from '../planner/typed-keys';
import { jsonFromGraph } from '../resolvers/properties';
import type { GremlinField, TypedModel, VertexType } from './model';
import { PARENT_ID } from './read-gremlin';
import { dateFromGraph } from './values';

const { Bytecode } = gremlin.process;

/**
 * Resolves a `@gremlin` field. The text was parsed when the schema was built; here it is only bound — the
 * parent id and the field's arguments as values — and batched: every parent asking for the field with the same
 * arguments in one tick shares one request (see CustomTraversals for the keyed and union shapes). Vertex
 * results get the projection of the selection appended, like any other read.
 */
export function gremlinFieldResolver(model: TypedModel, type: VertexType, field: GremlinField) {
  const name = `${type.name}.${field.name}`;
  return async (parent: VertexRecord, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const { bindings, projection, signature } = context.planned(info, () => {
      const bindings: Record<string, unknown> = {};
      for (const arg of field.args) bindings[arg.name.value] = args[arg.name.value] ?? null;
      const projection = projectionFor(field, info);
      return { bindings, projection, signature: JSON.stringify(['gremlin', name, bindings, projection]) };
    });
    const items = await context.loaders.perParent(
      signature,
      parent.id,
      (parentIds) => new CustomTraversals(name, batchOf(field, parentIds, bindings), projection),
      [] as unknown[],
    );
    const owner = `${type.name} "${parent.id}"`;
    const checked = items.map((item) => checkItem(model, field, name, item));
    if (field.many) return checked;
    if (checked.length > 1) throw gatewayError('SCHEMA_MISMATCH', `${name} of ${owner} yielded ${checked.length} results, but the field is not a list`);
    if (checked.length === 0 && field.nonNull) throw gatewayError('SCHEMA_MISMATCH', `${name} of ${owner} yielded nothing, but the field is never null`);
    return checked[0] ?? null;
  };
}

function projectionFor(field: GremlinField, info: GraphQLResolveInfo): ProjectionNode | undefined {
  switch (field.result.kind) {
    case 'typed':
      return { element: 'vertex', keys: typedSelectedKeys(info, info.fieldNodes, field.result.type) };
    case 'anyTyped':
      return { element: 'vertex', keys: typedVertexKeys(info, info.fieldNodes) };
    case 'vertex':
      return { element: 'vertex', keys: selectedKeys(info, info.fieldNodes, 'Vertex') };
    case 'value':
      return undefined;
  }
}

function batchOf(field: GremlinField, parentIds: readonly string[], bindings: Record<string, unknown>): CustomBatch {
  if (field.shape === 'keyed') {
    const bound = field.compiled.bind({ ...bindings, id: PARENT_ID });
    return { kind: 'keyed', parentIds, traversal: anonymousOf(bound.stepInstructions.slice(1)) };
  }
  return {
    kind: 'union',
    perParent: parentIds.map((parentId) => ({ parentId, traversal: anonymousOf(field.compiled.bind({ ...bindings, id: parentId }).stepInstructions) })),
  };
}

function anonymousOf(steps: readonly unknown[][]): GraphTraversal {
  const bytecode = new Bytecode();
  for (const [name, ...args] of steps) bytecode.addStep(String(name), args);
  return anonymous(bytecode);
}

function checkItem(model: TypedModel, field: GremlinField, name: string, item: unknown): unknown {
  const result = field.result;
  if (result.kind === 'typed' || result.kind === 'anyTyped') {
    const vertex = item as VertexRecord;
    const wanted = result.kind === 'typed' ? model.typeByName(result.type)! : model.typeByLabel(vertex.label);
    if (!wanted || vertex.label !== wanted.label) {
      const expected = result.kind === 'typed' ? `a ${result.type}` : 'a vertex whose label a typed type maps';
      throw gatewayError('SCHEMA_MISMATCH', `${name} yielded vertex "${vertex.id}" labelled "${vertex.label}", not ${expected}`);
    }
    return vertex;
  }
  if (result.kind === 'vertex') return item;
  return result.value.kind === 'scalar' && result.value.name === 'DateTime' ? dateFromGraph(item) : jsonFromGraph(item);
}
