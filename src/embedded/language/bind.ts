import gremlin from 'gremlin';
import type { Instruction, Node, Query, Variable } from './ast';
import { parseDatetime } from './datetime';
import { createStrategy, OptionsStrategy } from './strategies';
import { syntaxError } from './syntax-error';

const { Bytecode, P, TextP } = gremlin.process;
// Vertex ids are any value (Neptune's are strings); the driver's typings say number.
const Vertex = gremlin.structure.Vertex as unknown as new (id: unknown, label: unknown) => gremlin.structure.Vertex;
const { CardinalityValue } = require('gremlin/lib/process/graph-traversal') as {
  CardinalityValue: new (cardinality: unknown, value: unknown) => gremlin.process.Bytecode;
};

type Bytecode = gremlin.process.Bytecode;
type Predicate = InstanceType<typeof P> | InstanceType<typeof TextP>;
type Bindings = Readonly<Record<string, unknown>>;

/** Builds the bytecode of a parsed query with its variables taken from `bindings`. */
export function bindQuery(query: Query, bindings: Bindings): Bytecode {
  const bytecode = new Bytecode();
  for (const instruction of query.sourceInstructions) {
    const args = instruction.args.map((a) => build(a, bindings));
    if (instruction.name === 'with') addOption(bytecode, args);
    else bytecode.addSource(instruction.name, args);
  }
  addSteps(bytecode, query.steps, bindings);
  return bytecode;
}

/**
 * `g.with(k, v)` is, as in the driver, an OptionsStrategy: the first one adds it, later ones extend it.
 */
function addOption(bytecode: Bytecode, [key, value = true]: unknown[]) {
  const existing = bytecode.sourceInstructions.find((i) => i[0] === 'withStrategies' && i[1] instanceof OptionsStrategy);
  if (existing) (existing[1] as { configuration: Record<string, unknown> }).configuration[String(key)] = value;
  else bytecode.addSource('withStrategies', [new OptionsStrategy({ [String(key)]: value })]);
}

function addSteps(bytecode: Bytecode, steps: Instruction[], bindings: Bindings) {
  for (const step of steps) bytecode.addStep(step.name, step.args.map((a) => build(a, bindings)));
}

function build(node: Node, bindings: Bindings): unknown {
  switch (node.kind) {
    case 'literal':
    case 'token':
      return node.value;
    case 'date':
      return date(node, bindings);
    case 'list':
      return node.items.map((i) => build(i, bindings));
    case 'set':
      return new Set(node.items.map((i) => build(i, bindings)));
    case 'map':
      return new Map(node.entries.map(([k, v]) => [build(k, bindings), build(v, bindings)]));
    case 'traversal': {
      const bytecode = new Bytecode();
      addSteps(bytecode, node.steps, bindings);
      return bytecode;
    }
    case 'predicate': {
      const factories = (node.type === 'P' ? P : TextP) as unknown as Record<string, (...args: unknown[]) => Predicate>;
      return factories[node.operator](...node.args.map((a) => build(a, bindings)));
    }
    case 'connective': {
      // The parser only puts predicates on the left of and/or.
      const left = build(node.left, bindings) as Predicate;
      return node.operator === 'and' ? left.and(build(node.right, bindings)) : left.or(build(node.right, bindings));
    }
    case 'negate':
      // The driver has no negate(); P.not is the same predicate for the server.
      return P.not(build(node.predicate, bindings));
    case 'cardinality':
      return new CardinalityValue(node.cardinality, build(node.value, bindings));
    case 'vertex':
      return new Vertex(build(node.id, bindings), build(node.label, bindings));
    case 'strategy':
      return createStrategy(node.name, node.config.map(([k, v]) => [k, build(v, bindings)]));
    case 'variable':
      return lookup(node, bindings);
  }
}

function date(node: Node & { kind: 'date' }, bindings: Bindings): Date {
  if (node.millis !== undefined) return new Date(node.millis);
  if (!node.variable) return new Date();
  const value = lookup(node.variable, bindings);
  if (value instanceof Date) return new Date(value.getTime());
  const millis = typeof value === 'string' ? parseDatetime(value) : undefined;
  if (millis === undefined) throw syntaxError(`datetime(${node.variable.name}) needs an ISO 8601 string`, node.variable.at);
  return new Date(millis);
}

/** A binding wins over a token of the same name, so `g.V(id)` works when `id` is bound. */
function lookup(variable: Variable, bindings: Bindings): unknown {
  if (Object.hasOwn(bindings, variable.name)) {
    const value = bindings[variable.name];
    if (typeof value === 'function') throw syntaxError(`variable '${variable.name}' is a lambda: lambdas are not supported (Neptune refuses them)`, variable.at);
    return value;
  }
  if (variable.token !== undefined) return variable.token;
  throw syntaxError(`variable '${variable.name}' is not bound`, variable.at);
}
