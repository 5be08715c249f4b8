import type { Transaction, Vertex } from '../../src/embedded/structure';
import { fillSocial } from '../support/social';
import { startNereid, type GraphQLResponse, type TestNereid } from '../support/nereid';

function expectBadInput(res: GraphQLResponse, argument: string): void {
  expect(res.status).toBe(200);
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
}

const ids = (list: { id: string }[]) => list.map((v) => v.id);

describe('traverse', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterAll(() => nereid.stop());

  const knows2 = `steps: [{ direction: BOTH, edgeLabels: ["knows"] }, { direction: BOTH, edgeLabels: ["knows"] }]`;

  it('returns the distinct vertices reached at the last step, in one request', async () => {
    // ada -both-> {bob, dee} -both-> {ada, cy} from each of them.
    const res: any = await nereid.gql(`{ traverse(start: ["ada"], ${knows2}) { vertices { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(ids(res.data.traverse.vertices).sort()).toEqual(['ada', 'cy']);
    expect(res.extensions.gremlin.requests).toBe(1);
  });

  it('keeps one result per walk without dedup, and limit caps them', async () => {
    const all: any = await nereid.gql(`{ traverse(start: ["ada"], ${knows2}, dedup: false) { vertices { id } } }`);
    expect(ids(all.data.traverse.vertices).sort()).toEqual(['ada', 'ada', 'cy', 'cy']);
    const capped: any = await nereid.gql(`{ traverse(start: ["ada"], ${knows2}, dedup: false, limit: 3) { vertices { id } } }`);
    expect(capped.data.traverse.vertices).toHaveLength(3);
  });

  it('filters the vertices of each step and follows direction and labels', async () => {
    const res: any = await nereid.gql(`{
      older: traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"], where: { key: "age", lt: 30 } }, { direction: BOTH, edgeLabels: ["knows"], where: { key: "name", startsWith: "C" } }]) { vertices { id } }
      likers: traverse(start: ["p1"], steps: [{ direction: IN, edgeLabels: ["likes"] }]) { vertices { id name: property(key: "name") } }
      anyEdge: traverse(start: ["bob", "cy", "bob"], steps: [{ direction: OUT }]) { vertices { id } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(ids(res.data.older.vertices)).toEqual(['cy']);
    expect(res.data.likers.vertices.sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual([
      { id: 'bob', name: 'Bob' },
      { id: 'cy', name: 'Cy' },
    ]);
    expect(ids(res.data.anyEdge.vertices).sort()).toEqual(['cy', 'dee', 'p1']);
  });

  it('returns the paths and edges that reached the vertices, with the selected properties, in one request', async () => {
    const res: any = await nereid.gql(`{ traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }, { direction: OUT }]) {
      vertices { id } edges { id }
      paths { length vertices { id name: property(key: "name") } edges { id label since: property(key: "since") } }
    } }`);
    expect(res.errors).toBeUndefined();
    const result = res.data.traverse;
    const byEnd = [...result.paths].sort((a: any, b: any) => a.vertices[2].id.localeCompare(b.vertices[2].id));
    expect(byEnd).toEqual([
      {
        length: 2,
        vertices: [{ id: 'ada', name: 'Ada' }, { id: 'bob', name: 'Bob' }, { id: 'cy', name: 'Cy' }],
        edges: [{ id: 'k1', label: 'knows', since: 2001 }, { id: 'k2', label: 'knows', since: 2005 }],
      },
      {
        length: 2,
        vertices: [{ id: 'ada', name: 'Ada' }, { id: 'bob', name: 'Bob' }, { id: 'p1', name: null }],
        edges: [{ id: 'k1', label: 'knows', since: 2001 }, { id: 'l1', label: 'likes', since: null }],
      },
    ]);
    expect(ids(result.vertices).sort()).toEqual(['cy', 'p1']);
    // Each edge walked is listed once even though both paths start along k1.
    expect(ids(result.edges).sort()).toEqual(['k1', 'k2', 'l1']);
    expect(res.extensions.gremlin.requests).toBe(1);
  });

  it('walks through edges whenever edges are selected, and tracks vertex-only paths otherwise', async () => {
    const res: any = await nereid.gql(`{
      edgesOnly: traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }]) { edges { id since: property(key: "since") } }
      pathVertices: traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }]) { paths { length vertices { id } edges { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.edgesOnly.edges.sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual([
      { id: 'k1', since: 2001 },
      { id: 'k4', since: 2015 },
    ]);
    const paths = res.data.pathVertices.paths.map((p: any) => `${p.length}:${ids(p.vertices).join('-')}:${ids(p.edges).join('-')}`);
    expect(paths.sort()).toEqual(['1:ada-bob:k1', '1:ada-dee:k4']);
  });

  it('gives one real path per final vertex when deduplicating', async () => {
    const res: any = await nereid.gql(`{ traverse(start: ["ada"], ${knows2}) { vertices { id } paths { vertices { id } edges { outV { id } inV { id } } } } }`);
    expect(res.errors).toBeUndefined();
    const { vertices, paths } = res.data.traverse;
    expect(ids(vertices).sort()).toEqual(['ada', 'cy']);
    expect(paths.map((p: any) => p.vertices[2].id)).toEqual(ids(vertices));
    for (const path of paths) {
      expect(path.vertices[0].id).toBe('ada');
      path.edges.forEach((edge: any, i: number) => {
        const ends = [edge.outV.id, edge.inV.id].sort();
        expect(ends).toEqual([path.vertices[i].id, path.vertices[i + 1].id].sort());
      });
    }
  });

  it('nests fields under the reached vertices in the traversal itself: one request', async () => {
    const res: any = await nereid.gql(`{ traverse(start: ["ada"], steps: [{ direction: OUT, edgeLabels: ["knows"] }]) {
      vertices { id out(labels: ["knows"]) { nodes { id } } } } }`);
    expect(res.errors).toBeUndefined();
    const outs = Object.fromEntries(res.data.traverse.vertices.map((v: any) => [v.id, ids(v.out.nodes)]));
    expect(outs).toEqual({ bob: ['cy'], dee: [] });
    expect(res.extensions.gremlin.requests).toBe(1);
  });

  it('answers an empty result for start ids that do not exist', async () => {
    const res: any = await nereid.gql(`{ traverse(start: ["nobody"], ${knows2}) { vertices { id } edges { id } paths { length } } }`);
    expect(res.data.traverse).toEqual({ vertices: [], edges: [], paths: [] });
  });

  it.each([
    ['start: []', 'start'],
    ['start: [""]', 'start[0]'],
    ['start: ["ada"], steps: []', 'steps'],
    ['limit: -1', 'limit'],
    ['limit: 1001', 'limit'],
    ['steps: [{ direction: OUT, where: { key: "age" } }]', 'steps[0].where'],
    ['steps: [{ direction: OUT }, { direction: OUT, where: { key: "age", gt: { a: 1 } } }]', 'steps[1].where.gt'],
    ['steps: [{ direction: OUT, edgeLabels: [""] }]', 'steps[0].edgeLabels[0]'],
    [`steps: [${Array(7).fill('{ direction: OUT }').join(', ')}]`, 'steps'],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (args, argument) => {
    const withDefaults = { start: 'start: ["ada"]', steps: 'steps: [{ direction: OUT }]' };
    const full = [args, ...Object.entries(withDefaults).filter(([k]) => !args.includes(`${k}:`)).map(([, v]) => v)].join(', ');
    const res: any = await nereid.gql(`{ traverse(${full}) { vertices { id } } }`);
    expectBadInput(res, argument);
    expect(res.extensions.gremlin.requests).toBe(0);
  });
});

/** A deterministic pseudo-random graph, for comparing against a plain BFS written here. */
function randomGraph(seed: number, vertices: number, edges: number): { fill: (tx: Transaction) => void; edges: [string, string, string][] } {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const list: [string, string, string][] = [];
  for (let i = 0; i < edges; i++) list.push([`r${next(vertices)}`, `r${next(vertices)}`, next(3) === 0 ? 'b' : 'a']);
  return {
    edges: list,
    fill: (tx) => {
      const vs: Vertex[] = [];
      for (let i = 0; i < vertices; i++) vs.push(tx.addVertex(['R'], `r${i}`));
      list.forEach(([from, to, label], i) => tx.addEdge(label, vs[Number(from.slice(1))], vs[Number(to.slice(1))], `e${i}`));
    },
  };
}

function bfsDistance(edges: [string, string, string][], from: string, to: string, direction: 'OUT' | 'IN' | 'BOTH', labels: string[]): number | null {
  const next = new Map<string, string[]>();
  const link = (a: string, b: string) => next.set(a, [...(next.get(a) ?? []), b]);
  for (const [a, b, label] of edges) {
    if (labels.length > 0 && !labels.includes(label)) continue;
    if (direction !== 'IN') link(a, b);
    if (direction !== 'OUT') link(b, a);
  }
  const distance = new Map([[from, 0]]);
  const queue = [from];
  while (queue.length > 0) {
    const v = queue.shift()!;
    if (v === to) return distance.get(v)!;
    for (const w of next.get(v) ?? []) {
      if (!distance.has(w)) {
        distance.set(w, distance.get(v)! + 1);
        queue.push(w);
      }
    }
  }
  return null;
}

describe('shortestPath', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterAll(() => nereid.stop());

  const path = `{ length vertices { id } edges { id } }`;

  it('finds a one-hop path with its edge and properties in one request', async () => {
    const res: any = await nereid.gql(`{ shortestPath(from: "ada", to: "dee") { length vertices { id name: property(key: "name") } edges { id since: property(key: "since") } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.shortestPath).toEqual({
      length: 1,
      vertices: [{ id: 'ada', name: 'Ada' }, { id: 'dee', name: 'Dee' }],
      edges: [{ id: 'k4', since: 2015 }],
    });
    expect(res.extensions.gremlin.requests).toBe(1);
  });

  it('follows direction and edge labels', async () => {
    const res: any = await nereid.gql(`{
      out: shortestPath(from: "bob", to: "dee", direction: OUT, edgeLabels: ["knows"]) ${path}
      in: shortestPath(from: "dee", to: "ada", direction: IN, edgeLabels: ["knows"]) ${path}
      against: shortestPath(from: "dee", to: "bob", direction: OUT) ${path}
      viaPost: shortestPath(from: "ada", to: "cy", edgeLabels: ["created", "likes"]) ${path}
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.out).toEqual({ length: 2, vertices: [{ id: 'bob' }, { id: 'cy' }, { id: 'dee' }], edges: [{ id: 'k2' }, { id: 'k3' }] });
    expect(res.data.in).toEqual({ length: 1, vertices: [{ id: 'dee' }, { id: 'ada' }], edges: [{ id: 'k4' }] });
    expect(res.data.against).toBeNull();
    expect(res.data.viaPost).toEqual({ length: 2, vertices: [{ id: 'ada' }, { id: 'p1' }, { id: 'cy' }], edges: [{ id: 'c1' }, { id: 'l2' }] });
  });

  it('answers null beyond maxHops, for unreachable vertices and for ids that do not exist', async () => {
    const res: any = await nereid.gql(`{
      tooFar: shortestPath(from: "bob", to: "dee", edgeLabels: ["knows"], maxHops: 1) { length }
      justEnough: shortestPath(from: "bob", to: "dee", edgeLabels: ["knows"], maxHops: 2) { length }
      isolated: shortestPath(from: "ada", to: "eve") { length }
      noFrom: shortestPath(from: "nobody", to: "ada") { length }
      noTo: shortestPath(from: "ada", to: "nobody") { length }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ tooFar: null, justEnough: { length: 2 }, isolated: null, noFrom: null, noTo: null });
    expect(res.extensions.gremlin.requests).toBe(5);
  });

  it('answers a path of length 0 from a vertex to itself', async () => {
    const res: any = await nereid.gql(`{ shortestPath(from: "cy", to: "cy") ${path} }`);
    expect(res.data.shortestPath).toEqual({ length: 0, vertices: [{ id: 'cy' }], edges: [] });
  });

  it.each([
    ['maxHops: 0', 'maxHops'],
    ['maxHops: 11', 'maxHops'],
    ['from: ""', 'from'],
    ['to: ""', 'to'],
    ['edgeLabels: ["knows", ""]', 'edgeLabels[1]'],
  ])('refuses %s as BAD_USER_INPUT naming %s', async (args, argument) => {
    const defaults = ['from: "ada"', 'to: "bob"'].filter((d) => !args.startsWith(d.split(':')[0]));
    const res: any = await nereid.gql(`{ shortestPath(${[args, ...defaults].join(', ')}) { length } }`);
    expectBadInput(res, argument);
    expect(res.extensions.gremlin.requests).toBe(0);
  });
});

describe('shortestPath against a plain breadth-first search', () => {
  let nereid: TestNereid;
  const graph = randomGraph(7, 40, 70);
  // A long chain created before a shortcut, so a depth-first search would meet the long way first.
  const fillDecoy = (tx: Transaction) => {
    const chain = ['s', 'c1', 'c2', 'c3', 'c4', 't'].map((id) => tx.addVertex(['D'], id));
    chain.slice(1).forEach((v, i) => tx.addEdge('next', chain[i], v));
    const shortcut = tx.addVertex(['D'], 'z1');
    tx.addEdge('next', chain[0], shortcut);
    tx.addEdge('next', shortcut, chain[5]);
  };
  beforeAll(async () => {
    nereid = await startNereid((tx) => {
      graph.fill(tx);
      fillDecoy(tx);
    });
  });
  afterAll(() => nereid.stop());

  it('keeps one walk per vertex reached, so a graph with millions of shortest walks is searched in a moment', async () => {
    // s -> 6 vertices -> 6 -> ... (7 layers, each fully joined to the next) -> t: 6^7 walks of length 8, 44 vertices.
    const layered = await startNereid((tx) => {
      const layers = Array.from({ length: 7 }, (_, l) => Array.from({ length: 6 }, (_, i) => tx.addVertex(['L'], `l${l}_${i}`)));
      const s = tx.addVertex(['L'], 's');
      const t = tx.addVertex(['L'], 't');
      for (const v of layers[0]) tx.addEdge('next', s, v);
      layers.slice(1).forEach((layer, l) => layers[l].forEach((a) => layer.forEach((b) => tx.addEdge('next', a, b))));
      for (const v of layers[6]) tx.addEdge('next', v, t);
    });
    try {
      const res: any = await layered.gql(`{ shortestPath(from: "s", to: "t", direction: OUT, maxHops: 10) { length edges { id } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data.shortestPath.length).toBe(8);
      expect(res.data.shortestPath.edges).toHaveLength(8);
      const none: any = await layered.gql(`{ shortestPath(from: "t", to: "s", direction: OUT, maxHops: 10) { length } }`);
      expect(none.data.shortestPath).toBeNull();
    } finally {
      await layered.stop();
    }
  });

  it('prefers the shortcut over a chain met first', async () => {
    const res: any = await nereid.gql(`{ shortestPath(from: "s", to: "t", direction: OUT) { vertices { id } } }`);
    expect(ids(res.data.shortestPath.vertices)).toEqual(['s', 'z1', 't']);
  });

  const cases: [string, string, 'OUT' | 'IN' | 'BOTH', string[]][] = [];
  for (let i = 0; i < 12; i++) {
    for (const direction of ['OUT', 'IN', 'BOTH'] as const) cases.push([`r${(i * 7) % 40}`, `r${(i * 13 + 5) % 40}`, direction, i % 2 ? ['a'] : []]);
  }

  it.each(cases)('%s to %s %s %j has the BFS length and is a real walk', async (from, to, direction, labels) => {
    const res: any = await nereid.gql(
      `query($from: ID!, $to: ID!, $direction: Direction, $labels: [String!]) {
        shortestPath(from: $from, to: $to, direction: $direction, edgeLabels: $labels, maxHops: 10) { length vertices { id } edges { id label outV { id } inV { id } } } }`,
      { from, to, direction, labels },
    );
    expect(res.errors).toBeUndefined();
    const expected = bfsDistance(graph.edges, from, to, direction, labels);
    const found = res.data.shortestPath;
    if (expected === null) {
      expect(found).toBeNull();
      return;
    }
    expect(found.length).toBe(expected);
    expect(found.vertices[0].id).toBe(from);
    expect(found.vertices[expected].id).toBe(to);
    found.edges.forEach((edge: any, i: number) => {
      const [a, b] = [found.vertices[i].id, found.vertices[i + 1].id];
      if (labels.length > 0) expect(labels).toContain(edge.label);
      const forward = edge.outV.id === a && edge.inV.id === b;
      const backward = edge.inV.id === a && edge.outV.id === b;
      expect(direction === 'OUT' ? forward : direction === 'IN' ? backward : forward || backward).toBe(true);
    });
  });
});
