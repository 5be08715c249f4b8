import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GRAPHSON3_MIME,
  GRAPHSON3_UNTYPED_MIME,
  graphSON3Untyped,
  serializerFor,
  type MaterializeProperties,
  type MessageSerializer,
  type ResponseMessage,
} from '../io';
import { readGraphSON, type Json } from '../io/graphson/reader';
import { runJob, type ServerState } from './dispatch';
import { failureOf, invalidArguments, malformedRequest } from './errors';
import { Cancelled, type Channel, type Frame } from './execute';
import { jobOf } from './requests';
import type { NeptuneErrorBody, UpgradeRequest } from './sigv4';

/**
 * Neptune's HTTP interface for Gremlin, as curl and awscurl use it: `POST /gremlin` with a JSON body
 * `{"gremlin": "...", "bindings": {...}}`, or `GET /gremlin?gremlin=...` (also at `/`, where Neptune's own
 * GET example sends it). A request is the WebSocket `eval` op without a session: the same checks, parser,
 * lock, deadline and rollback. The answer is Gremlin Server's HTTP body, the whole result at once in GraphSON 3:
 * `{"requestId", "status": {"message", "code": 200, "attributes"}, "result": {"data", "meta"}}`. Failures
 * are Neptune's `{"requestId", "code", "detailedMessage"}` with the HTTP status Neptune's error table gives
 * the code.
 */

/** Neptune's own cap is 150 MiB; a Gremlin script worth sending to an in-memory graph is far smaller. */
export const HTTP_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

const GREMLIN_PATHS = new Set(['/gremlin', '/']);

export function isGremlinHttpPath(path: string): boolean {
  return GREMLIN_PATHS.has(path);
}

/** Neptune's error table; codes not listed are client errors, 400. */
const HTTP_STATUS: Readonly<Record<string, number>> = {
  AccessDeniedException: 403,
  MethodNotAllowedException: 405,
  ConcurrentModificationException: 500,
  InternalFailureException: 500,
  MemoryLimitExceededException: 500,
  TimeLimitExceededException: 500,
};

/** A refusal decided before the request reaches the Gremlin path, with Neptune's code for it. */
class HttpRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Answers the Gremlin HTTP requests; `refusal` is the SigV4 check, which passes everything when IAM is off. */
export class HttpGremlinEndpoint {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly state: ServerState,
    private readonly refusal: (req: UpgradeRequest) => NeptuneErrorBody | undefined,
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const work = this.answer(req, res);
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Resolves when the requests under way have ended (they stop at their next batch once their socket closes). */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    const log = this.state.log.child({ requestId, http: `${req.method} ${req.url?.split('?')[0]}`, remote: req.socket.remoteAddress });
    try {
      const body = await readBody(req);
      if (!body) throw new HttpRefusal('BadRequestException', `Request size exceeds max allowed value of ${HTTP_BODY_LIMIT_BYTES} bytes.`);
      const refused = this.refusal({ method: req.method, url: req.url, headers: req.headers, body });
      if (refused) return sendJson(res, 403, { ...refused, requestId });
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw new HttpRefusal('MethodNotAllowedException', `Method ${req.method} is not allowed on ${req.url?.split('?')[0]}; send GET ?gremlin=... or POST {"gremlin": ...}.`, {
          Allow: 'GET, POST',
        });
      }
      const format = negotiate(req.headers.accept);
      const args = req.method === 'POST' ? postArgs(body) : getArgs(req.url ?? '/');
      const job = jobOf({ requestId, op: 'eval', processor: '', args }, this.state, started);
      const channel = new HttpChannel(res, format);
      await runJob(job, requestId, channel, this.state, this);
      log.debug({ ms: Date.now() - started }, 'http request done');
    } catch (err) {
      if (err instanceof Cancelled) {
        log.debug('http request abandoned: connection closed');
        return;
      }
      const { code, detailedMessage } = err instanceof HttpRefusal ? { code: err.code, detailedMessage: err.message } : failureOf(err);
      const status = HTTP_STATUS[code] ?? 400;
      log[status >= 500 ? 'error' : 'info']({ status, code, detail: detailedMessage }, 'http request failed');
      if (!res.headersSent && !res.destroyed) sendJson(res, status, { requestId, code, detailedMessage }, err instanceof HttpRefusal ? err.headers : {});
    }
  }
}

/**
 * The whole body, or undefined past the cap. What comes after the cap is read and dropped, not kept, so
 * that the client gets its answer instead of a connection reset in the middle of its upload.
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= HTTP_BODY_LIMIT_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(size > HTTP_BODY_LIMIT_BYTES ? undefined : Buffer.concat(chunks)));
    // A client that leaves mid-upload ('aborted') is waiting for nothing.
    req.on('error', () => reject(new Cancelled('the client left during the upload')));
  });
}

/** The request arguments of a POST body, as the eval op takes them; jobOf checks their types. */
function postArgs(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw new HttpRefusal('MissingParameterException', 'The request body is empty; send a JSON object such as {"gremlin": "g.V().limit(1)"}.');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw malformedRequest(`The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw malformedRequest('The request body must be a JSON object such as {"gremlin": "g.V().limit(1)"}.');
  }
  const { gremlin, bindings, aliases } = json as Record<string, unknown>;
  if (gremlin === undefined) throw missingGremlin();
  return { gremlin, bindings: bindingValues(bindings), aliases };
}

function getArgs(url: string): Record<string, unknown> {
  const gremlin = new URL(url, 'http://localhost').searchParams.get('gremlin');
  if (gremlin === null) throw missingGremlin();
  return { gremlin };
}

const missingGremlin = () =>
  new HttpRefusal(
    'MissingParameterException',
    'Missing the required parameter [gremlin], the Gremlin query text: GET /gremlin?gremlin=g.V().limit(1) or POST /gremlin {"gremlin": "g.V().limit(1)"}.',
  );

/** Binding values are GraphSON, as in a GraphSON request (plain JSON reads as itself, objects as maps). */
function bindingValues(bindings: unknown): unknown {
  if (bindings === null || typeof bindings !== 'object' || Array.isArray(bindings)) return bindings;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(bindings as Record<string, Json>)) {
    try {
      values[name] = readGraphSON(value);
    } catch (err) {
      throw invalidArguments(`The binding [${name}] could not be read: ${(err as Error).message}`);
    }
  }
  return values;
}

/** What an answer is written in, and the Content-Type it is sent with. */
interface ResponseFormat {
  readonly contentType: string;
  readonly serializer: MessageSerializer;
}

/**
 * The response format for an Accept header, as Gremlin Server picks a serializer: the acceptable type of
 * highest quality that it serves, `application/json` for anything (and for no header). `application/json` is
 * typed GraphSON 3, which is what Neptune answers curl with; `types=false` asks for it untyped.
 */
function negotiate(accept: string | undefined): ResponseFormat {
  const typed = serializerFor(GRAPHSON3_MIME)!;
  if (accept === undefined || accept.trim() === '') return { contentType: 'application/json', serializer: typed };
  const ranked = accept
    .split(',')
    .map((entry, index) => {
      const [type, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, untyped: params.includes('types=false'), quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((e) => e.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { type, untyped } of ranked) {
    if (type === GRAPHSON3_MIME) return untyped ? { contentType: GRAPHSON3_UNTYPED_MIME, serializer: graphSON3Untyped } : { contentType: GRAPHSON3_MIME, serializer: typed };
    if (type === '*/*' || type === 'application/*' || type === 'application/json') return { contentType: 'application/json', serializer: typed };
  }
  throw new HttpRefusal(
    'BadRequestException',
    `No serializer for the requested Accept header: ${accept}; this server answers application/json or ${GRAPHSON3_MIME} (typed GraphSON 3), or ${GRAPHSON3_UNTYPED_MIME}.`,
  );
}

/** A JSON answer: /status, refusals, and Neptune error bodies. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * One HTTP response. runTraversal hands over results in batches; HTTP has no partial frames, so batches are
 * collected (encoding one to nothing to send) and the last encodes the whole result, before a write commits,
 * so a value without a wire form still rolls the write back. The status is 200 even for no results, as
 * Gremlin Server answers over HTTP.
 */
class HttpChannel implements Channel {
  private readonly results: unknown[] = [];
  private gone = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly format: ResponseFormat,
  ) {
    res.on('close', () => (this.gone = !res.writableFinished));
  }

  get closed(): boolean {
    return this.gone;
  }

  encode(message: ResponseMessage, materialize: MaterializeProperties): Frame {
    for (const value of message.data ?? []) this.results.push(value);
    if (message.status.code === 206) return '';
    const whole: ResponseMessage = { ...message, status: { ...message.status, code: 200 }, data: this.results };
    return this.format.serializer.encodeResponse(whole, materialize);
  }

  drop(): void {
    this.res.destroy();
  }

  write(frame: Frame, deadline?: number): Promise<void> {
    if (frame.length === 0 || this.gone) return Promise.resolve();
    return new Promise((resolve) => {
      // A client that does not take its answer by the deadline is not reading; it must not hold anything up.
      const stalled = deadline === undefined ? undefined : setTimeout(() => this.res.destroy(), Math.max(0, deadline - Date.now()));
      const done = () => {
        clearTimeout(stalled);
        resolve();
      };
      this.res.once('finish', done).once('close', done);
      this.res.writeHead(200, { 'Content-Type': this.format.contentType, 'Content-Length': Buffer.byteLength(frame) });
      this.res.end(frame);
    });
  }
}
