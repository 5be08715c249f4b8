import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { DEFAULT_PAGE_SIZE } from '../operations/page';
import { gatewayError } from '../errors';
import type { RequestContext } from './context';
/**
 * Query limits, checked before anything is sent to the graph. graphql-armor bounds the shape of a document
 * (depth, aliases, directives); graphql-js's parser bounds its tokens; and `maxNodes` bounds what only nereid
 * knows: how many elements a query can bring back, since nested pages multiply —
 * `out(first: 100) { nodes { out(first: 100) ... } }` is 10,000 neighbours from one level down. It takes the
 * place of armor's generic field-cost estimate, which knows nothing of page sizes.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Upper bound on the elements a query's pages can return, nested pages multiplied. */
  maxNodes: number;
  /** Inputs of one batch mutation; above one traversal's worth (MAX_BATCH) they are written in one transaction. */
  maxBatch: number;
}

/** Each can be changed per deployment; the variables and flags are in ./limit-settings.ts. */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxNodes: 50000,
  maxBatch: 10000,
};

export function queryProtection(limits: QueryLimits, production: boolean): { plugins: ApolloServerPlugin<RequestContext>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    // graphql-js's own parser limit (ApolloServer parseOptions) refuses long documents as a parse error (400);
    // armor's token counter answered malformed documents with a 500.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Suggestions ("Did you mean ...?") help in development and map the schema for an attacker in production.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins: [...(armor.plugins as ApolloServerPlugin<RequestContext>[]), maxNodesPlugin(limits.maxNodes)], validationRules: armor.validationRules };
}

/**
 * Refuses, before execution, an operation that could return more than `maxNodes` elements. A field with a
 * `first` or `limit` argument returns at most that many (its default when not given) for each element its
 * parent returned, so nested pages multiply; a list field without one counts as its `extensions.listSize` if it
 * declares one (a typed @gremlin list: up to 100), else as one element. Variables are known by then, which a
 * validation rule would not know; fragments and aliases count as often as they appear, which can only
 * overestimate.
 */
export function maxNodesPlugin(maxNodes: number): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const estimate = cachedEstimate(schema, document, operation, request.variables ?? {});
          if (estimate > maxNodes) {
            throw gatewayError(
              'QUERY_TOO_LARGE',
              `This query could return ${estimate} elements, more than the ${maxNodes} allowed; ask for smaller pages (first) or fewer nested levels`,
              { http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}

/**
 * Estimates by operation and variables: Apollo hands every request with the same text the same parsed document,
 * so a repeated query (the common case: an app sends a few documents over and over) costs a lookup instead of a
 * walk with TypeInfo, which was a third of the gateway's own time on `{ __typename }`. A few variable sets are
 * kept per operation; past that, estimates are computed as before.
 */
const estimates = new WeakMap<OperationDefinitionNode, Map<string, number>>();
const ESTIMATES_PER_OPERATION = 16;

function cachedEstimate(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let byVariables = estimates.get(operation);
  if (!byVariables) {
    byVariables = new Map();
    estimates.set(operation, byVariables);
  }
  // No variable, no need to tell variable sets apart; otherwise the values decide `first`.
  const key = operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
  const known = byVariables.get(key);
  if (known !== undefined) return known;
  const estimate = estimateNodes(schema, document, operation, variables);
  if (byVariables.size < ESTIMATES_PER_OPERATION) byVariables.set(key, estimate);
  return estimate;
}

export function estimateNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const multipliers: number[] = [1];
  let total = 0;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode, depth: number): void => {
    if (depth > 20) return;
    // A fragment is walked where it is spread, with its own TypeInfo (its type condition sets the type).
    const typeInfo = new TypeInfo(schema);
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(field) {
            const def = typeInfo.getFieldDef();
            const sizeArg = def?.args.find((a) => a.name === 'first' || a.name === 'limit');
            const listSize = def?.extensions.listSize;
            let size = 1;
            if (typeof listSize === 'number' && !sizeArg) {
              size = listSize;
              total += multipliers[multipliers.length - 1] * size;
            } else if (def && sizeArg) {
              let given: unknown;
              try {
                given = getArgumentValues(def, field, variables)[sizeArg.name];
              } catch {
                // Invalid arguments fail execution with their own error; count the field at its default.
              }
              size = typeof given === 'number' ? given : typeof sizeArg.defaultValue === 'number' ? sizeArg.defaultValue : DEFAULT_PAGE_SIZE;
              total += multipliers[multipliers.length - 1] * size;
            }
            multipliers.push(multipliers[multipliers.length - 1] * size);
          },
          leave() {
            multipliers.pop();
          },
        },
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment) walk(fragment, depth + 1);
        },
      }),
    );
  };
  walk(operation, 0);
  return total;
}
