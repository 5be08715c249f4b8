import gremlin from 'gremlin';
import { matches, multisetMatches } from '../../conformance/compare';
import { Edge, Path, Vertex, VertexProperty } from '../../conformance/driver';
import { parseNotation } from '../../conformance/notation';
import { indexGraph, toDriverPredicate, toDriverValue } from '../../conformance/resolve';
import { Graph, TINKERGRAPH } from '../../src/embedded/structure';

function tinyModern() {
  const g = new Graph(TINKERGRAPH);
  g.transact((tx) => {
    const marko = tx.addVertex(['person'], '1');
    const vadas = tx.addVertex(['person'], '2');
    const lop = tx.addVertex(['software'], '3');
    tx.addVertexProperty(marko, 'name', 'marko');
    tx.addVertexProperty(vadas, 'name', 'vadas');
    tx.addVertexProperty(lop, 'name', 'lop');
    tx.addEdge('knows', marko, vadas, '7');
    tx.addEdge('created', marko, lop, '9');
  });
  return indexGraph(g);
}

const index = tinyModern();
const marko = new Vertex('1', 'person');
const vadas = new Vertex('2', 'person');
const lop = new Vertex('3', 'software');
const knows = new Edge('7', marko, 'knows', vadas);
const is = (notation: string, actual: unknown) => matches(parseNotation(notation), actual, index);

describe('matches', () => {
  it('compares elements by id, resolved from names in the graph', () => {
    expect(is('v[marko]', marko)).toBe(true);
    expect(is('v[marko]', vadas)).toBe(false);
    expect(is('v[marko]', '1')).toBe(false);
    expect(is('v[marko].id', '1')).toBe(true);
    expect(is('v[marko].sid', '1')).toBe(true);
    expect(is('e[marko-knows->vadas]', knows)).toBe(true);
    expect(is('e[marko-knows->vadas].id', '7')).toBe(true);
    expect(is('e[marko-created->lop]', knows)).toBe(false);
  });

  it('compares numbers by value whatever their type, floats at float precision', () => {
    expect(is('d[29].i', 29)).toBe(true);
    expect(is('d[29].l', 29)).toBe(true);
    expect(is('d[29].d', 29)).toBe(true);
    expect(is('d[29].i', 30)).toBe(false);
    expect(is('d[29].i', '29')).toBe(false);
    expect(is('d[0.1].f', Math.fround(0.1))).toBe(true);
    expect(is('d[0.1].d', 0.1 + 1e-15)).toBe(true);
    expect(is('d[0.1].d', 0.1001)).toBe(false);
    expect(is('d[3].i', 3.0000001)).toBe(false);
    expect(is('d[NaN]', NaN)).toBe(true);
    expect(is('d[Infinity]', Infinity)).toBe(true);
    expect(is('d[9007199254740993].l', 9007199254740993n)).toBe(true);
    expect(is('d[9007199254740993].l', 9007199254740992)).toBe(false);
  });

  it('compares lists in order, sets and maps in any order, paths by their objects', () => {
    expect(is('l[v[marko],v[vadas]]', [marko, vadas])).toBe(true);
    expect(is('l[v[marko],v[vadas]]', [vadas, marko])).toBe(false);
    expect(is('s[v[marko],v[vadas]]', [vadas, marko])).toBe(true);
    expect(is('s[a,a,b]', ['a', 'b', 'b'])).toBe(false);
    expect(is('p[v[marko],v[lop]]', new Path([['a'], []], [marko, lop]))).toBe(true);
    expect(is('p[v[marko],v[lop]]', [marko, lop])).toBe(false);
    const map = new Map<unknown, unknown>([
      [29, [marko]],
      ['name', 'x'],
    ]);
    expect(is('m[{"name":"x","d[29].i":"l[v[marko]]"}]', map)).toBe(true);
    expect(is('m[{"name":"x"}]', map)).toBe(false);
    expect(is('m[{"name":"y","d[29].i":"l[v[marko]]"}]', map)).toBe(false);
  });

  it('compares tokens, dates, vertex properties, null and strings', () => {
    expect(is('t[label]', gremlin.process.t.label)).toBe(true);
    expect(is('t[label]', 'label')).toBe(false);
    expect(is('D[OUT]', gremlin.process.direction.out)).toBe(true);
    expect(is('dt[2023-08-02T00:00:00Z]', new Date('2023-08-02T00:00:00Z'))).toBe(true);
    expect(is('vp[name->marko]', new VertexProperty('p1', 'name', 'marko'))).toBe(true);
    expect(is('vp[age->29]', new VertexProperty('p2', 'age', 29))).toBe(true);
    expect(is('vp[age->29]', new VertexProperty('p2', 'name', 29))).toBe(false);
    expect(is('null', null)).toBe(true);
    expect(is('marko', 'marko')).toBe(true);
    expect(is('str[d[1].i]', 'd[1].i')).toBe(true);
  });
});

describe('multisetMatches', () => {
  it('uses each actual value once', () => {
    const rows = ['v[marko]', 'v[marko]'].map(parseNotation);
    expect(multisetMatches(rows, [marko, marko], index)).toBe(true);
    expect(multisetMatches(rows, [marko, vadas], index)).toBe(false);
    expect(multisetMatches(rows, [marko], index)).toBe(false);
  });
});

describe('toDriverValue', () => {
  it('builds the driver objects a parameter stands for', () => {
    const v = toDriverValue(parseNotation('v[vadas]'), index) as { id: unknown; label: string };
    expect(v).toBeInstanceOf(Vertex);
    expect([v.id, v.label]).toEqual(['2', 'person']);
    const e = toDriverValue(parseNotation('e[marko-knows->vadas]'), index) as { id: unknown; outV: { id: unknown } };
    expect(e).toBeInstanceOf(Edge);
    expect([e.id, e.outV.id]).toEqual(['7', '1']);
    expect(toDriverValue(parseNotation('l[v[marko].id,d[1].l]'), index)).toEqual(['1', 1]);
    expect(toDriverValue(parseNotation('s[a]'), index)).toEqual(new Set(['a']));
    expect(toDriverValue(parseNotation('m[{"t[label]":"person"}]'), index)).toEqual(new Map([[gremlin.process.t.label, 'person']]));
    expect(toDriverValue(parseNotation('D[from]'), index)).toBe(gremlin.process.direction.out);
    expect(toDriverValue(parseNotation('M[inV]'), index)).toBe(gremlin.process.merge.inV);
  });

  it('wraps a predicate parameter in the driver P', () => {
    const p = toDriverPredicate('within', toDriverValue(parseNotation('l[a,b]'), index)) as { operator: string; value: unknown };
    expect(p).toBeInstanceOf(gremlin.process.P);
    expect([p.operator, p.value]).toEqual(['within', ['a', 'b']]);
  });

  it('refuses an edge the graph does not have', () => {
    expect(() => toDriverValue(parseNotation('e[marko-likes->lop]'), index)).toThrow(/no edge e\[marko-likes->lop\]/);
  });
});
