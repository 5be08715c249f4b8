import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/** What every log line written while serving one HTTP request carries, whichever module writes it. */
export interface RequestScope {
  readonly requestId: string;
}

/** The request being served: the gateway enters it for each request; the logger's mixin reads it. */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * `LOG_FORMAT`: `pretty` (pino-pretty: colours, one readable line per entry) or `json` (one JSON object per
 * line, for log shippers); by default pretty on a terminal and JSON otherwise.
 */
export function logFormat(env: NodeJS.ProcessEnv, tty: boolean): 'pretty' | 'json' {
  const format = env.LOG_FORMAT?.trim().toLowerCase();
  if (format === 'pretty' || format === 'json') return format;
  return tty ? 'pretty' : 'json';
}

function destination(): DestinationStream {
  // Asynchronous: a line (one per request) is handed to a write in flight instead of a blocking write(2) on the
  // event loop, and lines written meanwhile go out together. pino flushes what is left when the process exits.
  if (logFormat(process.env, process.stdout.isTTY === true) === 'json') return pino.destination({ dest: 1, sync: false });
  return pretty({ colorize: process.stdout.isTTY === true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' });
}

/**
 * One structured logger for the process. LOG_LEVEL sets the level; under Jest it defaults to silent so test
 * output stays readable, and a test can still turn it on. Lines written while a request is served carry its
 * `requestId` (the mixin), so one grep ties a slow operation to its Gremlin requests, retries and errors.
 */
export const logger = pino(
  {
    name: 'nereid',
    level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
    mixin: () => requestScope.getStore() ?? {},
  },
  destination(),
);
