import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

/**
 * The typed API's standard shapes cost what the generic ones do (test/gateway/one-request.test.ts): one Gremlin
 * request per root field, however deep the selection, mutations included. Interfaces and unions are in
 * abstract-targets.test.ts.
 */
describe('one Gremlin request per typed root field', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL, 'social.graphql') });
  });
  afterAll(() => nereid.stop());

  const run = async (query: string) => {
    const res = await nereid.gql(query);
    expect(res.errors).toBeUndefined();
    return { data: res.data as any, requests: res.extensions!.gremlin!.requests };
  };

  it('nests relationship connections three levels deep, each with its own filter, order, page and count', async () => {
    const { data, requests } = await run(`{
      users(where: { age: { gte: 25 } }, orderBy: [{ age: DESC }], first: 2) {
        totalCount
        nodes {
          id
          followsConnection(where: { age: { lt: 50 } }, edgeWhere: { since: { gte: 2000 } }, orderBy: [{ name: ASC }], first: 1) {
            totalCount
            edges {
              properties { since }
              node {
                id
                followersConnection(orderBy: [{ id: ASC }], first: 1) {
                  totalCount
                  pageInfo { hasNextPage }
                  nodes { id posts(orderBy: [{ title: ASC }], first: 1) { title } }
                }
              }
            }
          }
        }
      }
    }`);
    expect(data.users.totalCount).toBe(5);
    expect(data.users.nodes).toEqual([
      {
        id: 'eve',
        followsConnection: {
          totalCount: 1,
          edges: [{ properties: { since: 2020 }, node: { id: 'ada', followersConnection: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: 'bob', posts: [{ title: 'On bobbing' }] }] } } }],
        },
      },
      {
        id: 'cy',
        followsConnection: {
          totalCount: 1,
          edges: [{ properties: { since: 2011 }, node: { id: 'dee', followersConnection: { totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: 'ada', posts: [{ title: 'Bernoulli numbers' }] }] } } }],
        },
      },
    ]);
    expect(requests).toBe(1);
  });

  it('reads relationships with edge properties, to-one fields, the edge with its end points and keyed @gremlin fields in one request', async () => {
    const { data, requests } = await run(`{
      user(id: "ada") {
        older: follows(where: { age: { gt: 30 } }) { id followerCount }
        followsConnection(first: 1, edgeWhere: { since: { gte: 2005 } }) {
          edges { properties { closeFriend } edge { label outV { id } inV { id typed { ... on User { name } } } } }
        }
        posts(orderBy: [{ title: DESC }]) { title author { name } }
      }
    }`);
    expect(data.user).toEqual({
      older: [{ id: 'cy', followerCount: 2 }],
      followsConnection: { edges: [{ properties: { closeFriend: false }, edge: { label: 'FOLLOWS', outV: { id: 'ada' }, inV: { id: 'cy', typed: { name: 'Cy' } } } }] },
      posts: [
        { title: 'Notes on the Analytical Engine', author: { name: 'Ada' } },
        { title: 'Bernoulli numbers', author: { name: 'Ada' } },
      ],
    });
    expect(requests).toBe(1);
  });

  it('costs at most one request per root field', async () => {
    const { data, requests } = await run(`{
      user(id: "bob") { follows { id } }
      users(orderBy: [{ id: ASC }], first: 1) { nodes { id posts { title } } }
      post(id: "p3") { author { name followersConnection { totalCount } } }
      vertex(id: "cy") { typed { ... on User { follows { id } } } }
    }`);
    expect(data).toEqual({
      user: { follows: [{ id: 'ada' }, { id: 'cy' }] },
      users: { nodes: [{ id: 'ada', posts: [{ title: 'Notes on the Analytical Engine' }, { title: 'Bernoulli numbers' }] }] },
      post: { author: { name: 'Bob', followersConnection: { totalCount: 1 } } },
      vertex: { typed: { follows: [{ id: 'dee' }] } },
    });
    expect(requests).toBe(4);
  });

  it('writes and reads the mutation\'s whole selection in one request: create, update, connect', async () => {
    const created = await run(`mutation {
      createUser(input: { id: "fay", name: "Fay", langs: ["de"], follows: { connect: ["ada"], properties: { since: 2030 } } }) {
        id
        followsConnection(first: 1) { totalCount edges { properties { since } node { id followersConnection(orderBy: [{ id: ASC }]) { totalCount nodes { id } } } } }
      }
    }`);
    expect(created.data.createUser).toEqual({
      id: 'fay',
      followsConnection: {
        totalCount: 1,
        edges: [{ properties: { since: 2030 }, node: { id: 'ada', followersConnection: { totalCount: 3, nodes: [{ id: 'bob' }, { id: 'eve' }, { id: 'fay' }] } } }],
      },
    });
    expect(created.requests).toBe(1);
    const updated = await run(`mutation { updateUser(id: "fay", set: { age: 20, follows: { connect: ["dee"] } }) { age follows(orderBy: [{ id: ASC }]) { id followers { id } } } }`);
    expect(updated.data.updateUser).toEqual({ age: 20, follows: [{ id: 'ada', followers: [{ id: 'bob' }, { id: 'eve' }, { id: 'fay' }] }, { id: 'dee', followers: [{ id: 'ada' }, { id: 'cy' }, { id: 'fay' }] }] });
    expect(updated.requests).toBe(1);
    const connected = await run(`mutation { connectUserPosts(id: "fay", to: ["p1"]) { posts { title } followers { id } } }`);
    expect(connected.data.connectUserPosts).toEqual({ posts: [{ title: 'Notes on the Analytical Engine' }], followers: [] });
    expect(connected.requests).toBe(1);
  });
});
