import { fillCrowd, fillSocial } from '../support/social';
import { startNereid, type TestNereid } from '../support/nereid';

describe('reading the graph through GraphQL', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterAll(() => nereid.stop());

  it('fetches a vertex with its properties, one value as a scalar and several as a list', async () => {
    const res = await nereid.gql(`{ vertex(id: "ada") { id label properties name: property(key: "name") missing: property(key: "nope") } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertex).toEqual({
      id: 'ada',
      label: 'Person',
      properties: { age: 36, langs: ['en', 'fr'], name: 'Ada' },
      name: 'Ada',
      missing: null,
    });
  });

  it('answers null for a vertex that does not exist', async () => {
    const res = await nereid.gql(`{ vertex(id: "nobody") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertex).toBeNull();
  });

  it('follows edges in each direction with labels, filters and ordering', async () => {
    const res = await nereid.gql(`{
      vertex(id: "ada") {
        out(labels: ["knows"], orderBy: [{ key: "name", direction: DESC }]) { nodes { id } totalCount }
        in { nodes { id } totalCount }
        both(labels: ["knows"], where: { key: "age", gt: 30 }) { nodes { id } }
        outE(labels: ["knows"], orderBy: [{ key: "since" }]) { nodes { id label properties outV { id } inV { id } } }
        degree
        outDegree: degree(direction: OUT, labels: ["knows"])
      }
    }`);
    expect(res.errors).toBeUndefined();
    const ada = res.data!.vertex;
    expect(ada.out).toEqual({ nodes: [{ id: 'dee' }, { id: 'bob' }], totalCount: 2 });
    expect(ada.in).toEqual({ nodes: [], totalCount: 0 });
    expect(ada.both.nodes).toEqual([]);
    expect(ada.outE.nodes).toEqual([
      { id: 'k1', label: 'knows', properties: { since: 2001 }, outV: { id: 'ada' }, inV: { id: 'bob' } },
      { id: 'k4', label: 'knows', properties: { since: 2015 }, outV: { id: 'ada' }, inV: { id: 'dee' } },
    ]);
    expect(ada.degree).toBe(3);
    expect(ada.outDegree).toBe(2);
  });

  it('lists vertices by label with filters combined by and/or/not', async () => {
    const res = await nereid.gql(`{
      vertices(label: "Person", where: { or: [{ key: "age", lt: 30 }, { and: [{ key: "langs", eq: "es" }, { not: { key: "name", startsWith: "D" } }] }] }, orderBy: [{ key: "age" }]) {
        nodes { id } totalCount
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertices).toEqual({ nodes: [{ id: 'bob' }, { id: 'dee' }, { id: 'cy' }], totalCount: 3 });
  });

  it('answers an empty id list with no elements, not all of them, and asks the graph nothing', async () => {
    const res = await nereid.gql(`{
      vertices(ids: []) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
      edges(ids: []) { totalCount nodes { id } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertices).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(res.data!.edges).toEqual({ totalCount: 0, nodes: [] });
    expect(res.extensions!.gremlin!.requests).toBe(0);
  });

  it('lists an element named twice in ids once', async () => {
    const res = await nereid.gql(`{ vertices(ids: ["ada", "ada", "bob"]) { totalCount nodes { id } } edges(ids: ["k1", "k1"]) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertices).toEqual({ totalCount: 2, nodes: [{ id: 'ada' }, { id: 'bob' }] });
    expect(res.data!.edges.totalCount).toBe(1);
  });

  it('keeps lookups of one vertex apart when a key is named "*" or holds a NUL, rather than answering one with the other', async () => {
    const res = await nereid.gql(`{
      star: vertex(id: "ada") { property(key: "*") }
      all: vertex(id: "ada") { properties }
      joined: vertex(id: "ada") { property(key: "age\\u0000name") }
      pair: vertex(id: "ada") { properties(keys: ["age", "name"]) }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.star.property).toBeNull();
    expect(res.data!.all.properties).toEqual({ age: 36, langs: ['en', 'fr'], name: 'Ada' });
    expect(res.data!.joined.property).toBeNull();
    expect(res.data!.pair.properties).toEqual({ age: 36, name: 'Ada' });
  });

  it('reports its Gremlin requests in extensions', async () => {
    const res = await nereid.gql(`{ vertex(id: "ada") { id } }`);
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.extensions!.gremlin!.ms).toBeGreaterThanOrEqual(0);
  });
});

describe('pagination', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid((tx) => fillCrowd(tx, 53, 3));
  });
  afterAll(() => nereid.stop());

  it('returns every vertex exactly once across pages, in order, with ties broken by id', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await nereid.gql(
        `query($after: String) { vertices(label: "Person", orderBy: [{ key: "rank", direction: DESC }], first: 10, after: $after) {
          edges { cursor node { id rank: property(key: "rank") } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data.vertices;
      expect(page.totalCount).toBe(53);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((e: any) => `${e.node.rank}:${e.node.id}`));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(6);
    expect(seen).toHaveLength(53);
    expect(new Set(seen).size).toBe(53);
    const expected = [...seen].sort((a, b) => {
      const [ra, ia] = a.split(':');
      const [rb, ib] = b.split(':');
      return Number(rb) - Number(ra) || ia.localeCompare(ib);
    });
    expect(seen).toEqual(expected);
  });

  it('refuses a cursor from a different query', async () => {
    const first: any = await nereid.gql(`{ vertices(label: "Person", first: 2) { pageInfo { endCursor } } }`);
    const res = await nereid.gql(`query($after: String) { vertices(label: "Nobody", first: 2, after: $after) { totalCount } }`, {
      after: first.data.vertices.pageInfo.endCursor,
    });
    expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/different query/);
  });

  it('nests: 50 vertices with their first 10 neighbours names take 1 Gremlin request', async () => {
    const res: any = await nereid.gql(`{ vertices(label: "Person", first: 50) { nodes { id out(first: 10) { nodes { name: property(key: "name") } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.vertices.nodes).toHaveLength(50);
    expect(res.data.vertices.nodes[0].out.nodes).toHaveLength(3);
    expect(res.extensions.gremlin.requests).toBe(1);
    // The neighbours' page runs inside each vertex's by(), windowed per vertex.
    expect(res.extensions.gremlin.traversals[0].gremlin).toContain('.by(__.out().dedup().order().by(T.id, Order.asc).range(0, 11).project("id", "label", "properties")');
  });

  it('answers a repeated document by the variables of each request: its own arguments, its selection and its fragments', async () => {
    const query = `query($id: ID!, $n: Int, $key: String!, $deep: Boolean!) { vertex(id: $id) { id ...Out } }
      fragment Out on Vertex { out(first: $n, orderBy: [{ key: $key }]) { nodes { id } } deeper: out(first: 1) @include(if: $deep) { totalCount } }`;
    const ask = async (variables: Record<string, unknown>) => {
      const res: any = await nereid.gql(query, variables);
      expect(res.errors).toBeUndefined();
      expect(res.extensions.gremlin.requests).toBe(1);
      return res.data.vertex;
    };
    const ids = (v: any) => v.out.nodes.map((n: any) => n.id);
    expect(ids(await ask({ id: 'p000', n: 1, key: 'name', deep: false }))).toEqual(['p001']);
    expect(await ask({ id: 'p000', n: 2, key: 'name', deep: true })).toEqual({ id: 'p000', out: { nodes: [{ id: 'p001' }, { id: 'p002' }] }, deeper: { totalCount: 3 } });
    expect(ids(await ask({ id: 'p010', n: 2, key: 'name', deep: false }))).toEqual(['p011', 'p012']);
    // rank is i % 7: p014 (0), p015 (1), p013 (6); by name it would be p013, p014, p015.
    expect(ids(await ask({ id: 'p012', n: 3, key: 'name', deep: false }))).toEqual(['p013', 'p014', 'p015']);
    expect(ids(await ask({ id: 'p012', n: 3, key: 'rank', deep: false }))).toEqual(['p014', 'p015', 'p013']);
    expect(await ask({ id: 'p000', n: 1, key: 'name', deep: false })).toEqual({ id: 'p000', out: { nodes: [{ id: 'p001' }] } });
  });

  it('tells hasNextPage from the count when totalCount is selected, without fetching an item past the page', async () => {
    const counted: any = await nereid.gql(`{ vertices(label: "Person", first: 1) { nodes {
      short: out(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } }
      whole: out(first: 3) { totalCount nodes { id } pageInfo { hasNextPage } }
      uncounted: out(first: 2) { nodes { id } pageInfo { hasNextPage } } } } }`);
    expect(counted.errors).toBeUndefined();
    const [ada] = counted.data.vertices.nodes;
    expect(ada.short).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(ada.short.nodes).toHaveLength(2);
    expect(ada.whole).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(ada.whole.nodes).toHaveLength(3);
    expect(ada.uncounted).toEqual({ nodes: ada.short.nodes, pageInfo: { hasNextPage: true } });
    // The root page (uncounted) and `uncounted` fetch one past their page; the counted ones do not.
    expect(counted.extensions.gremlin.traversals[0].gremlin.match(/range\(\d+, \d+\)/g)).toEqual(['range(0, 2)', 'range(0, 2)', 'range(0, 3)', 'range(0, 3)']);
  });
});

describe('a vertex with an edge to itself', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid((tx) => {
      const ada = tx.addVertex(['Person'], 'ada');
      const bob = tx.addVertex(['Person'], 'bob');
      tx.addEdge('knows', ada, ada, 'self');
      tx.addEdge('knows', ada, bob, 'k1');
    });
  });
  afterAll(() => nereid.stop());

  it('lists and counts the loop once among the edges in either direction, as one incident edge', async () => {
    const res = await nereid.gql(`{ vertex(id: "ada") {
      bothE { totalCount nodes { id } }
      outE { totalCount } inE { totalCount }
      both { totalCount nodes { id } }
      degree outDegree: degree(direction: OUT) inDegree: degree(direction: IN)
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertex).toEqual({
      bothE: { totalCount: 2, nodes: [{ id: 'k1' }, { id: 'self' }] },
      outE: { totalCount: 2 },
      inE: { totalCount: 1 },
      both: { totalCount: 2, nodes: [{ id: 'ada' }, { id: 'bob' }] },
      degree: 2,
      outDegree: 2,
      inDegree: 1,
    });
  });
});
