import type { Position } from './syntax-error';
import type { TokenValue } from './tokens';

/**
 * A parsed traversal before its variables are bound: a tree of values to build. Binding walks it and creates fresh
 * driver objects each time, so one parse serves any number of calls and no caller can mutate another's bytecode.
 */
export type Node =
  | { kind: 'literal'; value: string | number | bigint | boolean | null }
  | { kind: 'token'; value: TokenValue }
  /** `datetime(...)`: a parsed instant, a variable holding one, or now. */
  | { kind: 'date'; millis?: number; variable?: Variable }
  | { kind: 'list'; items: Node[] }
  | { kind: 'set'; items: Node[] }
  | { kind: 'map'; entries: Array<[Node, Node]> }
  | { kind: 'traversal'; steps: Instruction[] }
  | { kind: 'predicate'; type: 'P' | 'TextP'; operator: string; args: Node[] }
  | { kind: 'connective'; operator: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'negate'; predicate: Node }
  /** `Cardinality.list("x")`: a value with the cardinality it is to be written with. */
  | { kind: 'cardinality'; cardinality: TokenValue; value: Node }
  | { kind: 'vertex'; id: Node; label: Node }
  | { kind: 'strategy'; name: string; config: Array<[string, Node]> }
  | Variable;

/** An identifier taken from the bindings; `token` is what it means when unbound (`desc`, `id`, `local`, ...). */
export interface Variable {
  kind: 'variable';
  name: string;
  at: Position;
  token?: TokenValue;
}

export interface Instruction {
  name: string;
  args: Node[];
}

/** How the text ends its traversal (`.toList()`, `.next(2)`, `.iterate()`), for a server that runs scripts. */
export interface TerminalMethod {
  name: 'explain' | 'iterate' | 'hasNext' | 'tryNext' | 'next' | 'toList' | 'toSet' | 'toBulkSet';
  count?: number;
}

export interface Query {
  source: string;
  sourceInstructions: Instruction[];
  steps: Instruction[];
  terminal?: TerminalMethod;
  /** Every variable that has no token meaning, in order of first use. */
  variables: string[];
}

export const PREDICATE_LIKE = new Set<Node['kind']>(['predicate', 'connective', 'negate', 'variable']);
