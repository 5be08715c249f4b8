import { __, g, ids, modern, P, Pick, run } from './fixtures';

describe('branch and nested-traversal steps', () => {
  const graph = modern();

  it('union feeds every branch; a barrier in a branch sees all input', () => {
    expect(ids(run(graph, g.V(1).union(__.out('knows'), __.out('created'))))).toEqual(['2', '4', '3']);
    expect(run(graph, g.V().union(__.count(), __.constant(1).limit(1)))).toEqual([6, 1]);
    expect(run(graph, g.union(__.inject(1), __.V(2).values('age')))).toEqual([1, 27]);
  });

  it('local, map, flatMap, filter, optional, coalesce', () => {
    expect(run(graph, g.V().hasLabel('person').local(__.out().limit(1)).id())).toEqual(['2', '5', '3']);
    expect(run(graph, g.V(1).map(__.out().count()))).toEqual([3]);
    expect(ids(run(graph, g.V(1).flatMap(__.out('knows'))))).toEqual(['2', '4']);
    expect(ids(run(graph, g.V().filter(__.in_('created'))))).toEqual(['3', '5']);
    expect(ids(run(graph, g.V(2, 4).optional(__.out('created'))))).toEqual(['2', '5', '3']);
    expect(run(graph, g.V(1, 3).coalesce(__.values('age'), __.values('lang')))).toEqual([29, 'java']);
  });

  it('choose with a predicate, a traversal and options; branch()', () => {
    expect(run(graph, g.V().hasLabel('person').choose(__.values('age').is(P.gt(30)), __.constant('old'), __.constant('young')))).toEqual(['young', 'young', 'old', 'old']);
    expect(run(graph, g.V().choose(__.has('lang'), __.values('lang'), __.values('name')))).toEqual(['marko', 'vadas', 'java', 'josh', 'java', 'peter']);
    expect(ids(run(graph, g.V().choose(__.has('lang'), __.in_('created'))))).toEqual(['1', '2', '1', '4', '6', '4', '4', '6']);
    expect(run(graph, g.V().choose(__.label()).option('nothing', __.identity()).count())).toEqual([0]);
    expect(run(graph, g.V().hasLabel('person').choose(__.values('age')).option(29, __.constant('marko')).option(Pick.none, __.constant('other')))).toEqual(['marko', 'other', 'other', 'other']);
    expect(run(graph, g.V().branch(__.label()).option('software', __.values('lang')).option(Pick.any, __.label()).count())).toEqual([8]);
  });

  it('repeat with times/until/emit before or after, loops(), named loops', () => {
    expect(ids(run(graph, g.V(1).repeat(__.out()).times(2)))).toEqual(['5', '3']);
    expect(ids(run(graph, g.V(1).repeat(__.out()).until(__.hasLabel('software'))))).toEqual(['3', '5', '3']);
    expect(ids(run(graph, g.V(1).emit().repeat(__.out()).times(1)))).toEqual(['1', '2', '4', '3']);
    expect(ids(run(graph, g.V(1).times(0).repeat(__.out())))).toEqual(['1']);
    expect(ids(run(graph, g.V(1).repeat(__.out()).times(0)))).toEqual(['2', '4', '3']);
    expect(run(graph, g.V(1).repeat(__.both()).until(__.loops().is(3)).count())).toEqual([17]);
    expect(run(graph, g.V(1).repeat('a', __.out()).until(__.loops('a').is(2)).values('name'))).toEqual(['ripple', 'lop']);
  });

  it('repeat merges equal traversers, so dense walks stay cheap', () => {
    expect(run(graph, g.V().repeat(__.both()).times(12).count())).toEqual([expect.any(Number)]);
  });

  it('match() binds pattern labels, honours existing labels and where/not patterns', () => {
    const results = run(graph, g.V().match(__.as('a').out('knows').as('b'), __.as('b').out('created').as('c')).select('a', 'b', 'c').by('name'));
    expect(results).toEqual([
      new Map([['a', 'marko'], ['b', 'josh'], ['c', 'ripple']]),
      new Map([['a', 'marko'], ['b', 'josh'], ['c', 'lop']]),
    ]);
    const notCreated = run(graph, g.V().match(__.as('a').out().as('b'), __.not(__.as('a').out('created').as('b'))).select('b').values('name'));
    expect(notCreated).toEqual(['vadas', 'josh']);
  });
});
