import { buildSubgraphSchema } from '@apollo/subgraph';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { isObjectType, parse, type DocumentNode, type GraphQLFieldExtensions, type GraphQLSchema } from 'graphql';
import { genericEntityResolvers, guardRepresentations } from '../federation/entities';
import { toSubgraphTypeDefs } from '../federation/subgraph-sdl';
import { registerTypedModel } from '../planner/typed';
import { resolvers as coreResolvers, type ResolverMap } from '../resolvers';
import { loadTypeDefs } from '../schema-files';
import type { Rules } from '../security/rules';
import type { TypedModel } from '../typed/model';

export interface SchemaOptions {
  /** Serve as an Apollo Federation 2 subgraph: entity keys, `_service` and `_entities`. */
  readonly federation: boolean;
  readonly typeDefs: readonly (string | DocumentNode)[];
  readonly resolvers: ResolverMap;
  /**
   * List fields that take no `first`/`limit` but return a bounded number of elements per parent, by
   * `Type.field`: recorded as the field's `extensions.listSize`, which the query-size limit counts.
   */
  readonly listSizes?: ReadonlyMap<string, number>;
  /** The typed schema served, if any: the planner reads typed selections through it. */
  readonly model?: TypedModel;
}

/**
 * The one way the served schema is built, standalone or as a subgraph, so both serve the same types and
 * resolvers. As a subgraph the SDL gains federation's link and keys (see src/federation) and Vertex and Edge
 * resolve references; other entity types bring their `__resolveReference` in `resolvers`.
 */
export function buildSchema(options: SchemaOptions): GraphQLSchema {
  const documents = options.typeDefs.map((t) => (typeof t === 'string' ? parse(t) : t));
  const schema = options.federation
    ? guardRepresentations(
        buildSubgraphSchema({
          typeDefs: toSubgraphTypeDefs(documents),
          resolvers: mergeResolvers(options.resolvers, genericEntityResolvers) as never,
        }),
      )
    : makeExecutableSchema({ typeDefs: documents, resolvers: options.resolvers });
  recordListSizes(schema, options.listSizes ?? new Map());
  if (options.model) registerTypedModel(schema, options.model);
  if (options.model?.rules) schemaRules.set(schema, options.model.rules);
  return schema;
}

const schemaRules = new WeakMap<GraphQLSchema, Rules>();

/** The authorization rules of a typed schema's @authorization and @owner directives, which the gateway merges with the rules file's. */
export function authorizationRulesOf(schema: GraphQLSchema): Rules | undefined {
  return schemaRules.get(schema);
}

/**
 * Field extensions are set after the build because neither builder (graphql-tools, @apollo/subgraph) takes
 * them from a resolver map; graphql-js keeps them as a plain object on the field.
 */
function recordListSizes(schema: GraphQLSchema, sizes: ReadonlyMap<string, number>): void {
  for (const [path, size] of sizes) {
    const [typeName, fieldName] = path.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`listSizes names ${path}, which the schema does not have`);
    (field as { extensions: GraphQLFieldExtensions<unknown, unknown> }).extensions = { ...field.extensions, listSize: size };
  }
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
