import { Graph, TINKERGRAPH } from '../../../src/embedded/structure';
import { GraphError } from '../../../src/embedded/errors';

function modernish() {
  const g = new Graph();
  g.transact((tx) => {
    const marko = tx.addVertex(['person'], 'marko');
    const josh = tx.addVertex(['person'], 'josh');
    const lop = tx.addVertex(['software'], 'lop');
    tx.addVertexProperty(marko, 'name', 'marko');
    tx.addEdge('knows', marko, josh, 'k1');
    tx.addEdge('created', marko, lop, 'c1');
    tx.addEdge('created', josh, lop, 'c2');
  });
  return g;
}

describe('Graph', () => {
  it('indexes vertices and edges by id, label and adjacency', () => {
    const g = modernish();
    expect(g.vertexCount).toBe(3);
    expect(g.edgeCount).toBe(3);
    expect([...g.verticesWithLabel('person')].map((v) => v.id)).toEqual(['marko', 'josh']);
    const marko = g.vertex('marko')!;
    expect([...marko.edges('OUT', ['created'])].map((e) => e.id)).toEqual(['c1']);
    expect([...marko.edges('OUT')].map((e) => e.id)).toEqual(['k1', 'c1']);
    expect(g.vertex('lop')!.degree('IN')).toBe(2);
    expect(g.vertex('lop')!.degree('BOTH', ['knows'])).toBe(0);
  });

  it('refuses a duplicate id with a ConstraintViolationException and leaves the graph unchanged', () => {
    const g = modernish();
    let error: unknown;
    try {
      g.transact((tx) => {
        tx.addVertex(['person'], 'new');
        tx.addVertex(['person'], 'marko');
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe('ConstraintViolationException');
    expect(g.vertex('new')).toBeUndefined();
    expect(g.vertexCount).toBe(3);
  });

  it('uses set cardinality by default, as Neptune does', () => {
    const g = modernish();
    g.transact((tx) => {
      const v = g.vertex('josh')!;
      tx.addVertexProperty(v, 'lang', 'en');
      tx.addVertexProperty(v, 'lang', 'fr');
      tx.addVertexProperty(v, 'lang', 'en');
    });
    expect(g.vertex('josh')!.properties.get('lang')!.map((p) => p.value)).toEqual(['en', 'fr']);
  });

  it('replaces under single cardinality and refuses list on the Neptune profile', () => {
    const g = modernish();
    g.transact((tx) => {
      const v = g.vertex('josh')!;
      tx.addVertexProperty(v, 'age', 31, 'single');
      tx.addVertexProperty(v, 'age', 32, 'single');
    });
    expect(g.vertex('josh')!.properties.get('age')!.map((p) => p.value)).toEqual([32]);
    expect(() => g.transact((tx) => tx.addVertexProperty(g.vertex('josh')!, 'x', 1, 'list'))).toThrow(/list cardinality/);
    const t = new Graph(TINKERGRAPH);
    t.transact((tx) => {
      const v = tx.addVertex(['a']);
      tx.addVertexProperty(v, 'x', 1, 'list');
      tx.addVertexProperty(v, 'x', 1, 'list');
      expect(v.properties.get('x')!.length).toBe(2);
    });
  });

  it('rolls back every kind of change (contents and identities; iteration order may differ)', () => {
    const g = modernish();
    const marko = g.vertex('marko')!;
    const before = snapshot(g);
    const tx = g.begin();
    tx.addVertexProperty(marko, 'name', 'marco', 'single');
    tx.setEdgeProperty(g.edge('k1')!, 'weight', 0.5);
    tx.removeVertex(g.vertex('lop')!);
    const v = tx.addVertex(['person']);
    tx.addEdge('knows', v, marko);
    tx.removeEdge(g.edge('k1')!);
    tx.rollback();
    expect(snapshot(g)).toEqual(before);
    expect(g.vertex('lop')!.removed).toBe(false);
    expect(g.inTransaction).toBe(false);
  });
});

function snapshot(g: Graph) {
  return {
    vertices: [...g.vertices()].map((v) => ({
      id: v.id,
      label: v.label,
      props: [...v.properties].map(([k, ps]) => [k, ps.map((p) => p.value)]),
      out: [...v.edges('OUT')].map((e) => e.id).sort(),
      in: [...v.edges('IN')].map((e) => e.id).sort(),
    })),
    edges: [...g.edges()].map((e) => ({ id: e.id, props: [...e.properties].map(([k, p]) => [k, p.value]) })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}
