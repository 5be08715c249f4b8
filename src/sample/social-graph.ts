import type { Graph, Transaction, Vertex } from '../embedded/structure';

/**
 * The sample social graph `npm start` serves: users who follow each other, write posts and like them. It is
 * generated from a seed, so every run (and every machine) gets the same graph, with enough of everything to
 * page through: 250 users, about 1,000 posts, 3,000 follows and 5,000 likes by default.
 */
export interface SampleOptions {
  users?: number;
  seed?: number;
}

const FIRST = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Dennis', 'Radia', 'Ken', 'Sophie', 'Tim', 'Hedy', 'Linus', 'Katherine', 'Guido', 'Shafi', 'Leslie'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy', 'Hamilton', 'Ritchie', 'Perlman', 'Thompson', 'Wilson', 'Berners-Lee', 'Lamarr', 'Torvalds', 'Johnson', 'van Rossum', 'Goldwasser', 'Lamport'];
const CITIES = ['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Lima', 'Oslo', 'Pune', 'Melbourne'];
const TOPICS = ['graphs', 'databases', 'compilers', 'networks', 'typography', 'music', 'hiking', 'coffee', 'chess', 'gardening'];
const LANGS = ['en', 'fr', 'es', 'de', 'ja', 'pt'];
const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

export function generateSocialGraph(graph: Graph, options: SampleOptions = {}): { vertices: number; edges: number } {
  const userCount = options.users ?? 250;
  const random = mulberry32(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const before = { vertices: graph.vertexCount, edges: graph.edgeCount };

  graph.transact((tx) => {
    const users: Vertex[] = [];
    for (let i = 0; i < userCount; i++) {
      const user = tx.addVertex(['User'], `user:${i + 1}`);
      const first = FIRST[i % FIRST.length];
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
      set(tx, user, {
        name: `${first} ${last}`,
        handle: `${first.toLowerCase()}${i + 1}`,
        age: 18 + Math.floor(random() * 60),
        city: pick(CITIES),
        joined: new Date(EPOCH + Math.floor(random() * 365) * DAY).toISOString(),
      });
      // Neptune's default set cardinality: a user speaks one to three languages.
      for (const lang of new Set([pick(LANGS), pick(LANGS), pick(LANGS)].slice(0, 1 + Math.floor(random() * 3)))) {
        tx.addVertexProperty(user, 'langs', lang, 'set');
      }
      users.push(user);
    }

    const posts: Vertex[] = [];
    for (const author of users) {
      const count = Math.floor(random() * 8);
      for (let j = 0; j < count; j++) {
        const post = tx.addVertex(['Post'], `post:${posts.length + 1}`);
        const topic = pick(TOPICS);
        set(tx, post, {
          title: `On ${topic}, part ${j + 1}`,
          topic,
          createdAt: new Date(EPOCH + Math.floor(random() * 365 * DAY)).toISOString(),
        });
        tx.addEdge('POSTED', author, post, `posted:${post.id}`);
        posts.push(post);
      }
    }

    // Preferential attachment: early users collect more followers, which gives PageRank something to find.
    let follows = 0;
    for (const follower of users) {
      const wanted = 4 + Math.floor(random() * 16);
      const seen = new Set<Vertex>([follower]);
      for (let k = 0; k < wanted; k++) {
        const followee = users[Math.floor(random() * random() * users.length)];
        if (seen.has(followee)) continue;
        seen.add(followee);
        const edge = tx.addEdge('FOLLOWS', follower, followee, `follows:${++follows}`);
        tx.setEdgeProperty(edge, 'since', new Date(EPOCH + Math.floor(random() * 365) * DAY).toISOString());
      }
    }

    let likes = 0;
    for (const user of users) {
      const wanted = Math.floor(random() * 40);
      const seen = new Set<Vertex>();
      for (let k = 0; k < wanted && posts.length > 0; k++) {
        const post = pick(posts);
        if (seen.has(post)) continue;
        seen.add(post);
        const edge = tx.addEdge('LIKES', user, post, `likes:${++likes}`);
        tx.setEdgeProperty(edge, 'weight', Math.round(random() * 100) / 100);
      }
    }
  });
  return { vertices: graph.vertexCount - before.vertices, edges: graph.edgeCount - before.edges };
}

function set(tx: Transaction, vertex: Vertex, properties: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(properties)) tx.addVertexProperty(vertex, key, value, 'single');
}

/** A small, well-known 32-bit PRNG: deterministic across platforms, unlike Math.random. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
