import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HttpRefusal } from './http';

/**
 * Trusted documents: with a manifest configured, the gateway runs only the operations it lists. A client sends
 * the document's id (`documentId`, as GraphQL Code Generator's client preset does, or Apollo's
 * `extensions.persistedQuery.sha256Hash`) or the document text itself; anything else is refused before it is
 * parsed, so it costs no planning and no Gremlin request.
 */
export interface TrustedDocuments {
  /** The document for an id, or for a text whose SHA-256 matches a listed document's. */
  find(request: { id?: string; query?: string }): string | undefined;
  readonly size: number;
}

const codegenManifest = z.record(z.string().min(1), z.string().min(1));
const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().min(1), body: z.string().min(1) }).passthrough()),
});

export class TrustedDocumentsError extends Error {
  override readonly name = 'TrustedDocumentsError';
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TrustedDocumentsError(`NEREID_TRUSTED_DOCUMENTS: cannot read ${file}: ${(err as Error).message}`);
  }
  const entries: [string, string][] = [];
  const apollo = apolloManifest.safeParse(json);
  if (apollo.success) {
    for (const op of apollo.data.operations) entries.push([op.id, op.body]);
  } else if (json !== null && typeof json === 'object' && 'format' in json) {
    throw new TrustedDocumentsError(`NEREID_TRUSTED_DOCUMENTS: ${file}: not an Apollo persisted query manifest: ${z.prettifyError(apollo.error).replace(/\n/g, '; ')}`);
  } else {
    const codegen = codegenManifest.safeParse(json);
    if (!codegen.success) throw new TrustedDocumentsError(`NEREID_TRUSTED_DOCUMENTS: ${file}: expected {"<hash>": "<document>", ...} or an Apollo persisted query manifest: ${z.prettifyError(codegen.error).replace(/\n/g, '; ')}`);
    entries.push(...Object.entries(codegen.data));
  }
  const byId = new Map<string, string>();
  const byTextHash = new Map<string, string>();
  for (const [id, body] of entries) {
    byId.set(id, body);
    byTextHash.set(sha256(body), body);
  }
  return {
    size: byId.size,
    find({ id, query }) {
      if (id !== undefined) return byId.get(id) ?? byId.get(id.replace(/^sha256:/, ''));
      if (query !== undefined) return byTextHash.get(sha256(query));
      return undefined;
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A GraphQL request's parameters as sent: the query string's for a GET, the JSON body's for a POST. */
export interface GraphQLParams {
  readonly get: boolean;
  readonly search: URLSearchParams;
  readonly body: unknown;
}

/**
 * Replaces an id by its document, or refuses the request (an HttpRefusal); runs after the body is parsed and
 * before Apollo. A GET asking nothing (the landing page) passes as it is.
 */
export function trustedDocumentsOnly(documents: TrustedDocuments): (request: GraphQLParams) => GraphQLParams {
  return (request) => {
    const { get, search } = request;
    if (get && !search.has('query') && !search.has('documentId') && !search.has('extensions')) return request;
    const params = (get ? Object.fromEntries(search) : (request.body ?? {})) as Record<string, unknown>;
    const extensions = typeof params.extensions === 'string' ? parseJson(params.extensions) : params.extensions;
    const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    const id = typeof params.documentId === 'string' ? params.documentId : typeof persisted === 'string' ? persisted : undefined;
    const query = typeof params.query === 'string' ? params.query : undefined;
    const document = documents.find(id !== undefined ? { id } : { query });
    if (document === undefined) {
      throw new HttpRefusal(400, 'PERSISTED_QUERY_NOT_IN_LIST', 'This operation is not in the trusted documents list; only the operations the deployment lists are served');
    }
    const rest: Record<string, unknown> = { ...params, query: document };
    delete rest.documentId;
    // Apollo would otherwise treat the hash as an automatic persisted query and look it up in its own cache.
    if (extensions && typeof extensions === 'object') {
      const { persistedQuery: _persisted, ...others } = extensions as Record<string, unknown>;
      rest.extensions = get ? JSON.stringify(others) : others;
    }
    if (!get) return { get, search, body: rest };
    const rewritten = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) rewritten.set(key, String(value));
    return { get, search: rewritten, body: request.body };
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
