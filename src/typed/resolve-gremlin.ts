import gremlin from 'gremlin';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput, gatewayError } from '../errors';
import type { RequestContext } from '../gateway/context';
import { anonymous, type GraphTraversal } from '../gremlin/source';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../operations/page';
import type { ProjectionNode } from '../operations/projection';
import { CustomTraversals, type CustomBatch } from '../operations/read/custom-traversals';
import type { VertexRecord } from '../operations/records';
import { selectedKeys } from '../planner/plan';
import { typedSelectedKeys, typedVertexKeys } from '../planner/typed-keys';
import { jsonFromGraph } from '../resolvers/properties';
import { labelsOf, type GremlinField, type TypedModel, type VertexType, type WindowArgument } from './model';
import { PARENT_ID } from './read-gremlin';
import { RootTraversal } from './root-traversal';
import { dateFromGraph } from './values';

const { Bytecode } = gremlin.process;

/** The most a list field without `first`/`limit` returns per parent; a traversal yielding more is an error. */
export const MAX_GREMLIN_ITEMS = MAX_PAGE_SIZE;

/** One field's arguments, planned once per request: what is bound, what is projected, and how much is fetched. */
interface GremlinPlan {
  readonly bindings: Record<string, unknown>;
  readonly projection?: ProjectionNode;
  /** The `limit()` appended to each parent's traversal, so no parent's results are ever streamed unbounded. */
  readonly fetch: number;
  readonly signature: string;
}

/**
 * Resolves a `@gremlin` field of a @vertex type. The text was parsed when the schema was built; here it is only
 * bound — the parent id and the field's arguments as values — and batched: every parent asking for the field
 * with the same arguments in one tick shares one request (see CustomTraversals for the keyed and union shapes).
 * Vertex results get the projection of the selection appended, like any other read.
 */
export function gremlinFieldResolver(model: TypedModel, type: VertexType, field: GremlinField) {
  return async (parent: VertexRecord, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const plan = context.planned(info, () => planField(field, args, info));
    const items = await context.loaders.perParent(
      plan.signature,
      parent.id,
      (parentIds) => new CustomTraversals(field.path, batchOf(field, parentIds, plan), plan.projection),
      [] as unknown[],
    );
    return fieldValue(model, field, items, `${field.path} of ${type.name} "${parent.id}"`);
  };
}

/** Resolves a `@gremlin` field of Query: one request, its arguments bound, vertices projected as above. */
export function rootGremlinResolver(model: TypedModel, field: GremlinField) {
  return async (_root: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const plan = planField(field, args, info);
    const bound = traversalOf(field.compiled.bind(plan.bindings).stepInstructions).limit(plan.fetch);
    const items = await context.run(new RootTraversal(field.path, bound, plan.projection));
    return fieldValue(model, field, items, field.path);
  };
}

function planField(field: GremlinField, args: Record<string, unknown>, info: GraphQLResolveInfo): GremlinPlan {
  const bindings: Record<string, unknown> = {};
  for (const arg of field.args) bindings[arg.name.value] = args[arg.name.value] ?? null;
  let fetch = field.many ? MAX_GREMLIN_ITEMS + 1 : 2;
  if (field.window) {
    fetch = windowSize(field.window, args[field.window.name]);
    // Bound as applied, so a text using it (`limit(first)`) agrees with the gateway when it was not given.
    bindings[field.window.name] = fetch;
  }
  const projection = projectionFor(field, info);
  return { bindings, projection, fetch, signature: JSON.stringify(['gremlin', field.path, bindings, projection]) };
}

function windowSize(window: WindowArgument, given: unknown): number {
  const size = given ?? window.defaultValue ?? DEFAULT_PAGE_SIZE;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw badInput(`"${window.name}" must be zero or more`, window.name);
  if (size > MAX_PAGE_SIZE) throw badInput(`"${window.name}" may be at most ${MAX_PAGE_SIZE}`, window.name);
  return size;
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

/** The limit sits inside each parent's own traversal (in `by()` or its `union()` branch), so it counts per parent. */
function batchOf(field: GremlinField, parentIds: readonly string[], plan: GremlinPlan): CustomBatch {
  if (field.shape === 'keyed') {
    const bound = field.compiled.bind({ ...plan.bindings, id: PARENT_ID });
    return { kind: 'keyed', parentIds, traversal: traversalOf(bound.stepInstructions.slice(1)).limit(plan.fetch) };
  }
  return {
    kind: 'union',
    perParent: parentIds.map((parentId) => ({
      parentId,
      traversal: traversalOf(field.compiled.bind({ ...plan.bindings, id: parentId }).stepInstructions).limit(plan.fetch),
    })),
  };
}

function traversalOf(steps: readonly unknown[][]): GraphTraversal {
  const bytecode = new Bytecode();
  for (const [name, ...args] of steps) bytecode.addStep(String(name), args);
  return anonymous(bytecode);
}

/** `owner` names where the results came from, for errors: `User.friends of User "ada"` or `Query.top`. */
function fieldValue(model: TypedModel, field: GremlinField, items: readonly unknown[], owner: string): unknown {
  if (field.many && !field.window && items.length > MAX_GREMLIN_ITEMS) {
    throw gatewayError(
      'QUERY_TOO_LARGE',
      `${owner} yielded more than ${MAX_GREMLIN_ITEMS} results, the most a @gremlin list field returns; ` +
        'narrow the traversal, or give the field a first: Int argument to take a window of it',
      { field: field.path },
    );
  }
  const checked = items.map((item) => checkItem(model, field, item));
  if (field.many) return checked;
  if (checked.length > 1) throw gatewayError('SCHEMA_MISMATCH', `${owner} yielded more than one result, but the field is not a list`);
  if (checked.length === 0 && field.nonNull) throw gatewayError('SCHEMA_MISMATCH', `${owner} yielded nothing, but the field is never null`);
  return checked[0] ?? null;
}

function checkItem(model: TypedModel, field: GremlinField, item: unknown): unknown {
  const result = field.result;
  if (result.kind === 'typed' || result.kind === 'anyTyped') {
    const vertex = item as VertexRecord;
    const labels = result.kind === 'typed' ? labelsOf(model.target(result.type)!) : undefined;
    if (labels ? !labels.includes(vertex.label) : !model.typeByLabel(vertex.label)) {
      const expected = result.kind === 'typed' ? `a ${result.type}` : 'a vertex whose label a typed type maps';
      throw gatewayError('SCHEMA_MISMATCH', `${field.path} yielded vertex "${vertex.id}" labelled "${vertex.label}", not ${expected}`);
    }
    return vertex;
  }
  if (result.kind === 'vertex') return item;
  return result.value.kind === 'scalar' && result.value.name === 'DateTime' ? dateFromGraph(item) : jsonFromGraph(item);
}
