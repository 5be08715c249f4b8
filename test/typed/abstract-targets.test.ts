import { printSchema } from 'graphql';
import { buildTypedSchema } from '../../src/gateway/typed-schema';
import { startNereid, type TestNereid } from '../support/nereid';
import { MESSAGES_SDL, fillMessages } from './messages-fixture';
import { problemsOf } from './schema-problems';

/** Relationship fields to an interface (Person.likes: [Message!]!) and a union (Person.bookmarks: [Bookmark!]!). */
describe('relationships to interfaces and unions of @vertex types, through HTTP', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillMessages, { schema: buildTypedSchema(MESSAGES_SDL, 'messages.graphql') });
  });
  afterAll(() => nereid.stop());
  afterEach(() => jest.restoreAllMocks());

  const query = async (text: string, variables?: Record<string, unknown>) => {
    const res = await nereid.gql(text, variables);
    expect(res.errors).toBeUndefined();
    const gremlin = res.extensions!.gremlin!;
    return { data: res.data!, requests: gremlin.requests, sent: gremlin.traversals.map((t) => t.gremlin) };
  };
  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);


  it('reads each neighbour as the member its label maps to, and only members: a Forum liked is left out', async () => {
    const { data } = await query(`{
      person(id: "ada") {
        likes { __typename id content ... on Post { imageFile } ... on Comment { replyOf { __typename id } } }
        likesConnection { totalCount edges { node { id } properties { weight } } }
      }
    }`);
    expect(data.person.likes).toEqual([
      { __typename: 'Comment', id: 'c1', content: 'nice', replyOf: { __typename: 'Post', id: 'p1' } },
      { __typename: 'Comment', id: 'c2', content: 'agreed', replyOf: { __typename: 'Comment', id: 'c1' } },
      { __typename: 'Post', id: 'p1', content: 'hello graph', imageFile: 'p1.png' },
    ]);
    expect(data.person.likesConnection.totalCount).toBe(3);
    expect(data.person.likesConnection.edges.map((e: any) => [e.node.id, e.properties.weight])).toEqual([
      ['c1', 0.5],
      ['c2', 0.25],
      ['p1', 1],
    ]);
  });

  it('filters on the member labels and fetches the keys selected across fragments and interface fields, in one traversal', async () => {
    const { requests, sent } = await query(`{ people { nodes { likes { __typename id content ... on Post { imageFile } ... on Comment { id } } } } }`);
    expect(requests).toBe(1);
    expect(sent[0]).toContain('.by(__.out("LIKES").hasLabel("Post", "Comment").order().by(T.id, Order.asc).range(0, 21).project("id", "label", "properties").by(T.id).by(T.label).by(__.valueMap("content", "imageFile")).fold())');
  });

  it('costs what a relationship to one type costs, and what the generic API costs', async () => {
    const typed = await query(`{ people(first: 10) { nodes { likes(first: 5) { id content ... on Post { imageFile } } } } }`);
    const oneType = await query(`{ posts(first: 10) { nodes { replies(first: 5) { id content } } } }`);
    const generic = await query(`{ vertices(label: "Person", first: 10) { nodes { out(labels: ["LIKES"], first: 5) { nodes { id property(key: "content") } } } } }`);
    expect([typed.requests, oneType.requests, generic.requests]).toEqual([1, 1, 1]);
  });

  it('resolves interface fields that are relationships, one traversal for parents of every member', async () => {
    const { data, requests } = await query(`{ people { nodes { id likes { id creator { name } tags(first: 5) { name } } } } }`);
    // people, with likes, creator (Post.creator and Comment.creator as one branch) and tags nested
    expect(requests).toBe(1);
    const bob = data.people.nodes.find((p: any) => p.id === 'bob');
    expect(bob.likes).toEqual([
      { id: 'c3', creator: { name: 'Ada' }, tags: [{ name: 'graphs' }] },
      { id: 'p1', creator: { name: 'Ada' }, tags: [{ name: 'graphs' }] },
    ]);
  });

  it('runs @gremlin fields declared by the interface on each member', async () => {
    const { data } = await query(`{ person(id: "ada") { messages { __typename id replyCount } } }`);
    expect(data.person.messages).toEqual([
      { __typename: 'Comment', id: 'c3', replyCount: 0 },
      { __typename: 'Post', id: 'p1', replyCount: 1 },
    ]);
  });

  it('runs @gremlin fields returning an interface, checking each vertex is of a member', async () => {
    const { data, requests } = await query(`{
      people { nodes { id latest(first: 2) { __typename content ... on Post { imageFile } } } }
      messagesAbout(word: "graph") { __typename id }
    }`);
    // one per root field, the keyed @gremlin field nested
    expect(requests).toBe(2);
    expect(data.people.nodes.find((p: any) => p.id === 'ada').latest).toEqual([
      { __typename: 'Comment', content: 'graph talk' },
      { __typename: 'Post', content: 'hello graph', imageFile: 'p1.png' },
    ]);
    expect(data.messagesAbout).toEqual([
      { __typename: 'Comment', id: 'c3' },
      { __typename: 'Post', id: 'p1' },
    ]);
    const forum = await nereid.gql(`{ person(id: "ada") { allLiked { id } } }`);
    expect(forum.errors![0]).toMatchObject({
      message: 'Person.allLiked yielded vertex "f1" labelled "Forum", not a Message',
      extensions: { code: 'SCHEMA_MISMATCH' },
    });
  });

  it('pages and orders by id and by the fields every member maps alike', async () => {
    const byIdDesc = await query(`{ person(id: "ada") { likes(orderBy: [{ id: DESC }], first: 2) { id } } }`);
    expect(ids(byIdDesc.data.person.likes)).toEqual(['p1', 'c2']);
    const byContent = await query(`{ person(id: "ada") { likes(orderBy: [{ content: ASC }]) { content } } }`);
    expect(byContent.data.person.likes.map((m: any) => m.content)).toEqual(['agreed', 'hello graph', 'nice']);

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await query(`query($after: String) { person(id: "ada") { likesConnection(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`, {
        after,
      });
      const c = res.data.person.likesConnection;
      expect(c.totalCount).toBe(3);
      seen.push(...c.edges.map((e: any) => e.node.id));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(['c1', 'c2', 'p1']);
  });

  it('filters an interface relationship by the interface fields, nested relationships included', async () => {
    const { data } = await query(`{
      person(id: "bob") {
        graph: likes(where: { content: { contains: "graph" } }) { id }
        byAda: likes(where: { creator: { name: { eq: "Ada" } }, tags_some: { name: { eq: "graphs" } } }) { id }
        notPosts: likesConnection(where: { NOT: { id: { eq: "p1" } } }) { totalCount }
      }
    }`);
    expect(ids(data.person.graph)).toEqual(['c3', 'p1']);
    expect(ids(data.person.byAda)).toEqual(['c3', 'p1']);
    expect(data.person.notPosts.totalCount).toBe(1);
  });

  it('filters people by _some, _none and _every over an interface relationship, over member labels only', async () => {
    const people = async (where: string) => ids((await query(`{ people(where: ${where}) { nodes { id } } }`)).data.people.nodes);
    expect(await people(`{ likes_some: { content: { contains: "graph" } } }`)).toEqual(['ada', 'bob']);
    expect(await people(`{ likes_none: { creator: { name: { eq: "Ada" } } } }`)).toEqual(['cy']);
    expect(await people(`{ likes_every: { creator: { name: { eq: "Ada" } } }, likes_some: {} }`)).toEqual(['bob']);
    // Forum f1 has content "a forum" and ada likes it, but a Forum is not a Message.
    expect(await people(`{ likes_some: { content: { eq: "a forum" } } }`)).toEqual([]);
    expect(await people(`{ messages_some: { replies_some: { creator: { name: { eq: "Cy" } } } } }`)).toEqual(['bob']);
  });

  it('reads a relationship to a union, its members only, ordered by id, with totalCount and a to-one form', async () => {
    const { data } = await query(`{
      person(id: "ada") {
        bookmarks { __typename ... on Post { id content } ... on Tag { id name } }
        desc: bookmarksConnection(orderBy: [{ id: DESC }]) { totalCount nodes { __typename ... on TypedVertex { id } } }
        pinned { __typename ... on Tag { name } }
      }
    }`);
    expect(data.person.bookmarks).toEqual([
      { __typename: 'Post', id: 'p2', content: 'second post' },
      { __typename: 'Tag', id: 't1', name: 'graphs' },
    ]);
    expect(data.person.desc).toEqual({ totalCount: 2, nodes: [{ __typename: 'Tag', id: 't1' }, { __typename: 'Post', id: 'p2' }] });
    expect(data.person.pinned).toEqual({ __typename: 'Tag', name: 'misc' });
  });

  it.each([
    ['a page too large', `{ person(id: "ada") { likes(first: 101) { id } } }`, 'first'],
    ['a cursor of another query', `{ person(id: "ada") { likes(after: "bm9wZTow") { id } } }`, 'after'],
    ['an empty orderBy entry', `{ person(id: "ada") { bookmarks(orderBy: [{ id: ASC }, {}]) { __typename } } }`, 'orderBy[1]'],
  ])('refuses %s with BAD_USER_INPUT, sending nothing for the relationship', async (_what, text, argument) => {
    const res = await nereid.gql(text);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    // The person lookup only, without the refused relationship.
    const gremlin = res.extensions!.gremlin!;
    expect(gremlin.requests).toBe(1);
    expect(gremlin.traversals[0].gremlin).toBe('g.V("ada").project("id", "label").by(T.id).by(T.label)');
  });

  it('refuses a bad filter over an interface relationship with BAD_USER_INPUT and no request at all', async () => {
    const res = await nereid.gql(`{ people(where: { likes_some: { creator: { name: { eq: "Ada" } }, OR: [] } }) { nodes { id } } }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.likes_some.OR' });
    expect(res.extensions!.gremlin!.requests).toBe(0);
  });

  it('has no where on a union, nor an interface field its members map differently', async () => {
    for (const text of [`{ person(id: "ada") { bookmarks(where: {}) { __typename } } }`, `{ person(id: "ada") { likes(where: { created: { gt: 1 } }) { id } } }`]) {
      const res = await nereid.gql(text);
      expect(res.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.extensions?.gremlin?.requests ?? 0).toBe(0);
    }
  });
});

/**
 * One member's branch runs only on that member's vertices: a shelf holds a book (size 300, a number) and a song
 * (size "3:45", a string); Book.doubled does arithmetic on size, which the song's value would fail.
 */
describe('member-only branches of an interface position', () => {
  const SHELF_SDL = /* GraphQL */ `
    interface Item { id: ID! }
    type Shelf @vertex(label: "Shelf") { id: ID! holds: [Item!]! @edge(label: "HOLDS", direction: OUT) }
    type Book implements Item @vertex(label: "Book") {
      id: ID!
      size: Int
      doubled: Int @gremlin(traversal: "g.V(id).values('size').math('_ * 2')")
      holders: [Shelf!]! @edge(label: "HOLDS", direction: IN)
    }
    type Song implements Item @vertex(label: "Song") { id: ID! length: String @property(key: "size") }
  `;
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(
      (tx) => {
        const shelf = tx.addVertex(['Shelf'], 's1');
        const book = tx.addVertex(['Book'], 'b1');
        tx.addVertexProperty(book, 'size', 300);
        const song = tx.addVertex(['Song'], 'm1');
        tx.addVertexProperty(song, 'size', '3:45');
        tx.addEdge('HOLDS', shelf, book, 'e1');
        tx.addEdge('HOLDS', shelf, song, 'e2');
      },
      { schema: buildTypedSchema(SHELF_SDL, 'shelf.graphql') },
    );
  });
  afterAll(() => nereid.stop());

  it('guards a field only some members select by their labels, in the one traversal', async () => {
    const res = await nereid.gql(`{ shelf(id: "s1") { holds { __typename id ... on Book { doubled holders { id } } ... on Song { length } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.shelf.holds).toEqual([
      { __typename: 'Book', id: 'b1', doubled: 600, holders: [{ id: 's1' }] },
      { __typename: 'Song', id: 'm1', length: '3:45' },
    ]);
    const gremlin = res.extensions!.gremlin!;
    expect(gremlin.requests).toBe(1);
    expect(gremlin.traversals[0].gremlin).toContain('.by(__.hasLabel("Book").map(__.values("size").math("_ * 2").limit(2).fold()).fold())');
  });
});

describe('connecting and disconnecting along a relationship to an interface or a union', () => {
  let nereid: TestNereid;
  beforeAll(async () => {
    nereid = await startNereid(fillMessages, { schema: buildTypedSchema(MESSAGES_SDL, 'messages.graphql') });
  });
  afterAll(() => nereid.stop());

  const likes = async (id: string) => {
    const res = await nereid.gql(`{ person(id: "${id}") { likesConnection { edges { node { __typename id } properties { weight } } } } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.person.likesConnection.edges.map((e: any) => `${e.node.__typename}:${e.node.id}:${e.properties.weight}`);
  };

  it('connects to vertices of any member, with edge properties, and disconnects them', async () => {
    const res = await nereid.gql(`mutation { connectPersonLikes(id: "cy", to: ["p2", "c3"], properties: { weight: 3 }) { likes { __typename id } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.connectPersonLikes.likes).toEqual([
      { __typename: 'Comment', id: 'c3' },
      { __typename: 'Post', id: 'p2' },
    ]);
    expect(await likes('cy')).toEqual(['Comment:c3:3', 'Post:p2:3']);
    const off = await nereid.gql(`mutation { disconnectPersonLikes(id: "cy", from: ["c3", "t1"]) { likes { id } } }`);
    expect(off.data!.disconnectPersonLikes.likes).toEqual([{ id: 'p2' }]);
    const union = await nereid.gql(`mutation { connectPersonBookmarks(id: "cy", to: ["t2", "p1"]) { bookmarks { __typename } } }`);
    expect(union.data!.connectPersonBookmarks.bookmarks).toEqual([{ __typename: 'Post' }, { __typename: 'Tag' }]);
  });

  it('refuses a target of a label no member maps, or missing, as NOT_FOUND naming it, connecting nothing', async () => {
    const before = await likes('bob');
    const tag = await nereid.gql(`mutation { connectPersonLikes(id: "bob", to: ["p2", "t1"]) { id } }`);
    expect(tag.errors![0]).toMatchObject({ message: 'Message "t1" (to[1]) does not exist; nothing was connected', extensions: { code: 'NOT_FOUND', argument: 'to[1]' } });
    const forum = await nereid.gql(`mutation { connectPersonLikes(id: "bob", to: ["f1"]) { id } }`);
    expect(forum.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to[0]' });
    const missing = await nereid.gql(`mutation { connectPersonLikes(id: "bob", to: ["c1", "nobody"]) { id } }`);
    expect(missing.errors![0]).toMatchObject({ message: 'Message "nobody" (to[1]) does not exist; nothing was connected' });
    const comment = await nereid.gql(`mutation { connectPersonBookmarks(id: "bob", to: ["c1"]) { id } }`);
    expect(comment.errors![0]).toMatchObject({ message: 'Bookmark "c1" (to[0]) does not exist; nothing was connected' });
    expect(await likes('bob')).toEqual(before);
  });
});

describe('unions and interfaces in a typed schema', () => {
  it.each([
    [
      'a union member without @vertex',
      'type A @vertex { id: ID! }\nunion U = A | B\ntype B { x: Int }',
      [
        'my.graphql:2:15: union U includes B, which has no @vertex; a union\'s members are @vertex types',
        'my.graphql:3:1: Type B has no @vertex: map it to a vertex label with @vertex(label: "..."), or name it in @edge(properties: "B")',
      ],
    ],
    [
      'an interface no @vertex type implements',
      'type A @vertex { id: ID! }\ninterface I { id: ID! }',
      ['my.graphql:2:1: interface I is implemented by no @vertex type; declare type ... implements I @vertex(...)'],
    ],
    [
      'an interface implemented by a type without @vertex',
      'type A @vertex { id: ID! likes: [I!]! @edge(label: "L", properties: "P") }\ninterface I { id: ID! }\ntype B implements I @vertex { id: ID! }\ntype P implements I { id: ID! }',
      ['my.graphql:4:19: P implements I but has no @vertex: every implementation of an interface is a @vertex type'],
    ],
    [
      'a mapping directive on an interface field',
      'interface I { id: ID! name: String @property(key: "n") }\ntype A implements I @vertex { id: ID! name: String }',
      ['my.graphql:1:23: I.name takes no @property: each @vertex type implementing I maps its own name'],
    ],
    [
      'an interface the file does not declare',
      'type A implements TypedVertex @vertex { id: ID! label: String! vertex: Vertex! }',
      expect.arrayContaining([expect.stringContaining('my.graphql:1:19: A implements TypedVertex; vertex types implement TypedVertex, which is added for them')]),
    ],
  ])('refuses %s, at its line', (_what, sdl, expected) => {
    expect(problemsOf(sdl)).toEqual(expected);
  });

  it('generates where and orderBy for an interface from the fields its members map alike, orderBy by id for a union', () => {
    const sdl = printSchema(buildTypedSchema(MESSAGES_SDL));
    const input = (name: string) => sdl.slice(sdl.indexOf(`input ${name} {`), sdl.indexOf('\n}', sdl.indexOf(`input ${name} {`)));
    const fieldsOf = (name: string) => [...input(name).matchAll(/^  (\w+):/gm)].map((m) => m[1]);
    // created is Post.created but Comment's createdAt, so Message can't be filtered or sorted by it.
    expect(fieldsOf('MessageWhere')).toEqual(['id', 'content', 'creator', 'tags_some', 'tags_none', 'tags_every', 'replies_some', 'replies_none', 'replies_every', 'AND', 'OR', 'NOT']);
    expect(fieldsOf('MessageOrderBy')).toEqual(['id', 'content']);
    expect(fieldsOf('BookmarkOrderBy')).toEqual(['id']);
    expect(sdl).toContain('tags(where: TagWhere, orderBy: [TagOrderBy!], first: Int, after: String): [Tag!]!\n  replies(');
    expect(sdl).toContain('bookmarks(orderBy: [BookmarkOrderBy!], first: Int, after: String): [Bookmark!]!');
    expect(sdl).toContain('type Post implements TypedVertex & Message');
  });
});
