import gremlin from 'gremlin';
import type { Logger } from 'pino';
import { parseTraversal, type TerminalMethod } from '../language';
import type { MaterializeProperties, RequestMessage } from '../io';
import type { Graph } from '../structure';
import { invalidArguments, malformedRequest } from './errors';

/**
 * What a request asks for, once its op, processor and arguments are checked, the way Gremlin Server checks
 * them: processors '' (eval), 'traversal' (bytecode) and 'session' (eval, bytecode, close).
 */
export interface Settings {
  readonly graphs: Readonly<Record<string, Graph>>;
  readonly evaluationTimeoutMs: number;
  readonly batchSize: number;
  readonly materializeProperties: MaterializeProperties;
  /** Delay before each WebSocket response frame (see GremlinServerOptions.latencyMs). */
  readonly latencyMs: number;
  readonly log: Logger;
}

export interface TraversalJob {
  readonly kind: 'traversal';
  readonly graph: Graph;
  readonly bytecode: gremlin.process.Bytecode;
  /** bytecode answers traversers (object and bulk); eval answers plain values. */
  readonly results: 'traversers' | 'values';
  readonly terminal?: TerminalMethod;
  readonly session?: string;
  readonly deadline?: number;
  readonly batchSize: number;
  readonly materialize: MaterializeProperties;
}

export interface TransactionJob {
  readonly kind: 'commit' | 'rollback';
  readonly session?: string;
}

export interface CloseJob {
  readonly kind: 'close';
  readonly session: string;
}

export type Job = TraversalJob | TransactionJob | CloseJob;

const MAX_TIMER_MS = 2 ** 31 - 1;

const OPS: Record<string, readonly string[]> = {
  '': ['eval'],
  traversal: ['bytecode'],
  session: ['eval', 'bytecode', 'close'],
};

export function jobOf(request: RequestMessage, settings: Settings, receivedAt: number): Job {
  const { op, processor, args } = request;
  const ops = Object.hasOwn(OPS, processor) ? OPS[processor] : undefined;
  if (!ops) throw invalidArguments(`Invalid OpProcessor requested [${processor}]`);
  if (!ops.includes(op)) {
    const hint = op === 'authentication' ? ' (this server authenticates with SigV4 on the WebSocket upgrade, not SASL)' : '';
    throw malformedRequest(`Message with op code [${op}] is not recognized${processor ? ` by the [${processor}] processor` : ''}.${hint}`);
  }
  const session = processor === 'session' ? sessionArg(args) : undefined;
  if (op === 'close') return { kind: 'close', session: session! };

  const aliases = aliasesArg(args);
  const batchSize = positiveInteger(args, 'batchSize') ?? settings.batchSize;
  const materialize = materializeArg(args, settings.materializeProperties);
  let bytecode: gremlin.process.Bytecode;
  let source = 'g';
  let terminal: TerminalMethod | undefined;
  if (op === 'bytecode') {
    if (!(args.gremlin instanceof gremlin.process.Bytecode)) {
      throw invalidArguments('A message with an [bytecode] op code requires the [gremlin] argument to be Bytecode.');
    }
    bytecode = args.gremlin;
  } else {
    if (typeof args.gremlin !== 'string') throw invalidArguments('A message with an [eval] op code requires the [gremlin] argument to be a script.');
    const bindings = args.bindings ?? {};
    if (bindings === null || typeof bindings !== 'object' || bindings instanceof Map || Array.isArray(bindings)) {
      throw invalidArguments('The [bindings] argument must be a map of names to values.');
    }
    const parsed = parseTraversal(args.gremlin, bindings as Record<string, unknown>);
    ({ bytecode, source, terminal } = parsed);
  }

  const graphOp = transactionAction(bytecode);
  if (graphOp) return { kind: graphOp, session };

  const graphName = Object.hasOwn(aliases, source) ? aliases[source] : source;
  const graph = Object.hasOwn(settings.graphs, graphName) ? settings.graphs[graphName] : undefined;
  if (!graph) {
    throw invalidArguments(
      `The traversal source [${graphName}] for alias [${source}] is not configured on the server; available: ${Object.keys(settings.graphs).join(', ')}.`,
    );
  }
  // Deadlines arm timers (lock waits, stalled sends), which fire at once past 2^31-1 ms; that is 24 days anyway.
  const timeout = Math.min(optionsTimeout(bytecode) ?? timeoutArg(args) ?? settings.evaluationTimeoutMs, MAX_TIMER_MS);
  return {
    kind: 'traversal',
    graph,
    bytecode,
    results: op === 'bytecode' ? 'traversers' : 'values',
    terminal,
    session,
    deadline: timeout > 0 ? receivedAt + timeout : undefined,
    batchSize,
    materialize,
  };
}

/** `g.tx().commit()`/`rollback()` travel as bytecode with one `tx` source instruction (Bytecode.GraphOp). */
function transactionAction(bytecode: gremlin.process.Bytecode): 'commit' | 'rollback' | undefined {
  const [first] = bytecode.sourceInstructions;
  if (bytecode.stepInstructions.length > 0 || bytecode.sourceInstructions.length !== 1 || first[0] !== 'tx') return undefined;
  if (first[1] === 'commit' || first[1] === 'rollback') return first[1];
  throw invalidArguments(`tx() supports commit and rollback, not [${String(first[1])}]`);
}

function sessionArg(args: Readonly<Record<string, unknown>>): string {
  const session = args.session;
  if (typeof session !== 'string' || session === '') {
    throw invalidArguments('A message for the [session] processor requires a [session] argument naming the session.');
  }
  return session;
}

function aliasesArg(args: Readonly<Record<string, unknown>>): Record<string, string> {
  const aliases = args.aliases;
  if (aliases === undefined) return {};
  if (aliases === null || typeof aliases !== 'object' || aliases instanceof Map || Array.isArray(aliases)) {
    throw invalidArguments('The [aliases] argument must be a map of traversal source names, e.g. {g: "gmodern"}.');
  }
  for (const [name, target] of Object.entries(aliases)) {
    if (typeof target !== 'string') throw invalidArguments(`The alias [${name}] must name a traversal source with a string.`);
  }
  return aliases as Record<string, string>;
}

function materializeArg(args: Readonly<Record<string, unknown>>, server: MaterializeProperties): MaterializeProperties {
  const value = args.materializeProperties;
  if (value === undefined) return server;
  if (value !== 'tokens' && value !== 'all') throw invalidArguments('The [materializeProperties] argument must be "tokens" or "all".');
  // Like Neptune, a server that returns references does not let a request ask for more.
  return server === 'tokens' ? 'tokens' : value;
}

function timeoutArg(args: Readonly<Record<string, unknown>>): number | undefined {
  return nonNegativeInteger(args, 'evaluationTimeout') ?? nonNegativeInteger(args, 'scriptEvaluationTimeout');
}

/** `g.with('evaluationTimeout', ms)` in a script ends up in an OptionsStrategy of the bytecode itself. */
function optionsTimeout(bytecode: gremlin.process.Bytecode): number | undefined {
  for (const [name, ...strategies] of bytecode.sourceInstructions) {
    if (name !== 'withStrategies') continue;
    for (const s of strategies as Array<{ fqcn?: string; configuration?: Record<string, unknown> }>) {
      if (!s?.fqcn?.endsWith('.OptionsStrategy') || !s.configuration) continue;
      const timeout = timeoutArg(s.configuration);
      if (timeout !== undefined) return timeout;
    }
  }
  return undefined;
}

function nonNegativeInteger(args: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = typeof args[name] === 'bigint' ? Number(args[name]) : args[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidArguments(`The [${name}] argument must be a non-negative integer (milliseconds), not ${JSON.stringify(String(value))}.`);
  }
  return value;
}

function positiveInteger(args: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = nonNegativeInteger(args, name);
  if (value === 0) throw invalidArguments(`The [${name}] argument must be a positive integer.`);
  return value;
}
