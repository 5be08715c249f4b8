import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphError } from '../../../src/embedded/errors';
import { openDataDir, type DataDir } from '../../../src/embedded/storage';
import { Graph, NEPTUNE, TINKERGRAPH, type GraphProfile, type Vertex } from '../../../src/embedded/structure';
import { mulberry32 } from '../../support/crash-cycles';

/**
 * The data directory on its own: whatever sequence of committed and rolled-back transactions a graph sees,
 * reopening the directory gives back exactly the committed graph.
 */

const dirs: string[] = [];
const open: DataDir[] = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nereid-data-'));
  dirs.push(dir);
  return dir;
}

function openGraph(dir: string, profile: GraphProfile = NEPTUNE): { graph: Graph; store: DataDir } {
  const graph = new Graph(profile);
  const store = openDataDir(dir, graph);
  open.push(store);
  return { graph, store };
}

function reopen(dir: string, store: DataDir, profile: GraphProfile = NEPTUNE): Graph {
  store.close();
  return openGraph(dir, profile).graph;
}

/** Everything observable about a graph's contents; keys sorted, a key's values in their order. */
function dump(graph: Graph): unknown {
  return {
    vertices: [...graph.vertices()]
      .map((v) => ({ id: v.id, labels: v.labels, properties: [...v.properties.keys()].sort().map((k) => [k, v.properties.get(k)!.map((p) => p.value)]) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...graph.edges()]
      .map((e) => ({ id: e.id, label: e.label, out: e.outV.id, in: e.inV.id, properties: [...e.properties.keys()].sort().map((k) => [k, e.properties.get(k)!.value]) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('a data directory', () => {
  it('starts fresh, and is no longer fresh once something was committed', () => {
    const dir = newDir();
    const { graph, store } = openGraph(dir);
    expect(store.fresh).toBe(true);
    graph.transact((tx) => tx.addVertex(['person'], 'p1'));
    store.close();
    const again = openGraph(dir);
    expect(again.store.fresh).toBe(false);
    expect(again.store.loaded).toMatchObject({ vertices: 1, edges: 0 });
  });

  it('is not fresh once marked seeded, even with nothing in it', () => {
    const dir = newDir();
    const { store } = openGraph(dir);
    store.markSeeded();
    store.close();
    expect(openGraph(dir).store.fresh).toBe(false);
  });

  it('keeps every value type as it was', () => {
    const dir = newDir();
    const { graph, store } = openGraph(dir);
    const values = ['text', '', 'quote\'s "and" \u0000 nul \ud800', 0, -0, 1.5, -7, 2 ** 53 - 1, NaN, Infinity, -Infinity, 12345678901234567890n, -5n, true, false, new Date('2024-02-29T12:34:56.789Z')];
    graph.transact((tx) => {
      const v = tx.addVertex(['thing'], 'v');
      values.forEach((value, i) => tx.addVertexProperty(v, `k${i}`, value));
      tx.setEdgeProperty(tx.addEdge('self', v, v, 'e'), 'when', new Date(0));
    });
    const back = reopen(dir, store).vertex('v')!;
    values.forEach((value, i) => expect(Object.is(back.value(`k${i}`), value) || back.value(`k${i}`)?.toString() === value.toString()).toBe(true));
    expect(typeof back.value('k11')).toBe('bigint');
    expect(Object.is(back.value('k4'), -0)).toBe(true);
    expect(back.value('k15')).toEqual(new Date('2024-02-29T12:34:56.789Z'));
  });

  it('keeps lists, sets and maps under the TinkerGraph profile, and list cardinality with repeated values', () => {
    const dir = newDir();
    const { graph, store } = openGraph(dir, TINKERGRAPH);
    const nested = new Map<unknown, unknown>([['a', [1, 2n, new Set(['x'])]], [3, new Map([[true, new Date(5)]])]]);
    graph.transact((tx) => {
      const v = tx.addVertex(['thing'], 'v');
      tx.addVertexProperty(v, 'nested', nested);
      tx.addVertexProperty(v, 'tags', 'a', 'list');
      tx.addVertexProperty(v, 'tags', 'a', 'list');
      tx.addVertexProperty(v, 'tags', 'b', 'list');
    });
    const back = reopen(dir, store, TINKERGRAPH).vertex('v')!;
    expect(back.value('nested')).toEqual(nested);
    expect(back.properties.get('tags')!.map((p) => p.value)).toEqual(['a', 'a', 'b']);
  });

  it('refuses to open with another profile than the one it was written with', () => {
    const dir = newDir();
    openGraph(dir, TINKERGRAPH).store.close();
    expect(() => openGraph(dir, NEPTUNE)).toThrow(/tinkergraph profile/);
  });

  it('refuses a second opener while the first holds it', () => {
    const dir = newDir();
    openGraph(dir);
    expect(() => openGraph(dir)).toThrow(/in use by another process/);
  });

  it('fails a commit whose value it cannot store, and the graph keeps nothing of it', () => {
    const dir = newDir();
    const { graph, store } = openGraph(dir, TINKERGRAPH);
    graph.transact((tx) => tx.addVertex(['thing'], 'kept'));
    const err = (() => {
      try {
        graph.transact((tx) => tx.addVertexProperty(tx.addVertex(['thing'], 'v'), 'fn', { some: 'object' }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).code).toBe('UnsupportedOperationException');
    expect(graph.vertex('v')).toBeUndefined();
    expect(graph.inTransaction).toBe(false);
    expect(dump(reopen(dir, store, TINKERGRAPH))).toEqual(dump(graph));
  });

  it('gives back exactly the committed graph after any seeded sequence of commits and rollbacks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const dir = newDir();
      let { graph, store } = openGraph(dir);
      const rnd = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(rnd() * xs.length)]);
      let next = 0;
      for (let round = 0; round < 60; round++) {
        const tx = graph.begin();
        for (let op = 0, n = 1 + Math.floor(rnd() * 6); op < n; op++) {
          const vertices = [...graph.vertices()];
          const edges = [...graph.edges()];
          const v = pick(vertices);
          const r = rnd();
          if (r < 0.25 || !v) tx.addVertex(rnd() < 0.2 ? ['a', 'b'] : ['a'], `v${next++}`);
          else if (r < 0.4) tx.addEdge(pick(['x', 'y'])!, v, pick(vertices)!, `e${next++}`);
          else if (r < 0.55) tx.addVertexProperty(v, pick(['k', 'm'])!, pick([1, 2, 'one', true, 3n])!, pick(['set', 'single'] as const));
          else if (r < 0.65) {
            const values = v.properties.get('k');
            if (values) tx.removeVertexProperty(pick(values)!);
          } else if (r < 0.75 && edges.length > 0) tx.setEdgeProperty(pick(edges)!, pick(['w', 'z'])!, rnd());
          else if (r < 0.8 && edges.length > 0) {
            const p = pick(edges)!.properties.get('w');
            if (p) tx.removeEdgeProperty(p);
          } else if (r < 0.88 && edges.length > 0) tx.removeEdge(pick(edges)!);
          else if (r < 0.95) tx.removeVertex(v as Vertex);
        }
        if (rnd() < 0.25) tx.rollback();
        else tx.commit();
        if (round % 20 === 19) {
          const before = dump(graph);
          graph = reopen(dir, store);
          store = open[open.length - 1];
          expect(dump(graph)).toEqual(before);
        }
      }
    }
  });
});
