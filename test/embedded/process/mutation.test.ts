import { GraphError } from '../../../src/embedded/errors';
import { compileTraversal } from '../../../src/embedded/process';
import { Graph, NEPTUNE, Vertex } from '../../../src/embedded/structure';
import { __, Cardinality, Direction, failure, g, ids, Merge, modern, run, T } from './fixtures';

describe('mutating steps', () => {
  it('addV with id, labels (Neptune multi-label) and properties; addE from/to labels, vertices and traversals', () => {
    const graph = modern();
    const [v] = run(graph, g.addV('a::b').property(T.id, 100).property('name', 'x')) as Vertex[];
    expect(v.id).toBe('100');
    expect(v.labels).toEqual(['a', 'b']);
    expect(run(graph, g.V().hasLabel('b').values('name'))).toEqual(['x']);
    run(graph, g.V(1).as('m').V(100).addE('likes').from_('m').property('w', 1));
    run(graph, g.addE('likes').from_(__.V(100)).to(__.V(2)));
    expect(ids(run(graph, g.V(1).out('likes').out('likes')))).toEqual(['2']);
  });

  it('property() honours cardinality; null removes; meta-properties are refused', () => {
    const graph = modern();
    run(graph, g.V(1).property(Cardinality.list, 'nick', 'a').property(Cardinality.list, 'nick', 'b'));
    expect(run(graph, g.V(1).values('nick'))).toEqual(['a', 'b']);
    run(graph, g.V(1).property(Cardinality.single, 'nick', 'c'));
    expect(run(graph, g.V(1).values('nick'))).toEqual(['c']);
    run(graph, g.V(1).property('nick', null));
    expect(run(graph, g.V(1).values('nick'))).toEqual([]);
    expect(failure(graph, g.V(1).property('nick', 'a', 'since', 2020)).code).toBe('UnsupportedOperationException');
  });

  it('uses set cardinality by default under the Neptune profile', () => {
    const graph = new Graph(NEPTUNE);
    run(graph, g.addV('p').property(T.id, 'p1').property('tag', 'a'));
    run(graph, g.V('p1').property('tag', 'b').property('tag', 'a'));
    expect(run(graph, g.V('p1').values('tag'))).toEqual(['a', 'b']);
    expect(failure(graph, g.V('p1').property(Cardinality.list, 'tag', 'c')).code).toBe('UnsupportedOperationException');
  });

  it('drop() removes vertices with their edges, edges and properties', () => {
    const graph = modern();
    run(graph, g.V(1).properties('age').drop());
    expect(run(graph, g.V(1).values('age'))).toEqual([]);
    run(graph, g.E(7).drop());
    expect(run(graph, g.E().count())).toEqual([5]);
    run(graph, g.V(4).drop());
    expect(run(graph, g.E().count())).toEqual([2]);
  });

  it('mergeV creates or matches, with onCreate/onMatch', () => {
    const graph = modern();
    const search = new Map<unknown, unknown>([[T.label, 'person'], ['name', 'stephen']]);
    run(graph, g.mergeV(search).option(Merge.onCreate, new Map([['age', 40]])).option(Merge.onMatch, new Map([['age', 41]])));
    expect(run(graph, g.V().has('name', 'stephen').values('age'))).toEqual([40]);
    run(graph, g.mergeV(search).option(Merge.onCreate, new Map([['age', 40]])).option(Merge.onMatch, new Map([['age', 41]])));
    expect(run(graph, g.V().has('name', 'stephen').values('age'))).toEqual([41]);
    expect(run(graph, g.V().hasLabel('person').count())).toEqual([5]);
    expect(failure(graph, g.mergeV(new Map([['name', 'x']])).option(Merge.onCreate, new Map([['name', 'y']]))).message).toContain('cannot override');
  });

  it('mergeE finds by endpoints and label, or creates; Merge.outV/inV from options', () => {
    const graph = modern();
    const knows = new Map<unknown, unknown>([[T.label, 'knows'], [Direction.out, 1], [Direction.in, 2]]);
    expect(ids(run(graph, g.mergeE(knows)))).toEqual(['7']);
    const placeholders = new Map<unknown, unknown>([[T.label, 'likes'], [Direction.out, Merge.outV], [Direction.in, Merge.inV]]);
    run(graph, g.V(6).as('p').mergeE(placeholders).option(Merge.outV, __.select('p')).option(Merge.inV, __.V(5)));
    expect(ids(run(graph, g.V(6).out('likes')))).toEqual(['5']);
    expect(failure(graph, g.mergeE(new Map([[T.label, 'x']]))).message).toContain('Out Vertex not specified');
  });

  it('writes once per walk, even where reads would merge equal traversers', () => {
    const graph = modern();
    expect(run(graph, g.V().out().out().addV('walk')).length).toBe(2);
    expect(run(graph, g.V().both().both().addV('x').count())).toEqual([30]);
    expect(run(graph, g.V().hasLabel('x').count())).toEqual([30]);
  });

  it('never visits what it adds while iterating', () => {
    const graph = modern();
    expect(run(graph, g.V().as('v').addE('self').to('v')).length).toBe(6);
    expect(run(graph, g.V(1).outE().count())).toEqual([4]);
  });

  it('a failing write surfaces as a GraphError, and the transaction rolls everything back', () => {
    const graph = modern();
    const compiled = compileTraversal(g.addV('x').property(T.id, 'new').addV('y').property(T.id, '1').getBytecode());
    expect(compiled.mutating).toBe(true);
    let error: unknown;
    const tx = graph.begin();
    try {
      const it = compiled.execute({ graph, tx });
      for (let r = it.next(); !r.done; r = it.next());
    } catch (err) {
      error = err;
      tx.rollback();
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe('ConstraintViolationException');
    expect(graph.vertex('new')).toBeUndefined();
    expect(graph.vertexCount).toBe(6);
  });
});
