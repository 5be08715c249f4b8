import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import aws4 from 'aws4';
import type { EndpointConfig } from '../neptune/config';
import type { CredentialProvider } from '../neptune/credentials';
import { NEPTUNE_SERVICE, amzDate } from '../neptune/sigv4';

/**
 * A client of Neptune's bulk loader HTTP API (docs: "Neptune Loader Command", "Neptune Loader Get-Status
 * API"): `POST /loader` starts a job reading S3, `GET /loader/{loadId}` reports it, with
 * `details=true&errors=true&page=N&errorsPerPage=M` a page of its error log. Requests go to the writer's host
 * and port over HTTPS (HTTP for a `ws://` endpoint), signed with SigV4 like every Neptune request when IAM
 * auth is on.
 */
export interface LoaderTarget {
  readonly endpoint: EndpointConfig;
  /** SigV4 signing, with IAM auth; none otherwise. */
  readonly signing?: { readonly region: string; readonly credentials: CredentialProvider };
  readonly tls?: { readonly ca?: string; readonly rejectUnauthorized: boolean };
}

export interface LoaderJob {
  /** `s3://bucket/prefix`: every file under the prefix. */
  readonly source: string;
  readonly format: 'csv' | 'opencypher';
  readonly iamRoleArn: string;
  /** The S3 bucket's region, which must be the cluster's. */
  readonly region: string;
  readonly failOnError: boolean;
  readonly parallelism?: 'LOW' | 'MEDIUM' | 'HIGH' | 'OVERSUBSCRIBE';
}

/** `overallStatus` of a Get-Status answer (the figures Neptune reports; absent ones as 0). */
export interface LoaderStatus {
  readonly status: string;
  readonly totalRecords: number;
  readonly totalDuplicates: number;
  readonly parsingErrors: number;
  readonly datatypeMismatchErrors: number;
  readonly insertErrors: number;
  readonly totalTimeSpent: number;
}

export interface LoaderErrorEntry {
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly fileName: string;
  readonly recordNum: number;
}

/** Statuses after which the job does nothing more; LOAD_COMPLETED is the one success. */
const RUNNING = new Set(['LOAD_NOT_STARTED', 'LOAD_IN_QUEUE', 'LOAD_IN_PROGRESS']);

export const isFinished = (status: LoaderStatus) => !RUNNING.has(status.status);
export const errorCount = (s: LoaderStatus) => s.parsingErrors + s.datatypeMismatchErrors + s.insertErrors;

/** The loader answered with an error (its `code` and `detailedMessage`), or not as documented. */
export class LoaderError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class NeptuneLoader {
  constructor(private readonly target: LoaderTarget) {}

  /** Starts a job; returns its loadId. */
  async start(job: LoaderJob): Promise<string> {
    const body = {
      source: job.source,
      format: job.format,
      iamRoleArn: job.iamRoleArn,
      region: job.region,
      failOnError: job.failOnError ? 'TRUE' : 'FALSE',
      ...(job.parallelism ? { parallelism: job.parallelism } : {}),
    };
    const answer = (await this.call('POST', '/loader', body)) as { payload?: { loadId?: unknown } };
    const loadId = answer.payload?.loadId;
    if (typeof loadId !== 'string' || loadId === '') throw new LoaderError('the loader answered without a loadId', 'UnexpectedResponse');
    return loadId;
  }

  async status(loadId: string): Promise<LoaderStatus> {
    const answer = (await this.call('GET', `/loader/${encodeURIComponent(loadId)}`)) as { payload?: { overallStatus?: Partial<LoaderStatus> } };
    return statusOf(answer.payload?.overallStatus);
  }

  /** One page (1-based) of the job's error log, `perPage` entries at most (Neptune allows up to 500). */
  async errors(loadId: string, page: number, perPage: number): Promise<LoaderErrorEntry[]> {
    const query = `details=true&errors=true&page=${page}&errorsPerPage=${perPage}`;
    const answer = (await this.call('GET', `/loader/${encodeURIComponent(loadId)}?${query}`)) as {
      payload?: { errors?: { errorLogs?: Partial<LoaderErrorEntry>[] } };
    };
    return (answer.payload?.errors?.errorLogs ?? []).map((e) => ({
      errorCode: String(e.errorCode ?? ''),
      errorMessage: String(e.errorMessage ?? ''),
      fileName: String(e.fileName ?? ''),
      recordNum: Number(e.recordNum ?? 0),
    }));
  }

  private async call(method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    const { endpoint, signing, tls } = this.target;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let headers: Record<string, string> = payload === undefined ? {} : { 'Content-Type': 'application/json' };
    if (signing) {
      const credentials = await signing.credentials();
      const signed = aws4.sign(
        {
          method,
          host: `${endpoint.host}:${endpoint.port}`,
          path,
          service: NEPTUNE_SERVICE,
          region: signing.region,
          headers: { ...headers, 'X-Amz-Date': amzDate(new Date()) },
          body: payload,
        },
        credentials,
      );
      headers = Object.fromEntries(Object.entries(signed.headers ?? {}).map(([k, v]) => [k, String(v)]));
    }
    const send = endpoint.secure ? httpsRequest : httpRequest;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = send(
        { host: endpoint.host, port: endpoint.port, method, path, headers, ...(endpoint.secure ? { ca: tls?.ca, rejectUnauthorized: tls?.rejectUnauthorized ?? true } : {}) },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('error', (err) => reject(new LoaderError(`cannot reach the loader at ${endpoint.host}:${endpoint.port}: ${err.message}`, 'ConnectionError')));
      req.end(payload);
    });
    let json: { code?: string; detailedMessage?: string; message?: string } & Record<string, unknown>;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      throw new LoaderError(`the loader answered ${status} with a body that is not JSON`, 'UnexpectedResponse', status);
    }
    if (status < 200 || status >= 300) {
      const code = json.code ?? `HTTP ${status}`;
      throw new LoaderError(`${code}: ${json.detailedMessage ?? json.message ?? 'the loader refused the request'}`, code, status);
    }
    return json;
  }
}

function statusOf(raw: Partial<LoaderStatus> | undefined): LoaderStatus {
  if (!raw || typeof raw.status !== 'string') throw new LoaderError('the loader answered without an overallStatus', 'UnexpectedResponse');
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  return {
    status: raw.status,
    totalRecords: n(raw.totalRecords),
    totalDuplicates: n(raw.totalDuplicates),
    parsingErrors: n(raw.parsingErrors),
    datatypeMismatchErrors: n(raw.datatypeMismatchErrors),
    insertErrors: n(raw.insertErrors),
    totalTimeSpent: n(raw.totalTimeSpent),
  };
}

export interface WatchOptions {
  /** Between two status requests. */
  readonly pollMs: number;
  /** Error log entries per request. */
  readonly errorsPerPage: number;
  readonly onStatus?: (status: LoaderStatus) => void;
  readonly onErrors?: (entries: readonly LoaderErrorEntry[], page: number) => void;
}

/**
 * Starts the job and follows it to its end: its status every `pollMs`, then its error log page by page until a
 * page comes back short (or the reported error count is reached). Returns the final status.
 */
export async function runLoaderJob(loader: NeptuneLoader, job: LoaderJob, options: WatchOptions): Promise<{ loadId: string; status: LoaderStatus }> {
  const loadId = await loader.start(job);
  let status = await loader.status(loadId);
  options.onStatus?.(status);
  while (!isFinished(status)) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    status = await loader.status(loadId);
    options.onStatus?.(status);
  }
  const expected = errorCount(status);
  let seen = 0;
  for (let page = 1; seen < expected || (page === 1 && status.status !== 'LOAD_COMPLETED'); page++) {
    const entries = await loader.errors(loadId, page, options.errorsPerPage);
    if (entries.length > 0) options.onErrors?.(entries, page);
    seen += entries.length;
    if (entries.length < options.errorsPerPage) break;
  }
  return { loadId, status };
}
