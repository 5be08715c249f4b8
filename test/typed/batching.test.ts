import type { Transaction, Vertex } from '../../src/embedded/structure';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';

const SDL = /* GraphQL */ `
type User @vertex(label: "User") {
  id: ID!
  name: String!
  follows: [User!]! @edge(label: "FOLLOWS")
}

type Query {
  crowd(first: Int): [User!]! @gremlin(traversal: "g.V().hasLabel('User').order().by(T.id)")
}
`;

/** 60 users, each following the next 12. */
function fillCrowd(tx: Transaction): void {
  const users: Vertex[] = [];
  for (let i = 0; i < 60; i++) {
    const v = tx.addVertex(['User'], `u${String(i).padStart(2, '0')}`);
    tx.addVertexProperty(v, 'name', `User ${i}`);
    users.push(v);
  }
  users.forEach((u, i) => {
    for (let k = 1; k <= 12; k++) tx.addEdge('FOLLOWS', u, users[(i + k) % users.length]);
  });
}

/**
 * The same shapes through the typed API and the generic one: the typed query never costs more Gremlin requests,
 * and both costs are the documented ones.
 */
describe('typed queries cost what the same generic shape costs', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillCrowd, { schema: buildTypedSchema(SDL) });
  });
  afterAll(() => nereid.stop());

  const requests = async (query: string) => {
    const res = await nereid.gql(query);
    expect(res.errors).toBeUndefined();
    return { count: res.extensions!.gremlin!.requests, data: res.data! };
  };

  it.each([
    [
      '50 users with their first 10 follows',
      `{ users(first: 50) { nodes { name follows(first: 10) { name } } } }`,
      `{ vertices(label: "User", first: 50) { nodes { property(key: "name") out(labels: ["FOLLOWS"], first: 10) { nodes { property(key: "name") } } } } }`,
      1,
    ],
    [
      'connections with totalCount on both levels',
      `{ users(first: 30) { totalCount edges { node { followsConnection(first: 5) { totalCount edges { cursor node { name } } } } } } }`,
      `{ vertices(label: "User", first: 30) { totalCount edges { node { out(labels: ["FOLLOWS"], first: 5) { totalCount edges { cursor node { property(key: "name") } } } } } } }`,
      1,
    ],
    [
      'two levels of relationships',
      `{ users(first: 20) { nodes { follows(first: 3) { follows(first: 3) { name } } } } }`,
      `{ vertices(label: "User", first: 20) { nodes { out(labels: ["FOLLOWS"], first: 3) { nodes { out(labels: ["FOLLOWS"], first: 3) { nodes { property(key: "name") } } } } } } }`,
      1,
    ],
    [
      'several lookups by id',
      `{ a: user(id: "u01") { name } b: user(id: "u02") { name } c: user(id: "u03") { id } }`,
      `{ a: vertex(id: "u01") { property(key: "name") } b: vertex(id: "u02") { property(key: "name") } c: vertex(id: "u03") { id } }`,
      1,
    ],
    [
      'a generic list read as typed vertices',
      `{ vertices(label: "User", first: 50) { nodes { typed { ... on User { name follows(first: 10) { name } } } } } }`,
      `{ vertices(label: "User", first: 50) { nodes { property(key: "name") out(labels: ["FOLLOWS"], first: 10) { nodes { property(key: "name") } } } } }`,
      1,
    ],
    [
      'a @gremlin field of Query with relationships below it',
      `{ crowd(first: 50) { name follows(first: 10) { name } } }`,
      `{ vertices(label: "User", first: 50) { nodes { property(key: "name") out(labels: ["FOLLOWS"], first: 10) { nodes { property(key: "name") } } } } }`,
      1,
    ],
  ])('%s', async (_name, typed, generic, expected) => {
    const t = await requests(typed);
    const g = await requests(generic);
    expect(t.count).toBe(expected);
    expect(g.count).toBe(expected);
  });

  it('answers the same as the generic API', async () => {
    const typed = await requests(`{ users(first: 50) { nodes { id follows(first: 10) { name } } } }`);
    const generic = await requests(
      `{ vertices(label: "User", first: 50) { nodes { id out(labels: ["FOLLOWS"], first: 10) { nodes { property(key: "name") } } } } }`,
    );
    const fromGeneric = generic.data.vertices.nodes.map((n: any) => ({ id: n.id, follows: n.out.nodes.map((f: any) => ({ name: f.property })) }));
    expect(typed.data.users.nodes).toEqual(fromGeneric);
    expect(fromGeneric).toHaveLength(50);
    expect(fromGeneric[0].follows).toHaveLength(10);
  });
});
