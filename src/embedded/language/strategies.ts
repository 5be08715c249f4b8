import gremlin from 'gremlin';

type TraversalStrategy = InstanceType<typeof gremlin.process.TraversalStrategy>;
type StrategyClass = new (...args: unknown[]) => TraversalStrategy;

/**
 * The driver's strategy classes, by name. Only these can be built: the driver's GraphSON writer names a strategy
 * by its class, so a strategy the driver lacks could not be sent by a driver user either.
 */
const CLASSES: Record<string, StrategyClass> = Object.fromEntries(
  Object.entries(require('gremlin/lib/process/traversal-strategy') as Record<string, StrategyClass>).filter(
    ([name]) => name.endsWith('Strategy') && name !== 'TraversalStrategy',
  ),
);

export const OptionsStrategy = CLASSES.OptionsStrategy;

/** Strategies whose driver constructor takes one options object. */
const OPTIONS_OBJECT = new Set(['OptionsStrategy', 'PartitionStrategy', 'SubgraphStrategy', 'ProductiveByStrategy', 'VertexProgramStrategy', 'SeedStrategy']);
/** Strategies whose driver constructor takes positional arguments: the grammar's named ones, in that order. */
const POSITIONAL: Record<string, string[]> = {
  HaltedTraverserStrategy: ['haltedTraverserFactory'],
  MatchAlgorithmStrategy: ['matchAlgorithm'],
  EdgeLabelVerificationStrategy: ['logWarnings', 'throwException'],
  ReservedKeysVerificationStrategy: ['logWarnings', 'throwException', 'keys'],
};
const REQUIRED: Record<string, string[]> = { SeedStrategy: ['seed'] };

export function isStrategyName(name: string): boolean {
  return /^[A-Z]\w*Strategy$/.test(name);
}

/** Why `Name(keys...)` cannot be built, or undefined when it can. */
export function strategyProblem(name: string, keys: string[]): string | undefined {
  if (!Object.hasOwn(CLASSES, name)) {
    return `unknown traversal strategy '${name}'; known: ${Object.keys(CLASSES).sort().join(', ')}`;
  }
  const missing = (REQUIRED[name] ?? []).filter((k) => !keys.includes(k));
  if (missing.length > 0) return `${name} needs ${missing.map((k) => `'${k}'`).join(', ')}`;
  if (OPTIONS_OBJECT.has(name)) return undefined;
  const allowed = POSITIONAL[name] ?? [];
  const unknown = keys.filter((k) => !allowed.includes(k));
  if (unknown.length === 0) return undefined;
  return allowed.length === 0
    ? `${name} takes no configuration`
    : `${name} has no option '${unknown[0]}'; options: ${allowed.join(', ')}`;
}

export function createStrategy(name: string, config: Array<[string, unknown]>): TraversalStrategy {
  const Strategy = CLASSES[name];
  if (OPTIONS_OBJECT.has(name)) return new Strategy(Object.fromEntries(config));
  const byKey = new Map(config);
  return new Strategy(...(POSITIONAL[name] ?? []).map((k) => byKey.get(k)));
}
