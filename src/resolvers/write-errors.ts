import { GraphQLError } from 'graphql';
import { gatewayError } from '../errors';
import type { RequestContext } from '../request/context';
import { FetchElements } from '../operations/read/fetch-elements';
import type { VertexRecord } from '../operations/records';
import type { WriteEnd } from '../planner/mutations';
import { isRefusal } from '../security/policy';

/**
 * Errors of failed writes, generic and typed. A write is one traversal, so the backend applies all of it or none
 * of it; when it fails, a read afterwards works out which ids were at fault, so the error names them. That read
 * only happens on failure, and if it fails too the original error stands.
 */

/** A create traversal always yields what it created; no result would be a backend bug, not the user's. */
export function written<T>(record: T | undefined): T {
  if (record === undefined) throw gatewayError('INTERNAL_SERVER_ERROR', 'The graph backend returned nothing for a write');
  return record;
}

/** A CONFLICT from creating vertices with these ids, naming the ids that are taken. */
export async function explainConflict(err: unknown, context: RequestContext, ids: readonly string[]): Promise<unknown> {
  if (!(err instanceof GraphQLError) || err.extensions.code !== 'CONFLICT') return err;
  const taken = [...((await existing(context, ids))?.keys() ?? [])];
  if (taken.length === 0) return err;
  return gatewayError('CONFLICT', `A vertex already exists with id ${taken.map((id) => `"${id}"`).join(', ')}`, { ids: taken });
}

/**
 * NOT_FOUND naming the first end that does not exist or, given `labels` (the end's own, else `expected`'s),
 * has none of them. `noun` names what was expected (`Vertex`, a typed type's name); `outcome` says what the
 * write did instead. One lookup of every end, however many there are.
 */
export async function explainMissingEnds(
  err: unknown,
  context: RequestContext,
  ends: readonly WriteEnd[],
  expected: { readonly noun: string; readonly labels?: readonly string[]; readonly outcome: string },
): Promise<unknown> {
  // A write the rules refused was never sent: there is nothing to explain, and a lookup would cost a request.
  if (isRefusal(err)) return err;
  const found = await existing(context, ends.map((e) => e.id));
  if (!found) return err;
  const missing = ends.find((e) => {
    const vertex = found.get(e.id);
    const labels = e.labels ?? expected.labels;
    return !vertex || (labels !== undefined && !labels.includes(vertex.label));
  });
  if (!missing) return err;
  return gatewayError('NOT_FOUND', `${missing.noun ?? expected.noun} "${missing.id}" (${missing.argument}) does not exist; ${expected.outcome}`, {
    argument: missing.argument,
  });
}

async function existing(context: RequestContext, ids: readonly string[]): Promise<Map<string, VertexRecord> | undefined> {
  if (ids.length === 0) return new Map();
  return context.run(new FetchElements<VertexRecord>([...new Set(ids)], { element: 'vertex', keys: [] })).catch(() => undefined);
}
