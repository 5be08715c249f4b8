import gremlin from 'gremlin';

/**
 * A traversal source bound to no connection: the gateway only ever uses it to build bytecode, which the
 * connection layer then submits. Keeping construction and transport apart is what lets a whole GraphQL
 * selection be planned, printed and tested without a server.
 */
export const g = gremlin.process.AnonymousTraversalSource.traversal().withGraph(new gremlin.structure.Graph());
export const __ = gremlin.process.statics;
export const { P, TextP, t: T, order: Order, scope: Scope, cardinality: Cardinality, merge: Merge } = gremlin.process;
export type GraphTraversal = gremlin.process.GraphTraversal;
export type Bytecode = gremlin.process.Bytecode;

/** What the driver's `g.tx().commit()` and `rollback()` send in a session (its `Bytecode.GraphOp`, untyped). */
export const TX_COMMIT: Bytecode = new gremlin.process.Bytecode().addSource('tx', ['commit']);
export const TX_ROLLBACK: Bytecode = new gremlin.process.Bytecode().addSource('tx', ['rollback']);

/** An anonymous traversal, with no steps yet or with the given ones, for building child traversals step by step. */
export function anonymous(bytecode: Bytecode = new gremlin.process.Bytecode()): GraphTraversal {
  return new gremlin.process.GraphTraversal(null as never, null as never, bytecode);
}

/**
 * `g.V(ids...)` or `g.E(ids...)`. Without arguments the step means every element, which no lookup by id wants:
 * an empty list reaching here is a bug upstream, refused before it reads the whole graph.
 */
export function byIds(element: 'vertex' | 'edge', ids: readonly string[]): GraphTraversal {
  if (ids.length === 0) throw new Error(`A lookup by id was given no ids; ${element === 'vertex' ? 'V()' : 'E()'} would read every ${element}`);
  return element === 'vertex' ? g.V(...ids) : g.E(...ids);
}
