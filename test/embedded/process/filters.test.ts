import gremlin from 'gremlin';
import { __, failure, g, ids, modern, P, run, Scope, strategies, T, TextP } from './fixtures';

describe('filter steps', () => {
  const graph = modern();

  it('within()/without() over many values keep Gremlin equality (the large-collection lookup is hashed)', () => {
    const many = (...xs: unknown[]) => [...xs, ...Array.from({ length: 20 }, (_, i) => `filler${i}`)];
    expect(run(graph, g.inject(1, 2.5, NaN, 2 ** 60, 'x').is(P.within(many(1.0, 2.5, NaN, 2n ** 60n))))).toEqual([1, 2.5, 2 ** 60]);
    expect(run(graph, g.inject(1, NaN, 'x').is(P.without(many(1, NaN))))).toEqual([NaN, 'x']);
    expect(ids(run(graph, g.V().is(P.within(many(new gremlin.structure.Vertex(2, 'person'), new gremlin.structure.Vertex(5, 'software'))))))).toEqual(['2', '5']);
    // The list a where() reads grows between checks: each check must see what was added before it.
    expect(run(graph, g.V().values('age').order().store('seen').by(__.constant(0)).where(P.within('seen')).count())).toEqual([0]);
    expect(run(graph, g.withSideEffect('seen', many()).V().values('name').order().store('seen').where(P.without('seen')).count())).toEqual([0]);
  });

  it('has() by key, label and key, T tokens, predicates and nested traversals', () => {
    expect(ids(run(graph, g.V().has('age')))).toEqual(['1', '2', '4', '6']);
    expect(ids(run(graph, g.V().has('software', 'lang', 'java')))).toEqual(['3', '5']);
    expect(ids(run(graph, g.V().has(T.label, P.within('software', 'nobody'))))).toEqual(['3', '5']);
    expect(ids(run(graph, g.V().has('name', TextP.startingWith('ma'))))).toEqual(['1']);
    expect(ids(run(graph, g.V().has('name', TextP.regex('(?i)^P'))))).toEqual(['6']);
    expect(ids(run(graph, g.V().has('age', __.is(P.gt(30)))))).toEqual(['4', '6']);
    expect(ids(run(graph, g.V().has('age', P.gt(28).and(P.lt(33)))))).toEqual(['1', '4']);
    expect(run(graph, g.V().has(null as unknown as string))).toEqual([]);
  });

  it('hasId/hasLabel/hasKey/hasValue/hasNot; numeric ids match their decimal spelling', () => {
    expect(ids(run(graph, g.V().hasId(1, 2)))).toEqual(['1', '2']);
    expect(ids(run(graph, g.V().hasId(P.within([3, 5]))))).toEqual(['3', '5']);
    expect(ids(run(graph, g.E().hasLabel('knows')))).toEqual(['7', '8']);
    expect(run(graph, g.V(1).properties().hasKey('age').value())).toEqual([29]);
    expect(run(graph, g.V(1).properties().hasValue('marko').key())).toEqual(['name']);
    expect(ids(run(graph, g.V().hasNot('lang')))).toEqual(['1', '2', '4', '6']);
  });

  it('compares numbers by value and treats incomparable values as not matching', () => {
    expect(run(graph, g.inject(1, 1.0, 2, 'a').is(P.eq(1)))).toEqual([1, 1]);
    expect(run(graph, g.inject(1, 'a', null).is(P.lt(5)))).toEqual([1]);
    expect(run(graph, g.inject(1, 'a').not(__.is(P.lt(5))))).toEqual([]);
    expect(run(graph, g.inject(1).not(__.is(P.eq(NaN))))).toEqual([1]);
  });

  it('where() with labels, by() modulators and nested traversals', () => {
    const names = run(graph, g.V().as('a').out('created').in_('created').where(P.neq('a')).values('name'));
    expect(names.sort()).toEqual(['josh', 'josh', 'marko', 'marko', 'peter', 'peter']);
    expect(run(graph, g.V().as('a').out('knows').as('b').where('a', P.gt('b')).by('age').select('b').values('name'))).toEqual(['vadas']);
    expect(ids(run(graph, g.V().where(__.out('created'))))).toEqual(['1', '4', '6']);
    expect(ids(run(graph, g.V().as('a').out().where(__.as('a').out('knows')).dedup()))).toEqual(['2', '4', '3']);
  });

  it('and/or/not, also written infix', () => {
    expect(ids(run(graph, g.V().and(__.has('age'), __.out('created'))))).toEqual(['1', '4', '6']);
    expect(ids(run(graph, g.V().or(__.has('lang'), __.has('age', P.gt(33)))))).toEqual(['3', '5', '6']);
    expect(ids(run(graph, g.V().has('age').and().out('knows')))).toEqual(['1']);
    expect(ids(run(graph, g.V().has('lang').or().has('age', 35)))).toEqual(['3', '5', '6']);
    expect(ids(run(graph, g.V().not(__.has('age'))))).toEqual(['3', '5']);
  });

  it('dedup globally, by a key, by labels and locally', () => {
    expect(ids(run(graph, g.V().both().dedup()))).toHaveLength(6);
    expect(run(graph, g.V().dedup().by(T.label).label())).toEqual(['person', 'software']);
    expect(run(graph, g.V().as('a').both().as('b').dedup('a').count())).toEqual([6]);
    expect(run(graph, g.inject([1, 2, 1, 2.0, 3]).dedup(Scope.local))).toEqual([new Set([1, 2, 3])]);
  });

  it('range, limit, skip and tail, globally and locally', () => {
    expect(ids(run(graph, g.V().range(1, 3)))).toEqual(['2', '3']);
    expect(ids(run(graph, g.V().skip(4)))).toEqual(['5', '6']);
    expect(ids(run(graph, g.V().tail(2)))).toEqual(['5', '6']);
    expect(run(graph, g.inject([1, 2, 3]).limit(Scope.local, 2))).toEqual([[1, 2]]);
    expect(run(graph, g.inject([1, 2, 3]).tail(Scope.local, 1))).toEqual([3]);
    expect(run(graph, g.inject([1, 2, 3]).range(Scope.local, 5, 6))).toEqual([]);
    expect(failure(graph, g.V().range(3, 1)).code).toBe('InvalidParameterException');
  });

  it('simplePath and cyclicPath', () => {
    expect(ids(run(graph, g.V(1).both().both().simplePath())).sort()).toEqual(['3', '4', '5', '6']);
    expect(ids(run(graph, g.V(1).both().both().cyclicPath()))).toEqual(['1', '1', '1']);
  });

  it('coin and sample are reproducible under SeedStrategy', () => {
    const seeded = (seed: number) => g.withStrategies(new strategies.SeedStrategy({ seed }) as never);
    const a = run(graph, seeded(7).V().coin(0.5).id());
    expect(run(graph, seeded(7).V().coin(0.5).id())).toEqual(a);
    expect(run(graph, seeded(7).V().sample(2).id())).toEqual(run(graph, seeded(7).V().sample(2).id()));
    // The same draws as java.util.Random, so a seeded traversal picks what TinkerGraph picks.
    expect(ids(run(graph, seeded(999999).V().order().by('name').coin(0.5)))).toEqual(['4']);
    expect(run(graph, g.V().coin(0))).toEqual([]);
    expect(run(graph, g.V().coin(1).count())).toEqual([6]);
  });
});
