import gremlin from 'gremlin';

/**
 * Decoded requests are built from the driver's own classes (the project's model of bytecode), and tokens are
 * the driver's singletons, so `T.id`-keyed maps and identity checks behave as they do on the client.
 */
type EnumValue = gremlin.process.EnumValue;
type TraversalStrategy = gremlin.process.TraversalStrategy & { fqcn: string; configuration: Record<string, unknown> };

const ENUMS: Record<string, Record<string, EnumValue>> = {};
for (const group of [
  gremlin.process.barrier,
  gremlin.process.cardinality,
  gremlin.process.column,
  gremlin.process.direction,
  (gremlin.process as unknown as { dt: Record<string, EnumValue> }).dt,
  gremlin.process.merge,
  gremlin.process.operator,
  gremlin.process.order,
  gremlin.process.pick,
  gremlin.process.pop,
  gremlin.process.scope,
  gremlin.process.t,
] as Array<Record<string, EnumValue>>) {
  for (const value of Object.values(group)) (ENUMS[value.typeName] ??= {})[value.elementName] = value;
}

export const ENUM_TYPES: readonly string[] = Object.keys(ENUMS);

/** The driver's singleton for `Type.name`; throws when the type or name is not a Gremlin token. */
export function enumValue(typeName: string, elementName: string): EnumValue {
  const values = ENUMS[typeName];
  if (!values) throw new Error(`unknown token type '${typeName}'`);
  const value = Object.hasOwn(values, elementName) ? values[elementName] : undefined;
  if (!value) throw new Error(`unknown ${typeName} token '${elementName}'; expected one of ${Object.keys(values).join(', ')}`);
  return value;
}

type StrategyClass = new (options?: Record<string, unknown>) => TraversalStrategy;
const STRATEGY_CLASSES: Record<string, StrategyClass> = Object.fromEntries(
  Object.entries(require('gremlin/lib/process/traversal-strategy') as Record<string, StrategyClass>).filter(
    ([name]) => name.endsWith('Strategy') && name !== 'TraversalStrategy' && name !== 'RemoteStrategy',
  ),
);

/**
 * A strategy from its Java class name (GraphBinary sends the fully qualified one, GraphSON the simple one) as
 * an instance of the driver's class when it has one, else as a bare TraversalStrategy the interpreter can name.
 */
export function strategy(className: string, configuration: Record<string, unknown>): TraversalStrategy {
  const simpleName = className.slice(className.lastIndexOf('.') + 1);
  const Known = Object.hasOwn(STRATEGY_CLASSES, simpleName) ? STRATEGY_CLASSES[simpleName] : undefined;
  // Some driver strategies read their options in the constructor (SeedStrategy reads `options.seed`).
  const instance = Known ? new Known({}) : (new gremlin.process.TraversalStrategy() as TraversalStrategy);
  if (!Known) instance.fqcn = className;
  instance.configuration = configuration;
  return instance;
}

type CardinalityValueClass = new (cardinality: EnumValue, value: unknown) => gremlin.process.Bytecode;
const CardinalityValue = (require('gremlin/lib/process/graph-traversal') as { CardinalityValue: CardinalityValueClass })
  .CardinalityValue;

/**
 * The driver sends `Cardinality.list(v)` as bytecode with one `CardinalityValueTraversal` source instruction;
 * it is rebuilt as the driver's CardinalityValue so decoded requests equal what the client built.
 */
export function bytecode(sources: unknown[][], steps: unknown[][]): gremlin.process.Bytecode {
  const [first] = sources;
  if (sources.length === 1 && steps.length === 0 && first[0] === 'CardinalityValueTraversal' && first.length === 3) {
    return new CardinalityValue(first[1] as EnumValue, first[2]);
  }
  const result = new gremlin.process.Bytecode();
  for (const [name, ...args] of sources) result.addSource(String(name), args);
  for (const [name, ...args] of steps) result.addStep(String(name), args);
  return result;
}
