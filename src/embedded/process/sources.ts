import { GraphError, malformedQuery, unsupported } from '../errors';
import { arity, integerArg, stringArg } from './args';
import type { Plan, CompileContext } from './plan';
import { operatorFn } from './operators';
import type { RuntimeOptions } from './runtime';
import type { Reducer } from './side-effects';
import { partitionPolicy, subgraphPolicy, combinePolicies, type PartitionConfig } from './strategies';
import { describe, isEnum } from './tokens';

type SourceOptions = Omit<RuntimeOptions, 'pathMode' | 'mutating'>;

export interface Sources {
  readonly options: SourceOptions;
  /** Checks made once the whole traversal is known (ReadOnlyStrategy). */
  verify(c: { readonly mutating: boolean; readonly mutatingSteps: readonly string[] }): void;
}

/** Strategies that only tune TinkerPop's optimiser or its own verification; here they change nothing. */
const NO_OP_STRATEGIES = new Set([
  'OptionsStrategy',
  'ConnectiveStrategy',
  'HaltedTraverserStrategy',
  'AdjacentToIncidentStrategy',
  'FilterRankingStrategy',
  'IdentityRemovalStrategy',
  'IncidentToAdjacentStrategy',
  'InlineFilterStrategy',
  'LazyBarrierStrategy',
  'MatchPredicateStrategy',
  'OrderLimitStrategy',
  'PathProcessorStrategy',
  'PathRetractionStrategy',
  'CountStrategy',
  'RepeatUnrollStrategy',
  'EarlyLimitStrategy',
  'LambdaRestrictionStrategy',
  'MatchAlgorithmStrategy',
  'ByModulatorOptimizationStrategy',
  'ProfileStrategy',
  'StandardVerificationStrategy',
]);

/**
 * Source instructions of the root bytecode: side effects, sack, and strategies, which here are runtime
 * options and element-visibility hooks rather than traversal rewrites.
 */
export function applySources(instructions: readonly unknown[][], c: CompileContext): Sources {
  const sideEffects: [string, unknown, Reducer | undefined][] = [];
  let sack: RuntimeOptions['sack'];
  let seed: number | undefined;
  let readOnly = false;
  let productiveBy = false;
  let bulk = true;
  let subgraph: { vertices?: Plan; edges?: Plan; vertexProperties?: Plan; checkAdjacentVertices: boolean } | undefined;
  let partition: PartitionConfig | undefined;

  for (const instruction of instructions) {
    const [name, ...args] = instruction as [string, ...unknown[]];
    switch (name) {
      case 'withSideEffect':
        arity('withSideEffect', args, 2, 3);
        if (args.length === 3 && !isEnum(args[2], 'Operator')) throw unsupported('withSideEffect() reducers other than an Operator token are lambdas, which are not supported');
        sideEffects.push([stringArg('withSideEffect', args[0]), args[1], args.length === 3 ? reducerOf((args[2] as { elementName: string }).elementName) : undefined]);
        break;
      case 'withSack':
        arity('withSack', args, 1, 2);
        if (args.length === 2 && !isEnum(args[1], 'Operator')) throw unsupported('withSack() merge operators other than an Operator token are lambdas, which are not supported');
        sack = { initial: args[0], merge: args.length === 2 ? (args[1] as { elementName: string }).elementName : undefined };
        break;
      case 'withBulk':
        arity('withBulk', args, 1);
        bulk = args[0] !== false;
        break;
      case 'withPath':
        break;
      case 'with':
        arity('with', args, 1, 2);
        stringArg('with', args[0]);
        break;
      case 'withComputer':
        throw unsupported('withComputer() is not supported: there is no GraphComputer');
      case 'withStrategies':
        for (const strategy of args) {
          const { name: strategyName, config } = strategyOf(strategy);
          switch (strategyName) {
            case 'ReadOnlyStrategy':
              readOnly = true;
              break;
            case 'ProductiveByStrategy':
              productiveBy = true;
              break;
            case 'SeedStrategy':
              seed = integerArg('SeedStrategy', config.seed ?? 0);
              break;
            case 'SubgraphStrategy':
              subgraph = {
                vertices: config.vertices === undefined ? undefined : c.child(config.vertices, 'SubgraphStrategy'),
                edges: config.edges === undefined ? undefined : c.child(config.edges, 'SubgraphStrategy'),
                vertexProperties: config.vertexProperties === undefined ? undefined : c.child(config.vertexProperties, 'SubgraphStrategy'),
                checkAdjacentVertices: config.checkAdjacentVertices !== false,
              };
              break;
            case 'PartitionStrategy':
              partition = {
                key: stringArg('PartitionStrategy', config.partitionKey, 'a partitionKey'),
                write: config.writePartition === undefined ? undefined : stringArg('PartitionStrategy', config.writePartition, 'a writePartition string'),
                read: Array.isArray(config.readPartitions) ? config.readPartitions.map((r) => stringArg('PartitionStrategy', r)) : config.readPartitions instanceof Set ? [...config.readPartitions].map((r) => stringArg('PartitionStrategy', r)) : [],
                includeMetaProperties: config.includeMetaProperties === true,
              };
              break;
            case 'VertexProgramStrategy':
              throw unsupported('VertexProgramStrategy is not supported: there is no GraphComputer');
            default:
              if (!NO_OP_STRATEGIES.has(strategyName)) throw unsupported(`Strategy not supported: ${strategyName}`);
          }
        }
        break;
      case 'withoutStrategies':
        break;
      default:
        throw malformedQuery(`Unknown source instruction: ${name}()`);
    }
  }

  const policy = combinePolicies(subgraph && subgraphPolicy(subgraph), partition && partitionPolicy(partition));
  return {
    options: { sideEffects, sack, seed, policy, productiveBy, bulk },
    verify(result) {
      if (readOnly && result.mutating) {
        throw new GraphError('ReadOnlyViolationException', `The provided traversal has a mutating step and thus is not read only: ${result.mutatingSteps[0]}()`);
      }
    },
  };
}

function reducerOf(operator: string): Reducer {
  return { operator, apply: operatorFn(operator, 'withSideEffect') };
}

/** Strategies arrive as driver TraversalStrategy objects: a Java class name (fqcn) and a configuration. */
function strategyOf(x: unknown): { name: string; config: Record<string, unknown> } {
  if (typeof x !== 'object' || x === null) throw malformedQuery(`withStrategies() expects strategies, got ${describe(x)}`);
  const o = x as { fqcn?: unknown; configuration?: unknown; name?: unknown };
  const fqcn = typeof o.fqcn === 'string' ? o.fqcn : typeof o.name === 'string' ? o.name : (x as object).constructor?.name;
  if (!fqcn || fqcn === 'Object') throw malformedQuery(`withStrategies() expects strategies, got ${describe(x)}`);
  const name = fqcn.slice(fqcn.lastIndexOf('.') + 1);
  const config = o.configuration instanceof Map ? Object.fromEntries(o.configuration) : ((o.configuration ?? {}) as Record<string, unknown>);
  return { name, config };
}
