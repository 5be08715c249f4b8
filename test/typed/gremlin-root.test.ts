import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

const ROOT_SDL = /* GraphQL */ `
type Query {
  "Users with the most followers first (ties by id)."
  topUsers(n: Int!): [User!]! @gremlin(traversal: "g.V().hasLabel('User').order().by(__.in('FOLLOWS').count(), desc).by(T.id).limit(n)")
  userCount: Int! @gremlin(traversal: "g.V().hasLabel('User').count()")
  namesStartingWith(prefix: String!): [String!]! @gremlin(traversal: "g.V().hasLabel('User').has('name', startingWith(prefix)).values('name').order()")
  newest: User @gremlin(traversal: "g.V().hasLabel('User').has('joined').order().by('joined', desc).limit(1)")
  anyUser: User @gremlin(traversal: "g.V().hasLabel('User')")
  writers: [TypedVertex!]! @gremlin(traversal: "g.V().hasLabel('Post').in('WROTE').dedup().order().by(T.id)")
  postsAsUsers: [User!]! @gremlin(traversal: "g.V().hasLabel('Post')")
}
`;

describe('@gremlin fields of Query through HTTP', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL + ROOT_SDL, 'social.graphql') });
  });
  afterAll(() => nereid.stop());

  it('returns typed vertices with their selected properties in one request', async () => {
    const res = await nereid.gql(`{ topUsers(n: 3) { id name age } }`);
    expect(res.errors).toBeUndefined();
    // Followers: ada 2 (bob, eve), cy 2 (ada, bob), dee 2 (ada, cy), bob 1.
    expect(res.data!.topUsers).toEqual([
      { id: 'ada', name: 'Ada', age: 36 },
      { id: 'cy', name: 'Cy', age: 41 },
      { id: 'dee', name: 'Dee', age: 29 },
    ]);
    // The properties came with the traversal's projection: no second lookup.
    expect(res.extensions!.gremlin!.requests).toBe(1);
  });

  it('binds arguments as values, never as text', async () => {
    const res = await nereid.gql(`query($p: String!) { a: namesStartingWith(prefix: "D") b: namesStartingWith(prefix: $p) }`, { p: "') .drop() //" });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: ['Dee'], b: [] });
    expect([...nereid.graph.vertices()]).toHaveLength(10);
  });

  it('answers scalars, a single vertex, and TypedVertex lists, resolving nested typed fields as usual', async () => {
    const res = await nereid.gql(`{
      userCount
      newest { id joined follows { id } }
      writers { __typename id ... on User { name posts { title } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.userCount).toBe(6);
    expect(res.data!.newest).toEqual({ id: 'ada', joined: '2015-12-10T00:00:00.000Z', follows: [{ id: 'bob' }, { id: 'cy' }, { id: 'dee' }] });
    expect(res.data!.writers.map((w: any) => [w.__typename, w.id, w.posts.length])).toEqual([
      ['User', 'ada', 2],
      ['User', 'bob', 1],
    ]);
    // The three root fields, each with its relationships (follows, posts) nested.
    expect(res.extensions!.gremlin!.requests).toBe(3);
  });

  it('reports results that do not fit the declared type as SCHEMA_MISMATCH', async () => {
    const many = await nereid.gql(`{ anyUser { id } }`);
    expect(many.data!.anyUser).toBeNull();
    expect(many.errors![0].extensions!.code).toBe('SCHEMA_MISMATCH');
    expect(many.errors![0].message).toBe('Query.anyUser yielded more than one result, but the field is not a list');
    const other = await nereid.gql(`{ postsAsUsers { id } }`);
    expect(other.errors![0].extensions!.code).toBe('SCHEMA_MISMATCH');
    expect(other.errors![0].message).toMatch(/^Query\.postsAsUsers yielded vertex "p\d" labelled "Post", not a User$/);
  });
});
