import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

describe('typed reads through HTTP', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL, 'social.graphql') });
  });
  afterAll(() => nereid.stop());

  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);

  it('looks a user up by id, with renamed, list, enum, float, boolean and DateTime fields', async () => {
    const res = await nereid.gql(`{ user(id: "ada") { id label name handle age score verified role langs joined } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.user).toEqual({
      id: 'ada',
      label: 'User',
      name: 'Ada',
      handle: '@ada',
      age: 36,
      score: 9.5,
      verified: true,
      role: 'ADMIN',
      langs: ['en', 'fr'],
      joined: '2015-12-10T00:00:00.000Z',
    });
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('answers null for a missing id and for a vertex of another label', async () => {
    const res = await nereid.gql(`{ nobody: user(id: "nobody") { id } person: user(id: "zed") { id } post: post(id: "p1") { title } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ nobody: null, person: null, post: { title: 'Notes on the Analytical Engine' } });
  });

  it('reports a missing non-null property as an error naming the vertex and the field', async () => {
    const res = await nereid.gql(`{ user(id: "ghost") { id name } }`);
    expect(res.data!.user).toBeNull();
    expect(res.errors![0].extensions!.code).toBe('SCHEMA_MISMATCH');
    expect(res.errors![0].message).toBe('User "ghost" has no "name" property, but the schema says name is never null');
    expect(res.errors![0].path).toEqual(['user', 'name']);
  });

  it('lists users of the label only, with totalCount, in the requested order', async () => {
    const res = await nereid.gql(`{
      users(where: { name: { exists: true } }, orderBy: [{ age: DESC }]) { totalCount nodes { id } edges { cursor node { name } } pageInfo { hasNextPage } }
    }`);
    expect(res.errors).toBeUndefined();
    const users = res.data!.users;
    expect(users.totalCount).toBe(5);
    expect(ids(users.nodes)).toEqual(['eve', 'cy', 'ada', 'dee', 'bob']);
    expect(users.edges.map((e: any) => e.node.name)).toEqual(['Eve', 'Cy', 'Ada', 'Dee', 'Bob']);
    expect(users.pageInfo.hasNextPage).toBe(false);
  });

  it('sorts by several keys and by id in either direction', async () => {
    const res = await nereid.gql(`{
      byRole: users(orderBy: [{ role: ASC }, { id: DESC }]) { nodes { id } }
      byId: users(orderBy: [{ id: DESC }], first: 2) { nodes { id } }
    }`);
    expect(res.errors).toBeUndefined();
    // Without a role first (ascending), then ADMIN, then MEMBER; ties by id descending.
    expect(ids(res.data!.byRole.nodes)).toEqual(['ghost', 'eve', 'dee', 'ada', 'cy', 'bob']);
    expect(ids(res.data!.byId.nodes)).toEqual(['ghost', 'eve']);
  });

  it.each([
    ['eq', `{ name: { eq: "Ada" } }`, ['ada']],
    ['neq (only users with the property)', `{ role: { neq: ADMIN } }`, ['bob', 'cy']],
    ['in', `{ id: { in: ["bob", "cy", "zed"] } }`, ['bob', 'cy']],
    ['notIn on id', `{ id: { notIn: ["ada", "bob", "ghost"] } }`, ['cy', 'dee', 'eve']],
    ['comparisons', `{ age: { gt: 25, lte: 41 } }`, ['ada', 'cy', 'dee']],
    ['float', `{ score: { lt: 5 } }`, ['bob']],
    ['boolean', `{ verified: { eq: false } }`, ['bob']],
    ['contains', `{ name: { contains: "e" } }`, ['dee', 'eve']],
    ['startsWith on a renamed field', `{ handle: { startsWith: "@b" } }`, ['bob']],
    ['endsWith', `{ name: { endsWith: "y" } }`, ['cy']],
    ['exists false', `{ handle: { exists: false }, name: { exists: true } }`, ['cy', 'dee', 'eve']],
    ['DateTime', `{ joined: { lt: "2016-01-01T00:00:00Z" } }`, ['ada']],
    ['list includes', `{ langs: { includes: "fr" } }`, ['ada']],
    ['list includesAny', `{ langs: { includesAny: ["es", "fr"] } }`, ['ada', 'cy']],
    ['list includesAll', `{ langs: { includesAll: ["en", "fr"] } }`, ['ada']],
    ['list includesNone', `{ langs: { includesNone: ["en"] }, name: { exists: true } }`, ['cy', 'eve']],
    ['OR', `{ OR: [{ age: { lt: 26 } }, { name: { eq: "Eve" } }] }`, ['bob', 'eve']],
    ['AND with NOT', `{ AND: [{ age: { gte: 29 } }, { NOT: { role: { eq: MEMBER } } }] }`, ['ada', 'dee', 'eve']],
    ['relationship some', `{ follows_some: { name: { eq: "Ada" } } }`, ['bob', 'eve']],
    ['relationship none', `{ follows_none: { age: { gt: 40 } }, name: { exists: true } }`, ['cy', 'dee', 'eve']],
    ['relationship every (vacuous with none)', `{ follows_every: { age: { lt: 40 } } }`, ['cy', 'dee', 'eve', 'ghost']],
    ['relationship to any', `{ posts_some: {} }`, ['ada', 'bob']],
    ['nested relationships', `{ followers_some: { follows_some: { name: { eq: "Cy" } } } }`, ['ada', 'bob', 'cy', 'dee']],
  ])('filters with %s', async (_name, where, expected) => {
    const res = await nereid.gql(`{ users(where: ${where}) { nodes { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(ids(res.data!.users.nodes)).toEqual(expected);
  });

  it('follows relationships to typed neighbours only, with arguments and edge properties', async () => {
    const res = await nereid.gql(`{
      user(id: "ada") {
        follows(orderBy: [{ name: DESC }]) { name }
        older: follows(where: { age: { gt: 30 } }) { id }
        followsConnection(first: 2, edgeWhere: { since: { gte: 2005 } }) {
          totalCount
          pageInfo { hasNextPage }
          edges { node { id } properties { since closeFriend } edge { id label properties } }
        }
        followers { id }
        posts(orderBy: [{ title: ASC }]) { title author { name } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const ada = res.data!.user;
    expect(ada.follows).toEqual([{ name: 'Dee' }, { name: 'Cy' }, { name: 'Bob' }]);
    expect(ada.older).toEqual([{ id: 'cy' }]);
    expect(ada.followsConnection).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: false },
      edges: [
        { node: { id: 'cy' }, properties: { since: 2005, closeFriend: false }, edge: { id: 'ada-cy', label: 'FOLLOWS', properties: { since: 2005, close: false } } },
        { node: { id: 'dee' }, properties: { since: 2010, closeFriend: false }, edge: { id: 'ada-dee', label: 'FOLLOWS', properties: { since: 2010, close: false } } },
      ],
    });
    expect(ada.followers).toEqual([{ id: 'bob' }, { id: 'eve' }]);
    expect(ada.posts).toEqual([
      { title: 'Bernoulli numbers', author: { name: 'Ada' } },
      { title: 'Notes on the Analytical Engine', author: { name: 'Ada' } },
    ]);
  });

  it('pages a relationship: every neighbour once, and the list form takes the connection cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await nereid.gql(`query($after: String) { user(id: "ada") { followsConnection(first: 1, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`, {
        after,
      });
      expect(res.errors).toBeUndefined();
      const c = res.data.user.followsConnection;
      seen.push(...c.edges.map((e: any) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(['bob', 'cy', 'dee']);
    const first = await nereid.gql(`{ user(id: "ada") { followsConnection(first: 1) { pageInfo { endCursor } } } }`);
    const cursor = first.data!.user.followsConnection.pageInfo.endCursor;
    const rest = await nereid.gql(`query($c: String) { user(id: "ada") { follows(after: $c) { id } } }`, { c: cursor });
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.user.follows).toEqual([{ id: 'cy' }, { id: 'dee' }]);
  });

  it('refuses a cursor from another query', async () => {
    const first = await nereid.gql(`{ users(first: 1) { pageInfo { endCursor } } }`);
    const cursor = first.data!.users.pageInfo.endCursor;
    const res = await nereid.gql(`query($c: String) { users(first: 1, after: $c, where: { age: { gt: 1 } }) { nodes { id } } }`, { c: cursor });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('computes @gremlin fields with bound arguments, for many parents, in the one request', async () => {
    const res = await nereid.gql(`{
      users(orderBy: [{ id: ASC }], where: { name: { exists: true } }) {
        nodes { id mutualFriends(other: "cy") { id } friendsOfFriends { id } followerCount followsNamed(prefix: "C") }
      }
    }`);
    expect(res.errors).toBeUndefined();
    const byId = Object.fromEntries(res.data!.users.nodes.map((n: any) => [n.id, n]));
    // Neighbours either way that are themselves neighbours of cy, as the author's traversal walks them (bob twice,
    // in an order Gremlin leaves open).
    const sorted = (nodes: { id: string }[]) => ids(nodes).sort();
    expect(sorted(byId.ada.mutualFriends)).toEqual(['bob', 'bob', 'dee']);
    expect(sorted(byId.eve.mutualFriends)).toEqual(['ada']);
    expect(sorted(byId.ada.friendsOfFriends)).toEqual(['cy', 'dee']);
    expect(sorted(byId.eve.friendsOfFriends)).toEqual(['bob', 'cy', 'dee']);
    expect(byId.ada.followerCount).toBe(2);
    expect(byId.dee.followerCount).toBe(2);
    expect(byId.ada.followsNamed).toEqual(['Cy']);
    expect(byId.eve.followsNamed).toEqual([]);
    // friendsOfFriends uses id twice; its not(hasId(id)) is said of the labelled parent, so it nests like the others.
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.extensions!.gremlin!.traversals[0].gremlin).toContain('.by(__.as("nereid_parent").out("FOLLOWS").out("FOLLOWS").hasLabel("User").not(__.where(P.eq("nereid_parent"))).dedup()');
  });

  it('reads a generic vertex as its typed type, and a typed vertex through the generic API', async () => {
    const res = await nereid.gql(`{
      vertex(id: "ada") { typed { id label ... on User { name handle follows(first: 1) { name } } } }
      person: vertex(id: "zed") { typed { id } }
      vertices(label: "Post", first: 1) { nodes { typed { ... on Post { title } } } }
      user(id: "bob") { vertex { label property(key: "screen_name") out(labels: ["FOLLOWS"]) { totalCount } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.vertex.typed).toEqual({ id: 'ada', label: 'User', name: 'Ada', handle: '@ada', follows: [{ name: 'Bob' }] });
    expect(res.data!.person.typed).toBeNull();
    expect(res.data!.vertices.nodes[0].typed).toEqual({ title: 'Notes on the Analytical Engine' });
    expect(res.data!.user.vertex).toEqual({ label: 'User', property: '@bob', out: { totalCount: 2 } });
  });

  it('plans the typed keys under Vertex.typed into the generic read', async () => {
    const res = await nereid.gql(`{ vertex(id: "ada") { typed { ... on User { name age } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('refuses bad typed arguments with the argument named', async () => {
    const cases: [string, string][] = [
      [`{ users(orderBy: [{ name: ASC, age: DESC }]) { totalCount } }`, 'orderBy[0]'],
      [`{ users(where: { id: { exists: true } }) { totalCount } }`, 'where.id.exists'],
      [`{ users(where: { OR: [] }) { totalCount } }`, 'where.OR'],
      [`{ users(first: 101) { totalCount } }`, 'first'],
      [`{ users(where: { langs: { includesAll: [] } }) { totalCount } }`, 'where.langs.includesAll'],
    ];
    for (const [query, argument] of cases) {
      const res = await nereid.gql(query);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const invalid = await nereid.gql(`{ users(where: { age: { contains: "3" } }) { totalCount } }`);
    expect(invalid.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('typed DateTime fields stored as epoch milliseconds or ISO strings', () => {
  const SDL = `type Event @vertex {
    id: ID!
    at: DateTime @property(encoding: EPOCH_MILLIS)
    day: DateTime @property(encoding: ISO_8601)
  }`;
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(
      (tx) => {
        for (const [id, iso] of [['e1', '2020-01-01T00:00:00.000Z'], ['e2', '2021-06-15T12:00:00.000Z'], ['e3', '2022-03-01T08:30:00.000Z']]) {
          const v = tx.addVertex(['Event'], id);
          tx.addVertexProperty(v, 'at', Date.parse(iso));
          tx.addVertexProperty(v, 'day', iso);
        }
      },
      { schema: buildTypedSchema(SDL, 'events.graphql') },
    );
  });
  afterAll(() => nereid.stop());

  it.each([
    ['eq', `{ at: { eq: "2021-06-15T12:00:00Z" } }`, ['e2']],
    ['in', `{ at: { in: ["2020-01-01T00:00:00Z", "2022-03-01T08:30:00Z"] } }`, ['e1', 'e3']],
    ['notIn', `{ at: { notIn: ["2020-01-01T00:00:00Z"] } }`, ['e2', 'e3']],
    ['in on an ISO string', `{ day: { in: ["2021-06-15T12:00:00Z"] } }`, ['e2']],
    ['notIn on an ISO string', `{ day: { notIn: ["2021-06-15T12:00:00Z", "2022-03-01T08:30:00Z"] } }`, ['e1']],
  ])('compares %s in the stored encoding', async (_name, where, expected) => {
    const res = await nereid.gql(`{ events(where: ${where}) { nodes { id at day } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.events.nodes.map((n: { id: string }) => n.id)).toEqual(expected);
  });
});
