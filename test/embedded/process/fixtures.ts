import gremlin from 'gremlin';
import { compileTraversal, type ExecutionContext } from '../../../src/embedded/process';
import { Graph, TINKERGRAPH, type GraphProfile } from '../../../src/embedded/structure';

/**
 * Traversal sources and anonymous traversals as the driver builds them; only their bytecode is used. Typed
 * loosely: @types/gremlin predates the 3.7 steps these tests exercise.
 */
type Step = (...args: any[]) => Built;
export type Built = { [step: string]: Step } & { getBytecode(): gremlin.process.Bytecode };
export const g = gremlin.process.AnonymousTraversalSource.traversal().withGraph(new gremlin.structure.Graph()) as unknown as Built;
export const __ = gremlin.process.statics as unknown as Built;
export const { P, TextP, t: T, order: Order, scope: Scope, column: Column, pop: Pop, cardinality: Cardinality, direction: Direction, merge: Merge, operator: Operator, pick: Pick, barrier: Barrier, withOptions: WithOptions } = gremlin.process;
export const DT = (gremlin.process as unknown as { dt: Record<'second' | 'minute' | 'hour' | 'day', unknown> }).dt;
export const strategies = require('gremlin/lib/process/traversal-strategy') as Record<string, new (options?: object) => object>;

/** TinkerPop's "modern" toy graph, with its numeric ids stored as strings as the embedded store does. */
export function modern(profile: GraphProfile = TINKERGRAPH): Graph {
  const graph = new Graph(profile);
  graph.transact((tx) => {
    const person = (id: string, name: string, age: number) => {
      const v = tx.addVertex(['person'], id);
      tx.addVertexProperty(v, 'name', name, 'single');
      tx.addVertexProperty(v, 'age', age, 'single');
      return v;
    };
    const software = (id: string, name: string) => {
      const v = tx.addVertex(['software'], id);
      tx.addVertexProperty(v, 'name', name, 'single');
      tx.addVertexProperty(v, 'lang', 'java', 'single');
      return v;
    };
    const marko = person('1', 'marko', 29);
    const vadas = person('2', 'vadas', 27);
    const lop = software('3', 'lop');
    const josh = person('4', 'josh', 32);
    const ripple = software('5', 'ripple');
    const peter = person('6', 'peter', 35);
    const edge = (id: string, label: string, from: typeof marko, to: typeof marko, weight: number) => tx.setEdgeProperty(tx.addEdge(label, from, to, id), 'weight', weight);
    edge('7', 'knows', marko, vadas, 0.5);
    edge('8', 'knows', marko, josh, 1.0);
    edge('9', 'created', marko, lop, 0.4);
    edge('10', 'created', josh, ripple, 1.0);
    edge('11', 'created', josh, lop, 0.4);
    edge('12', 'created', peter, lop, 0.2);
  });
  return graph;
}


/** Runs a traversal to the end (in a transaction that is committed when it writes) and returns its objects. */
export function run(graph: Graph, traversal: Built, ctx: Partial<ExecutionContext> = {}): unknown[] {
  const compiled = compileTraversal(traversal.getBytecode());
  const execute = (tx?: ExecutionContext['tx']) => {
    const out: unknown[] = [];
    const it = compiled.execute({ graph, tx, ...ctx });
    for (let r = it.next(); !r.done; r = it.next()) for (let i = 0; i < r.value.bulk; i++) out.push(r.value.object);
    return out;
  };
  return compiled.mutating ? graph.transact((tx) => execute(tx)) : execute();
}

/** Ids of the elements in a result, for compact assertions. */
export const ids = (xs: unknown[]): string[] => xs.map((x) => (x as { id: string }).id);

/** The GraphError a traversal fails with (at compile or run time). */
export function failure(graph: Graph, traversal: Built): { code: string; message: string } {
  try {
    run(graph, traversal);
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  throw new Error('expected the traversal to fail');
}
