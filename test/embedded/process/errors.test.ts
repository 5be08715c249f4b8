import gremlin from 'gremlin';
import { GraphError } from '../../../src/embedded/errors';
import { Lambda } from '../../../src/embedded/io/lambda';
import { compileTraversal } from '../../../src/embedded/process';
import { Graph, TINKERGRAPH } from '../../../src/embedded/structure';
import { __, g, modern, P } from './fixtures';

const compileError = (bytecode: gremlin.process.Bytecode): GraphError => {
  try {
    compileTraversal(bytecode);
  } catch (err) {
    return err as GraphError;
  }
  throw new Error('expected a compile error');
};

const withStep = (name: string, ...args: unknown[]) => {
  const bytecode = g.V().getBytecode();
  bytecode.addStep(name, args);
  return bytecode;
};

describe('errors', () => {
  it('unknown steps, wrong arities and argument types are MalformedQueryException naming the step', () => {
    expect(compileError(withStep('teleport'))).toMatchObject({ code: 'MalformedQueryException', message: expect.stringContaining('teleport') });
    expect(compileError(g.V().out(3 as never).getBytecode())).toMatchObject({ code: 'MalformedQueryException', message: expect.stringContaining('out()') });
    expect(compileError(g.V().limit(1, 2, 3 as never).getBytecode()).message).toContain('limit()');
    expect(compileError(g.V().has('age', P.gt(1)).by('x').getBytecode()).message).toContain('by() cannot modulate has()');
    expect(compileError(g.V().times(2).getBytecode()).message).toContain('repeat()');
  });

  it('refuses lambdas, naming the step, whichever way they arrive', () => {
    expect(compileError(g.V().map((() => 1) as never).getBytecode())).toMatchObject({ code: 'UnsupportedOperationException', message: expect.stringContaining('map()') });
    expect(compileError(withStep('filter', new Lambda('it.get()', 'gremlin-groovy', 1))).message).toContain('filter()');
    expect(compileError(g.V().order().by(new Lambda('a <=> b', 'gremlin-groovy', 2) as never).getBytecode()).message).toContain('by()');
  });

  it('refuses GraphComputer-only steps and io()', () => {
    expect(compileError(withStep('pageRank'))).toMatchObject({ code: 'UnsupportedOperationException', message: expect.stringContaining('GraphComputer') });
    expect(compileError(withStep('shortestPath')).code).toBe('UnsupportedOperationException');
    expect(compileError(withStep('io', 'x.json')).code).toBe('UnsupportedOperationException');
  });

  it('does not start writing when a later step is malformed', () => {
    const graph = modern();
    expect(() => compileTraversal(g.addV('x').out(1 as never).getBytecode())).toThrow(GraphError);
    expect(graph.vertexCount).toBe(6);
  });

  it('stops with TimeLimitExceededException close to the deadline, even inside repeat and barriers', () => {
    const graph = new Graph(TINKERGRAPH, (() => {
      let n = 0;
      return () => `id${n++}`;
    })());
    graph.transact((tx) => {
      const vs = Array.from({ length: 300 }, (_, i) => tx.addVertex(['n'], `v${i}`));
      vs.forEach((v, i) => {
        for (let k = 1; k <= 5; k++) tx.addEdge('e', v, vs[(i * 7 + k * 13) % vs.length]);
      });
    });
    const slow = compileTraversal(g.V().repeat(__.both()).times(20).path().count().getBytecode());
    const started = Date.now();
    const it = slow.execute({ graph, deadline: started + 200 });
    let error: unknown;
    try {
      it.next();
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'TimeLimitExceededException' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('executes lazily: results are produced as they are pulled', () => {
    const graph = modern();
    const it = compileTraversal(g.V().getBytecode()).execute({ graph });
    expect(it.next().value).toMatchObject({ bulk: 1 });
    expect((it.next().value as { object: { id: string } }).object.id).toBe('2');
  });
});
