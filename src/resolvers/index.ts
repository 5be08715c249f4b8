import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql';
import { AlgorithmQueries, Path } from './algorithms';
import { Edge, EdgeConnection, Vertex, VertexConnection } from './elements';
import { Mutation } from './mutation';
import { Query } from './query';
import { runRawGremlin } from '../security/raw-gremlin';

export const resolvers: Resolvers = {
  JSON: JSONResolver,
  Query: { ...Query, ...AlgorithmQueries, gremlin: (_root, { query, bindings }, context) => runRawGremlin(context, query, bindings) },
  Mutation,
  Vertex,
  Edge,
  VertexConnection,
  EdgeConnection,
  Path,
};

/** Resolvers by type and field, as graphql-tools and @apollo/subgraph both take them. */
export type ResolverMap = Record<string, object>;
