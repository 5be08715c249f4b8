import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from '../../src/embedded/server/sigv4';
import { runCli } from '../support/cli';

jest.setTimeout(120_000);

const CREDENTIALS = { accessKeyId: 'AKIDLOADERTEST', secretAccessKey: 'loader-test-secret' };
const REGION = 'us-east-1';

interface Seen {
  method: string;
  url: string;
  body: unknown;
}

/**
 * A stand-in for Neptune's loader API on loopback: refuses anything without a valid SigV4 signature (service
 * neptune-db) as Neptune does, takes one job, reports it running for `runningPolls` status requests, then
 * `final` with `errors` entries in its error log, served in the pages asked for.
 */
class LoaderStandIn {
  readonly seen: Seen[] = [];
  private server!: Server;
  private polls = 0;

  constructor(
    private readonly final: string,
    private readonly errors: number,
    private readonly runningPolls = 2,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void body(req).then((raw) => {
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        const verdict = verifySigV4({ method: req.method, url: req.url, headers: req.headers, body: raw }, { region: REGION, credentials: [CREDENTIALS] });
        if (!verdict.ok) return reply(403, { code: verdict.code, detailedMessage: verdict.message, requestId: 'r' });
        const url = new URL(req.url!, 'http://x');
        this.seen.push({ method: req.method!, url: req.url!, body: raw.length > 0 ? JSON.parse(raw.toString()) : undefined });
        if (req.method === 'POST' && url.pathname === '/loader') return reply(200, { status: '200 OK', payload: { loadId: 'job-1' } });
        if (req.method === 'GET' && url.pathname === '/loader/job-1') {
          const running = url.searchParams.get('errors') !== 'true' && this.polls++ < this.runningPolls;
          const overallStatus = {
            fullUri: 's3://bucket/graph/',
            runNumber: 1,
            retryNumber: 0,
            status: running ? 'LOAD_IN_PROGRESS' : this.final,
            totalTimeSpent: 4,
            startTime: 1,
            totalRecords: running ? 1000 * this.polls : 5000,
            totalDuplicates: 0,
            parsingErrors: running ? 0 : this.errors,
            datatypeMismatchErrors: 0,
            insertErrors: 0,
          };
          if (url.searchParams.get('errors') !== 'true') return reply(200, { status: '200 OK', payload: { feedCount: [], overallStatus } });
          const page = Number(url.searchParams.get('page') ?? 1);
          const perPage = Number(url.searchParams.get('errorsPerPage') ?? 10);
          const start = (page - 1) * perPage + 1;
          const end = Math.min(this.errors, page * perPage);
          const errorLogs = [];
          for (let i = start; i <= end; i++) {
            errorLogs.push({ errorCode: 'PARSING_ERROR', errorMessage: `Unexpected token in record ${i}`, fileName: 's3://bucket/graph/vertices.csv', recordNum: i * 10 });
          }
          return reply(200, { status: '200 OK', payload: { overallStatus, errors: { startIndex: start, endIndex: end, loadId: 'job-1', errorLogs } } });
        }
        reply(400, { code: 'BadRequestException', detailedMessage: `unexpected ${req.method} ${req.url}` });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/gremlin`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const ENV = { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: '', AWS_PROFILE: '' };

function loaderArgs(endpoint: string, extra: string[] = []): string[] {
  return [
    'load',
    '--neptune-loader',
    's3://bucket/graph/',
    '--iam-role-arn',
    'arn:aws:iam::123456789012:role/NeptuneLoadFromS3',
    '--gremlin-endpoint',
    endpoint,
    '--neptune-iam-auth',
    'true',
    '--aws-region',
    REGION,
    '--loader-poll-ms',
    '1',
    ...extra,
  ];
}

describe('nereid load --neptune-loader, against a stand-in for the loader API that checks SigV4', () => {
  it('starts the job with a signed POST /loader, follows it to LOAD_COMPLETED, exit status 0', async () => {
    const standIn = new LoaderStandIn('LOAD_COMPLETED', 0);
    const endpoint = await standIn.start();
    try {
      const { code, output } = await runCli(loaderArgs(endpoint, ['--format', 'opencypher']), ENV);
      expect(output).toContain('loader job job-1: LOAD_COMPLETED, 5,000 records');
      expect(code).toBe(0);
      expect(standIn.seen[0]).toEqual({
        method: 'POST',
        url: '/loader',
        body: { source: 's3://bucket/graph/', format: 'opencypher', iamRoleArn: 'arn:aws:iam::123456789012:role/NeptuneLoadFromS3', region: REGION, failOnError: 'TRUE' },
      });
      // Status requests until the job finished: two while it ran, then the final one.
      expect(standIn.seen.slice(1).map((s) => s.url)).toEqual(['/loader/job-1', '/loader/job-1', '/loader/job-1']);
    } finally {
      await standIn.close();
    }
  });

  it('reports a failed job and its error log page by page, exit status 1', async () => {
    const standIn = new LoaderStandIn('LOAD_FAILED', 5);
    const endpoint = await standIn.start();
    try {
      const { code, output } = await runCli(loaderArgs(endpoint, ['--errors-per-page', '2']), ENV);
      expect(code).toBe(1);
      expect(output).toContain('LOAD_FAILED, 5,000 records, 0 duplicates, 5 errors (parsing 5');
      for (let i = 1; i <= 5; i++) expect(output).toContain(`s3://bucket/graph/vertices.csv:${i * 10}: PARSING_ERROR: Unexpected token in record ${i}`);
      expect(output).toContain('loader errors, page 3:');
      const pages = standIn.seen.filter((s) => s.url.includes('errors=true')).map((s) => s.url);
      expect(pages).toEqual([1, 2, 3].map((p) => `/loader/job-1?details=true&errors=true&page=${p}&errorsPerPage=2`));
    } finally {
      await standIn.close();
    }
  });

  it('says what the loader says when it refuses the signature, exit status 1', async () => {
    const standIn = new LoaderStandIn('LOAD_COMPLETED', 0);
    const endpoint = await standIn.start();
    try {
      const { code, output } = await runCli(loaderArgs(endpoint), { ...ENV, AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
      expect(code).toBe(1);
      expect(output).toMatch(/nereid: AccessDeniedException: .*signature/i);
      expect(standIn.seen).toEqual([]);
    } finally {
      await standIn.close();
    }
  });
});
