import { Graph, ReadView } from '../../../src/embedded/structure';
import { clock } from '../../../src/embedded/structure/versions';

const ids = (g: Graph) => [...g.vertices()].map((v) => `${v.id}:${v.label}:${String(v.value('n'))}`);

describe('ReadView', () => {
  it('sees the graph as of its opening through removals, re-used ids and property changes, then lets them go', () => {
    const g = new Graph();
    g.transact((tx) => {
      const a = tx.addVertex(['old'], 'a');
      const b = tx.addVertex(['old'], 'b');
      tx.addVertexProperty(a, 'n', 1);
      tx.setEdgeProperty(tx.addEdge('e', a, b, 'ab'), 'w', 1);
    });
    const view = new ReadView();
    const tx = g.begin();
    tx.removeVertex(g.vertex('a')!); // and its edge
    const a2 = tx.addVertex(['new'], 'a');
    tx.addVertexProperty(a2, 'n', 2);
    tx.addVertexProperty(g.vertex('b')!, 'n', 9);
    // A removed vertex whose id a new one took is met after the others (the id's place went to the new one).
    expect(view.run(() => ids(g))).toEqual(['b:old:undefined', 'a:old:1']);
    tx.commit();
    g.transact((t2) => t2.setEdgeProperty(t2.addEdge('e', g.vertex('b')!, a2, 'ba'), 'w', 2));

    expect(ids(g)).toEqual(['b:old:9', 'a:new:2']);
    expect(view.run(() => ids(g))).toEqual(['b:old:undefined', 'a:old:1']);
    expect(view.run(() => g.vertex('a')!.label)).toBe('old');
    expect(view.run(() => [...g.vertex('a')!.edges('OUT')].map((e) => `${e.id}:${String(e.value('w'))}`))).toEqual(['ab:1']);
    expect(view.run(() => g.vertex('b')!.degree('BOTH'))).toBe(1);
    expect(view.run(() => g.edge('ba'))).toBeUndefined();
    expect(view.run(() => g.verticesWithValue('n', 1)?.map((v) => v.id))).toEqual(undefined); // the index moved on: scan
    expect(g.vertex('b')!.degree('BOTH')).toBe(1);
    expect(g.verticesWithValue('n', 2)!.map((v) => v.label)).toEqual(['new']);

    view.close();
    expect(clock.unsettled.size).toBe(0);
    expect(clock.pasts.size).toBe(0);
    expect(ids(g)).toEqual(['b:old:9', 'a:new:2']);
    const later = new ReadView();
    expect(later.run(() => g.vertex('a')!.label)).toBe('new');
    later.close();
  });

  it('costs nothing when no view is open: a commit purges at once', () => {
    const g = new Graph();
    g.transact((tx) => tx.addVertexProperty(tx.addVertex(['v'], 'x'), 'n', 1));
    g.transact((tx) => tx.addVertexProperty(g.vertex('x')!, 'n', 2, 'single'));
    g.transact((tx) => tx.removeVertex(g.vertex('x')!));
    expect(clock.pasts.size).toBe(0);
    expect(clock.unsettled.size).toBe(0);
    expect([...g.vertices()]).toEqual([]);
    expect([...g.verticesWithLabel('v')]).toEqual([]);
  });
});
