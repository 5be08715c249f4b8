import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { fillSocial } from './social-fixture';

/**
 * Walks that never end on the sample's cycles (ada -> bob -> ada): only the gateway's limit on each parent's
 * traversal lets them answer, so these tests hang or fail if the limit is missing or counts across parents.
 */
const SDL = /* GraphQL */ `
type User @vertex(label: "User") {
  id: ID!
  name: String
  walk: [User!]! @gremlin(traversal: "g.V(id).repeat(out('FOLLOWS').hasLabel('User')).emit()")
  walkFirst(first: Int): [User!]! @gremlin(traversal: "g.V(id).repeat(out('FOLLOWS').hasLabel('User')).emit()")
  "Uses id twice; hasId(id) is said of the parent itself, so it still runs inside the parent's traversal."
  walkAway(limit: Int = 4): [String!]! @gremlin(traversal: "g.V(id).repeat(out('FOLLOWS').hasLabel('User')).emit().not(hasId(id)).id()")
  followsBack: [String!]! @gremlin(traversal: "g.V(id).out('FOLLOWS').where(out('FOLLOWS').has(T.id, eq(id))).id().order()")
  backHome: [String!]! @gremlin(traversal: "g.V(id).out('FOLLOWS').limit(1).V(id).values('name')")
  "Uses id as a value (without), so it runs as a union of one branch per parent."
  walkOut(limit: Int = 4): [String!]! @gremlin(traversal: "g.V(id).repeat(out('FOLLOWS').hasLabel('User')).emit().hasId(without(id)).id()")
  somewhere: User @gremlin(traversal: "g.V(id).repeat(out('FOLLOWS').hasLabel('User')).emit()")
}

type Query {
  everywhere(first: Int): [User!]! @gremlin(traversal: "g.V().hasLabel('User').repeat(out('FOLLOWS').hasLabel('User')).emit()")
  allNames: [String!]! @gremlin(traversal: "g.V().hasLabel('User').repeat(out('FOLLOWS').hasLabel('User')).emit().values('name')")
  userNames: [String!]! @gremlin(traversal: "g.V().hasLabel('User').values('name').order()")
}
`;

describe('@gremlin results are bounded', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SDL, 'bounds.graphql') });
  });
  afterAll(() => nereid.stop());

  const WALKERS = `users(where: { id: { in: ["ada", "bob", "eve"] } }, orderBy: [{ id: ASC }])`;

  it('gives each parent its own first/limit window: nested, or batched in one union where the text needs the id as a value', async () => {
    const res = await nereid.gql(`{ ${WALKERS} { nodes { id walkFirst(first: 3) { id } walkAway walkOut(limit: 3) followsBack backHome } } }`);
    expect(res.errors).toBeUndefined();
    for (const user of res.data!.users.nodes) {
      expect(user.walkFirst).toHaveLength(3);
      expect(user.walkAway).toHaveLength(4);
      expect(user.walkAway).not.toContain(user.id);
      expect(user.walkOut).toHaveLength(3);
      expect(user.walkOut).not.toContain(user.id);
    }
    expect(res.data!.users.nodes[0].walkFirst[0].id).toMatch(/^(bob|cy|dee)$/);
    expect(res.data!.users.nodes.map((u: any) => [u.id, u.followsBack, u.backHome])).toEqual([
      ['ada', ['bob'], ['Ada']],
      ['bob', ['ada'], ['Bob']],
      ['eve', [], ['Eve']],
    ]);
    // users with walkFirst, walkAway, followsBack and backHome nested, then walkOut for the three parents as one union()
    expect(res.extensions!.gremlin!.requests).toBe(2);
    expect(res.extensions!.gremlin!.traversals[1].gremlin).toMatch(/^g\.inject\(0\)\.union\(/);
  });

  it('fails a list without a window that yields more than 100, naming the field and parent', async () => {
    const res = await nereid.gql(`{ ${WALKERS} { nodes { id name walk { id } } } }`);
    // walk and users are non-null, so the first failure nulls the whole answer and graphql-js reports that one.
    expect(res.data).toBeNull();
    expect(res.errors![0]).toMatchObject({
      message: 'User.walk of User "ada" yielded more than 100 results, the most a @gremlin list field returns; narrow the traversal, or give the field a first: Int argument to take a window of it',
      extensions: { code: 'QUERY_TOO_LARGE', field: 'User.walk' },
    });
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('fails a non-list field at its second result', async () => {
    const res = await nereid.gql(`{ user(id: "ada") { somewhere { id } } }`);
    expect(res.errors![0]).toMatchObject({
      message: 'User.somewhere of User "ada" yielded more than one result, but the field is not a list',
      extensions: { code: 'SCHEMA_MISMATCH' },
    });
  });

  it('bounds fields of Query the same way', async () => {
    const windowed = await nereid.gql(`{ everywhere(first: 7) { id name } }`);
    expect(windowed.errors).toBeUndefined();
    expect(windowed.data!.everywhere).toHaveLength(7);
    expect(windowed.extensions!.gremlin!.requests).toBe(1);
    const unbounded = await nereid.gql(`{ allNames }`);
    expect(unbounded.errors![0].extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', field: 'Query.allNames' });
    const small = await nereid.gql(`{ userNames }`);
    expect(small.data!.userNames).toEqual(['Ada', 'Bob', 'Cy', 'Dee', 'Eve']);
  });

  it('defaults a window to its declared default, else 20', async () => {
    const res = await nereid.gql(`{ everywhere { id } user(id: "ada") { walkAway walkFirst { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.everywhere).toHaveLength(20);
    expect(res.data!.user.walkAway).toHaveLength(4);
    expect(res.data!.user.walkFirst).toHaveLength(20);
  });

  it('refuses a window below 0 or above 100 before sending anything', async () => {
    const cases: [string, string][] = [
      ['{ everywhere(first: 101) { id } }', '"first" may be at most 100'],
      ['{ everywhere(first: -1) { id } }', '"first" must be zero or more'],
      ['{ user(id: "ada") { walkAway(limit: 1000) } }', '"limit" may be at most 100'],
    ];
    for (const [query, message] of cases) {
      const res = await nereid.gql(query);
      expect(res.errors![0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
      // The lookup of "ada" is the only request the last case makes.
      expect(res.extensions!.gremlin!.requests).toBe(query.includes('user(') ? 1 : 0);
    }
  });
});

describe('the query-size limit counts a @gremlin list without a window as 100 per parent', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SDL, 'bounds.graphql'), limits: { maxNodes: 1000 } });
  });
  afterAll(() => nereid.stop());

  it('refuses nested unwindowed lists before sending anything, and counts a window as given', async () => {
    // users(first: 9) is 9, each walk 100 more per user: 909 elements, under 1,000; a second level is 90,909.
    const nested = await nereid.gql(`{ users(first: 9) { nodes { walk { walk { id } } } } }`);
    expect(nested.status).toBe(400);
    expect(nested.errors![0]).toMatchObject({ message: expect.stringContaining('90909 elements'), extensions: { code: 'QUERY_TOO_LARGE' } });
    expect(nested.extensions!.gremlin!.requests).toBe(0);

    const windowed = await nereid.gql(`{ users(first: 9) { nodes { walkFirst(first: 3) { walkFirst(first: 3) { id } } } } }`);
    expect(windowed.errors).toBeUndefined();
    const rootList = await nereid.gql(`{ userNames }`);
    expect(rootList.errors).toBeUndefined();
  });
});
