import { compileTraversal } from '../../../src/embedded/process';
import { __, failure, g, ids, modern, run, strategies, T } from './fixtures';

const strategy = (name: string, options?: object) => new strategies[name](options) as never;

describe('strategies', () => {
  it('ReadOnlyStrategy refuses any mutating step, however nested, before running', () => {
    const graph = modern();
    const err = failure(graph, g.withStrategies(strategy('ReadOnlyStrategy')).V().sideEffect(__.drop()));
    expect(err.code).toBe('ReadOnlyViolationException');
    expect(run(graph, g.V().count())).toEqual([6]);
    expect(run(graph, g.withStrategies(strategy('ReadOnlyStrategy')).V().count())).toEqual([6]);
  });

  it('SubgraphStrategy hides vertices, edges and vertex properties outside the subgraph', () => {
    const graph = modern();
    const sub = g.withStrategies(strategy('SubgraphStrategy', { vertices: __.hasLabel('person'), edges: __.has('weight', 1.0) }));
    expect(ids(run(graph, sub.V()))).toEqual(['1', '2', '4', '6']);
    expect(ids(run(graph, sub.E()))).toEqual(['8']);
    expect(ids(run(graph, sub.V(1).both()))).toEqual(['4']);
    const noAge = g.withStrategies(strategy('SubgraphStrategy', { vertexProperties: __.not(__.hasKey('age')) }));
    expect(run(graph, noAge.V(1).values())).toEqual(['marko']);
  });

  it('PartitionStrategy reads its partitions and writes its partition key', () => {
    const graph = modern();
    const a = g.withStrategies(strategy('PartitionStrategy', { partitionKey: '_p', writePartition: 'a', readPartitions: ['a'] }));
    run(graph, a.addV('thing').property('name', 'in-a'));
    expect(run(graph, a.V().values('name'))).toEqual(['in-a']);
    expect(run(graph, a.V().valueMap())).toEqual([new Map([['name', ['in-a']]])]);
    expect(run(graph, g.V().has('_p', 'a').values('name'))).toEqual(['in-a']);
    const b = g.withStrategies(strategy('PartitionStrategy', { partitionKey: '_p', writePartition: 'b', readPartitions: ['b'] }));
    expect(run(graph, b.V().count())).toEqual([0]);
  });

  it('ProductiveByStrategy turns an unproductive by() into null', () => {
    const graph = modern();
    expect(run(graph, g.V(3).project('n', 'a').by('name').by('age'))).toEqual([new Map([['n', 'lop']])]);
    const productive = g.withStrategies(strategy('ProductiveByStrategy'));
    expect(run(graph, productive.V(3).project('n', 'a').by('name').by('age'))).toEqual([new Map([['n', 'lop'], ['a', null]])]);
  });

  it('ignores optimisation strategies and refuses the ones it cannot honour', () => {
    const graph = modern();
    expect(run(graph, g.withStrategies(strategy('LazyBarrierStrategy')).V().count())).toEqual([6]);
    expect(() => compileTraversal(g.withStrategies(strategy('ElementIdStrategy')).V().getBytecode())).toThrow(/not supported/);
    expect(run(graph, g.withoutStrategies(strategies.CountStrategy as never).V().hasLabel('person').count())).toEqual([4]);
    expect(run(graph, g.V().has(T.label, 'software').count())).toEqual([2]);
  });
});
