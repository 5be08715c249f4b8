import pino from 'pino';

/**
 * One structured logger for the process. LOG_LEVEL sets the level; under Jest it defaults to silent so test
 * output stays readable, and a test can still turn it on.
 */
export const logger = pino({
  name: 'nereid',
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
});
