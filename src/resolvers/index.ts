import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/graphql';
import { AlgorithmQueries, Path } from './algorithms';
import { Edge, EdgeConnection, Vertex, VertexConnection } from './elements';
import { Mutation } from './mutation';
import { Query } from './query';

export const resolvers: Resolvers = {
  JSON: JSONResolver,
  Query: { ...Query, ...AlgorithmQueries },
  Mutation,
  Vertex,
  Edge,
  VertexConnection,
  EdgeConnection,
  Path,
};
