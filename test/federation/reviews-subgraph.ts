import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface Review {
  readonly id: string;
  readonly stars: number;
  readonly body: string;
  /** The id of a nereid vertex. */
  readonly authorId: string;
}

/**
 * A second subgraph, as another team would write it: reviews written by nereid's vertices. It extends
 * nereid's generic `Vertex` and its typed `User` (test/federation/sample-users.graphql) with `reviews`, points
 * back at both through `Review.author` and `Review.writer`, and declares its own Relay `PageInfo`, which only
 * composes with nereid's because both mark it @shareable.
 */
const TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

  type Review @key(fields: "id") {
    id: ID!
    stars: Int!
    body: String!
    author: Vertex!
    writer: User!
  }

  type Vertex @key(fields: "id") {
    id: ID!
    reviews: [Review!]!
  }

  type User @key(fields: "id") {
    id: ID!
    reviews: [Review!]!
  }

  type ReviewPage {
    nodes: [Review!]!
    pageInfo: PageInfo!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Query {
    reviews(first: Int): ReviewPage!
  }
`);

export async function startReviewsSubgraph(reviews: readonly Review[]): Promise<{ url: string; stop(): Promise<void> }> {
  const schema = buildSubgraphSchema({
    typeDefs: TYPE_DEFS,
    resolvers: {
      Query: {
        reviews: (_root: unknown, { first }: { first?: number }) => {
          const page = reviews.slice(0, first ?? reviews.length);
          return {
            nodes: page,
            pageInfo: {
              hasNextPage: page.length < reviews.length,
              hasPreviousPage: false,
              startCursor: page[0]?.id ?? null,
              endCursor: page.at(-1)?.id ?? null,
            },
          };
        },
      },
      Review: {
        __resolveReference: (ref: { id: string }) => reviews.find((r) => r.id === ref.id) ?? null,
        author: (review: Review) => ({ __typename: 'Vertex', id: review.authorId }),
        writer: (review: Review) => ({ __typename: 'User', id: review.authorId }),
      },
      Vertex: {
        reviews: (vertex: { id: string }) => reviews.filter((r) => r.authorId === vertex.id),
      },
      User: {
        reviews: (user: { id: string }) => reviews.filter((r) => r.authorId === user.id),
      },
    } as never,
  });
  const server = new ApolloServer({ schema, logger: quiet });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

/** Apollo's start-up notices stay out of the test output; warnings and errors don't. */
export const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };
