import { fillSocial } from '../support/social';
import { CLIENT_EDGE_IDS, startNereid, type TestNereid } from '../support/nereid';

interface Explained {
  requests: number;
  ms: number;
  traversals: { gremlin: string; endpoint: 'reader' | 'writer'; ms: number }[];
}

/**
 * The whole selection of a root field is one traversal: the standard shapes of the generic API, nested two and
 * three levels with filters, orders, pages and counts at each level, cost one Gremlin request, and
 * `extensions.gremlin.traversals` shows that request as Gremlin text.
 */
describe('one Gremlin request per root field', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  }, 120_000);
  afterAll(() => nereid.stop());

  const explained = async (query: string, variables?: Record<string, unknown>) => {
    const res = await nereid.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return { data: res.data as any, gremlin: res.extensions!.gremlin as Explained };
  };

  it('nests connections three levels deep, each with its own filter, order, page and count', async () => {
    const { data, gremlin } = await explained(`{
      vertex(id: "ada") {
        name: property(key: "name")
        out(labels: ["knows"], orderBy: [{ key: "name", direction: DESC }], first: 2) {
          totalCount
          pageInfo { hasNextPage }
          nodes {
            id
            degree
            out(labels: ["knows"], where: { key: "age", gte: 20 }) {
              totalCount
              edges { cursor node { id in(labels: ["knows"], first: 1) { nodes { id } } } }
            }
          }
        }
      }
    }`);
    expect(data.vertex.name).toBe('Ada');
    expect(data.vertex.out.totalCount).toBe(2);
    expect(data.vertex.out.nodes.map((n: any) => n.id)).toEqual(['dee', 'bob']);
    const bob = data.vertex.out.nodes[1];
    expect(bob.degree).toBe(3);
    expect(bob.out.totalCount).toBe(1);
    expect(bob.out.edges[0].node).toEqual({ id: 'cy', in: { nodes: [{ id: 'bob' }] } });
    expect(gremlin.requests).toBe(1);
    expect(gremlin.traversals).toHaveLength(1);
    expect(gremlin.traversals[0].endpoint).toBe('reader');
    expect(gremlin.traversals[0].gremlin).toMatch(/^g\.V\("ada"\)\.project\(/);
    expect(gremlin.traversals[0].gremlin).toContain('.by(__.out("knows").has("age", P.gte(20)).dedup().count())');
  });

  it('reads edges with their end points and properties, and a root page with a nested page, in one request', async () => {
    const { data, gremlin } = await explained(`{
      vertices(label: "Person", orderBy: [{ key: "age" }], first: 3) {
        totalCount
        nodes {
          id
          outE(labels: ["knows"], orderBy: [{ key: "since" }]) { nodes { since: property(key: "since") outV { id } inV { id properties(keys: ["name"]) } } }
        }
      }
    }`);
    expect(data.vertices.totalCount).toBe(5);
    expect(data.vertices.nodes.map((n: any) => n.id)).toEqual(['bob', 'dee', 'ada']);
    expect(data.vertices.nodes[2].outE.nodes).toEqual([
      { since: 2001, outV: { id: 'ada' }, inV: { id: 'bob', properties: { name: 'Bob' } } },
      { since: 2015, outV: { id: 'ada' }, inV: { id: 'dee', properties: { name: 'Dee' } } },
    ]);
    expect(gremlin.requests).toBe(1);
  });

  it('keeps fragments, aliases and @include/@skip apart, each aliased field its own branch', async () => {
    const { data, gremlin } = await explained(
      `query($more: Boolean!) {
        vertex(id: "ada") {
          ...Friends
          older: out(where: { key: "age", gt: 26 }) { nodes { id } }
          younger: out(where: { key: "age", lt: 30 }) @include(if: $more) { nodes { id } }
          skipped: in @skip(if: true) { totalCount }
        }
      }
      fragment Friends on Vertex { friends: out(labels: ["knows"]) { totalCount } }`,
      { more: true },
    );
    expect(data.vertex).toEqual({ friends: { totalCount: 2 }, older: { nodes: [{ id: 'dee' }] }, younger: { nodes: [{ id: 'bob' }, { id: 'dee' }] } });
    expect(gremlin.requests).toBe(1);
  });

  it('costs one request for an edge with its end points, and one per root field', async () => {
    const edge = await explained(`{ edge(id: "k1") { label outV { id out { totalCount } } inV { name: property(key: "name") } } }`);
    expect(edge.data.edge).toEqual({ label: 'knows', outV: { id: 'ada', out: { totalCount: 3 } }, inV: { name: 'Bob' } });
    expect(edge.gremlin.requests).toBe(1);
    const two = await explained(`{ a: vertex(id: "ada") { out { totalCount } } b: vertices(ids: ["bob", "cy"]) { nodes { degree } } }`);
    expect(two.data).toEqual({ a: { out: { totalCount: 3 } }, b: { nodes: [{ degree: 3 }, { degree: 3 }] } });
    expect(two.gremlin.requests).toBe(2);
  });

  it('creates an edge and reads its end points and their neighbours in the same traversal', async () => {
    const { data, gremlin } = await explained(`mutation {
      createEdge(input: { ${CLIENT_EDGE_IDS ? 'id: "k9", ' : ''}label: "knows", from: "eve", to: "ada" }) { id outV { id degree } inV { in(labels: ["knows"]) { nodes { id } } } }
    }`);
    expect(data.createEdge).toEqual({ id: CLIENT_EDGE_IDS ? 'k9' : expect.any(String), outV: { id: 'eve', degree: 1 }, inV: { in: { nodes: [{ id: 'eve' }] } } });
    expect(gremlin.requests).toBe(1);
    expect(gremlin.traversals[0].endpoint).toBe('writer');
    expect(gremlin.traversals[0].gremlin).toMatch(/^g\.addE\("knows"\)/);
  });

  it('plans a document once and keeps its plans apart by variables: pages, cursors and sizes stay right', async () => {
    const query = `query($first: Int, $after: String) { vertices(label: "Person", first: $first, after: $after) { pageInfo { endCursor } nodes { id out(first: $first) { nodes { id } } } } }`;
    const page1 = await explained(query, { first: 2 });
    const page2 = await explained(query, { first: 2, after: page1.data.vertices.pageInfo.endCursor });
    const again = await explained(query, { first: 2 });
    const wide = await explained(query, { first: 3 });
    expect(page1.data.vertices.nodes.map((n: any) => n.id)).toEqual(['ada', 'bob']);
    expect(page2.data.vertices.nodes.map((n: any) => n.id)).toEqual(['cy', 'dee']);
    expect(again.data).toEqual(page1.data);
    expect(wide.data.vertices.nodes.map((n: any) => n.id)).toEqual(['ada', 'bob', 'cy']);
    expect(wide.data.vertices.nodes[0].out.nodes).toHaveLength(3);
    expect(page1.data.vertices.nodes[0].out.nodes).toHaveLength(2);
    const refused = await nereid.gql(query, { first: 101 });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  // Last: it writes.
  it('updates and batch-creates with nested selections, each mutation one traversal', async () => {
    const vertex = await explained(`mutation {
      updateVertex(id: "cy", set: { age: 42 }) { age: property(key: "age") out(labels: ["knows"]) { totalCount nodes { id in(labels: ["knows"], first: 1) { nodes { id } } } } }
    }`);
    const edge = await explained(`mutation { updateEdge(id: "k1", set: { since: 1999 }) { since: property(key: "since") outV { id degree } inV { out { totalCount } } } }`);
    const batch = await explained(`mutation {
      batchCreateEdges(inputs: [{ label: "likes", from: "dee", to: "p1" }, { label: "likes", from: "eve", to: "p1" }]) { outV { id } inV { in(labels: ["likes"]) { totalCount } } }
    }`);
    expect(vertex.data.updateVertex).toEqual({ age: 42, out: { totalCount: 1, nodes: [{ id: 'dee', in: { nodes: [{ id: 'ada' }] } }] } });
    expect(edge.data.updateEdge).toEqual({ since: 1999, outV: { id: 'ada', degree: 4 }, inV: { out: { totalCount: 2 } } });
    // Both edges are written before either end is read, so both see four likes.
    expect(batch.data.batchCreateEdges).toEqual([
      { outV: { id: 'dee' }, inV: { in: { totalCount: 4 } } },
      { outV: { id: 'eve' }, inV: { in: { totalCount: 4 } } },
    ]);
    expect([vertex, edge, batch].map((m) => m.gremlin.requests)).toEqual([1, 1, 1]);
    for (const m of [vertex, edge, batch]) expect(m.gremlin.traversals[0].endpoint).toBe('writer');
  });
});
