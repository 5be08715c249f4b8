import gremlin from 'gremlin';
import { parseTraversal } from '../src/embedded/language';
import { printBytecode } from '../src/gremlin/print';
import { matches, multisetMatches, sequenceMatches } from './compare';
import { describe } from './describe';
import { Path, Traverser } from './driver';
import { parseNotation, type Notation } from './notation';
import { toDriverPredicate, toDriverValue, type GraphIndex } from './resolve';
import type { Assertion, Scenario } from './scenario';
import { datasetAlias, type ServerHost } from './server-host';
import { skipReason } from './skips';

export type Outcome =
  | { readonly status: 'passed' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string; readonly expected?: string; readonly actual?: string; readonly timedOut?: boolean }
  /** Cut short by a server restart (its own stall or another scenario's); to be run again on its own. */
  | { readonly status: 'interrupted'; readonly reason: string };

export interface Environment {
  readonly host: ServerHost;
  /** The current driver client; replaced after a server restart. */
  client(): gremlin.driver.Client;
  /** Scratch graph aliases, one scenario at a time each. */
  readonly scratch: Pool;
  /** Server-side evaluation timeout; the runner waits a little longer before suspecting a stall. */
  readonly timeoutMs: number;
}

/** An environment during one scenario, counting its requests that ran out of time. */
interface Running extends Environment {
  readonly timeouts: { count: number };
}

/** The server did not answer at all: a stall the host must check. */
class NoResponse extends Error {}

/**
 * Runs one scenario through the real driver: sends the initializer, then the traversal as bytecode (parsed
 * by our Gremlin parser with the parameters bound), then checks each assertion, running the count
 * traversals of `the graph should return` on the same graph. Read-only dataset scenarios share the loaded
 * graphs; empty-graph scenarios, and any that would write to a dataset, get a scratch graph of their own.
 */
export async function runScenario(scenario: Scenario, env: Environment): Promise<Outcome> {
  const skip = skipReason(scenario);
  if (skip) return { status: 'skipped', reason: skip };
  if (scenario.problems.length > 0) return { status: 'failed', reason: scenario.problems.join('; ') };
  const generation = env.host.generation;
  const target = await graphFor(scenario, env);
  const timeouts = { count: 0 };
  try {
    const outcome = await runOn(scenario, { ...env, timeouts }, target.alias, target.index);
    if (outcome.status !== 'failed') return outcome;
    if (env.host.generation !== generation) return { status: 'interrupted', reason: 'the server was restarted meanwhile' };
    return timeouts.count > 0 ? { ...outcome, timedOut: true } : outcome;
  } catch (err) {
    if (err instanceof NoResponse || env.host.generation !== generation) return { status: 'interrupted', reason: (err as Error).message };
    return { status: 'failed', reason: `runner error: ${(err as Error).stack ?? String(err)}` };
  } finally {
    target.release();
  }
}

async function runOn(scenario: Scenario, env: Running, alias: string, initialIndex: GraphIndex): Promise<Outcome> {
  let index = initialIndex;
  if (scenario.initializer !== undefined) {
    const init = await send(env, scenario.initializer, {}, alias);
    if (init.error) return { status: 'failed', reason: `the graph initializer failed: ${init.error.message}` };
    index = await env.host.index(alias);
  }
  let bindings: Record<string, unknown>;
  try {
    bindings = bind(scenario, index);
  } catch (err) {
    return { status: 'failed', reason: `parameters: ${(err as Error).message}` };
  }
  const result = await send(env, scenario.traversal!, bindings, alias);
  for (const assertion of scenario.assertions) {
    const failure = await check(assertion, result, scenario, { env, alias, index, bindings });
    if (failure) return { status: 'failed', ...failure };
  }
  return { status: 'passed' };
}

interface Target {
  readonly alias: string;
  readonly index: GraphIndex;
  release(): void;
}

async function graphFor(scenario: Scenario, env: Environment): Promise<Target> {
  const dataset = scenario.graph === 'empty' ? undefined : scenario.graph!;
  if (dataset !== undefined && !writes(scenario)) {
    const alias = datasetAlias(dataset);
    const index = env.host.indexes[alias];
    if (!index) throw new Error(`dataset ${dataset} is not loaded`);
    return { alias, index, release: () => {} };
  }
  const alias = await env.scratch.take();
  try {
    return { alias, index: await env.host.reset(alias, dataset), release: () => env.scratch.give(alias) };
  } catch (err) {
    env.scratch.give(alias);
    throw err;
  }
}

/** A traversal that could change a shared dataset runs on a private copy (e.g. ReadOnlyStrategy tests). */
function writes(scenario: Scenario): boolean {
  const texts = [scenario.traversal, ...scenario.assertions.map((a) => (a.kind === 'graphCount' ? a.traversal : undefined))];
  return texts.some((t) => t !== undefined && /\b(addV|addE|mergeV|mergeE|drop|property)\s*\(/.test(t.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""')));
}

function bind(scenario: Scenario, index: GraphIndex): Record<string, unknown> {
  const bindings: Record<string, unknown> = {};
  for (const p of scenario.parameters) {
    const value = toDriverValue(parseNotation(p.value), index);
    bindings[p.name] = p.predicate ? toDriverPredicate(p.predicate, value) : value;
  }
  return bindings;
}

interface Result {
  /** Traverser objects, bulk expanded. */
  readonly values?: unknown[];
  readonly error?: Error;
  readonly text: string;
}

/**
 * Parses Gremlin text to bytecode (parameters bound) and submits it; a parse error is the traversal's error,
 * as on a server. Bytecode goes with the `bytecode` op, except bytecode holding a Set: the 3.7 driver cannot
 * serialize one (GraphBinary writes a JS Set as an empty map, GraphSON's set serializer takes only arrays),
 * so that bytecode is printed back to Gremlin text, the set as a set literal, and sent with the `eval` op,
 * for the server's parser to rebuild the same bytecode.
 */
async function send(env: Running, text: string, bindings: Record<string, unknown>, alias: string): Promise<Result> {
  let parsed: ReturnType<typeof parseTraversal>;
  try {
    parsed = parseTraversal(text, bindings);
  } catch (err) {
    return { error: err as Error, text };
  }
  // The 3.7 driver merges request options into the request's args, so `aliases` picks the graph per request
  // over one connection; @types/gremlin declares neither that nor optional members.
  const options = { aliases: { [parsed.source]: alias }, evaluationTimeout: env.timeoutMs } as unknown as gremlin.driver.RequestOptions;
  const request = holdsSet(parsed.bytecode) ? printBytecode(parsed.bytecode, parsed.source) : parsed.bytecode;
  const submitted = env.client().submit(request, null, options) as Promise<gremlin.driver.ResultSet>;
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoResponse(`no response within ${env.timeoutMs + GRACE_MS} ms`)), env.timeoutMs + GRACE_MS);
  });
  try {
    const resultSet = await Promise.race([submitted, silence]);
    return { values: expand(resultSet.toArray()), text };
  } catch (err) {
    if (err instanceof NoResponse) throw err;
    if (isTimeout(err)) env.timeouts.count++;
    return { error: err as Error, text };
  } finally {
    clearTimeout(timer);
    submitted.catch(() => {});
  }
}

const GRACE_MS = 5000;

function holdsSet(value: unknown): boolean {
  if (value instanceof Set) return true;
  if (value instanceof gremlin.process.Bytecode) return [...value.sourceInstructions, ...value.stepInstructions].some(holdsSet);
  if (Array.isArray(value)) return value.some(holdsSet);
  if (value instanceof Map) return [...value].some(([k, v]) => holdsSet(k) || holdsSet(v));
  if (value instanceof gremlin.process.P || value instanceof gremlin.process.TextP) return holdsSet(value.value) || holdsSet(value.other);
  // Strategies: their options (SubgraphStrategy's traversals, PartitionStrategy's partitions).
  const options = (value as { configuration?: unknown } | null)?.configuration;
  return typeof options === 'object' && options !== null && Object.values(options).some(holdsSet);
}

/** Gremlin Server's status for a traversal that ran out of time (Neptune: TimeLimitExceededException). */
const isTimeout = (err: unknown) => (err as { statusCode?: unknown }).statusCode === 598;

function expand(items: unknown[]): unknown[] {
  const values: unknown[] = [];
  for (const item of items) {
    if (item instanceof Traverser) {
      for (let i = 0; i < Number(item.bulk); i++) values.push(item.object);
    } else {
      values.push(item);
    }
  }
  return values;
}

interface Context {
  readonly env: Running;
  readonly alias: string;
  readonly index: GraphIndex;
  readonly bindings: Record<string, unknown>;
}

type Failure = { reason: string; expected?: string; actual?: string };

async function check(assertion: Assertion, result: Result, scenario: Scenario, ctx: Context): Promise<Failure | undefined> {
  if (assertion.kind === 'error') return checkError(assertion, result);
  if (result.error) return { reason: 'the traversal failed', actual: `error: ${errorText(result.error)}` };
  const values = result.values!;
  const next = scenario.iteration === 'next';
  // `iterated next` looks at the first result, itself a collection (a fold, a cap) or a path.
  const value = next ? values[0] : values;
  const items = next ? asItems(value) : values;
  switch (assertion.kind) {
    case 'empty':
      return items.length === 0 ? undefined : { reason: 'expected no results', actual: describe(items) };
    case 'count': {
      const count = next && value instanceof Map ? value.size : items.length;
      return count === assertion.count ? undefined : { reason: `expected ${assertion.count} results, got ${count}`, actual: describe(items) };
    }
    case 'unordered':
    case 'ordered':
    case 'of': {
      const rows = assertion.rows.map(parseNotation);
      const ok = compareRows(assertion.kind, rows, items, ctx.index);
      return ok ? undefined : { reason: `results differ (${assertion.kind})`, expected: `[${assertion.rows.join(', ')}]`, actual: describe(items) };
    }
    case 'graphCount': {
      const counted = await send(ctx.env, assertion.traversal, ctx.bindings, ctx.alias);
      if (counted.error) return { reason: `the count traversal ${assertion.traversal} failed: ${errorText(counted.error)}` };
      const count = counted.values!.length;
      return count === assertion.count ? undefined : { reason: `${assertion.traversal} returned ${count} results, expected ${assertion.count}` };
    }
  }
}

function compareRows(kind: 'unordered' | 'ordered' | 'of', rows: Notation[], items: unknown[], index: GraphIndex): boolean {
  if (kind === 'ordered') return sequenceMatches(rows, items, index);
  if (kind === 'unordered') return multisetMatches(rows, items, index);
  // `of`: every result is one of the rows (rows may repeat or go unused).
  return items.every((item) => rows.some((row) => matches(row, item, index)));
}

function asItems(value: unknown): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (value instanceof Path) return value.objects;
  return [value];
}

function checkError(assertion: Extract<Assertion, { kind: 'error' }>, result: Result): Failure | undefined {
  if (!result.error) return { reason: 'expected an error', actual: describe(result.values) };
  if (!assertion.comparison || assertion.text === undefined) return undefined;
  const want = assertion.text;
  const texts = [result.error.message, errorText(result.error)];
  const ok = texts.some((t) =>
    assertion.comparison === 'containing' ? t.includes(want) : assertion.comparison === 'starting' ? t.startsWith(want) : t.endsWith(want),
  );
  return ok ? undefined : { reason: `expected an error message ${assertion.comparison} "${want}"`, actual: `error: ${errorText(result.error)}` };
}

/** The server's words: Neptune-style errors carry them as `detailedMessage` in a JSON status message. */
function errorText(err: Error): string {
  const statusMessage = (err as { statusMessage?: unknown }).statusMessage;
  if (typeof statusMessage === 'string') {
    try {
      const body = JSON.parse(statusMessage) as { detailedMessage?: unknown };
      if (typeof body.detailedMessage === 'string') return body.detailedMessage;
    } catch {
      return statusMessage;
    }
    return statusMessage;
  }
  return err.message;
}

/** A fixed set of resources handed out one holder at a time, waiters served in order. */
export class Pool {
  private readonly free: string[];
  private readonly waiting: ((alias: string) => void)[] = [];

  constructor(aliases: readonly string[]) {
    this.free = [...aliases];
  }

  take(): Promise<string> {
    const alias = this.free.shift();
    if (alias !== undefined) return Promise.resolve(alias);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(alias: string): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(alias);
    else this.free.push(alias);
  }
}
