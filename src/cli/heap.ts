import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Command } from 'commander';
import { logger } from '../logger';
import { SettingError, readSettings, setting, wholeNumber } from '../settings';
import { addSettingOptions, settingOptionsFrom } from './options';

/**
 * Heap bytes a loaded graph takes per byte of Neptune CSV, rounded up: measured 8.4 to 8.6 on generated social
 * graphs of 10^6 and 10^7 edges, and the load itself needs some room for its garbage.
 */
const HEAP_PER_FILE_BYTE = 10;
/** V8 spends most of its time collecting when the live heap nears the limit: relaunch well before. */
const HEADROOM = 2;
/** What an automatic relaunch allows: the machine's memory less room for the OS and the rest of the process. */
const SHARE_OF_MEMORY = 0.75;

/** The settings of the commands that hold the embedded graph (`serve`, `gremlin-server`). */
export const MEMORY_SETTINGS = {
  maxMemory: setting({
    env: 'NEREID_MAX_MEMORY', flag: '--max-memory', placeholder: '<MB>', schema: wholeNumber(64, 2 ** 24),
    defaultText: "Node's default heap (about 4 GB), raised to 3/4 of the machine's memory (a container's limit, in one) when the `--load` files need more",
    description:
      'Embedded graph only (`serve` and `gremlin-server`): the V8 heap limit, in MB. When it differs from the heap Node started with, nereid runs itself again as a child process with `--max-old-space-size`, which serves while the first process relays signals and its exit status. A `--max-old-space-size` in `NODE_OPTIONS` is left alone unless this setting is given.',
  }),
};

export function addMaxMemoryOption(command: Command): Command {
  return addSettingOptions(command, MEMORY_SETTINGS);
}

export interface HeapChoice {
  /** The heap limit to relaunch with, in MB; undefined: run in this process as it is. */
  readonly relaunchMB: number | undefined;
  readonly reason: string;
}

/**
 * Whether the graph to load fits the heap Node started with; if not, the old-space limit to run with. The
 * JVM's way, and TinkerPop's Gremlin Server's (`-Xmx` in JAVA_OPTIONS), is a heap sized from the machine with
 * a setting to override it; Node's default stops near 4 GB whatever the machine has, so a user loading 10^7
 * edges would otherwise meet an out-of-memory crash minutes into the load. A limit set by whoever started
 * Node (`--max-old-space-size`, on the command line or in NODE_OPTIONS) is left alone unless `--max-memory`
 * asks otherwise; a process relaunched with a limit has it on its command line, so it never relaunches again.
 */
export function chooseHeap(options: {
  readonly maxMemoryMB: number | undefined;
  readonly loadBytes: number;
  readonly execArgv: readonly string[];
  readonly nodeOptions: string | undefined;
  readonly heapLimitBytes: number;
  readonly memoryBytes: number;
}): HeapChoice {
  const setOnCommandLine = options.execArgv.some((a) => a.startsWith('--max-old-space-size'));
  if (setOnCommandLine) return { relaunchMB: undefined, reason: 'the heap limit is on the command line' };
  if (options.maxMemoryMB !== undefined) return { relaunchMB: options.maxMemoryMB, reason: '--max-memory' };
  if (options.nodeOptions?.includes('--max-old-space-size')) return { relaunchMB: undefined, reason: 'NODE_OPTIONS sets the heap limit' };
  const needs = options.loadBytes * HEAP_PER_FILE_BYTE;
  if (needs * HEADROOM <= options.heapLimitBytes) return { relaunchMB: undefined, reason: 'the load fits the default heap' };
  const mb = Math.floor((options.memoryBytes * SHARE_OF_MEMORY) / 2 ** 20);
  // A machine too small for more than the default gains nothing from a relaunch.
  if (mb * 2 ** 20 <= options.heapLimitBytes) return { relaunchMB: undefined, reason: 'the machine has no more memory to give' };
  return { relaunchMB: mb, reason: `--load files of ${Math.round(options.loadBytes / 1e6)} MB` };
}

/**
 * Runs the command again in a child process with the heap it needs, when it needs another (see chooseHeap),
 * and resolves only in the process that should go on: a parent that relaunched waits for its child and exits
 * with its status. Called before anything is loaded, so the parent holds no graph.
 */
export async function ensureHeap(command: Command, flags: { maxMemory?: string; load?: readonly string[] }): Promise<void> {
  let maxMemoryMB: number | undefined;
  try {
    maxMemoryMB = readSettings(MEMORY_SETTINGS, process.env, settingOptionsFrom(flags, MEMORY_SETTINGS)).maxMemory;
  } catch (err) {
    if (err instanceof SettingError) command.error(`error: ${err.message}`);
    throw err;
  }
  const choice = chooseHeap({
    maxMemoryMB,
    loadBytes: (flags.load ?? []).reduce((sum, file) => sum + sizeOf(file), 0),
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    heapLimitBytes: getHeapStatistics().heap_size_limit,
    memoryBytes: machineMemory(),
  });
  if (choice.relaunchMB === undefined) return;
  logger.info({ maxOldSpaceMB: choice.relaunchMB, because: choice.reason }, 'relaunching with a larger V8 heap');
  await new Promise<never>(() => relaunch(choice.relaunchMB!));
}

function relaunch(mb: number): void {
  // Its own process group, so a Ctrl-C reaches it once, through the parent, rather than twice.
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${mb}`, ...process.argv.slice(1)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: process.platform !== 'win32',
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, () => child.kill(signal));
  child.once('error', (err) => {
    process.stderr.write(`nereid: cannot relaunch with a larger heap: ${err.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
}

/** A file that cannot be read counts as empty: the load reports it, with the loader's own message. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** In a container, its memory limit rather than the host's memory. */
function machineMemory(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const total = totalmem();
  return constrained > 0 && constrained < total ? constrained : total;
}
