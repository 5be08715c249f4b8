import gremlin from 'gremlin';
import type { GraphQLResolveInfo } from 'graphql';
import { badInput } from '../errors';
import { anonymous, type GraphTraversal } from '../gremlin/source';
import type { NestedNode } from '../operations/nested';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../operations/page';
import type { ProjectionNode } from '../operations/projection';
import type { GremlinField, WindowArgument } from '../typed/model';
import { PARENT_ID } from '../typed/read-gremlin';
import { planProjection } from './plan';
import type { SelectedField } from './selection';

const { Bytecode } = gremlin.process;

/** The most a list field without `first`/`limit` returns per parent; a traversal yielding more is an error. */
export const MAX_GREMLIN_ITEMS = MAX_PAGE_SIZE;

/** One `@gremlin` field's arguments: what is bound, what is projected, and how much is fetched. */
export interface GremlinPlan {
  readonly bindings: Record<string, unknown>;
  readonly projection?: ProjectionNode;
  /** The `limit()` appended to each parent's traversal, so no parent's results are ever streamed unbounded. */
  readonly fetch: number;
}

/**
 * A keyed `@gremlin` field (its text starts at the parent, `V(id)`, and uses `id` nowhere else) as a nested
 * node: the rest of the traversal runs inside the parent's `by()`, the limit inside it too, so per parent.
 * Undefined for a `union` field, whose traversal needs the parent id as a value and is batched by the loaders.
 */
export function planGremlinNested(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): NestedNode | undefined {
  if (field.shape !== 'keyed') return undefined;
  const plan = planGremlinField(field, selected, info);
  return { kind: 'custom', field: field.path, traversal: keyedTraversal(field, plan), projection: plan.projection };
}

export function planGremlinField(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): GremlinPlan {
  const bindings: Record<string, unknown> = {};
  for (const arg of field.args) bindings[arg.name.value] = selected.args[arg.name.value] ?? null;
  let fetch = field.many ? MAX_GREMLIN_ITEMS + 1 : 2;
  if (field.window) {
    fetch = windowSize(field.window, selected.args[field.window.name]);
    // Bound as applied, so a text using it (`limit(first)`) agrees with the gateway when it was not given.
    bindings[field.window.name] = fetch;
  }
  return { bindings, projection: projectionFor(field, selected, info), fetch };
}

/** The traversal from the parent on, for a keyed field: the text without its leading `V(id)`. */
export function keyedTraversal(field: GremlinField, plan: GremlinPlan): GraphTraversal {
  const bound = field.compiled.bind({ ...plan.bindings, id: PARENT_ID });
  return traversalOf(bound.stepInstructions.slice(1)).limit(plan.fetch);
}

/** The whole text bound to one parent id (a `union` field), or to none (a field of Query). */
export function boundTraversal(field: GremlinField, plan: GremlinPlan, parentId?: string): GraphTraversal {
  const bindings = parentId === undefined ? plan.bindings : { ...plan.bindings, id: parentId };
  return traversalOf(field.compiled.bind(bindings).stepInstructions).limit(plan.fetch);
}

function windowSize(window: WindowArgument, given: unknown): number {
  const size = given ?? window.defaultValue ?? DEFAULT_PAGE_SIZE;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw badInput(`"${window.name}" must be zero or more`, window.name);
  if (size > MAX_PAGE_SIZE) throw badInput(`"${window.name}" may be at most ${MAX_PAGE_SIZE}`, window.name);
  return size;
}

function projectionFor(field: GremlinField, selected: SelectedField, info: GraphQLResolveInfo): ProjectionNode | undefined {
  switch (field.result.kind) {
    case 'typed':
      return planProjection(info, selected.nodes, field.result.type, 'vertex');
    case 'anyTyped':
      return planProjection(info, selected.nodes, 'TypedVertex', 'vertex');
    case 'vertex':
      return planProjection(info, selected.nodes, 'Vertex', 'vertex');
    case 'value':
      return undefined;
  }
}

function traversalOf(steps: readonly unknown[][]): GraphTraversal {
  const bytecode = new Bytecode();
  for (const [name, ...args] of steps) bytecode.addStep(String(name), args);
  return anonymous(bytecode);
}
