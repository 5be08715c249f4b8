import { PREDICATE_LIKE, type Instruction, type Node, type Query, type TerminalMethod, type Variable } from './ast';
import { parseDatetime } from './datetime';
import { tokenize, type Token } from './lexer';
import { isStrategyName, strategyProblem } from './strategies';
import { syntaxError, type GremlinSyntaxError } from './syntax-error';
import { bareToken, isQualifier, qualifiedToken, qualifierMembers, type TokenValue } from './tokens';

const SOURCE_MODULATORS = new Set(['with', 'withBulk', 'withPath', 'withSack', 'withSideEffect', 'withStrategies', 'withoutStrategies']);
const SPAWN_STEPS = new Set(['V', 'E', 'addV', 'addE', 'mergeV', 'mergeE', 'inject', 'io', 'call', 'union']);
const TERMINAL_METHODS = new Set<TerminalMethod['name']>(['explain', 'iterate', 'hasNext', 'tryNext', 'next', 'toList', 'toSet', 'toBulkSet']);

/** Predicate arities; undefined means any number (within/without take a list or varargs). */
const P_OPERATORS: Record<string, number | undefined> = {
  eq: 1, neq: 1, lt: 1, lte: 1, gt: 1, gte: 1, inside: 2, outside: 2, between: 2, within: undefined, without: undefined, not: 1,
};
const TEXT_P_OPERATORS = new Set(['containing', 'notContaining', 'startingWith', 'notStartingWith', 'endingWith', 'notEndingWith', 'regex', 'notRegex']);
const CARDINALITY_FUNCTIONS = new Set(['single', 'set', 'list']);
/** Far beyond any real query; deeper nesting would end in a stack overflow, a server error rather than the client's. */
const MAX_NESTING = 100;
const LAMBDAS_UNSUPPORTED = 'lambdas are not supported (Neptune refuses them)';

export function parseQuery(text: string): Query {
  return new Parser(tokenize(text)).query();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly variables = new Set<string>();

  constructor(private readonly tokens: Token[]) {}

  query(): Query {
    const root = this.expectIdentifier('a traversal source such as g');
    if (root.text === '__') {
      throw syntaxError('an anonymous traversal (__) cannot be run on its own; start from a traversal source such as g', root);
    }
    const query: Query = { source: root.text, sourceInstructions: [], steps: [], variables: [] };
    let spawned = false;
    while (this.eatPunct('.')) {
      const name = this.expectIdentifier('a step name');
      if (!spawned && name.text === 'tx' && query.sourceInstructions.length === 0) {
        query.sourceInstructions.push(this.transaction());
        break;
      }
      if (spawned && TERMINAL_METHODS.has(name.text as TerminalMethod['name'])) {
        query.terminal = this.terminal(name, query);
        break;
      }
      const instruction = { name: name.text, args: this.arguments(name) };
      if (spawned) {
        query.steps.push(instruction);
      } else if (SOURCE_MODULATORS.has(name.text)) {
        this.checkSourceModulator(name, instruction.args);
        query.sourceInstructions.push(instruction);
      } else if (SPAWN_STEPS.has(name.text)) {
        query.steps.push(instruction);
        spawned = true;
      } else {
        throw syntaxError(
          `'${name.text}' cannot start a traversal: expected a source step (${[...SPAWN_STEPS].join(', ')}) or a source modulator (${[...SOURCE_MODULATORS].join(', ')})`,
          name,
        );
      }
    }
    if (this.eatPunct(';') && this.peek().kind !== 'eof') {
      throw syntaxError('only one traversal per script: found more after \';\'', this.peek());
    }
    const end = this.peek();
    if (end.kind !== 'eof') throw this.unexpected(end, query.terminal ? 'end of input after the terminal method' : "'.' or end of input");
    query.variables = [...this.variables];
    return query;
  }

  private transaction(): Instruction {
    this.arguments(this.previous(), 0);
    this.expectPunct('.');
    const action = this.expectIdentifier('commit() or rollback()');
    this.arguments(action, 0);
    if (action.text !== 'commit' && action.text !== 'rollback') {
      throw syntaxError(`tx().${action.text}() is not supported in a script: only tx().commit() and tx().rollback()`, action);
    }
    return { name: 'tx', args: [{ kind: 'literal', value: action.text }] };
  }

  private terminal(name: Token, query: Query): TerminalMethod {
    const args = this.arguments(name);
    const terminal: TerminalMethod = { name: name.text as TerminalMethod['name'] };
    const count = args[0];
    if (name.text === 'next' && count?.kind === 'literal' && typeof count.value === 'number' && args.length === 1) {
      terminal.count = count.value;
    } else if (args.length > 0) {
      throw syntaxError(`${name.text}() takes ${name.text === 'next' ? 'at most one integer' : 'no arguments'}`, name);
    }
    // The driver's iterate() sends a final none() step so the server returns nothing.
    if (name.text === 'iterate') query.steps.push({ name: 'none', args: [] });
    return terminal;
  }

  private checkSourceModulator(name: Token, args: Node[]) {
    if (name.text === 'with' && (args.length < 1 || args.length > 2)) {
      throw syntaxError('with() takes a key and an optional value', name);
    }
    if (name.text === 'withStrategies' || name.text === 'withoutStrategies') {
      if (args.some((a) => a.kind !== 'strategy' && a.kind !== 'variable')) {
        throw syntaxError(`${name.text}() takes traversal strategies such as ReadOnlyStrategy or new SubgraphStrategy(...)`, name);
      }
    }
  }

  // ---- expressions ----

  private expression(): Node {
    const token = this.peek();
    if (++this.depth > MAX_NESTING) throw syntaxError(`arguments are nested more than ${MAX_NESTING} deep`, token);
    try {
      return this.value(token);
    } finally {
      this.depth--;
    }
  }

  private value(token: Token): Node {
    switch (token.kind) {
      case 'string':
        this.pos++;
        return { kind: 'literal', value: token.text };
      case 'number':
        this.pos++;
        if (this.isPunct('.') && this.peek(1).kind === 'punct' && this.peek(1).text === '.') {
          throw syntaxError('ranges such as 1..3 are not supported; write a list [1, 2, 3]', token);
        }
        return { kind: 'literal', value: token.value! };
      case 'ident':
        return this.identifierExpression();
      case 'punct':
        if (token.text === '[') return this.collection();
        if (token.text === '{') return this.set();
        throw this.unexpected(token, 'an argument');
      default:
        throw this.unexpected(token, 'an argument');
    }
  }

  private identifierExpression(): Node {
    const token = this.next();
    const name = token.text;
    const call = this.isPunct('(');
    switch (name) {
      case 'true':
      case 'false':
        return { kind: 'literal', value: name === 'true' };
      case 'null':
        return { kind: 'literal', value: null };
      case 'NaN':
        return { kind: 'literal', value: NaN };
      case 'Infinity':
        return { kind: 'literal', value: Infinity };
      case 'new':
        return this.construction(this.expectIdentifier('a strategy or Vertex to construct'));
      case '__':
        this.expectPunct('.');
        return this.chain(this.expectIdentifier('a step name'));
      case 'Lambda':
        throw syntaxError(LAMBDAS_UNSUPPORTED, token);
    }
    if (name === 'g' && this.isPunct('.')) {
      throw syntaxError('a traversal spawned from g cannot be an argument; use __ for a child traversal', token);
    }
    if ((name === 'P' || name === 'TextP') && this.isPunct('.')) {
      this.pos++;
      return this.predicate(name, this.expectIdentifier('a predicate'));
    }
    if (isQualifier(name) && this.isPunct('.')) return this.qualified(token);
    if (call) {
      if (name === 'not') return this.notCall(token);
      if (name in P_OPERATORS) return this.predicate('P', token);
      if (TEXT_P_OPERATORS.has(name)) return this.predicate('TextP', token);
      if (name === 'datetime') return this.datetime(token);
      if (CARDINALITY_FUNCTIONS.has(name)) return this.cardinalityValue(token, bareToken(name)!);
      if (name === 'Vertex' || name === 'ReferenceVertex' || isStrategyName(name)) return this.construction(token);
      return this.chain(token);
    }
    if (isStrategyName(name)) return this.construction(token);
    return this.variable(token);
  }

  private variable(token: Token): Variable {
    const fallback = bareToken(token.text);
    if (fallback === undefined) this.variables.add(token.text);
    return { kind: 'variable', name: token.text, at: token, token: fallback };
  }

  private qualified(qualifier: Token): Node {
    this.expectPunct('.');
    const member = this.expectIdentifier(`a member of ${qualifier.text}`);
    if (qualifier.text === 'Cardinality' && this.isPunct('(') && CARDINALITY_FUNCTIONS.has(member.text)) {
      return this.cardinalityValue(member, qualifiedToken('Cardinality', member.text)!);
    }
    const value = qualifiedToken(qualifier.text, member.text);
    if (value === undefined) {
      throw syntaxError(
        `unknown token ${qualifier.text}.${member.text}; expected one of ${qualifierMembers(qualifier.text).map((m) => `${qualifier.text}.${m}`).join(', ')}`,
        member,
      );
    }
    return { kind: 'token', value };
  }

  /** `not(...)` is P.not for a predicate argument and the not() step otherwise. */
  private notCall(token: Token): Node {
    const args = this.arguments(token);
    if (args.length === 1 && PREDICATE_LIKE.has(args[0].kind) && args[0].kind !== 'variable') {
      return this.predicateTail({ kind: 'predicate', type: 'P', operator: 'not', args });
    }
    return this.chain(token, args);
  }

  private predicate(type: 'P' | 'TextP', operator: Token): Node {
    const known = type === 'P' ? operator.text in P_OPERATORS : TEXT_P_OPERATORS.has(operator.text);
    if (!known) {
      const names = type === 'P' ? Object.keys(P_OPERATORS) : [...TEXT_P_OPERATORS];
      throw syntaxError(`unknown predicate ${type}.${operator.text}; expected one of ${names.join(', ')}`, operator);
    }
    const args = this.arguments(operator);
    const arity = type === 'P' ? P_OPERATORS[operator.text] : 1;
    if (arity !== undefined && args.length !== arity) {
      throw syntaxError(`${type}.${operator.text}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`, operator);
    }
    if (operator.text === 'not' && !PREDICATE_LIKE.has(args[0].kind)) {
      throw syntaxError('P.not() takes a predicate', operator);
    }
    return this.predicateTail({ kind: 'predicate', type, operator: operator.text, args });
  }

  /** `.and(p)`, `.or(p)` and `.negate()` after a predicate. */
  private predicateTail(predicate: Node): Node {
    let result = predicate;
    while (this.isPunct('.') && this.peek(1).kind === 'ident' && ['and', 'or', 'negate'].includes(this.peek(1).text)) {
      this.pos++;
      const method = this.next();
      const operator = method.text;
      const args = this.arguments(method, operator === 'negate' ? 0 : 1);
      if (operator === 'and' || operator === 'or') {
        if (!PREDICATE_LIKE.has(args[0].kind)) throw syntaxError(`${operator}() on a predicate takes a predicate`, method);
        result = { kind: 'connective', operator, left: result, right: args[0] };
      } else {
        result = { kind: 'negate', predicate: result };
      }
    }
    return result;
  }

  private datetime(token: Token): Node {
    const args = this.arguments(token);
    if (args.length === 0) return { kind: 'date' };
    const [arg] = args;
    if (args.length === 1 && arg.kind === 'literal' && typeof arg.value === 'string') {
      const millis = parseDatetime(arg.value);
      if (millis === undefined) throw syntaxError(`invalid datetime '${arg.value}'; expected ISO 8601 such as 2023-08-02T00:00:00Z`, token);
      return { kind: 'date', millis };
    }
    if (args.length === 1 && arg.kind === 'variable') return { kind: 'date', variable: arg };
    throw syntaxError('datetime() takes an ISO 8601 string', token);
  }

  private cardinalityValue(token: Token, cardinality: TokenValue): Node {
    const args = this.arguments(token, 1);
    return { kind: 'cardinality', cardinality, value: args[0] };
  }

  /** `Vertex(id, label)` and strategies, with or without `new`. */
  private construction(name: Token): Node {
    if (name.text === 'Vertex' || name.text === 'ReferenceVertex') {
      const [id, label] = this.arguments(name, 2);
      return { kind: 'vertex', id, label };
    }
    if (!isStrategyName(name.text)) throw this.unexpected(name, 'a strategy or Vertex after new');
    const config: Array<[string, Node]> = [];
    if (this.eatPunct('(') && !this.eatPunct(')')) {
      do {
        const key = this.expectIdentifier('a strategy option name');
        this.expectPunct(':');
        config.push([key.text, this.expression()]);
      } while (this.eatPunct(','));
      this.expectPunct(')');
    }
    const problem = strategyProblem(name.text, config.map(([k]) => k));
    if (problem) throw syntaxError(problem, name);
    return { kind: 'strategy', name: name.text, config };
  }

  /** An anonymous traversal: steps joined by dots, starting at `first` (whose arguments may already be read). */
  private chain(first: Token, firstArgs?: Node[]): Node {
    const steps: Instruction[] = [{ name: first.text, args: firstArgs ?? this.step(first) }];
    while (this.eatPunct('.')) {
      const name = this.expectIdentifier('a step name');
      steps.push({ name: name.text, args: this.step(name) });
    }
    return { kind: 'traversal', steps };
  }

  private step(name: Token): Node[] {
    if (TERMINAL_METHODS.has(name.text as TerminalMethod['name'])) {
      throw syntaxError(`${name.text}() ends a traversal and cannot be used inside a child traversal`, name);
    }
    return this.arguments(name);
  }

  private collection(): Node {
    this.expectPunct('[');
    if (this.eatPunct(']')) return { kind: 'list', items: [] };
    if (this.eatPunct(':')) {
      this.expectPunct(']');
      return { kind: 'map', entries: [] };
    }
    const key = this.mapKey();
    if (key) return this.mapEntries(key);
    const first = this.expression();
    if (this.isPunct(':')) return this.mapEntries(first);
    const items: Node[] = [first];
    while (this.eatPunct(',')) items.push(this.expression());
    this.expectPunct(']', "',' or ']'");
    return { kind: 'list', items };
  }

  private mapEntries(firstKey: Node | undefined): Node {
    const entries: Array<[Node, Node]> = [];
    let key = firstKey;
    for (;;) {
      key ??= this.mapKey() ?? this.expression();
      this.expectPunct(':', "':' after a map key");
      entries.push([key, this.expression()]);
      key = undefined;
      if (!this.eatPunct(',')) break;
    }
    this.expectPunct(']', "',' or ']'");
    return { kind: 'map', entries };
  }

  /**
   * Map keys the grammar reads differently from values: `(expr)`, and bare names, which are strings except the
   * T and Direction tokens (`[name: "x", label: "y", OUT: 1]`).
   */
  private mapKey(): Node | undefined {
    if (this.eatPunct('(')) {
      const key = this.expression();
      this.expectPunct(')');
      return key;
    }
    const token = this.peek();
    if (token.kind !== 'ident' || !(this.peek(1).kind === 'punct' && this.peek(1).text === ':')) return undefined;
    this.pos++;
    const special = qualifiedToken('T', token.text) ?? qualifiedToken('Direction', token.text);
    return special !== undefined ? { kind: 'token', value: special } : { kind: 'literal', value: token.text };
  }

  private set(): Node {
    const open = this.expectPunct('{');
    if (this.looksLikeLambda()) throw syntaxError(`Groovy ${LAMBDAS_UNSUPPORTED}`, open);
    const items: Node[] = [];
    try {
      if (!this.eatPunct('}')) {
        do items.push(this.expression());
        while (this.eatPunct(','));
        this.expectPunct('}', "',' or '}'");
      }
    } catch (e) {
      throw syntaxError(`'{' starts neither a set literal such as {1, 2} nor anything else Gremlin has: ${(e as GremlinSyntaxError).problem}; ${LAMBDAS_UNSUPPORTED}`, open);
    }
    return { kind: 'set', items };
  }

  /** A brace block holding `->` or characters Gremlin lacks is a Groovy closure. */
  private looksLikeLambda(): boolean {
    let depth = 1;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.kind === 'arrow' || t.kind === 'other' || t.kind === 'eof') return true;
      if (t.kind === 'ident' && t.text === 'it') return true;
      if (t.kind === 'punct' && t.text === '{') depth++;
      if (t.kind === 'punct' && t.text === '}' && --depth === 0) return false;
    }
    return true;
  }

  // ---- token plumbing ----

  /** `(args)`; with `arity`, exactly that many. */
  private arguments(owner: Token, arity?: number): Node[] {
    if (this.isPunct('{')) throw syntaxError(`Groovy closure after ${owner.text}: ${LAMBDAS_UNSUPPORTED}`, this.peek());
    this.expectPunct('(', `'(' after ${owner.text}`);
    const args: Node[] = [];
    if (!this.eatPunct(')')) {
      do args.push(this.expression());
      while (this.eatPunct(','));
      this.expectPunct(')', "',' or ')'");
    }
    if (arity !== undefined && args.length !== arity) {
      throw syntaxError(`${owner.text}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`, owner);
    }
    return args;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private previous(): Token {
    return this.tokens[this.pos - 1];
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private eatPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.pos++;
    return true;
  }

  private expectPunct(text: string, expected = `'${text}'`): Token {
    if (!this.isPunct(text)) throw this.unexpected(this.peek(), expected);
    return this.next();
  }

  private expectIdentifier(expected: string): Token {
    const token = this.peek();
    if (token.kind !== 'ident') throw this.unexpected(token, expected);
    return this.next();
  }

  private unexpected(token: Token, expected: string): GremlinSyntaxError {
    return syntaxError(`expected ${expected} but found ${describe(token)}`, token);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return `string ${JSON.stringify(token.text)}`;
    case 'number':
      return `number ${token.text}`;
    case 'ident':
      return `'${token.text}'`;
    case 'arrow':
    case 'other':
      return `'${token.text}', which is not part of Gremlin (if it belongs to a lambda: ${LAMBDAS_UNSUPPORTED})`;
    default:
      return `'${token.text}'`;
  }
}
