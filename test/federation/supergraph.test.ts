import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startCli, type RunningCli } from '../support/cli';
import { quiet, startReviewsSubgraph, type Review } from './reviews-subgraph';

/** Ids and names of the sample social graph `nereid serve` generates: `user:N`, named in a fixed order. */
const REVIEWS: Review[] = [
  { id: 'r1', stars: 5, body: 'Clear and kind', authorId: 'user:1' },
  { id: 'r2', stars: 3, body: 'Too terse', authorId: 'user:2' },
  { id: 'r3', stars: 4, body: 'Good examples', authorId: 'user:1' },
  { id: 'r4', stars: 2, body: 'Hard to follow', authorId: 'user:21' },
];

/** What one subgraph fetch planned by the gateway looked like, and what it cost nereid. */
interface SubgraphFetch {
  readonly subgraph: string;
  readonly query: string;
  readonly gremlinRequests?: number;
}

async function post(url: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

describe('nereid in a supergraph composed by @apollo/gateway', () => {
  let nereid: RunningCli & { match: RegExpExecArray };
  let nereidUrl: string;
  let reviews: { url: string; stop(): Promise<void> };
  let gateway: ApolloServer;
  let gatewayUrl: string;
  const fetches: SubgraphFetch[] = [];

  beforeAll(async () => {
    nereid = await startCli(
      ['serve', '--federation', '--schema', 'test/federation/sample-users.graphql', '--port', '0', '--host', '127.0.0.1'],
      /ready at (http:\S+)/,
    );
    nereidUrl = nereid.match[1];
    reviews = await startReviewsSubgraph(REVIEWS);
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: [
            { name: 'nereid', url: nereidUrl },
            { name: 'reviews', url: reviews.url },
          ],
        }),
        buildService: ({ name, url }) =>
          new RemoteGraphQLDataSource({
            url,
            didReceiveResponse({ request, response }) {
              const gremlin = response.extensions?.gremlin as { requests: number } | undefined;
              fetches.push({ subgraph: name, query: request.query ?? '', gremlinRequests: gremlin?.requests });
              return response;
            },
          }),
        logger: quiet,
      }),
      logger: quiet,
    });
    gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } })).url;
  }, 120_000); // starting nereid from its TypeScript sources takes several seconds, more on a busy machine

  afterAll(async () => {
    await gateway?.stop();
    await reviews?.stop();
    if (nereid) expect(await nereid.stop()).toBe(0);
  });

  beforeEach(() => {
    fetches.length = 0;
  });

  it('adds the other subgraph’s fields to nereid vertices', async () => {
    const res = await post(
      gatewayUrl,
      `{
        vertex(id: "user:1") { id name: property(key: "name") reviews { stars body } }
        vertices(label: "User", first: 3) { nodes { id reviews { id } } }
      }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      vertex: {
        id: 'user:1',
        name: 'Ada Lovelace',
        reviews: [
          { stars: 5, body: 'Clear and kind' },
          { stars: 4, body: 'Good examples' },
        ],
      },
      vertices: {
        nodes: [
          { id: 'user:1', reviews: [{ id: 'r1' }, { id: 'r3' }] },
          { id: 'user:10', reviews: [] },
          { id: 'user:100', reviews: [] },
        ],
      },
    });
    // One fetch from nereid; the gateway then asks reviews for the `reviews` of those vertices by reference.
    expect(fetches[0].subgraph).toBe('nereid');
    expect(fetches[0].gremlinRequests).toBe(2);
    const rest = fetches.slice(1);
    expect(rest.length).toBeGreaterThan(0);
    for (const fetch of rest) expect(fetch).toMatchObject({ subgraph: 'reviews', query: expect.stringContaining('_entities') });
  });

  it('resolves nereid entities the other subgraph points at, with their neighbours, in one Gremlin request', async () => {
    const res = await post(
      gatewayUrl,
      `{
        reviews {
          nodes {
            id stars
            author { id label name: property(key: "name") following: out(labels: ["FOLLOWS"], first: 2) { totalCount } }
          }
          pageInfo { hasNextPage endCursor }
        }
      }`,
    );
    expect(res.errors).toBeUndefined();
    const direct = await post(
      nereidUrl,
      `query ($ids: [ID!]) { vertices(ids: $ids) { nodes { id out(labels: ["FOLLOWS"], first: 2) { totalCount } } } }`,
      { ids: ['user:1', 'user:2', 'user:21'] },
    );
    const following = new Map<string, number>(direct.data.vertices.nodes.map((n: any) => [n.id, n.out.totalCount]));
    expect(following.get('user:1')).toBeGreaterThan(0);
    expect(res.data.reviews.pageInfo).toEqual({ hasNextPage: false, endCursor: 'r4' });
    expect(res.data.reviews.nodes).toEqual(
      REVIEWS.map((r) => ({
        id: r.id,
        stars: r.stars,
        author: {
          id: r.authorId,
          label: 'User',
          name: { 'user:1': 'Ada Lovelace', 'user:2': 'Alan Lovelace', 'user:21': 'Ada Turing' }[r.authorId],
          following: { totalCount: following.get(r.authorId) },
        },
      })),
    );
    // reviews first, then one _entities fetch from nereid: the vertices and their FOLLOWS in one g.V(...).
    expect(fetches.map((f) => f.subgraph)).toEqual(['reviews', 'nereid']);
    expect(fetches[1].query).toContain('_entities');
    expect(fetches[1].gremlinRequests).toBe(1);
  });

  it('crosses back and forth: nereid, reviews, nereid again', async () => {
    const res = await post(
      gatewayUrl,
      `{ vertex(id: "user:21") { name: property(key: "name") reviews { body author { id degree(direction: OUT, labels: ["POSTED"]) } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const posted = await post(nereidUrl, `{ vertex(id: "user:21") { degree(direction: OUT, labels: ["POSTED"]) } }`);
    expect(res.data.vertex).toEqual({
      name: 'Ada Turing',
      reviews: [{ body: 'Hard to follow', author: { id: 'user:21', degree: posted.data.vertex.degree } }],
    });
    expect(fetches.map((f) => f.subgraph)).toEqual(['nereid', 'reviews', 'nereid']);
  });

  it('extends a typed type: nereid User, with reviews from the other subgraph', async () => {
    const res = await post(gatewayUrl, `{ user(id: "user:1") { name handle reviews { stars } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.user).toEqual({ name: 'Ada Lovelace', handle: 'ada1', reviews: [{ stars: 5 }, { stars: 4 }] });
    expect(fetches.map((f) => f.subgraph)).toEqual(['nereid', 'reviews']);
  });

  it('resolves typed entities the other subgraph points at, with their relationships, in one Gremlin request', async () => {
    const res = await post(gatewayUrl, `{ reviews { nodes { id writer { id name handle follows(first: 2) { id } } } } }`);
    expect(res.errors).toBeUndefined();
    const direct = await post(
      nereidUrl,
      `{ a: user(id: "user:1") { follows(first: 2) { id } } b: user(id: "user:2") { follows(first: 2) { id } } c: user(id: "user:21") { follows(first: 2) { id } } }`,
    );
    const follows = { 'user:1': direct.data.a.follows, 'user:2': direct.data.b.follows, 'user:21': direct.data.c.follows };
    expect(follows['user:1'].length).toBeGreaterThan(0);
    expect(res.data.reviews.nodes).toEqual(
      REVIEWS.map((r) => ({
        id: r.id,
        writer: {
          id: r.authorId,
          name: { 'user:1': 'Ada Lovelace', 'user:2': 'Alan Lovelace', 'user:21': 'Ada Turing' }[r.authorId],
          handle: { 'user:1': 'ada1', 'user:2': 'alan2', 'user:21': 'ada21' }[r.authorId],
          follows: follows[r.authorId as keyof typeof follows],
        },
      })),
    );
    // One g.V(...) for the four representations (three users), their follows nested in it.
    expect(fetches.map((f) => f.subgraph)).toEqual(['reviews', 'nereid']);
    expect(fetches[1].gremlinRequests).toBe(1);
  });
});
