import { Kind, parse, specifiedScalarTypes } from 'graphql';
import { loadTypeDefs } from '../gateway/schema';

/**
 * Type names an inferred type must not take: GraphQL's own, the root types, and every type of nereid's core
 * schema, which a typed schema is served beside (a label `vertex` becomes `Vertex2`, not a second `Vertex`).
 */
export function reservedTypeNames(): Set<string> {
  const names = new Set<string>([...specifiedScalarTypes.map((t) => t.name), 'Query', 'Mutation', 'Subscription', 'Long', 'DateTime']);
  for (const typeDefs of loadTypeDefs()) {
    for (const definition of parse(typeDefs).definitions) {
      if ('name' in definition && definition.name && definition.kind !== Kind.DIRECTIVE_DEFINITION) names.add(definition.name.value);
    }
  }
  return names;
}
