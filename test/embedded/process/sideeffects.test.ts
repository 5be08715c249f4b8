import { __, Barrier, g, modern, Operator, P, Scope, run, T } from './fixtures';

describe('side-effect steps', () => {
  const graph = modern();

  it('aggregate is a barrier, store is lazy; cap reads them back', () => {
    expect(run(graph, g.V().aggregate('x').has('age', P.gt(100)).cap('x').count(Scope.local))).toEqual([6]);
    expect(run(graph, g.V().values('age').aggregate(Scope.local, 'x').limit(1).cap('x'))).toEqual([[29]]);
    expect(run(graph, g.V().aggregate('x').by('name').cap('x'))).toEqual([['marko', 'vadas', 'lop', 'josh', 'ripple', 'peter']]);
    expect(run(graph, g.V().aggregate('a').where(P.within('a')).count())).toEqual([6]);
  });

  it('withSideEffect seeds values, optionally with a reducing Operator', () => {
    expect(run(graph, g.withSideEffect('names', ['marko']).V().values('name').where(P.within('names')))).toEqual(['marko']);
    expect(run(graph, g.withSideEffect('total', 100, Operator.sum).V().values('age').aggregate('total').cap('total'))).toEqual([223]);
  });

  it('a label names a map key first, then a side effect, then a step label, as in TinkerPop 3.7', () => {
    expect(run(graph, g.withSideEffect('a', 'effect').V(1).as('a').select('a'))).toEqual(['effect']);
    expect(run(graph, g.withSideEffect('a', 'effect').V(1).as('a').project('a').by(__.constant('key')).select('a'))).toEqual(['key']);
    expect(run(graph, g.V(1).as('a').values('name').select('a').values('age'))).toEqual([29]);
  });

  it('group/groupCount side effects share the map across steps', () => {
    const [m] = run(graph, g.V().groupCount('m').by(T.label).out().groupCount('m').by(T.label).cap('m')) as Map<string, number>[];
    expect(m.get('person')).toBe(4 + 2);
    expect(m.get('software')).toBe(2 + 4);
  });

  it('sideEffect(traversal) runs for each traverser and passes it on', () => {
    expect(run(graph, g.V(1).sideEffect(__.out().aggregate('o')).cap('o').count(Scope.local))).toEqual([3]);
  });

  it('sack: withSack initial value, sack(Operator).by(), barrier(normSack)', () => {
    expect(run(graph, g.withSack(1.0).V(1).outE().sack(Operator.mult).by('weight').inV().sack())).toEqual([0.5, 1.0, 0.4]);
    expect(run(graph, g.withSack(0).V().outE().sack(Operator.sum).by('weight').inV().sack().sum())).toEqual([3.5]);
    const normed = run(graph, g.withSack(1.0).V(1).out().barrier(Barrier.normSack).sack()) as number[];
    expect(normed.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });
});
