import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation whose type the schema has no root for (a `subscription`, here) is refused while validating,
 * as graphql-js 17's KnownOperationTypesRule does; graphql-js 16 only notices it while executing, where
 * Apollo reports it as an internal error.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This API has no ${node.operation} operations; send a query or a mutation`, { nodes: node }));
  },
});
