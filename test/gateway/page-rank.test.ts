import type { Transaction, Vertex } from '../../src/embedded/structure';
import { fillSocial } from '../support/social';
import { startNereid, type GraphQLResponse, type TestNereid } from '../support/nereid';

/**
 * PageRank as textbook linear algebra, independent of the gateway's loop: r ← G·r with the dense Google
 * matrix G[i][j] = d·(edges j→i)/outdeg(j), or d/N when j has no out-edges, plus (1-d)/N everywhere.
 */
function referencePageRank(vertices: string[], edges: [string, string][], iterations: number, d = 0.85): Map<string, number> {
  const n = vertices.length;
  const at = (id: string) => vertices.indexOf(id);
  const outDegree = vertices.map((v) => edges.filter(([from]) => from === v).length);
  const G = vertices.map((_, i) =>
    vertices.map((_, j) => {
      const links = edges.filter(([from, to]) => at(from) === j && at(to) === i).length;
      return (1 - d) / n + (outDegree[j] === 0 ? d / n : (d * links) / outDegree[j]);
    }),
  );
  let r = vertices.map(() => 1 / n);
  for (let k = 0; k < iterations; k++) r = G.map((row) => row.reduce((sum, g, j) => sum + g * r[j], 0));
  return new Map(vertices.map((v, i) => [v, r[i]]));
}

function expectRanks(actual: { rank: number; vertex: { id: string } }[], expected: Map<string, number>, limit: number): void {
  const top = [...expected].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
  expect(actual.map((r) => r.vertex.id)).toEqual(top.map(([id]) => id));
  actual.forEach((r, i) => expect(r.rank).toBeCloseTo(top[i][1], 12));
}

function expectBadInput(res: GraphQLResponse, argument: string, message?: RegExp): void {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  if (message) expect(res.errors![0].message).toMatch(message);
}

/** `ids` as vertices with `label` and each of `edges` as an edge labelled `edgeLabel`. */
function fillEdges(tx: Transaction, label: string, ids: string[], edges: [string, string][], edgeLabel = 'link'): void {
  const byId = new Map<string, Vertex>(ids.map((id) => [id, tx.addVertex([label], id)]));
  for (const [from, to] of edges) tx.addEdge(edgeLabel, byId.get(from)!, byId.get(to)!);
}

const ring = (ids: string[]): [string, string][] => ids.map((id, i) => [id, ids[(i + 1) % ids.length]]);

describe('pageRank on graphs with known answers', () => {
  let nereid: TestNereid;
  const cycle = ['c0', 'c1', 'c2', 'c3', 'c4'];
  const leaves = ['s1', 's2', 's3', 's4'];
  // Parallel edges count once each; a self-loop keeps some of a vertex's rank; m4 has no out-edges.
  const mixedIds = ['m1', 'm2', 'm3', 'm4'];
  const mixed: [string, string][] = [['m1', 'm2'], ['m1', 'm2'], ['m1', 'm3'], ['m2', 'm3'], ['m3', 'm1'], ['m3', 'm3'], ['m3', 'm4']];
  beforeAll(async () => {
    nereid = await startNereid((tx) => {
      fillSocial(tx);
      fillEdges(tx, 'Cycle', cycle, ring(cycle));
      fillEdges(tx, 'Star', ['hub', ...leaves], leaves.map((leaf): [string, string] => [leaf, 'hub']));
      fillEdges(tx, 'Mixed', mixedIds, mixed);
    });
  });
  afterAll(() => nereid.stop());

  it('ranks every vertex of a cycle equally, in id order, in three requests', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Cycle") { rank vertex { id label } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.pageRank.map((r: any) => r.vertex)).toEqual(cycle.map((id) => ({ id, label: 'Cycle' })));
    for (const r of res.data.pageRank) expect(r.rank).toBeCloseTo(0.2, 15);
    // Size check, one adjacency page, one batched lookup of the ranked vertices.
    expect(res.extensions.gremlin.requests).toBe(3);
  });

  it('gives a star hub its closed-form rank', async () => {
    // Leaves get (1-d)/5 plus the hub's (dangling) rank spread over all five: leaf = 1/(5+4d), hub = (1+4d)/(5+4d).
    const res: any = await nereid.gql(`{ pageRank(label: "Star", iterations: 100) { rank vertex { id } } }`);
    expect(res.errors).toBeUndefined();
    const ranks = res.data.pageRank;
    expect(ranks.map((r: any) => r.vertex.id)).toEqual(['hub', ...leaves]);
    expect(ranks[0].rank).toBeCloseTo(4.4 / 8.4, 6);
    for (const leaf of ranks.slice(1)) expect(leaf.rank).toBeCloseTo(1 / 8.4, 6);
    expect(ranks.reduce((sum: number, r: any) => sum + r.rank, 0)).toBeCloseTo(1, 12);
  });

  it('matches the reference with parallel edges, a self-loop and a dangling vertex', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Mixed", iterations: 30, dampingFactor: 0.7) { rank vertex { id } } }`);
    expect(res.errors).toBeUndefined();
    expectRanks(res.data.pageRank, referencePageRank(mixedIds, mixed, 30, 0.7), 10);
  });

  it('ranks only vertices with the label over edges with the edge labels, fetching the selected properties', async () => {
    const people = ['ada', 'bob', 'cy', 'dee', 'eve'];
    const knows: [string, string][] = [['ada', 'bob'], ['bob', 'cy'], ['cy', 'dee'], ['ada', 'dee']];
    const res: any = await nereid.gql(`{
      byEdgeLabel: pageRank(label: "Person", edgeLabels: ["knows"], limit: 3) { rank vertex { id name: property(key: "name") } }
      byLabelOnly: pageRank(label: "Person", limit: 10) { rank vertex { id } }
    }`);
    expect(res.errors).toBeUndefined();
    const expected = referencePageRank(people, knows, 20);
    expectRanks(res.data.byEdgeLabel, expected, 3);
    expect(res.data.byEdgeLabel[0].vertex).toEqual({ id: 'dee', name: 'Dee' });
    // The posts' created/likes edges leave the Person subgraph, so they don't count.
    expectRanks(res.data.byLabelOnly, expected, 10);
  });

  it('ranks the whole graph when no label is given', async () => {
    const res: any = await nereid.gql(`{ pageRank(edgeLabels: ["created", "likes"], limit: 2) { rank vertex { id } } }`);
    expect(res.errors).toBeUndefined();
    const all = ['ada', 'bob', 'cy', 'dee', 'eve', 'p1', ...cycle, 'hub', ...leaves, ...mixedIds];
    const expected = referencePageRank(all, [['ada', 'p1'], ['bob', 'p1'], ['cy', 'p1']], 20);
    expectRanks(res.data.pageRank, expected, 2);
  });

  it('answers an empty list for an empty subgraph after one request', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Nothing") { rank vertex { id } } }`);
    expect(res.data.pageRank).toEqual([]);
    expect(res.extensions.gremlin.requests).toBe(1);
  });

  it.each([
    ['iterations: 0', 'iterations'],
    ['iterations: 101', 'iterations'],
    ['dampingFactor: 0', 'dampingFactor'],
    ['dampingFactor: 1', 'dampingFactor'],
    ['dampingFactor: -0.5', 'dampingFactor'],
    ['limit: 0', 'limit'],
    ['limit: 1001', 'limit'],
    ['label: ""', 'label'],
    ['edgeLabels: [""]', 'edgeLabels[0]'],
  ])('refuses %s as BAD_USER_INPUT naming %s, before any request', async (args, argument) => {
    const res: any = await nereid.gql(`{ pageRank(${args}) { rank } }`);
    expectBadInput(res, argument);
    expect(res.extensions.gremlin.requests).toBe(0);
  });
});

/** Tens of thousands of elements in the embedded graph take seconds to load and scan on a busy machine. */
const SLOW = 90_000;

describe('pageRank on larger subgraphs', () => {
  let nereid: TestNereid;
  const ringIds = Array.from({ length: 20_001 }, (_, i) => `n${String(i).padStart(5, '0')}`);
  beforeAll(async () => {
    nereid = await startNereid((tx) => {
      fillEdges(tx, 'Ring', ringIds, ring(ringIds));
      // Over the vertex cap with no edges at all.
      for (let i = 0; i <= 50_000; i++) tx.addVertex(['Crowd'], `crowd${i}`);
      // Under the vertex cap, over the edge cap: 1,000 vertices each linking to the next 101.
      const dense = Array.from({ length: 1000 }, (_, i) => tx.addVertex(['Dense'], `dense${i}`));
      dense.forEach((v, i) => {
        for (let k = 1; k <= 101; k++) tx.addEdge('link', v, dense[(i + k) % dense.length]);
      });
    });
  }, SLOW);
  afterAll(() => nereid.stop());

  it('fetches a subgraph of several pages completely', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Ring", limit: 1000) { rank vertex { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.pageRank.map((r: any) => r.vertex.id)).toEqual(ringIds.slice(0, 1000));
    for (const r of res.data.pageRank) expect(r.rank).toBeCloseTo(1 / 20_001, 15);
    // Size check, adjacency pages of 10,000 + 10,000 + 1 vertices, one batched lookup.
    expect(res.extensions.gremlin.requests).toBe(5);
  }, SLOW);

  it('refuses a subgraph over the vertex cap after counting', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Crowd") { rank } }`);
    expectBadInput(res, 'label', /more than 50000 vertices/);
    expect(res.extensions.gremlin.requests).toBe(1);
  }, SLOW);

  it('refuses a subgraph over the edge cap after counting', async () => {
    const res: any = await nereid.gql(`{ pageRank(label: "Dense", edgeLabels: ["link"]) { rank } }`);
    expectBadInput(res, 'edgeLabels', /more than 100000 edges; narrow it/);
    expect(res.extensions.gremlin.requests).toBe(1);
  }, SLOW);
});
