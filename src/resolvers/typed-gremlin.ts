import type { GraphQLResolveInfo } from 'graphql';
import { gatewayError } from '../errors';
import type { RequestContext } from '../request/context';
import { signature } from '../operations/nested';
import { CustomTraversals } from '../operations/read/custom-traversals';
import type { VertexRecord } from '../operations/records';
import { MAX_GREMLIN_ITEMS, boundTraversal, planGremlinField, planGremlinNested } from '../planner/gremlin-fields';
import { fieldOf } from '../planner/selection';
import { RootTraversal } from '../operations/read/root-traversal';
import { labelsOf, type GremlinField, type TypedModel, type VertexType } from '../typed/model';
import { dateFromGraph } from '../typed/values';
import { nestedOr } from './nested';
import { jsonFromGraph } from './properties';

/**
 * Resolves a `@gremlin` field of a @vertex type: the planner nests it in its parent's traversal where it can
 * (src/planner/gremlin-fields.ts); here the results are checked. A field whose text uses the parent id as a value
 * can't be nested, so every parent asking for it with the same arguments in one tick shares one request through
 * the loaders, each parent's copy a branch of one `union()` (see CustomTraversals).
 */
export function gremlinFieldResolver(model: TypedModel, type: VertexType, field: GremlinField) {
  return async (parent: VertexRecord, _args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const items = (await nestedOr(parent, info, () => {
      const plan = context.planned(info, () => planGremlinField(field, fieldOf(info), info));
      const nested = planGremlinNested(field, fieldOf(info), info);
      if (nested) return context.loaders.nested(parent.id, nested, [] as unknown[]);
      return context.loaders.perParent(
        signature(['gremlin', field.path, plan]),
        parent.id,
        (parentIds) => new CustomTraversals(field.path, parentIds.map((parentId) => ({ parentId, traversal: boundTraversal(field, plan, parentId) })), plan.projection),
        [] as unknown[],
      );
    })) as unknown[];
    return fieldValue(model, field, items, `${field.path} of ${type.name} "${parent.id}"`);
  };
}

/** Resolves a `@gremlin` field of Query: one request, its arguments bound, vertices projected as above. */
export function rootGremlinResolver(model: TypedModel, field: GremlinField) {
  return async (_root: unknown, _args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) => {
    const plan = planGremlinField(field, fieldOf(info), info);
    const items = await context.run(new RootTraversal(field.path, boundTraversal(field, plan), plan.projection));
    return fieldValue(model, field, items, field.path);
  };
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
