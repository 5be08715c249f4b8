import { GraphError } from '../errors';

/**
 * A Gremlin text that cannot become bytecode: bad syntax, an unsupported construct (lambdas) or an unbound
 * variable. It is a MalformedQueryException, which is what Neptune answers for unparsable Gremlin, so the server
 * can report it like any other graph error.
 */
export class GremlinSyntaxError extends GraphError {
  constructor(
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    super('MalformedQueryException', `${problem} (line ${line}, column ${column})`);
    this.name = 'GremlinSyntaxError';
  }
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export const syntaxError = (problem: string, at: Position) => new GremlinSyntaxError(problem, at.line, at.column);
