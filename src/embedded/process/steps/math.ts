import { invalidParameter, malformedQuery } from '../../errors';
import { arity, stringArg } from '../args';
import { byFor, byFunction, ByModulatedDef } from '../by';
import { isNumber } from '../compare';
import type { StepFactory } from '../plan';
import type { Runtime } from '../runtime';
import { MISSING, scopedValue } from '../scope';
import { FILTERED, MapStep, type Step } from '../step';
import { javaString } from './strings';

/**
 * math("a + _ * 2"): a small arithmetic language (+ - * / % ^, parentheses, unary signs, and the usual
 * one-argument functions, with or without parentheses: `sin _`). `_` is the current object, other names
 * are labels or side effects in scope; by() modulators apply to the variables in order of first appearance.
 * The result is a floating-point number.
 */
type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'variable'; name: string }
  | { kind: 'unary'; op: '-' | '+'; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'call'; fn: string; arg: Expr };

const FUNCTIONS: Record<string, (x: number) => number> = {
  abs: Math.abs,
  acos: Math.acos,
  asin: Math.asin,
  atan: Math.atan,
  cbrt: Math.cbrt,
  ceil: Math.ceil,
  cos: Math.cos,
  cosh: Math.cosh,
  exp: Math.exp,
  expm1: Math.expm1,
  floor: Math.floor,
  log: Math.log,
  log10: Math.log10,
  log1p: Math.log1p,
  log2: Math.log2,
  sin: Math.sin,
  sinh: Math.sinh,
  sqrt: Math.sqrt,
  tan: Math.tan,
  tanh: Math.tanh,
  signum: Math.sign,
};

class Parser {
  private readonly tokens: string[];
  private i = 0;
  readonly variables: string[] = [];

  constructor(private readonly text: string) {
    this.tokens = text.match(/\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%^(),]|\S/g) ?? [];
  }

  parse(): Expr {
    const e = this.additive();
    if (this.i < this.tokens.length) this.fail(`unexpected "${this.tokens[this.i]}"`);
    return e;
  }

  private fail(problem: string): never {
    throw malformedQuery(`math(): ${problem} in "${this.text}"`);
  }

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.peek() === '+' || this.peek() === '-') {
      const op = this.tokens[this.i++];
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.peek() === '*' || this.peek() === '/' || this.peek() === '%') {
      const op = this.tokens[this.i++];
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t === '-' || t === '+') {
      this.i++;
      return { kind: 'unary', op: t, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (this.peek() === '^') {
      this.i++;
      return { kind: 'binary', op: '^', left: base, right: this.unary() };
    }
    return base;
  }

  private primary(): Expr {
    const t = this.tokens[this.i++];
    if (t === undefined) return this.fail('unexpected end');
    if (t === '(') {
      const e = this.additive();
      if (this.tokens[this.i++] !== ')') this.fail('missing ")"');
      return e;
    }
    if (/^[\d.]/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (t in FUNCTIONS && this.peek() !== undefined && !/^[-+*/%^),]$/.test(this.peek()!)) return { kind: 'call', fn: t, arg: this.power() };
      if (!this.variables.includes(t)) this.variables.push(t);
      return { kind: 'variable', name: t };
    }
    return this.fail(`unexpected "${t}"`);
  }
}

function evaluate(e: Expr, vars: Map<string, number>): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'variable':
      return vars.get(e.name)!;
    case 'unary':
      return e.op === '-' ? -evaluate(e.operand, vars) : evaluate(e.operand, vars);
    case 'call':
      return FUNCTIONS[e.fn](evaluate(e.arg, vars));
    case 'binary': {
      const a = evaluate(e.left, vars);
      const b = evaluate(e.right, vars);
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          if (b === 0) throw invalidParameter('math(): division by zero');
          return a / b;
        case '%':
          return a % b;
        default:
          return Math.pow(a, b);
      }
    }
  }
}

class MathDef extends ByModulatedDef {
  constructor(
    private readonly expr: Expr,
    private readonly variables: readonly string[],
  ) {
    super('math');
    this.retracts = true;
  }

  override readsLabels(): readonly string[] {
    return this.variables.filter((v) => v !== '_');
  }

  create(rt: Runtime): Step {
    const fns = this.bys.map((b) => byFunction(b.value, rt));
    const { expr, variables } = this;
    return new MapStep(rt, this.labels, (t) => {
      const vars = new Map<string, number>();
      for (let i = 0; i < variables.length; i++) {
        const name = variables[i];
        const raw = name === '_' ? t.object : scopedValue(t, name, 'last', rt);
        if (raw === MISSING) throw invalidParameter(`math(): no value for variable ${name}`);
        const fn = byFor(fns, i);
        const v = fn ? fn(t, raw) : raw;
        if (v === MISSING) return FILTERED;
        if (!isNumber(v)) throw invalidParameter(`math() expects numbers, got ${javaString(v)} for ${name}`);
        vars.set(name, Number(v));
      }
      return evaluate(expr, vars);
    });
  }
}

export const mathSteps: Record<string, StepFactory> = {
  math: (args, c) => {
    arity('math', args, 1);
    const parser = new Parser(stringArg('math', args[0], 'an expression'));
    const expr = parser.parse();
    if (parser.variables.some((v) => v !== '_')) c.requirePath('labeled');
    return new MathDef(expr, parser.variables);
  },
};
