/**
 * The benchmark's servers, each in a process of its own as they would be deployed: the embedded Gremlin Server,
 * nereid and the naive gateway. Each is started from its command line and is ready when it prints its URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

export interface Child {
  readonly url: string;
  readonly pid: number;
  /** Resident set size now, in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

/** `node bin/nereid.js ARGS` (the compiled build, as `npm start` runs it). */
export const nereidCommand = (args: string[]) => ({ command: process.execPath, args: [join(ROOT, 'bin/nereid.js'), ...args] });

export const tsxCommand = (script: string, args: string[]) => ({ command: process.execPath, args: ['--import', 'tsx', join(ROOT, script), ...args] });

export function start(what: { command: string; args: string[] }, ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(what.command, what.args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(handle(child, match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${what.args.join(' ')} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  });
}

function handle(child: ChildProcess, url: string): Child {
  return {
    url,
    pid: child.pid as number,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
