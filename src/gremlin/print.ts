import gremlin from 'gremlin';

const { Bytecode, EnumValue, P, TextP, Traversal } = gremlin.process;
// The driver's members that @types/gremlin leaves out.
const Vertex = gremlin.structure.Vertex as unknown as new () => { id: unknown; label: unknown };
const TraversalStrategy = gremlin.process.TraversalStrategy as unknown as new () => Strategy;
type Strategy = { fqcn: string; configuration: Record<string, unknown> };
const { CardinalityValue } = require('gremlin/lib/process/graph-traversal') as { CardinalityValue: new (...args: unknown[]) => object };

/**
 * Renders bytecode as Gremlin text, for people (logs, explain output, test expectations) and for requests
 * whose values the driver cannot serialize: the 3.7 driver has no Set serializer, so the conformance runner
 * sends a traversal holding a set as text, with the `eval` op. What this prints, our parser
 * (src/embedded/language) reads back into the same bytecode: every value the parser can produce has a form
 * here (test/gremlin/print.test.ts checks the round trip over TinkerPop's whole feature suite).
 */
export function printBytecode(bytecode: gremlin.process.Bytecode, source = 'g'): string {
  const [first] = bytecode.sourceInstructions;
  if (first && first[0] === 'tx') return `${source}.tx().${String(first[1])}()`;
  const sources = bytecode.sourceInstructions.map(printSourceInstruction).join('');
  return source + sources + bytecode.stepInstructions.map(printInstruction).join('');
}

export function printTraversal(traversal: { getBytecode(): gremlin.process.Bytecode }): string {
  return printBytecode(traversal.getBytecode());
}

/** `g.with(k, v)` travels as an OptionsStrategy; it is written back as with() since its keys are any string. */
function printSourceInstruction(instruction: unknown[]): string {
  const [name, ...args] = instruction;
  if (name === 'withStrategies' && args.length === 1 && isOptionsStrategy(args[0])) {
    return Object.entries(args[0].configuration)
      .map(([key, value]) => `.with(${printValue(key)}, ${printValue(value)})`)
      .join('');
  }
  return printInstruction(instruction);
}

function printInstruction(instruction: unknown[]): string {
  const [name, ...args] = instruction;
  return `.${String(name)}(${args.map(printValue).join(', ')})`;
}

export function printValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `datetime(${JSON.stringify(value.toISOString())})`;
  if (value instanceof Traversal) return printBytecode(value.getBytecode(), '__');
  if (value instanceof CardinalityValue) {
    const [, cardinality, v] = (value as gremlin.process.Bytecode).sourceInstructions[0];
    return `Cardinality.${(cardinality as gremlin.process.EnumValue).elementName}(${printValue(v)})`;
  }
  if (value instanceof Bytecode) return printBytecode(value, '__');
  if (value instanceof EnumValue) return `${value.typeName}.${value.elementName}`;
  if (value instanceof P || value instanceof TextP) return printPredicate(value);
  if (value instanceof TraversalStrategy) return printStrategy(value);
  if (value instanceof Vertex) return `Vertex(${printValue(value.id)}, ${printValue(value.label)})`;
  if (Array.isArray(value)) return `[${value.map(printValue).join(', ')}]`;
  if (value instanceof Set) return `{${[...value].map(printValue).join(', ')}}`;
  if (value instanceof Map) {
    if (value.size === 0) return '[:]';
    return `[${[...value].map(([k, v]) => `${printKey(k)}: ${printValue(v)}`).join(', ')}]`;
  }
  return String(value);
}

/**
 * Integers beyond 2^53 that are JS numbers (not bigints) must read back as doubles, not as bigints: written
 * out in full they take the `d` suffix; -0 keeps its sign as a double.
 */
function printNumber(n: number): string {
  if (Object.is(n, -0)) return '-0.0';
  const text = String(n);
  return Number.isInteger(n) && !Number.isSafeInteger(n) && !text.includes('e') ? `${text}d` : text;
}

function printPredicate(p: gremlin.process.P | gremlin.process.TextP): string {
  const { operator, value, other } = p as unknown as { operator: string; value: unknown; other: unknown };
  const kind = p instanceof TextP ? 'TextP' : 'P';
  if (operator === 'and' || operator === 'or') return `${printValue(value)}.${operator}(${printValue(other)})`;
  const args = other === undefined || other === null ? [value] : [value, other];
  return `${kind}.${operator}(${args.map(printValue).join(', ')})`;
}

/** A strategy by its class name, with its configuration as the grammar's named arguments. */
function printStrategy(strategy: Strategy): string {
  const name = strategy.fqcn.slice(strategy.fqcn.lastIndexOf('.') + 1);
  const options = Object.entries(strategy.configuration).filter(([, v]) => v !== undefined);
  if (options.length === 0) return name;
  return `new ${name}(${options.map(([k, v]) => `${k}: ${printValue(v)}`).join(', ')})`;
}

function isOptionsStrategy(x: unknown): x is { configuration: Record<string, unknown> } {
  return x instanceof TraversalStrategy && x.fqcn.endsWith('.OptionsStrategy');
}

function printKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : `(${printValue(key)})`;
}
