import type { Transaction, Vertex } from '../../src/embedded/structure';

/**
 * Relationships to an interface (Message, implemented by Post and Comment) and to a union (Bookmark, of Post
 * and Tag). `created` is mapped differently by the two members, so Message can't be filtered or sorted by it.
 */
export const MESSAGES_SDL = /* GraphQL */ `
"Something a person wrote."
interface Message {
  id: ID!
  content: String
  created: Int
  creator: Person!
  tags: [Tag!]!
  replies: [Comment!]!
  replyCount: Int!
}

union Bookmark = Post | Tag

type Person @vertex(label: "Person") {
  id: ID!
  name: String!
  likes: [Message!]! @edge(label: "LIKES", direction: OUT, properties: "Like")
  messages: [Message!]! @edge(label: "HAS_CREATOR", direction: IN)
  bookmarks: [Bookmark!]! @edge(label: "BOOKMARKED", direction: OUT)
  pinned: Bookmark @edge(label: "PINNED", direction: OUT)
  latest(first: Int = 1): [Message!]! @gremlin(traversal: "g.V(id).in('HAS_CREATOR').order().by('content')")
  "Everything liked, Forums included: not all of it is a Message."
  allLiked: [Message!]! @gremlin(traversal: "g.V(id).out('LIKES').order().by(T.id)")
}

type Query {
  messagesAbout(word: String!): [Message!]! @gremlin(traversal: "g.V().hasLabel('Post', 'Comment').has('content', containing(word)).order().by(T.id)")
}

type Post implements Message @vertex(label: "Post") {
  id: ID!
  content: String
  created: Int
  imageFile: String
  creator: Person! @edge(label: "HAS_CREATOR", direction: OUT)
  tags: [Tag!]! @edge(label: "HAS_TAG", direction: OUT)
  replies: [Comment!]! @edge(label: "REPLY_OF", direction: IN)
  replyCount: Int! @gremlin(traversal: "g.V(id).in('REPLY_OF').count()")
}

type Comment implements Message @vertex(label: "Comment") {
  id: ID!
  content: String
  created: Int @property(key: "createdAt")
  creator: Person! @edge(label: "HAS_CREATOR", direction: OUT)
  tags: [Tag!]! @edge(label: "HAS_TAG", direction: OUT)
  replies: [Comment!]! @edge(label: "REPLY_OF", direction: IN)
  replyOf: Message! @edge(label: "REPLY_OF", direction: OUT)
  replyCount: Int! @gremlin(traversal: "g.V(id).in('REPLY_OF').count()")
}

type Tag @vertex(label: "Tag") {
  id: ID!
  name: String!
}

"Properties of a LIKES edge."
type Like {
  weight: Float
}
`;

/**
 *   Posts p1 (ada, tag t1), p2 (bob); comments c1 on p1 (bob), c2 on c1 (cy), c3 on p2 (ada, tag t1).
 *   ada LIKES p1, c1, c2 and forum f1 (a label no type maps); bob LIKES p1, c3; cy likes nothing.
 *   ada BOOKMARKED p2, t1, c1 (a Comment: not a Bookmark) and f1; ada PINNED t2.
 */
export function fillMessages(tx: Transaction): void {
  const vertex = (label: string, id: string, props: Record<string, unknown>): Vertex => {
    const v = tx.addVertex([label], id);
    for (const [key, value] of Object.entries(props)) tx.addVertexProperty(v, key, value);
    return v;
  };
  const ada = vertex('Person', 'ada', { name: 'Ada' });
  const bob = vertex('Person', 'bob', { name: 'Bob' });
  const cy = vertex('Person', 'cy', { name: 'Cy' });
  const t1 = vertex('Tag', 't1', { name: 'graphs' });
  const t2 = vertex('Tag', 't2', { name: 'misc' });
  const f1 = vertex('Forum', 'f1', { content: 'a forum', title: 'Graphs' });
  const p1 = vertex('Post', 'p1', { content: 'hello graph', created: 10, imageFile: 'p1.png' });
  const p2 = vertex('Post', 'p2', { content: 'second post', created: 20 });
  const c1 = vertex('Comment', 'c1', { content: 'nice', createdAt: 11 });
  const c2 = vertex('Comment', 'c2', { content: 'agreed', createdAt: 12 });
  const c3 = vertex('Comment', 'c3', { content: 'graph talk', createdAt: 21 });
  const edge = (label: string, from: Vertex, to: Vertex, props: Record<string, unknown> = {}) => {
    const e = tx.addEdge(label, from, to, `${from.id}-${label}-${to.id}`);
    for (const [key, value] of Object.entries(props)) tx.setEdgeProperty(e, key, value);
  };
  for (const [message, creator] of [[p1, ada], [p2, bob], [c1, bob], [c2, cy], [c3, ada]] as const) edge('HAS_CREATOR', message, creator);
  edge('HAS_TAG', p1, t1);
  edge('HAS_TAG', c3, t1);
  edge('REPLY_OF', c1, p1);
  edge('REPLY_OF', c2, c1);
  edge('REPLY_OF', c3, p2);
  edge('LIKES', ada, p1, { weight: 1 });
  edge('LIKES', ada, c1, { weight: 0.5 });
  edge('LIKES', ada, c2, { weight: 0.25 });
  edge('LIKES', ada, f1, { weight: 2 });
  edge('LIKES', bob, p1, { weight: 1 });
  edge('LIKES', bob, c3, { weight: 0.75 });
  for (const target of [p2, t1, c1, f1]) edge('BOOKMARKED', ada, target);
  edge('PINNED', ada, t2);
  void cy;
}
