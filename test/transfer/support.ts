import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startGremlinServer, type GremlinServer } from '../../src/embedded/server';
import { loadNeptuneCsv } from '../../src/embedded/import/neptune-csv';
import { Graph } from '../../src/embedded/structure';
import { T, __, g } from '../../src/gremlin/source';
import { GremlinClient } from '../../src/neptune/client';
import { loadConnectionConfig } from '../../src/neptune/config';

export const DATASETS = join(__dirname, '../../../shared/datasets');
export const LDBC = [join(DATASETS, 'ldbc-snb/vertices.csv'), join(DATASETS, 'ldbc-snb/edges.csv')];
export const AIR_ROUTES = [join(DATASETS, 'air-routes/air-routes-nodes.csv'), join(DATASETS, 'air-routes/air-routes-edges.csv')];

export function emptyServer(): Promise<GremlinServer> {
  return startGremlinServer({ logLevel: 'silent' });
}

/** A server holding the files as the embedded import (an independent path from `nereid load`) reads them. */
export async function referenceServer(files: string[]): Promise<GremlinServer> {
  const graph = new Graph();
  await loadNeptuneCsv(graph, files);
  return startGremlinServer({ graphs: { g: graph }, logLevel: 'silent' });
}

/**
 * The whole graph as Gremlin shows it, each element as one canonical line keyed by kind and id: label, ends
 * and properties with their values sorted and typed (a Date, a number and a string never compare equal).
 */
export async function dumpGraph(url: string): Promise<Map<string, string>> {
  const client = GremlinClient.create(loadConnectionConfig({}, { gremlinEndpoint: url, timeoutMs: 120_000 }));
  try {
    const vertices = (await client.submit(g.V().project('id', 'label', 'p').by(T.id).by(T.label).by(__.valueMap()).getBytecode(), { mode: 'read' })) as Map<string, unknown>[];
    const edges = (await client.submit(
      g.E().project('id', 'label', 'from', 'to', 'p').by(T.id).by(T.label).by(__.outV().id()).by(__.inV().id()).by(__.valueMap()).getBytecode(),
      { mode: 'read' },
    )) as Map<string, unknown>[];
    const dump = new Map<string, string>();
    for (const [kind, elements] of [['v', vertices], ['e', edges]] as const) {
      for (const e of elements) {
        const properties = [...(e.get('p') as Map<string, unknown>)]
          .map(([key, value]) => [key, (Array.isArray(value) ? value : [value]).map(typed).sort()] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1));
        dump.set(`${kind}:${String(e.get('id'))}`, JSON.stringify([e.get('label'), e.get('from'), e.get('to'), properties]));
      }
    }
    return dump;
  } finally {
    await client.close();
  }
}

const typed = (v: unknown): string => (v instanceof Date ? `date:${v.toISOString()}` : `${typeof v}:${String(v)}`);

/** The first differences between two dumps, readable in a failure message; empty when they are the same graph. */
export function differences(expected: Map<string, string>, actual: Map<string, string>, max = 5): string[] {
  const out: string[] = [];
  for (const [key, value] of expected) {
    if (out.length >= max) break;
    const other = actual.get(key);
    if (other !== value) out.push(`${key}: expected ${value}, got ${other ?? 'nothing'}`);
  }
  for (const key of actual.keys()) {
    if (out.length >= max) break;
    if (!expected.has(key)) out.push(`${key}: not expected, got ${actual.get(key)}`);
  }
  return out;
}

/** `nereid ARGS` from the sources, as test/support/cli.ts runs it, returning the child to watch or kill. */
export function spawnCli(args: string[]): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; output: string }> } {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', NEPTUNE_ENDPOINT: '', GREMLIN_ENDPOINT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exit };
}
