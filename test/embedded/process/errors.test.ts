import gremlin from 'gremlin';
import { GraphError } from '../../../src/embedded/errors';
import { Lambda } from '../../../src/embedded/io/lambda';
import { compileTraversal } from '../../../src/embedded/process';
import { Graph, TINKERGRAPH } from '../../../src/embedded/structure';
import { __, failure, g, ids, modern, Operator, P, run, Scope } from './fixtures';

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

  it('otherV() takes the nearest vertex back in the path, and fails without one as TinkerPop does (found by test/peers differential run)', () => {
    const graph = modern();
    expect(ids(run(graph, g.V('1').outE('knows').has('weight', P.gt(0.6)).otherV()))).toEqual(['4']);
    expect(ids(run(graph, g.V('4').inE('knows').as('e').otherV()))).toEqual(['1']);
    expect(failure(graph, g.E('7').otherV())).toMatchObject({ code: 'InvalidParameterException', message: expect.stringContaining('otherV()') });
  });

  it('reads each property once when a key is named twice, as TinkerPop does (found by test/peers differential run)', () => {
    const graph = modern();
    expect(run(graph, g.V('1').values('name', 'name'))).toEqual(['marko']);
    expect(run(graph, g.V('1').properties('age', 'age').count())).toEqual([1]);
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

  describe('with bulks beyond what a loop or a list can hold (walks over a complete graph)', () => {
    const complete = new Graph();
    complete.transact((tx) => {
      const vs = Array.from({ length: 30 }, (_, i) => tx.addVertex(['n'], `n${i}`));
      for (const a of vs) for (const b of vs) if (a !== b) tx.addEdge('e', a, b);
    });
    const failureWithin = (traversal: { getBytecode(): gremlin.process.Bytecode }, deadline = 200) => {
      const started = Date.now();
      let error: unknown;
      try {
        const it = compileTraversal(traversal.getBytecode()).execute({ graph: complete, deadline: started + deadline });
        for (let r = it.next(); !r.done; r = it.next());
      } catch (err) {
        error = err;
      }
      expect(Date.now() - started).toBeLessThan(deadline + 1500);
      return (error as GraphError | undefined)?.code;
    };
    const walk = (times: number) => g.V().repeat(__.both()).times(times);

    it('stops at the memory cap before repeating a value bulk times', () => {
      // A generous deadline: the cap is reached in well under a second, even on a busy machine.
      const cap = 5000;
      expect(failureWithin(walk(6).fold().count(Scope.local), cap)).toBe('MemoryLimitExceededException');
      expect(failureWithin(walk(6).aggregate('x').cap('x'), cap)).toBe('MemoryLimitExceededException');
      expect(failureWithin(g.withSideEffect('x', [], Operator.assign).V().repeat(__.both()).times(6).aggregate('x').cap('x'), cap)).toBe('MemoryLimitExceededException');
      expect(failureWithin(walk(6).group().by(__.constant(1)), cap)).toBe('MemoryLimitExceededException');
    });

    it('stops at the deadline while applying an operator or drawing samples bulk times', () => {
      expect(failureWithin(walk(30).constant(1).fold(0, Operator.sum))).toBe('TimeLimitExceededException');
      expect(failureWithin(g.withSideEffect('x', 0, Operator.sum).V().repeat(__.both()).times(30).constant(1).aggregate('x').cap('x'))).toBe('TimeLimitExceededException');
      expect(failureWithin(walk(30).sample(2))).toBe('TimeLimitExceededException');
      expect(failureWithin(g.V().sample(1).by(__.constant(0)))).toBe('TimeLimitExceededException');
    });
  });

  it('executes lazily: results are produced as they are pulled', () => {
    const graph = modern();
    const it = compileTraversal(g.V().getBytecode()).execute({ graph });
    expect(it.next().value).toMatchObject({ bulk: 1 });
    expect((it.next().value as { object: { id: string } }).object.id).toBe('2');
  });
});
