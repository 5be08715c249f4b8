import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { GENERATED_ID, startNereid, type TestNereid } from '../support/nereid';
import { SOCIAL_SDL, fillSocial } from './social-fixture';

describe('typed mutations through HTTP', () => {
  let nereid: TestNereid;
  beforeEach(async () => {
    nereid = await startNereid(fillSocial, { schema: buildTypedSchema(SOCIAL_SDL, 'social.graphql') });
  });
  afterEach(() => nereid.stop());

  const follows = async (id: string) =>
    (await nereid.gql(`{ user(id: "${id}") { followsConnection(first: 100) { edges { node { id } properties { since closeFriend } } } } }`)).data!.user
      .followsConnection.edges;

  it('creates a user with typed values in one request, and reads it back', async () => {
    const res = await nereid.gql(`mutation {
      createUser(input: { id: "fay", name: "Fay", handle: "@fay", age: 30, role: ADMIN, langs: ["de", "en"], joined: "2020-02-02T10:00:00Z" }) {
        id name handle age role langs joined vertex { properties }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
    // A set's values have no order in Gremlin; JanusGraph answers them in an order of its own.
    res.data!.createUser.langs.sort();
    res.data!.createUser.vertex.properties.langs.sort();
    expect(res.data!.createUser).toEqual({
      id: 'fay',
      name: 'Fay',
      handle: '@fay',
      age: 30,
      role: 'ADMIN',
      langs: ['de', 'en'],
      joined: '2020-02-02T10:00:00.000Z',
      vertex: { properties: { name: 'Fay', screen_name: '@fay', age: 30, role: 'ADMIN', langs: ['de', 'en'], joined: '2020-02-02T10:00:00.000Z' } },
    });
    const back = await nereid.gql(`{ users(where: { langs: { includes: "de" } }) { nodes { id label } } }`);
    expect(back.data!.users.nodes).toEqual([{ id: 'fay', label: 'User' }]);
  });

  it('generates an id when none is given, and refuses one that is taken', async () => {
    const created = await nereid.gql(`mutation { createUser(input: { name: "Gil", langs: [] }) { id name langs } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createUser.id).toMatch(GENERATED_ID);
    expect(created.data!.createUser.langs).toEqual([]);
    const taken = await nereid.gql(`mutation { createUser(input: { id: "zed", name: "Zed", langs: [] }) { id } }`);
    expect(taken.errors![0].extensions).toMatchObject({ code: 'CONFLICT', ids: ['zed'] });
    expect(taken.errors![0].message).toBe('A vertex already exists with id "zed"');
  });

  it('requires the non-null fields on create', async () => {
    const res = await nereid.gql(`mutation { createUser(input: { id: "x", langs: [] }) { id } }`);
    expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('updates: sets, replaces a list, removes with null, and only touches its own type', async () => {
    const res = await nereid.gql(`mutation { updateUser(id: "ada", set: { name: "Ada L.", handle: null, langs: ["it"] }) { name handle langs age } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateUser).toEqual({ name: 'Ada L.', handle: null, langs: ['it'], age: 36 });
    const missing = await nereid.gql(`mutation { updateUser(id: "nobody", set: { age: 1 }) { id } }`);
    expect(missing.errors![0]).toMatchObject({ message: 'User "nobody" does not exist', extensions: { code: 'NOT_FOUND' } });
    const otherType = await nereid.gql(`mutation { updateUser(id: "zed", set: { age: 1 }) { id } }`);
    expect(otherType.errors![0].extensions!.code).toBe('NOT_FOUND');
    const zed = await nereid.gql(`{ vertex(id: "zed") { properties } }`);
    expect(zed.data!.vertex.properties).toEqual({ name: 'Zed' });
    const required = await nereid.gql(`mutation { updateUser(id: "ada", set: { name: null }) { id } }`);
    expect(required.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'set.name' });
  });

  it('deletes a vertex of its own type only, with its edges', async () => {
    const other = await nereid.gql(`mutation { deleteUser(id: "zed") { id deleted } }`);
    expect(other.data!.deleteUser).toEqual({ id: 'zed', deleted: false });
    const res = await nereid.gql(`mutation { deleteUser(id: "bob") { id deleted } }`);
    expect(res.data!.deleteUser).toEqual({ id: 'bob', deleted: true });
    const ada = await nereid.gql(`{ user(id: "ada") { followers { id } } vertex(id: "zed") { id } }`);
    expect(ada.data).toEqual({ user: { followers: [{ id: 'eve' }] }, vertex: { id: 'zed' } });
  });

  it('connects idempotently with edge properties, and disconnects', async () => {
    const res = await nereid.gql(`mutation { connectUserFollows(id: "dee", to: ["ada", "eve", "ada"], properties: { since: 2024 }) { follows { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions!.gremlin!.requests).toBe(1);
    expect(res.data!.connectUserFollows.follows).toEqual([{ id: 'ada' }, { id: 'eve' }]);
    const again = await nereid.gql(`mutation { connectUserFollows(id: "dee", to: ["ada"], properties: { since: 2025, closeFriend: true }) { id } }`);
    expect(again.errors).toBeUndefined();
    expect(await follows('dee')).toEqual([
      { node: { id: 'ada' }, properties: { since: 2025, closeFriend: true } },
      { node: { id: 'eve' }, properties: { since: 2024, closeFriend: null } },
    ]);
    const cut = await nereid.gql(`mutation { disconnectUserFollows(id: "dee", from: ["ada", "nobody"]) { follows { id } } }`);
    expect(cut.errors).toBeUndefined();
    expect(cut.data!.disconnectUserFollows.follows).toEqual([{ id: 'eve' }]);
  });

  it('connects along an incoming relationship from the other end', async () => {
    const res = await nereid.gql(`mutation { connectUserFollowers(id: "dee", to: ["eve"]) { followers { id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.connectUserFollowers.followers).toEqual([{ id: 'ada' }, { id: 'cy' }, { id: 'eve' }]);
    const eve = await nereid.gql(`{ user(id: "eve") { follows { id } } }`);
    expect(eve.data!.user.follows).toEqual([{ id: 'ada' }, { id: 'dee' }]);
  });

  it('writes nothing when a target is missing or of another type, and says which', async () => {
    const missing = await nereid.gql(`mutation { connectUserFollows(id: "dee", to: ["ada", "nobody"]) { id } }`);
    expect(missing.errors![0]).toMatchObject({
      message: 'User "nobody" (to[1]) does not exist; nothing was connected',
      extensions: { code: 'NOT_FOUND', argument: 'to[1]' },
    });
    const otherType = await nereid.gql(`mutation { connectUserFollows(id: "dee", to: ["zed"]) { id } }`);
    expect(otherType.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to[0]' });
    expect(await follows('dee')).toEqual([]);
    const noParent = await nereid.gql(`mutation { connectUserFollows(id: "zed", to: ["ada"]) { id } }`);
    expect(noParent.errors![0]).toMatchObject({ message: 'User "zed" does not exist', extensions: { code: 'NOT_FOUND' } });
    const empty = await nereid.gql(`mutation { connectUserFollows(id: "dee", to: []) { id } }`);
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
  });
});
