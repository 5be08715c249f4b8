import { print } from 'graphql';
import { readResult, withElementKeys } from '../../explorer/src/result-graph';
import { DISCOVERY_QUERY, EMPTY_GRAPH_QUERY, NEIGHBOURS_QUERY, starterQuery } from '../../explorer/src/starter';
import { buildCoreSchema } from '../../src/gateway/schema';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { fillSocial } from '../support/social';

jest.setTimeout(120_000);

const schema = buildCoreSchema();

const SOCIAL_SDL = `
type Person @vertex(label: "Person") { id: ID! @id name: String! knows: [Person!]! @edge(label: "knows", direction: OUT) }
type Post @vertex(label: "Post") { id: ID! @id title: String! likedBy: [Person!]! @edge(label: "likes", direction: IN) }
`;

describe('the graph in a result, as the explorer reads it', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial);
  });
  afterAll(() => nereid.stop());

  /** Runs `query` as the explorer does: with the element keys added, then read back. */
  async function explore(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
    const prepared = withElementKeys(query, schema);
    const res = await nereid.gql(print(prepared.document), variables);
    expect(res.errors).toBeUndefined();
    const plain = await nereid.gql(query, variables);
    // The added ids and labels come with the elements: the same Gremlin, and the same result shown.
    const gremlin = (r: typeof res) => r.extensions!.gremlin!.traversals.map((t) => t.gremlin);
    expect(gremlin(res)).toEqual(gremlin(plain));
    const read = readResult(res.data, prepared, schema, operationName, variables);
    expect(read.shown).toEqual(plain.data);
    return read.graph;
  }

  it('draws vertices reached by out/in as implied edges named by their label, without ids asked for', async () => {
    const graph = await explore(`{ vertex(id: "ada") { name: property(key: "name") friends: out(labels: ["knows"]) { nodes { name: property(key: "name") } } in { nodes { label } } } }`);
    expect([...graph.vertices.keys()].sort()).toEqual(['ada', 'bob', 'dee']);
    expect(graph.vertices.get('ada')).toEqual({ id: 'ada', label: 'Person', properties: { name: 'Ada' } });
    expect([...graph.edges.values()].map((e) => [e.source, e.label, e.target, e.implied])).toEqual([
      ['ada', 'knows', 'bob', true],
      ['ada', 'knows', 'dee', true],
    ]);
  });

  it('draws Edge elements with their ends from outE/inE and their own outV/inV, through fragments and aliases', async () => {
    const graph = await explore(`
      query Two($who: ID!) {
        v: vertex(id: $who) { ...Ends inE { edges { node { id properties } } } }
        all: edges(label: "likes") { nodes { outV { id } inV { id } } }
      }
      fragment Ends on Vertex { outE(labels: ["knows"]) { nodes { since: property(key: "since") to: inV { id } } } }`,
      { who: 'bob' },
      'Two',
    );
    const edges = [...graph.edges.values()].map((e) => [e.id, e.source, e.label, e.target, e.implied]);
    expect(edges.sort()).toEqual([
      ['k2', 'bob', 'knows', 'cy', false],
      ['l1', 'bob', 'likes', 'p1', false],
      ['l2', 'cy', 'likes', 'p1', false],
    ]);
    expect(graph.edges.get('k2')!.properties).toEqual({ since: 2005 });
    // bob's incoming k1 without its outV: one end known, so not drawn but counted for the note.
    expect(graph.edgesWithoutEnds).toBe(1);
  });

  it('orders a path and joins its edges in order, counting edges whose ends are unknown', async () => {
    const graph = await explore(`{ shortestPath(from: "bob", to: "dee", direction: OUT) { vertices { id } edges { id } } edges(label: "created") { nodes { id } } }`);
    expect(graph.paths).toEqual([{ vertices: ['bob', 'cy', 'dee'], edges: ['k2', 'k3'] }]);
    expect(graph.edges.get('k3')).toMatchObject({ source: 'cy', target: 'dee', label: 'knows' });
    expect(graph.edgesWithoutEnds).toBe(1);
  });

  it('writes a starter query from the discovery query that runs and draws a vertex with its neighbours', async () => {
    const discovery = await nereid.gql(DISCOVERY_QUERY);
    const starter = starterQuery(discovery as never);
    expect(starter).toContain('vertex(id: "ada")');
    expect(starter).toContain('knows: out(labels: ["knows"], first: 10)');
    expect(starter).toContain('created: out(labels: ["created"], first: 10)');
    const graph = await explore(starter);
    expect([...graph.vertices.keys()].sort()).toEqual(['ada', 'bob', 'dee', 'p1']);
    expect(starterQuery({ data: { edges: { nodes: [] } } })).toBe(EMPTY_GRAPH_QUERY);
  });

  it('fetches a vertex’s neighbours both ways in one request', async () => {
    const graph = await explore(NEIGHBOURS_QUERY, { id: 'bob' }, 'ExplorerNeighbours');
    expect([...graph.vertices.keys()].sort()).toEqual(['ada', 'bob', 'cy', 'p1']);
    expect([...graph.edges.keys()].sort()).toEqual(['k1', 'k2', 'l1']);
  });

  it('draws typed vertices and their relationships, through the generic vertex of a typed one', async () => {
    const typed = buildTypedSchema(SOCIAL_SDL, 'social.graphql');
    const server = await startNereid(fillSocial, { schema: typed });
    try {
      const query = `{ posts { nodes { title likedBy { name knows { name } } } } vertex(id: "ada") { typed { ... on Person { name } } } }`;
      const prepared = withElementKeys(query, typed);
      const res = await server.gql(print(prepared.document));
      expect(res.errors).toBeUndefined();
      const { graph, shown } = readResult(res.data, prepared, typed);
      expect(shown).toEqual((await server.gql(query)).data);
      expect([...graph.vertices.values()].map((v) => [v.id, v.label]).sort()).toEqual([
        ['ada', 'Person'], ['bob', 'Person'], ['cy', 'Person'], ['dee', 'Person'], ['p1', 'Post'],
      ]);
      expect([...graph.edges.values()].map((e) => `${e.source} ${e.label} ${e.target}`).sort()).toEqual([
        'bob knows cy', 'cy knows dee', 'p1 likedBy bob', 'p1 likedBy cy',
      ]);
    } finally {
      await server.stop();
    }
  });
});
