import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Transaction } from '../../src/embedded/structure';
import { buildTypedSchema, TypedSchemaError } from '../../src/gateway/typed-schema';
import { readTypedSchema } from '../../src/typed/read-schema';
import { fillSocial } from '../typed/social-fixture';
import { startNereid, type TestNereid } from '../support/nereid';
import { post, SECRET, token } from './support';

jest.setTimeout(120_000);

/** The typed social schema with rules as directives: posts for members, ages and `since` for admins, owners change their posts. */
const SDL = /* GraphQL */ `
type User @vertex(label: "User") @key(fields: "id") {
  id: ID!
  name: String!
  age: Int @authorization(read: ["admin"], update: ["admin"])
  login: String
  nick: String @owner(field: "login", actions: [UPDATE])
  follows: [User!]! @edge(label: "FOLLOWS", direction: OUT, properties: "Follow")
  posts: [Post!]! @edge(label: "WROTE", direction: OUT)
}

type Follow {
  since: Int @authorization(read: ["admin"], create: ["admin"], update: ["admin"])
  closeFriend: Boolean @property(key: "close")
}

type Post @vertex(label: "Post") @key(fields: "id")
  @authorization(read: ["member", "admin"], create: ["member"], update: ["member", "admin"], delete: ["member"])
  @owner(field: "owner", claim: "sub", actions: [UPDATE, DELETE], except: ["admin"]) {
  id: ID!
  title: String!
  owner: String
  author: User @edge(label: "WROTE", direction: IN)
}
`;

/** The typed social fixture; ada owns p1 and p2, bob p3. */
function fill(tx: Transaction): void {
  fillSocial(tx);
  for (const [id, owner] of [['p1', 'ada'], ['p2', 'ada'], ['p3', 'bob']]) tx.addVertexProperty(tx.graph.vertex(id)!, 'owner', owner);
  for (const id of ['ada', 'bob']) tx.addVertexProperty(tx.graph.vertex(id)!, 'login', id);
}

describe('@authorization and @owner on a typed schema', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fill, { schema: buildTypedSchema(SDL, 'social.graphql', { federation: true }), security: { jwtSecret: SECRET } });
  });
  afterAll(() => nereid.stop());

  const as = async (who: { sub: string; roles: string[] } | undefined, query: string, variables?: object) =>
    post(nereid.url, { query, variables }, who ? await token(who) : undefined);
  const member = (sub: string) => ({ sub, roles: ['member'] });
  const admin = { sub: 'root', roles: ['admin'] };
  const counts = () => ({ vertices: nereid.graph.vertexCount, edges: nereid.graph.edgeCount });

  describe('reads', () => {
    it('a restricted type is hidden on root pages, lookups (one batched request), typed relationships and the generic API', async () => {
      const q = `{
        posts { nodes { id } }
        a: post(id: "p1") { id } b: post(id: "p3") { id }
        user(id: "ada") { name posts { id } }
        vertices(label: "Post") { totalCount }
      }`;
      const anonymous = (await as(undefined, q)).body;
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data).toEqual({ posts: { nodes: [] }, a: null, b: null, user: { name: 'Ada', posts: [] }, vertices: { totalCount: 0 } });
      const signedIn = (await as(member('bob'), q)).body;
      expect(signedIn.data).toEqual({
        posts: { nodes: [{ id: 'p1' }, { id: 'p2' }, { id: 'p3' }] },
        a: { id: 'p1' },
        b: { id: 'p3' },
        user: { name: 'Ada', posts: [{ id: 'p1' }, { id: 'p2' }] },
        vertices: { totalCount: 3 },
      });
      expect(signedIn.extensions!.gremlin!.requests).toBe(anonymous.extensions!.gremlin!.requests);
    });

    it('federation _entities resolve only visible entities', async () => {
      const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Post { title } ... on User { name } } }';
      const r = [{ __typename: 'Post', id: 'p1' }, { __typename: 'User', id: 'bob' }];
      expect((await as(undefined, q, { r })).body.data).toEqual({ _entities: [null, { name: 'Bob' }] });
      expect((await as(member('bob'), q, { r })).body.data).toEqual({ _entities: [{ title: 'Notes on the Analytical Engine' }, { name: 'Bob' }] });
    });

    it.each([
      ['a typed field', '{ users(where: { name: { eq: "Ada" } }) { nodes { name age } } }'],
      ['a typed filter', '{ users(where: { age: { gt: 30 } }) { nodes { name } } }'],
      ['a generic property', '{ vertex(id: "ada") { property(key: "age") } }'],
      ['an _entities selection', '{ _entities(representations: [{ __typename: "User", id: "ada" }]) { ... on User { age } } }'],
    ])('refuses %s on a restricted key before sending anything', async (_what, q) => {
      const res = await as(member('bob'), q);
      expect(res.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^Not allowed to read the property "age"/), extensions: { code: 'FORBIDDEN' } });
      expect(res.body.extensions!.gremlin!.requests).toBe(0);
      expect((await as(admin, q)).body.errors).toBeUndefined();
    });

    it('hides a restricted edge key from typed relationship edge properties and the generic edge properties', async () => {
      const q = `{
        user(id: "ada") { followsConnection(first: 1) { edges { node { id } properties { closeFriend } edge { properties } } } }
        edge(id: "ada-bob") { properties }
      }`;
      const res = (await as(member('bob'), q)).body;
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        user: { followsConnection: { edges: [{ node: { id: 'bob' }, properties: { closeFriend: true }, edge: { properties: { close: true } } }] } },
        edge: { properties: { close: true } },
      });
      expect((await as(admin, '{ edge(id: "ada-bob") { properties } }')).body.data).toEqual({ edge: { properties: { since: 2001, close: true } } });
      const named = await as(member('bob'), '{ user(id: "ada") { followsConnection(first: 1) { edges { properties { since } } } } }');
      expect(named.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(named.body.extensions!.gremlin!.requests).toBe(0);
    });
  });

  describe('writes', () => {
    it('create: a role not listed writes nothing, with 0 requests; a listed role creates', async () => {
      const before = counts();
      for (const who of [undefined, admin]) {
        const res = await as(who, 'mutation { createPost(input: { title: "x", owner: "root" }) { id } }');
        expect(res.body.errors![0].extensions!.code).toBe(who ? 'FORBIDDEN' : 'UNAUTHENTICATED');
        expect(res.body.extensions!.gremlin!.requests).toBe(0);
      }
      expect(counts()).toEqual(before);
      const created = await as(member('cy'), 'mutation { createPost(input: { id: "p9", title: "Mine", owner: "cy" }) { id } }');
      expect(created.body.errors).toBeUndefined();
      expect(nereid.graph.vertex('p9')!.value('title')).toBe('Mine');
    });

    it('owner rule on update and delete: only the owner changes a post; anyone else writes nothing', async () => {
      const hijack = await as(member('bob'), 'mutation { updatePost(id: "p1", set: { title: "Hijacked" }) { id } }');
      expect(hijack.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(nereid.graph.vertex('p1')!.value('title')).toBe('Notes on the Analytical Engine');
      const own = await as(member('ada'), 'mutation { updatePost(id: "p1", set: { title: "Notes" }) { title } }');
      expect(own.body.data).toEqual({ updatePost: { title: 'Notes' } });
      const before = counts();
      const del = await as(member('ada'), 'mutation { deletePost(id: "p3") { deleted } }');
      expect(del.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(counts()).toEqual(before);
      // An admin (listed in `except`) updates any post, but deletes none: delete lists only members.
      expect((await as(admin, 'mutation { updatePost(id: "p3", set: { title: "Moderated" } ) { title } }')).body.data).toEqual({ updatePost: { title: 'Moderated' } });
      expect((await as(admin, 'mutation { deletePost(id: "p3") { deleted } }')).body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect((await as(member('bob'), 'mutation { deletePost(id: "p3") { deleted } }')).body.data).toEqual({ deletePost: { deleted: true } });
    });

    it('owner rule on a property field: only the owner changes that key; other keys stay open', async () => {
      const other = await as(member('bob'), 'mutation { updateUser(id: "ada", set: { nick: "Countess" }) { id } }');
      expect(other.body.errors![0]).toMatchObject({ message: 'Not allowed to change this element, or it does not exist; nothing was written', extensions: { code: 'FORBIDDEN' } });
      expect(nereid.graph.vertex('ada')!.value('nick')).toBeUndefined();
      expect((await as(member('ada'), 'mutation { updateUser(id: "ada", set: { nick: "Countess" }) { nick } }')).body.data).toEqual({ updateUser: { nick: 'Countess' } });
      expect((await as(member('bob'), 'mutation { updateUser(id: "ada", set: { name: "Ada" }) { name } }')).body.data).toEqual({ updateUser: { name: 'Ada' } });
    });

    it('upsert: creating a restricted label or changing a restricted key writes nothing', async () => {
      const before = counts();
      const anonymous = await as(undefined, 'mutation { upsertVertex(input: { id: "p1", label: "Post", properties: { title: "Up" } }) { id } }');
      expect(anonymous.body.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      expect(anonymous.body.extensions!.gremlin!.requests).toBe(0);
      const age = await as(member('ada'), 'mutation { upsertVertex(input: { id: "ada", label: "User", properties: { age: 1 } }) { id } }');
      expect(age.body.errors![0]).toMatchObject({ message: expect.stringMatching(/"age"/), extensions: { code: 'FORBIDDEN' } });
      expect(age.body.extensions!.gremlin!.requests).toBe(0);
      expect(counts()).toEqual(before);
      expect(nereid.graph.vertex('ada')!.value('age')).toBe(36);
      expect(nereid.graph.vertex('p1')!.value('title')).not.toBe('Up');
    });

    it('connect and disconnect: a restricted edge key is not set; a relationship to a hidden vertex is neither made nor cut', async () => {
      const before = counts();
      const since = await as(member('dee'), 'mutation { connectUserFollows(id: "dee", to: ["eve"], properties: { since: 2024 }) { id } }');
      expect(since.body.errors![0]).toMatchObject({ message: expect.stringMatching(/"since"/), extensions: { code: 'FORBIDDEN' } });
      expect(since.body.extensions!.gremlin!.requests).toBe(0);
      const hidden = await as(undefined, 'mutation { connectUserPosts(id: "dee", to: ["p2"]) { id } }');
      expect(hidden.body.errors).toBeDefined();
      expect(counts()).toEqual(before);
      const allowed = await as(admin, 'mutation { connectUserFollows(id: "dee", to: ["eve"], properties: { since: 2024 }) { id } }');
      expect(allowed.body.errors).toBeUndefined();
      expect(counts().edges).toBe(before.edges + 1);
      // Ids one cannot see are ignored, as ids that do not exist are.
      await as(undefined, 'mutation { disconnectUserPosts(id: "ada", from: ["p2"]) { id } }');
      expect(counts().edges).toBe(before.edges + 1);
    });

    it('a create with nested connects writes nothing when one part is not allowed', async () => {
      const before = counts();
      const since = await as(member('dee'), 'mutation { createUser(input: { id: "fay", name: "Fay", follows: { connect: ["ada"], properties: { since: 2024 } } }) { id } }');
      expect(since.body.errors![0]).toMatchObject({ message: expect.stringMatching(/"since"/), extensions: { code: 'FORBIDDEN' } });
      expect(since.body.extensions!.gremlin!.requests).toBe(0);
      // Users may be created by anyone, but p2 is out of an anonymous caller's sight: the one traversal fails whole.
      const hidden = await as(undefined, 'mutation { createUser(input: { id: "fay", name: "Fay", posts: { connect: ["p2"] } }) { id } }');
      expect(hidden.body.errors).toBeDefined();
      expect(counts()).toEqual(before);
      expect(nereid.graph.vertex('fay')).toBeUndefined();
    });

    it('updateEdge: a restricted edge key is not changed', async () => {
      const res = await as(member('ada'), 'mutation { updateEdge(id: "ada-bob", set: { since: 1 }) { id } }');
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(res.body.extensions!.gremlin!.requests).toBe(0);
      expect(nereid.graph.edge('ada-bob')!.value('since')).toBe(2001);
    });
  });
});

describe('directives merged with the rules file', () => {
  it('holds both: the file decides the grants, the directives narrow them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nereid-directives-'));
    const file = join(dir, 'rules.yaml');
    // The file lets members read everything and anonymous callers only users' names; the schema keeps ages from members.
    writeFileSync(file, [
      'roles:',
      '  anonymous: { read: { vertices: [User], edges: [], keys: [name] } }',
      '  member: { read: { vertices: "*", edges: "*" } }',
      'restrict:',
      '  vertices: { Post: { read: [admin] } }',
    ].join('\n'));
    const nereid = await startNereid(fill, { schema: buildTypedSchema(SDL, 'social.graphql'), security: { jwtSecret: SECRET, rules: file } });
    try {
      const member = await token({ sub: 'bob', roles: ['member'] });
      // Post: the directive lists member, the file's restriction only admin: both must allow.
      expect((await post(nereid.url, { query: '{ posts { nodes { id } } users(where: { name: { eq: "Ada" } }) { nodes { name } } }' }, member)).body).toMatchObject({ data: { posts: { nodes: [] }, users: { nodes: [{ name: 'Ada' }] } } });
      const age = await post(nereid.url, { query: '{ user(id: "ada") { age } }' }, member);
      expect(age.body.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(age.body.extensions!.gremlin!.requests).toBe(0);
      expect((await post(nereid.url, { query: '{ vertex(id: "zed") { id } }' })).body.data).toEqual({ vertex: null });
    } finally {
      await nereid.stop();
    }
  });
});

describe('mistakes in the directives', () => {
  const problems = (sdl: string): string => {
    try {
      readTypedSchema(sdl, 'rules.graphql');
    } catch (err) {
      if (err instanceof TypedSchemaError) return err.message;
      throw err;
    }
    throw new Error('no problems reported');
  };

  it('are reported at startup, each with its type or field and line', () => {
    const message = problems(`
type User @vertex @owner(field: "handle", actions: [UPDATE]) {
  id: ID! @authorization(read: ["admin"])
  name: String @authorization(read: [])
  email: String @authorization(delete: ["admin"]) @owner(field: "name", actions: [READ])
  follows: [User!]! @edge(label: "FOLLOWS") @owner(field: "since", actions: [READ])
}
`);
    expect(message.split('\n')).toEqual([
      'rules.graphql is not a valid typed schema:',
      '  rules.graphql:2:19: User: @owner(field: "handle") must name a property field of User',
      '  rules.graphql:3:11: User.id: @authorization does not apply to the id field: ids are as visible as their vertices',
      '  rules.graphql:4:3: User.name: @authorization at read: Too small: expected array to have >=1 items',
      '  rules.graphql:5:51: User.email: @owner on a property field covers UPDATE only, not READ (to hide the key from all but owners, put @owner(actions: [READ]) on the type)',
      '  rules.graphql:5:17: User.email: @authorization(delete:) applies to @vertex types and @edge fields; removing a property is an update',
      '  rules.graphql:6:45: User.follows: @owner(field: "since") must name a field of @edge(properties:), which User.follows does not name',
    ]);
  });
});

describe('the README example', () => {
  it('compiles into the restrictions it describes', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const sdl = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).find((block) => block.includes('@authorization('))!;
    expect(readTypedSchema(sdl).rules).toEqual({
      rolesClaim: 'roles',
      readOnly: false,
      restrict: {
        vertices: { Post: { read: ['member'], create: ['member'], update: ['member'], delete: ['member'], owners: [{ key: 'author', claim: 'sub', actions: ['update', 'delete'] }] } },
        edges: {},
        keys: { email: { read: ['admin'], update: ['admin'] } },
      },
    });
  });
});
