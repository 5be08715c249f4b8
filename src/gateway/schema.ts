import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { genericEntityResolvers, guardRepresentations } from '../federation/entities';
import { toSubgraphTypeDefs } from '../federation/subgraph-sdl';
import { resolvers as coreResolvers } from '../resolvers';

/** The SDL files shipped with the package: `schema/` at the package root, beside `src/` and `dist/`. */
export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');

export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** Resolvers by type and field, as graphql-tools and @apollo/subgraph both take them. */
export type ResolverMap = Record<string, object>;

export interface SchemaOptions {
  /** Serve as an Apollo Federation 2 subgraph: entity keys, `_service` and `_entities`. */
  readonly federation: boolean;
  readonly typeDefs: readonly (string | DocumentNode)[];
  readonly resolvers: ResolverMap;
}

/**
 * The one way the served schema is built, standalone or as a subgraph, so both serve the same types and
 * resolvers. As a subgraph the SDL gains federation's link and keys (see src/federation) and Vertex and Edge
 * resolve references; other entity types bring their `__resolveReference` in `resolvers`.
 */
export function buildSchema(options: SchemaOptions): GraphQLSchema {
  const documents = options.typeDefs.map((t) => (typeof t === 'string' ? parse(t) : t));
  if (!options.federation) return makeExecutableSchema({ typeDefs: documents, resolvers: options.resolvers });
  const schema = buildSubgraphSchema({
    typeDefs: toSubgraphTypeDefs(documents),
    resolvers: mergeResolvers(options.resolvers, genericEntityResolvers) as never,
  });
  return guardRepresentations(schema);
}

export function buildCoreSchema(options: { federation?: boolean } = {}): GraphQLSchema {
  return buildSchema({ federation: options.federation ?? false, typeDefs: loadTypeDefs(), resolvers: coreResolvers as ResolverMap });
}

/**
 * Type by type, the fields of `extra` join (or, of the same name, replace) those of `base`; a scalar's resolver
 * is an object of its own (GraphQLScalarType) and is taken whole.
 */
export function mergeResolvers(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const merged: ResolverMap = { ...base };
  for (const [type, fields] of Object.entries(extra)) {
    const own = base[type];
    merged[type] = own && !('serialize' in fields) ? { ...own, ...fields } : fields;
  }
  return merged;
}
