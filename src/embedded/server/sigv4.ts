import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import aws4 from 'aws4';

/**
 * SigV4 verification of a request (the WebSocket upgrade, or an HTTP query with its body), as Neptune does it
 * when IAM DB authentication is on. Only the header form of SigV4 is accepted (that is what every Gremlin
 * client, awscurl and the AWS SDKs send).
 * Refusals carry the messages AWS services give for the same faults, so clients see what they would
 * see against Neptune.
 */

export interface SigV4Credential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, the request must carry this X-Amz-Security-Token (temporary credentials). */
  readonly sessionToken?: string;
}

export type CredentialLookup = (accessKeyId: string) => SigV4Credential | undefined;

export interface VerifyOptions {
  readonly region: string;
  /** Defaults to `neptune-db`. */
  readonly service?: string;
  readonly credentials: readonly SigV4Credential[] | CredentialLookup;
  /** How far X-Amz-Date may be from now, either way; AWS allows 5 minutes. */
  readonly maxSkewMs?: number;
  readonly now?: () => number;
}

export interface UpgradeRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The payload, which the signature covers through its SHA-256; none (an upgrade, a GET) is empty. */
  readonly body?: Buffer;
}

export type VerifyResult =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly status: 403; readonly code: 'AccessDeniedException'; readonly message: string };

const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function verifySigV4(req: UpgradeRequest, opts: VerifyOptions): VerifyResult {
  const service = opts.service ?? 'neptune-db';
  const now = opts.now?.() ?? Date.now();
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;

  const authorization = header(req, 'authorization');
  if (authorization === undefined) return deny('Missing Authentication Token');
  const auth = parseAuthorization(authorization);
  if (typeof auth === 'string') return deny(auth);

  const amzDate = header(req, 'x-amz-date');
  if (amzDate === undefined) {
    return deny("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return deny(`Invalid date format: ${amzDate}`);

  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = auth.credential.split('/');
  if (!accessKeyId || !scopeDate || !scopeRegion || !scopeService || terminator !== 'aws4_request') {
    return deny(`Authorization header's Credential is malformed: ${auth.credential}`);
  }
  if (scopeDate !== amzDate.slice(0, 8)) {
    return deny(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`,
    );
  }
  if (scopeRegion !== opts.region) return deny(`Credential should be scoped to a valid region, not '${scopeRegion}'.`);
  if (scopeService !== service) return deny(`Credential should be scoped to correct service: '${service}'.`);

  if (signedAt - now > maxSkewMs) {
    return deny(`Signature not yet current: ${amzDate} is still later than ${basicIso(now + maxSkewMs)}`);
  }
  if (now - signedAt > maxSkewMs) {
    return deny(`Signature expired: ${amzDate} is now earlier than ${basicIso(now - maxSkewMs)}`);
  }

  for (const required of ['host', 'x-amz-date']) {
    if (!auth.signedHeaders.includes(required)) {
      return deny(`'${required}' must be a signed header.`);
    }
  }
  const signedHeaderValues: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(req, name);
    if (value === undefined) return deny(`Signed header '${name}' is missing from the request.`);
    signedHeaderValues[name] = value;
  }

  const credential = lookup(opts.credentials, accessKeyId);
  if (!credential) return deny('The security token included in the request is invalid.');
  if (credential.sessionToken !== undefined) {
    const token = header(req, 'x-amz-security-token');
    if (token === undefined || !constantTimeEqual(token, credential.sessionToken)) {
      return deny('The security token included in the request is invalid.');
    }
  }

  const payloadHash = createHash('sha256').update(req.body ?? Buffer.alloc(0)).digest('hex');
  const claimedHash = signedHeaderValues['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== payloadHash) {
    return deny("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const expected = expectedSignature(req, signedHeaderValues, payloadHash, credential, scopeRegion, service);
  if (!constantTimeEqual(expected, auth.signature)) {
    return deny(
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, accessKeyId };
}

/** The JSON body Neptune answers a refused request with (Content-Type `application/x-amz-json-1.0`). */
export interface NeptuneErrorBody {
  readonly requestId: string;
  readonly code: string;
  readonly detailedMessage: string;
}

export function neptuneErrorBody(
  refusal: { readonly code: string; readonly message: string },
  requestId: string = randomUUID(),
): NeptuneErrorBody {
  return { requestId, code: refusal.code, detailedMessage: refusal.message };
}

function deny(message: string): VerifyResult {
  return { ok: false, status: 403, code: 'AccessDeniedException', message };
}

function header(req: UpgradeRequest, lowerName: string): string | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() !== lowerName || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(value: string): ParsedAuthorization | string {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) return `Unsupported Authorization Type: ${algorithm}`;
  const params = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = params.get('Credential');
  const signedHeaders = params.get('SignedHeaders');
  const signature = params.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    return "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.";
  }
  return { credential, signedHeaders: signedHeaders.split(';').map((h) => h.toLowerCase()), signature };
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const time = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  return new Date(time).getUTCDate() === d ? time : undefined;
}

function basicIso(time: number): string {
  return new Date(time).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

function lookup(credentials: VerifyOptions['credentials'], accessKeyId: string): SigV4Credential | undefined {
  if (typeof credentials === 'function') return credentials(accessKeyId);
  return credentials.find((c) => c.accessKeyId === accessKeyId);
}

/**
 * Recomputes the signature with aws4 over exactly the signed headers and the request's own X-Amz-Date
 * (aws4 reuses a supplied X-Amz-Date instead of the clock). `extraHeadersToInclude` keeps aws4 from
 * dropping headers it ignores by default (User-Agent, Connection...) should a client have signed them.
 * The payload goes in as its hash, in the header aws4 takes it from: given the body itself, aws4 would add
 * Content-Type and Content-Length headers of its own to what is signed. Unless the client signed that
 * header, it is left out of the signed headers.
 */
function expectedSignature(
  req: UpgradeRequest,
  signedHeaders: Record<string, string>,
  payloadHash: string,
  credential: SigV4Credential,
  region: string,
  service: string,
): string {
  const include: Record<string, boolean> = {};
  for (const name of Object.keys(signedHeaders)) include[name] = true;
  const signer = new aws4.RequestSigner(
    {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      host: signedHeaders.host,
      service,
      region,
      headers: { 'x-amz-content-sha256': payloadHash, ...signedHeaders },
      extraHeadersToInclude: include,
      extraHeadersToIgnore: include['x-amz-content-sha256'] ? {} : { 'x-amz-content-sha256': true },
    } as aws4.Request,
    { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  );
  // sign() first adopts the request's X-Amz-Date; signature() alone would read the clock.
  const authorization = String(signer.sign().headers?.Authorization ?? '');
  return /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; comparing against itself keeps the time independent of where they differ.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
