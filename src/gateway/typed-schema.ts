import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSchema, mergeResolvers } from './schema';
import { loadTypeDefs } from '../schema-files';
import { resolvers as coreResolvers, type ResolverMap } from '../resolvers';
import { MAX_GREMLIN_ITEMS } from '../planner/gremlin-fields';
import { typedResolvers } from '../resolvers/typed';
import { DIRECTIVES_SDL, KEY_DIRECTIVE_SDL } from '../typed/directives';
import { generateTypedSdl } from '../typed/generate';
import type { TypedModel } from '../typed/model';
import { TypedSchemaError, readTypedSchema } from '../typed/read-schema';

export { TypedSchemaError } from '../typed/read-schema';

/** The whole served schema for a typed SDL, as parts a standalone or a subgraph build both take. */
export interface TypedSchemaModule {
  /** The core API, the directives, and the generated typed API. */
  readonly typeDefs: readonly DocumentNode[];
  /** The core resolvers with the typed ones merged in. */
  readonly resolvers: ResolverMap;
  readonly model: TypedModel;
  /** The most each unwindowed @gremlin list field returns per parent, by `Type.field`, for the query-size limit. */
  readonly listSizes: ReadonlyMap<string, number>;
}

/**
 * Reads an author's SDL (`nereid serve --schema FILE`) and returns everything needed to serve it next to the
 * generic API; throws TypedSchemaError listing every problem with its line. Compose it with
 * `buildSchema({ federation, ...typedSchemaModule(sdl) })`.
 */
export function typedSchemaModule(sdl: string, sourceName = 'schema.graphql'): TypedSchemaModule {
  const model = readTypedSchema(sdl, sourceName);
  const core = loadTypeDefs().map((s) => parse(s));
  const existing = new Set<string>([
    ...core.flatMap((doc) => doc.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []))),
    ...model.vertexTypes.map((t) => t.name),
    ...model.abstractTypes.map((t) => t.name),
    ...model.edgeTypes.map((t) => t.name),
    ...model.enums.map((e) => parse(e).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []))).flat(),
  ]);
  const generated = generateTypedSdl(model, existing);
  if (generated.problems.length > 0) throw new TypedSchemaError(sourceName, generated.problems);
  const usesKey = model.vertexTypes.some((t) => t.otherDirectives.some((d) => d.name.value === 'key'));
  return {
    typeDefs: [...core, parse(DIRECTIVES_SDL), ...(usesKey ? [parse(KEY_DIRECTIVE_SDL)] : []), parse(generated.sdl)],
    resolvers: mergeResolvers(coreResolvers as ResolverMap, typedResolvers(model)),
    model,
    listSizes: gremlinListSizes(model),
  };
}

export function buildTypedSchema(sdl: string, sourceName?: string, options: { federation?: boolean } = {}): GraphQLSchema {
  return buildSchema({ federation: options.federation ?? false, ...typedSchemaModule(sdl, sourceName) });
}

/** @gremlin list fields without a `first`/`limit` window return up to MAX_GREMLIN_ITEMS per parent. */
function gremlinListSizes(model: TypedModel): Map<string, number> {
  const fields = [...model.vertexTypes.flatMap((t) => t.fields), ...model.queryFields];
  return new Map(fields.flatMap((f) => (f.kind === 'gremlin' && f.many && !f.window ? [[f.path, MAX_GREMLIN_ITEMS] as const] : [])));
}
