import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  TypeInfo,
  visit,
  valueFromAST,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../operations/page';
import { gatewayError } from '../errors';
import type { RequestContext } from '../request/context';
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

/** Each can be changed per deployment; the variables and flags are in ./settings.ts. */
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
 * Estimates by operation and the values of the variables that size pages: Apollo hands every request with the
 * same text the same parsed document, so a repeated query (the common case: an app sends a few documents over
 * and over) costs a lookup instead of a walk with TypeInfo. Only `first`/`limit` arguments change an estimate,
 * so a query run for one id after another (`vertex(id: $id)`) is one entry. A few sets of page sizes are kept
 * per operation; past that, estimates are computed as before.
 */
const estimates = new WeakMap<OperationDefinitionNode, { readonly sizeVariables: readonly string[]; readonly bySizes: Map<string, number> }>();
const ESTIMATES_PER_OPERATION = 16;

function cachedEstimate(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let cached = estimates.get(operation);
  if (!cached) {
    cached = { sizeVariables: sizeVariablesOf(document), bySizes: new Map() };
    estimates.set(operation, cached);
  }
  const key = cached.sizeVariables.length === 0 ? '' : JSON.stringify(cached.sizeVariables.map((name) => variables[name] ?? null));
  const known = cached.bySizes.get(key);
  if (known !== undefined) return known;
  const estimate = estimateNodes(schema, document, operation, variables);
  if (cached.bySizes.size < ESTIMATES_PER_OPERATION) cached.bySizes.set(key, estimate);
  return estimate;
}

/** The variables used in `first` or `limit` arguments anywhere in the document (fragments included). */
function sizeVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(argument) {
      if (argument.name.value !== 'first' && argument.name.value !== 'limit') return false;
      visit(argument.value, { Variable: (variable) => void names.add(variable.name.value) });
      return false;
    },
  });
  return [...names].sort();
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
              // Only the size argument is read, so the estimate depends on no other variable (see cachedEstimate).
              // An invalid one fails execution with its own error; the field counts at its default here.
              const given = sizeOf(sizeArg, field, variables);
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

function sizeOf(arg: GraphQLArgument, field: FieldNode, variables: Record<string, unknown>): unknown {
  const node = field.arguments?.find((a) => a.name.value === arg.name);
  if (!node) return undefined;
  if (node.value.kind === Kind.VARIABLE) return variables[node.value.name.value];
  return valueFromAST(node.value, arg.type, variables);
}
