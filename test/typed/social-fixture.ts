import type { Transaction, Vertex } from '../../src/embedded/structure';

/** The example schema, with a few more field types and typed edge properties. */
export const SOCIAL_SDL = /* GraphQL */ `
enum Role {
  ADMIN
  MEMBER
}

"Someone using the app."
type User @vertex(label: "User") @key(fields: "id") {
  id: ID! @id
  name: String!
  handle: String @property(key: "screen_name")
  age: Int
  score: Float
  verified: Boolean
  role: Role
  langs: [String!]!
  joined: DateTime
  follows: [User!]! @edge(label: "FOLLOWS", direction: OUT, properties: "Follow")
  followers: [User!]! @edge(label: "FOLLOWS", direction: IN, properties: "Follow")
  posts: [Post!]! @edge(label: "WROTE", direction: OUT)
  mutualFriends(other: ID!): [User!]! @gremlin(traversal: "g.V(id).both('FOLLOWS').where(__.both('FOLLOWS').hasId(other))")
  friendsOfFriends: [User!]! @gremlin(traversal: "g.V(id).out('FOLLOWS').out('FOLLOWS').hasLabel('User').not(hasId(id)).dedup()")
  followerCount: Int! @gremlin(traversal: "g.V(id).in('FOLLOWS').count()")
  followsNamed(prefix: String!): [String!]! @gremlin(traversal: "g.V(id).out('FOLLOWS').has('name', startingWith(prefix)).values('name').order()")
}

type Follow {
  since: Int
  closeFriend: Boolean @property(key: "close")
}

type Post @vertex(label: "Post") {
  id: ID!
  title: String!
  author: User @edge(label: "WROTE", direction: IN)
}
`;

/**
 *   ada -> bob, cy, dee      bob -> ada, cy      cy -> dee      dee -> (none)      eve -> ada
 *   ada wrote p1, p2; bob wrote p3. A Person vertex "zed" is not a User. "ghost" is a User with no name.
 */
export function fillSocial(tx: Transaction): void {
  const user = (id: string, props: Record<string, unknown>, langs: string[] = ['en']): Vertex => {
    const v = tx.addVertex(['User'], id);
    for (const [key, value] of Object.entries(props)) tx.addVertexProperty(v, key, value);
    for (const lang of langs) tx.addVertexProperty(v, 'langs', lang);
    return v;
  };
  const ada = user('ada', { name: 'Ada', screen_name: '@ada', age: 36, score: 9.5, verified: true, role: 'ADMIN', joined: new Date('2015-12-10T00:00:00Z') }, ['en', 'fr']);
  const bob = user('bob', { name: 'Bob', screen_name: '@bob', age: 25, score: 4.25, verified: false, role: 'MEMBER' });
  const cy = user('cy', { name: 'Cy', age: 41, role: 'MEMBER' }, ['es']);
  const dee = user('dee', { name: 'Dee', age: 29 });
  const eve = user('eve', { name: 'Eve', age: 52 }, []);
  const follows = (a: Vertex, b: Vertex, since: number, close = false) => {
    const e = tx.addEdge('FOLLOWS', a, b, `${a.id}-${b.id}`);
    tx.setEdgeProperty(e, 'since', since);
    tx.setEdgeProperty(e, 'close', close);
  };
  follows(ada, bob, 2001, true);
  follows(ada, cy, 2005);
  follows(ada, dee, 2010);
  follows(bob, ada, 2002, true);
  follows(bob, cy, 2003);
  follows(cy, dee, 2011);
  follows(eve, ada, 2020);
  const post = (id: string, title: string, author: Vertex) => {
    const p = tx.addVertex(['Post'], id);
    tx.addVertexProperty(p, 'title', title);
    tx.addEdge('WROTE', author, p, `w-${id}`);
  };
  post('p1', 'Notes on the Analytical Engine', ada);
  post('p2', 'Bernoulli numbers', ada);
  post('p3', 'On bobbing', bob);
  const zed = tx.addVertex(['Person'], 'zed');
  tx.addVertexProperty(zed, 'name', 'Zed');
  tx.addEdge('FOLLOWS', ada, zed, 'ada-zed');
  tx.addVertex(['User'], 'ghost');
}
