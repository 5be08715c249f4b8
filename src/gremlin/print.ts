import gremlin from 'gremlin';

const { Bytecode, EnumValue, P, TextP, Traversal } = gremlin.process;

/**
 * Renders bytecode as Gremlin text for people: logs, explain output and test expectations. The result is
 * never sent anywhere; requests always travel as bytecode.
 */
export function printBytecode(bytecode: gremlin.process.Bytecode, source = 'g'): string {
  const sources = bytecode.sourceInstructions.map(printInstruction).join('');
  return source + sources + bytecode.stepInstructions.map(printInstruction).join('');
}

export function printTraversal(traversal: { getBytecode(): gremlin.process.Bytecode }): string {
  return printBytecode(traversal.getBytecode());
}

function printInstruction(instruction: unknown[]): string {
  const [name, ...args] = instruction;
  return `.${String(name)}(${args.map(printValue).join(', ')})`;
}

export function printValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return `datetime(${JSON.stringify(value.toISOString())})`;
  if (value instanceof Traversal) return printBytecode(value.getBytecode(), '__');
  if (value instanceof Bytecode) return printBytecode(value, '__');
  if (value instanceof EnumValue) return `${value.typeName}.${value.elementName}`;
  if (value instanceof P || value instanceof TextP) return printPredicate(value);
  if (Array.isArray(value)) return `[${value.map(printValue).join(', ')}]`;
  if (value instanceof Map) {
    if (value.size === 0) return '[:]';
    return `[${[...value].map(([k, v]) => `${printKey(k)}: ${printValue(v)}`).join(', ')}]`;
  }
  return String(value);
}

function printPredicate(p: gremlin.process.P | gremlin.process.TextP): string {
  const { operator, value, other } = p as unknown as { operator: string; value: unknown; other: unknown };
  const kind = p instanceof TextP ? 'TextP' : 'P';
  if (operator === 'and' || operator === 'or') return `${printValue(value)}.${operator}(${printValue(other)})`;
  const args = other === undefined || other === null ? [value] : [value, other];
  return `${kind}.${operator}(${args.map(printValue).join(', ')})`;
}

function printKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : `(${printValue(key)})`;
}
