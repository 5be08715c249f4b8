import gremlin from 'gremlin';

const { Bytecode, P, TextP } = gremlin.process;

/**
 * A lambda as a client sent it (GraphSON `g:Lambda`, GraphBinary 0x1d). It is kept as data, never evaluated:
 * Neptune refuses lambdas, and so do we, naming the step that received one.
 */
export class Lambda {
  constructor(
    readonly script: string,
    readonly language: string,
    readonly argumentCount: number,
  ) {}
}

/** The first instruction (in reading order, nested traversals included) that carries a lambda, if any. */
export function findLambda(bytecode: gremlin.process.Bytecode): { step: string; lambda: Lambda } | undefined {
  for (const [name, ...args] of [...bytecode.sourceInstructions, ...bytecode.stepInstructions]) {
    for (const arg of args) {
      const found = lambdaIn(arg, String(name));
      if (found) return found;
    }
  }
  return undefined;
}

function lambdaIn(value: unknown, step: string): { step: string; lambda: Lambda } | undefined {
  if (value instanceof Lambda) return { step, lambda: value };
  if (value instanceof Bytecode) return findLambda(value);
  if (value instanceof P || value instanceof TextP) return lambdaIn(value.value, step) ?? lambdaIn(value.other, step);
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) {
      const found = lambdaIn(item, step);
      if (found) return found;
    }
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      const found = lambdaIn(k, step) ?? lambdaIn(v, step);
      if (found) return found;
    }
  } else if (value instanceof gremlin.process.TraversalStrategy) {
    const configuration = (value as { configuration?: Record<string, unknown> }).configuration ?? {};
    for (const v of Object.values(configuration)) {
      const found = lambdaIn(v, step);
      if (found) return found;
    }
  }
  return undefined;
}
