import { MapEntry, Path } from '../../../src/embedded/process';
import { __, Column, DT, g, modern, Operator, Order, P, Pop, run, Scope, strategies, T, WithOptions } from './fixtures';

describe('map steps', () => {
  const graph = modern();

  it('values, properties, key/value, id/label, constant', () => {
    expect(run(graph, g.V(1).values('name', 'age'))).toEqual(['marko', 29]);
    expect(run(graph, g.V(1).properties('age').value())).toEqual([29]);
    expect(run(graph, g.E(7).properties().key())).toEqual(['weight']);
    expect(run(graph, g.E(7).label())).toEqual(['knows']);
    expect(run(graph, g.V(1).constant('x'))).toEqual(['x']);
  });

  it('valueMap, elementMap and propertyMap with tokens', () => {
    expect(run(graph, g.V(1).valueMap())).toEqual([new Map<unknown, unknown>([['name', ['marko']], ['age', [29]]])]);
    expect(run(graph, g.V(1).valueMap('name').with_(WithOptions.tokens))).toEqual([new Map<unknown, unknown>([[T.id, '1'], [T.label, 'person'], ['name', ['marko']]])]);
    expect(run(graph, g.V(1).valueMap('name').by(__.unfold()))).toEqual([new Map([['name', 'marko']])]);
    const [edge] = run(graph, g.E(7).elementMap()) as Map<unknown, unknown>[];
    expect([...edge.keys()].map(String)).toEqual(['id', 'label', 'IN', 'OUT', 'weight']);
    expect(edge.get('weight')).toBe(0.5);
    const [props] = run(graph, g.V(1).propertyMap('age')) as Map<string, unknown[]>[];
    expect((props.get('age')![0] as { value: unknown }).value).toBe(29);
  });

  it('project, select with Pop, path with by() and from/to', () => {
    expect(run(graph, g.V(1).project('n', 'c').by('name').by(__.out().count()))).toEqual([new Map<unknown, unknown>([['n', 'marko'], ['c', 3]])]);
    expect(run(graph, g.V(1).project('n', 'x').by('name').by('nothing'))).toEqual([new Map([['n', 'marko']])]);
    expect(run(graph, g.V(1).as('a').out('knows').as('a').select(Pop.all, 'a').count(Scope.local))).toEqual([2, 2]);
    expect(run(graph, g.V(1).as('a').out('created').as('b').select('a', 'b').by('name'))).toEqual([new Map([['a', 'marko'], ['b', 'lop']])]);
    const [path] = run(graph, g.V(1).out('created').path().by('name')) as Path[];
    expect(path).toBeInstanceOf(Path);
    expect(path.objects).toEqual(['marko', 'lop']);
    const [sub] = run(graph, g.V(1).as('a').out('knows').as('b').out('created').as('c').path().from_('b').to('c').by('name')) as Path[];
    expect(sub.objects).toEqual(['josh', 'ripple']);
  });

  it('order, by several keys, desc and shuffle, globally and locally', () => {
    expect(run(graph, g.V().hasLabel('person').order().by('age', Order.desc).values('name'))).toEqual(['peter', 'josh', 'marko', 'vadas']);
    expect(run(graph, g.V().order().by(T.label).by('name', Order.desc).values('name'))).toEqual(['vadas', 'peter', 'marko', 'josh', 'ripple', 'lop']);
    expect(run(graph, g.V().values('age').fold().order(Scope.local).by(Order.desc))).toEqual([[35, 32, 29, 27]]);
    expect(run(graph, g.V().values('name').order().by(Order.shuffle).count())).toEqual([6]);
    expect(run(graph, g.inject('b', 1, null, true, 'a').order())).toEqual([null, true, 1, 'a', 'b']);
  });

  it("order by the null-safe pair of by()s the gateway writes: answered without running them, as running them answers", () => {
    // The same traversals with identity() appended do not match the shortcut, so they run as written.
    const present = (k: string, run: boolean) => (run ? __.has(k).count().identity() : __.has(k).count());
    const first = (k: string, run: boolean) => (run ? __.coalesce(__.values(k), __.constant('')).identity() : __.coalesce(__.values(k), __.constant('')));
    const sorted = (order: unknown, run_: boolean) => run(graph, g.V().order().by(present('age', run_), order).by(first('age', run_), order).by(T.id).values('name'));
    expect(sorted(Order.asc, false)).toEqual(['lop', 'ripple', 'vadas', 'marko', 'josh', 'peter']);
    expect(sorted(Order.desc, false)).toEqual(['peter', 'josh', 'marko', 'vadas', 'lop', 'ripple']);
    for (const order of [Order.asc, Order.desc]) expect(sorted(order, false)).toEqual(sorted(order, true));
    // A traverser standing for several (lop, reached three times, bulked by barrier()) counts as many, as count() does.
    const counted = (run_: boolean) => run(graph, g.V().out('created').barrier().project('n', 'c', 'v').by('name').by(present('lang', run_)).by(first('lang', run_)));
    expect(counted(false)).toEqual(counted(true));
    expect(counted(false)).toContainEqual(new Map<string, unknown>([['n', 'lop'], ['c', 3], ['v', 'java']]));
    // values() refuses what is not an element: so does the shortcut, by running the traversal.
    expect(() => run(graph, g.inject('x').order().by(first('k', false)))).toThrow(/values\(\)/);
    expect(() => run(graph, g.inject('x').order().by(first('k', true)))).toThrow(/values\(\)/);
  });

  it('group and groupCount with by() keys and value traversals', () => {
    expect(run(graph, g.V().groupCount().by(T.label))).toEqual([new Map([['person', 4], ['software', 2]])]);
    expect(run(graph, g.V().group().by(T.label).by('name'))).toEqual([new Map([['person', ['marko', 'vadas', 'josh', 'peter']], ['software', ['lop', 'ripple']]])]);
    expect(run(graph, g.V().group().by(T.label).by(__.values('age').sum()))).toEqual([new Map([['person', 123]])]);
    expect(run(graph, g.V().hasLabel('person').group().by('age').by(__.count()).select(Column.keys))).toEqual([[29, 27, 32, 35]]);
  });

  it("group values: the value traversal runs per traverser up to its first barrier, the rest once per key", () => {
    // limit() is one of TinkerPop's barriers: one name per key, not one per member; software reaches none.
    expect(run(graph, g.V().group().by(T.label).by(__.out().values('name').limit(1).fold()))).toEqual([new Map([['person', ['vadas']]])]);
    // A key whose members reach no barrier but a reducing one still has a value.
    expect(run(graph, g.V().group().by(T.label).by(__.out().count()))).toEqual([new Map([['person', 6], ['software', 0]])]);
    // dedup() too: over all members of a key.
    expect(run(graph, g.V().hasLabel('software').group().by(T.label).by(__.in_().values('name').dedup().count()))).toEqual([new Map([['software', 3]])]);
    // No barrier: each traverser's first result, the last one winning.
    expect(run(graph, g.V().group().by(T.label).by(__.values('name')))).toEqual([new Map([['person', 'peter'], ['software', 'ripple']])]);
  });

  it("group values are reduced in TinkerGraph's HashMap key order, so seeded draws agree with it", () => {
    const seeded = g.withStrategies(new strategies.SeedStrategy({ seed: 999999 }) as never);
    // TinkerGraph: software [1.0, 0.4], person [0.5, 1.0] (Sample.feature); "software" comes first in its
    // HashMap, and sample() draws from one generator for both keys. The result keeps first-seen key order.
    const [m] = run(graph, seeded.V().group().by(T.label).by(__.bothE().values('weight').order().sample(2).fold())) as Map<string, number[]>[];
    expect([...m]).toEqual([['person', [0.5, 1]], ['software', [1, 0.4]]]);
  });

  it('fold, unfold (maps into entries), count/sum/min/max/mean, local forms', () => {
    expect(run(graph, g.V().values('age').fold())).toEqual([[29, 27, 32, 35]]);
    const entries = run(graph, g.V().groupCount().by(T.label).unfold());
    expect(entries[0]).toBeInstanceOf(MapEntry);
    expect(run(graph, g.V().groupCount().by(T.label).unfold().select(Column.keys))).toEqual(['person', 'software']);
    expect(run(graph, g.V().values('age').max())).toEqual([35]);
    expect(run(graph, g.V().values('age').mean())).toEqual([30.75]);
    expect(run(graph, g.V().values('name').min())).toEqual(['josh']);
    expect(run(graph, g.V().values('age').fold().sum(Scope.local))).toEqual([123]);
    expect(run(graph, g.V().values('nothing').sum())).toEqual([]);
    expect(run(graph, g.V().values('nothing').count())).toEqual([0]);
    expect(run(graph, g.V().values('age').fold(0, Operator.sum))).toEqual([123]);
    expect(run(graph, g.V(1).out('knows').path().count(Scope.local))).toEqual([2, 2]);
  });

  it('math() with variables, by() and functions', () => {
    expect(run(graph, g.V(1).values('age').math('_ * 2 + 1'))).toEqual([59]);
    expect(run(graph, g.V(1).as('a').out('knows').as('b').math('a - b').by('age'))).toEqual([2, -3]);
    expect(run(graph, g.inject(4).math('sqrt _ + 2^3'))).toEqual([10]);
  });

  it('string steps', () => {
    expect(run(graph, g.V(1).values('name').concat('-', __.constant('x')).toUpper())).toEqual(['MARKO-X']);
    expect(run(graph, g.inject('  a b ', null).trim())).toEqual(['a b', null]);
    expect(run(graph, g.inject('hello').substring(-3))).toEqual(['llo']);
    expect(run(graph, g.inject('a,b').split(','))).toEqual([['a', 'b']]);
    expect(run(graph, g.V(1).format('%{name} is %{age}'))).toEqual(['marko is 29']);
    expect(run(graph, g.inject(['a', 'b']).toUpper(Scope.local))).toEqual([['A', 'B']]);
    expect(run(graph, g.inject(1).asString())).toEqual(['1']);
  });

  it('list steps', () => {
    expect(run(graph, g.inject([1, 2, 2]).combine([3]))).toEqual([[1, 2, 2, 3]]);
    expect(run(graph, g.inject([1, 2, 2]).merge([3]))).toEqual([new Set([1, 2, 3])]);
    expect(run(graph, g.inject([1, 2]).intersect([2, 3]))).toEqual([new Set([2])]);
    expect(run(graph, g.inject([1, 2]).difference([2, 3]))).toEqual([new Set([1])]);
    expect(run(graph, g.inject([1, 2]).disjunct([2, 3]))).toEqual([new Set([1, 3])]);
    expect(run(graph, g.inject([1, 2]).product(['a']))).toEqual([[[1, 'a'], [2, 'a']]]);
    expect(run(graph, g.inject([1, null, 2]).conjoin('-'))).toEqual(['1-2']);
    expect(run(graph, g.inject([1, 2], [3]).any(P.gt(2)))).toEqual([[3]]);
  });

  it('date steps', () => {
    const [d] = run(graph, g.inject('2023-08-02T00:00:00Z').asDate().dateAdd(DT.day, 1)) as Date[];
    expect(d.toISOString()).toBe('2023-08-03T00:00:00.000Z');
    expect(run(graph, g.inject(new Date('2023-08-02T00:01:00Z')).dateDiff(new Date('2023-08-02T00:00:00Z')))).toEqual([60]);
  });
});
