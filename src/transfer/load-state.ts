import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CsvFile } from './csv-source';

/**
 * What `nereid load --resume` starts from: per file, how many data rows from its start are known to be in the
 * graph (every batch up to there answered). Rows after that may or may not be; loading them again is harmless,
 * since the upserts are idempotent. The files are recorded by path, size and modification time, so a state
 * written for other files is refused rather than silently skipping rows of new ones.
 */
export interface LoadState {
  readonly version: 1;
  readonly files: FileState[];
}

export interface FileState {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Data rows (the header not counted) done from the start of the file. */
  rowsDone: number;
  complete: boolean;
}

export class LoadStateError extends Error {}

export function freshState(files: readonly (CsvFile & { mtimeMs: number })[]): LoadState {
  return { version: 1, files: files.map((f) => ({ file: resolve(f.file), size: f.size, mtimeMs: f.mtimeMs, rowsDone: 0, complete: false })) };
}

/** The saved state, checked against the files given now; undefined when there is none. */
export async function readState(path: string, files: readonly (CsvFile & { mtimeMs: number })[]): Promise<LoadState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LoadStateError(`cannot read the state file ${path}: ${(err as Error).message}`);
  }
  let saved: LoadState;
  try {
    saved = JSON.parse(text) as LoadState;
  } catch {
    throw new LoadStateError(`the state file ${path} is not JSON; remove it to load from the start`);
  }
  const expected = freshState(files);
  const same =
    saved.version === 1 &&
    Array.isArray(saved.files) &&
    saved.files.length === expected.files.length &&
    saved.files.every((f, i) => f.file === expected.files[i].file && f.size === expected.files[i].size && f.mtimeMs === expected.files[i].mtimeMs);
  if (!same) {
    throw new LoadStateError(`the state file ${path} was written for other files (or they changed since); load without --resume to start over`);
  }
  return saved;
}

/** Written to a temporary file and renamed over the old one, so an interruption never leaves half a state. */
export async function saveState(path: string, state: LoadState): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(state, null, 1));
  await rename(temporary, path);
}

export async function removeState(path: string): Promise<void> {
  await rm(path, { force: true });
}
