import { compileTraversal } from '../../../src/embedded/process';
import { GraphError } from '../../../src/embedded/errors';
import { __, failure, g, ids, modern, P, run, T } from './fixtures';

describe('bytecode interpreter: core steps', () => {
  const graph = modern();

  it('starts from all vertices, ids, or the label index', () => {
    expect(ids(run(graph, g.V()))).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ids(run(graph, g.V(1, '4')))).toEqual(['1', '4']);
    expect(ids(run(graph, g.V().hasLabel('software')))).toEqual(['3', '5']);
    expect(ids(run(graph, g.E(7)))).toEqual(['7']);
  });

  it('walks adjacency by direction and label', () => {
    expect(ids(run(graph, g.V(1).out('knows')))).toEqual(['2', '4']);
    expect(ids(run(graph, g.V(3).in_()))).toEqual(['1', '4', '6']);
    expect(ids(run(graph, g.V(4).both()))).toEqual(['5', '3', '1']);
    expect(ids(run(graph, g.V(1).outE('created').inV()))).toEqual(['3']);
  });

  it('filters with has() and predicates', () => {
    expect(run(graph, g.V().has('person', 'age', P.gt(30)).values('name'))).toEqual(['josh', 'peter']);
    expect(run(graph, g.V().has('name', 'marko').values('age'))).toEqual([29]);
    expect(run(graph, g.V().has(T.id, 2).values('name'))).toEqual(['vadas']);
    expect(run(graph, g.V().hasNot('age').values('name'))).toEqual(['lop', 'ripple']);
    expect(run(graph, g.V().values('age').is(P.between(28, 33)))).toEqual([29, 32]);
  });

  it('reads ids, labels, counts and limits', () => {
    expect(run(graph, g.V().label())).toEqual(['person', 'person', 'software', 'person', 'software', 'person']);
    expect(run(graph, g.V().count())).toEqual([6]);
    expect(run(graph, g.V().out().limit(2).id())).toEqual(['2', '4']);
    expect(run(graph, g.V().values('age').sum())).toEqual([123]);
  });

  it('writes through the transaction: addV, addE, property, drop', () => {
    const local = modern();
    const [v] = run(local, g.addV('person').property(T.id, 'x').property('name', 'xavier'));
    expect((v as { id: string }).id).toBe('x');
    run(local, g.V('x').addE('knows').to(__.V(1)).property('since', 2020));
    expect(run(local, g.V(1).in_('knows').values('name'))).toEqual(['xavier']);
    run(local, g.V('x').drop());
    expect(run(local, g.V().count())).toEqual([6]);
    expect(run(local, g.E().count())).toEqual([6]);
  });

  it('does not visit vertices it adds while iterating', () => {
    const local = modern();
    expect(run(local, g.V().addV('copy')).length).toBe(6);
    expect(run(local, g.V().count())).toEqual([12]);
  });

  it('reports unknown steps and bad arguments at compile time', () => {
    const bytecode = g.V().getBytecode();
    bytecode.addStep('fly', []);
    expect(() => compileTraversal(bytecode)).toThrow(GraphError);
    expect(failure(graph, g.V().limit('x' as unknown as number)).code).toBe('MalformedQueryException');
  });

  it('marks traversals that can write, however deeply nested', () => {
    expect(compileTraversal(g.V().getBytecode()).mutating).toBe(false);
    expect(compileTraversal(g.V().has('name', __.addV('x')).getBytecode()).mutating).toBe(true);
  });
});
