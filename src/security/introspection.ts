import { GraphQLError, getNamedType, type ValidationRule } from 'graphql';

/**
 * Refuses introspection when it is turned off, with a message naming nereid's setting: Apollo's own rule
 * tells users to pass an option to a constructor they never see.
 */
export const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    const type = context.getParentType();
    const onIntrospectionType = type ? getNamedType(type)?.name.startsWith('__') === true : false;
    if (name === '__schema' || name === '__type' || (onIntrospectionType && name !== '__typename')) {
      context.reportError(
        new GraphQLError(`Introspection is turned off (as in production by default); set NEREID_INTROSPECTION=true or pass --introspection to allow "${name}"`, { nodes: node }),
      );
    }
  },
});
