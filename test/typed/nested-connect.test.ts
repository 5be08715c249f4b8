import { printSchema } from 'graphql';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { MESSAGES_SDL, fillMessages } from './messages-fixture';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

/** A create that connects relationships (`createUser(input: { follows: { connect: [...] } })`): one traversal. */
describe('typed create with nested connects, through HTTP', () => {
  let nereid: TestNereid;
  beforeEach(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL, 'social.graphql') });
  });
  afterEach(() => nereid.stop());

  const counts = () => ({ vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount });
  const follows = async (id: string) =>
    (await nereid.gql(`{ user(id: "${id}") { followsConnection(first: 100) { edges { node { id } properties { since closeFriend } } } } }`)).data!.user
      .followsConnection.edges;

  it('generates an input per relationship, shaped like connectX: a list of ids, or one for a to-one relationship', () => {
    const sdl = printSchema(buildTypedSchema(SOCIAL_SDL, 'social.graphql'));
    expect(sdl).toContain('  follows: UserFollowsCreateInput\n');
    expect(sdl).toMatch(/input UserFollowsCreateInput \{[^}]*connect: \[ID!\]![^}]*properties: FollowInput\n\}/);
    expect(sdl).toMatch(/input UserPostsCreateInput \{[^}]*connect: \[ID!\]!\n\}/);
    expect(sdl).toMatch(/input PostAuthorCreateInput \{[^}]*connect: ID!\n\}/);
  });

  it('creates the vertex, its properties and every edge in one request, with edge properties, connecting a repeated id once', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation {
      createUser(input: { id: "fay", name: "Fay", langs: ["de"],
                          follows: { connect: ["bob", "cy", "bob"], properties: { since: 2024, closeFriend: true } },
                          followers: { connect: ["dee"] }, posts: { connect: ["p3"] } }) { id name }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.data!.createUser).toEqual({ id: 'fay', name: 'Fay' });
    expect(counts()).toEqual({ vertices: before.vertices + 1, edges: before.edges + 4 });
    expect(await follows('fay')).toEqual([
      { node: { id: 'bob' }, properties: { since: 2024, closeFriend: true } },
      { node: { id: 'cy' }, properties: { since: 2024, closeFriend: true } },
    ]);
    const back = await nereid.gql(`{ user(id: "fay") { followers { id } posts { id } } post(id: "p3") { author { id } } }`);
    expect(back.data).toEqual({ user: { followers: [{ id: 'dee' }], posts: [{ id: 'p3' }] }, post: { author: { id: 'bob' } } });
  });

  it('serves the selection as create does: relationships are read in the same traversal', async () => {
    const res = await nereid.gql(`mutation { createUser(input: { id: "fay", name: "Fay", langs: [], follows: { connect: ["bob", "cy"] } }) { id follows { name } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.data!.createUser).toEqual({ id: 'fay', follows: [{ name: 'Bob' }, { name: 'Cy' }] });
  });

  it('connects a to-one relationship along an incoming edge', async () => {
    const res = await nereid.gql(`mutation { createPost(input: { id: "p9", title: "T", author: { connect: "eve" } }) { id author { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPost).toEqual({ id: 'p9', author: { id: 'eve' } });
    const eve = await nereid.gql(`{ user(id: "eve") { posts { id } } }`);
    expect(eve.data!.user.posts).toEqual([{ id: 'p9' }]);
  });

  it('writes nothing when a target is missing or of another type, and names its argument, in one more request', async () => {
    const before = counts();
    const missing = await nereid.gql(`mutation { createUser(input: { id: "fay", name: "Fay", langs: [], follows: { connect: ["bob", "nobody"] } }) { id } }`);
    expect(missing.errors![0]).toMatchObject({
      message: 'User "nobody" (input.follows.connect[1]) does not exist; nothing was created',
      extensions: { code: 'NOT_FOUND', argument: 'input.follows.connect[1]' },
    });
    expect(missing.extensions!.gremlin!.requests).toBe(2);
    const otherType = await nereid.gql(`mutation { createUser(input: { id: "fay", name: "Fay", langs: [], follows: { connect: ["zed"] } }) { id } }`);
    expect(otherType.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.follows.connect[0]' });
    const toOne = await nereid.gql(`mutation { createPost(input: { id: "p9", title: "T", author: { connect: "p1" } }) { id } }`);
    expect(toOne.errors![0]).toMatchObject({
      message: 'User "p1" (input.author.connect) does not exist; nothing was created',
      extensions: { code: 'NOT_FOUND', argument: 'input.author.connect' },
    });
    expect(counts()).toEqual(before);
    const fay = await nereid.gql(`{ user(id: "fay") { id } post(id: "p9") { id } }`);
    expect(fay.data).toEqual({ user: null, post: null });
  });

  it('explains a bad target of a later relationship from the same single lookup', async () => {
    const res = await nereid.gql(`mutation {
      createUser(input: { id: "fay", name: "Fay", langs: [], follows: { connect: ["bob", "p1"] }, posts: { connect: ["p1", "ada"] } }) { id }
    }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.follows.connect[1]' });
    expect(res.extensions!.gremlin!.requests).toBe(2);
    const later = await nereid.gql(`mutation {
      createUser(input: { id: "fay", name: "Fay", langs: [], follows: { connect: ["bob"] }, posts: { connect: ["p1", "ada"] } }) { id }
    }`);
    expect(later.errors![0]).toMatchObject({
      message: 'Post "ada" (input.posts.connect[1]) does not exist; nothing was created',
      extensions: { code: 'NOT_FOUND', argument: 'input.posts.connect[1]' },
    });
    expect(later.extensions!.gremlin!.requests).toBe(2);
  });

  it('a taken id is still CONFLICT, and nothing is connected', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation { createUser(input: { id: "ada", name: "Ada", langs: [], follows: { connect: ["eve"] } }) { id } }`);
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', ids: ['ada'] });
    expect(counts()).toEqual(before);
  });

  it('refuses bad ids before sending anything', async () => {
    const before = counts();
    const cases: [string, string][] = [
      ['follows: { connect: [] }', 'input.follows.connect'],
      ['follows: { connect: ["bob", ""] }', 'input.follows.connect[1]'],
      [`follows: { connect: [${Array.from({ length: 501 }, (_, i) => `"u${i}"`).join(', ')}] }`, 'input.follows.connect'],
      [
        `follows: { connect: [${Array.from({ length: 300 }, (_, i) => `"u${i}"`).join(', ')}] }, followers: { connect: [${Array.from({ length: 201 }, (_, i) => `"v${i}"`).join(', ')}] }`,
        'input',
      ],
    ];
    for (const [connects, argument] of cases) {
      const res = await nereid.gql(`mutation { createUser(input: { id: "fay", name: "Fay", langs: [], ${connects} }) { id } }`);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(res.extensions!.gremlin!.requests).toBe(0);
    }
    expect(counts()).toEqual(before);
  });

  it('updates properties, disconnects and connects (keeping an existing edge) in one request', async () => {
    const before = counts();
    const res = await nereid.gql(`mutation {
      updateUser(id: "ada", set: { age: 37, follows: { disconnect: ["cy", "nobody"], connect: ["bob", "eve"], properties: { since: 2030 } } }) {
        age followsConnection { edges { node { id } properties { since closeFriend } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.data!.updateUser).toEqual({
      age: 37,
      followsConnection: {
        edges: [
          { node: { id: 'bob' }, properties: { since: 2030, closeFriend: true } },
          { node: { id: 'dee' }, properties: { since: 2010, closeFriend: false } },
          { node: { id: 'eve' }, properties: { since: 2030, closeFriend: null } },
        ],
      },
    });
    expect(counts()).toEqual(before);
    const only = await nereid.gql(`mutation { updateUser(id: "ada", set: { posts: { disconnect: ["p1"] } }) { id } }`);
    expect(only.extensions!.gremlin!.requests).toBe(1);
    expect(counts()).toEqual({ vertices: before.vertices, edges: before.edges - 1 });
  });

  it('an update writes nothing when a connect target is missing, nor when the vertex is', async () => {
    const before = counts();
    const bad = await nereid.gql(`mutation { updateUser(id: "ada", set: { age: 1, follows: { disconnect: ["bob"], connect: ["eve", "p1"] } }) { id } }`);
    expect(bad.errors![0]).toMatchObject({
      message: 'User "p1" (set.follows.connect[1]) does not exist; nothing was updated',
      extensions: { code: 'NOT_FOUND', argument: 'set.follows.connect[1]' },
    });
    expect(bad.extensions!.gremlin!.requests).toBe(2);
    const noVertex = await nereid.gql(`mutation { updateUser(id: "zed", set: { follows: { connect: ["eve"] } }) { id } }`);
    expect(noVertex.errors![0]).toMatchObject({ message: 'User "zed" does not exist', extensions: { code: 'NOT_FOUND' } });
    expect(counts()).toEqual(before);
    const ada = await nereid.gql(`{ user(id: "ada") { age follows { id } } }`);
    expect(ada.data!.user).toEqual({ age: 36, follows: [{ id: 'bob' }, { id: 'cy' }, { id: 'dee' }] });
  });

  it('refuses an id both connected and disconnected, and properties without connect', async () => {
    const both = await nereid.gql(`mutation { updateUser(id: "ada", set: { follows: { connect: ["eve", "bob"], disconnect: ["bob"] } }) { id } }`);
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'set.follows.disconnect[0]' });
    expect(both.extensions!.gremlin!.requests).toBe(0);
    const props = await nereid.gql(`mutation { updateUser(id: "ada", set: { follows: { disconnect: ["bob"], properties: { since: 1 } } }) { id } }`);
    expect(props.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'set.follows.properties' });
    expect(props.extensions!.gremlin!.requests).toBe(0);
  });
});

describe('nested connects to interfaces and unions', () => {
  let nereid: TestNereid;
  beforeEach(async () => {
    nereid = await startNereid(fillMessages, { schema: buildTypedSchema(MESSAGES_SDL, 'messages.graphql') });
  });
  afterEach(() => nereid.stop());

  it('accepts a vertex of any member label, and refuses others naming the argument', async () => {
    const res = await nereid.gql(`mutation {
      createPerson(input: { id: "dan", name: "Dan", likes: { connect: ["p2", "c3"], properties: { weight: 0.5 } },
                            bookmarks: { connect: ["t2", "p1"] }, pinned: { connect: "p2" } }) {
        likes { __typename id } bookmarks { __typename ... on TypedVertex { id } } pinned { __typename }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPerson).toEqual({
      likes: [
        { __typename: 'Comment', id: 'c3' },
        { __typename: 'Post', id: 'p2' },
      ],
      bookmarks: [
        { __typename: 'Post', id: 'p1' },
        { __typename: 'Tag', id: 't2' },
      ],
      pinned: { __typename: 'Post' },
    });
    const weights = await nereid.gql(`{ person(id: "dan") { likesConnection { edges { properties { weight } } } } }`);
    expect(weights.data!.person.likesConnection.edges).toEqual([{ properties: { weight: 0.5 } }, { properties: { weight: 0.5 } }]);

    const before = { vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount };
    const forum = await nereid.gql(`mutation { createPerson(input: { id: "eli", name: "Eli", likes: { connect: ["p1", "f1"] } }) { id } }`);
    expect(forum.errors![0]).toMatchObject({
      message: 'Message "f1" (input.likes.connect[1]) does not exist; nothing was created',
      extensions: { code: 'NOT_FOUND', argument: 'input.likes.connect[1]' },
    });
    const comment = await nereid.gql(`mutation { createPerson(input: { id: "eli", name: "Eli", bookmarks: { connect: ["t1", "c1"] } }) { id } }`);
    expect(comment.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.bookmarks.connect[1]' });
    const pinned = await nereid.gql(`mutation { createPerson(input: { id: "eli", name: "Eli", pinned: { connect: "ada" } }) { id } }`);
    expect(pinned.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'input.pinned.connect' });
    expect({ vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount }).toEqual(before);
  });

  it('updates relationships to an interface and a union, to-one included', async () => {
    const res = await nereid.gql(`mutation {
      updatePerson(id: "ada", set: { likes: { disconnect: ["c1", "f1"], connect: ["c3"] }, pinned: { disconnect: "t2", connect: "p1" } }) {
        likes { id } pinned { __typename }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePerson).toEqual({ likes: [{ id: 'c2' }, { id: 'c3' }, { id: 'p1' }], pinned: { __typename: 'Post' } });
    const bad = await nereid.gql(`mutation { updatePerson(id: "ada", set: { bookmarks: { connect: ["c2"] } }) { id } }`);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'set.bookmarks.connect[0]' });
  });
});
