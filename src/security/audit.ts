import { GraphQLError } from 'graphql';
import { logger } from '../logger';
import type { Principal } from './authenticate';

export const auditLog = logger.child({ component: 'audit' });

export interface AuditEntry {
  principal: Principal;
  requestId: string;
  /** The operation as printed (its node tree with the ids and labels it writes), or the raw Gremlin text. */
  what: string;
  outcome: 'written' | 'refused' | 'failed' | 'read';
  error?: unknown;
  /** How many results the traversal returned. */
  results?: number;
}

/**
 * One structured line per write and per raw-Gremlin call, at info level even when the outcome is a refusal:
 * who (the token's subject), what, the outcome and its error code, and the request id to join with other logs.
 */
export function audit(entry: AuditEntry): void {
  const code = entry.error instanceof GraphQLError ? entry.error.extensions.code : entry.error === undefined ? undefined : 'INTERNAL_SERVER_ERROR';
  auditLog.info(
    {
      audit: true,
      sub: entry.principal.subject ?? null,
      authenticated: entry.principal.authenticated,
      requestId: entry.requestId,
      what: entry.what,
      outcome: entry.outcome,
      ...(code === undefined ? {} : { code }),
      ...(entry.results === undefined ? {} : { results: entry.results }),
    },
    'audit',
  );
}
