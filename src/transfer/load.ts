import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import { CsvLoadError } from '../embedded/import/load-error';
import { GremlinRequestError } from '../neptune/errors';
import type { Bytecode } from '../gremlin/source';
import type { SubmitOptions } from '../neptune/client';
import { RowReader, openCsvFile, type CsvFile, type SourceRecord } from './csv-source';
import { freshState, readState, removeState, saveState, type FileState, type LoadState } from './load-state';
import type { Progress } from './progress';
import { upsertBatch } from './upsert';

/** What loading needs of a Gremlin client (GremlinClient fits): it retries Neptune's retryable errors itself. */
export interface Submitter {
  submit(bytecode: Bytecode, options: SubmitOptions): Promise<unknown[]>;
}

export interface LoadOptions {
  readonly files: readonly string[];
  /** Rows per request. */
  readonly batchSize: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** Where progress is kept for `--resume`; removed once everything is loaded. */
  readonly statePath: string;
  /** Start from the state file instead of from the start (which, absent, is the start). */
  readonly resume: boolean;
  /** Write rows that cannot be loaded here (CSV: file, line, reason, the row) and go on, instead of stopping. */
  readonly skipBad?: string;
  readonly progress?: Progress;
}

export interface LoadedFile {
  readonly file: string;
  readonly kind: 'vertex' | 'edge';
  /** Rows upserted in this run (rows done before a resume not counted). */
  readonly loaded: number;
  readonly skipped: number;
}

export interface LoadResult {
  /** Vertex and edge rows upserted in this run. */
  readonly vertices: number;
  readonly edges: number;
  readonly skipped: number;
  readonly files: readonly LoadedFile[];
  /** True when the run started from a saved state. */
  readonly resumed: boolean;
  readonly ms: number;
}

/** A load stopped by something other than a bad row (the endpoint down, retries exhausted): `--resume` continues it. */
export class LoadInterrupted extends Error {}

const STATE_EVERY_MS = 1_000;

/**
 * `nereid load`: Neptune bulk-load CSV files into a Gremlin endpoint as batched, idempotent upserts
 * (src/transfer/upsert.ts), vertex files before edge files whatever the order given, each file read as a
 * stream with at most `concurrency` batches in flight. A row the file or the server rejects stops the load
 * with a CsvLoadError naming file and line (the rows before it stay loaded, as with Neptune's loader), unless
 * `skipBad` collects such rows. Progress is saved as it goes, so an interrupted load resumes where it was.
 */
export async function loadFiles(client: Submitter, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const opened = await Promise.all(options.files.map(async (file) => ({ ...(await openCsvFile(file)), mtimeMs: (await stat(file)).mtimeMs })));
  const sources = [...opened.filter((s) => s.header.kind === 'vertex'), ...opened.filter((s) => s.header.kind === 'edge')];
  const saved = options.resume ? await readState(options.statePath, sources) : undefined;
  const state: LoadState = saved ?? freshState(sources);
  const skipBad = options.skipBad === undefined ? undefined : new BadRowSink(options.skipBad, saved !== undefined);
  const totalBytes = sources.reduce((n, s) => n + s.size, 0);
  let bytesBefore = 0;
  const files: LoadedFile[] = [];
  try {
    await saveState(options.statePath, state);
    for (const [i, source] of sources.entries()) {
      const fileState = state.files[i];
      if (!fileState.complete) {
        const run = new FileLoad(client, options, source, fileState, state, skipBad, (fraction) => (bytesBefore + fraction * source.size) / totalBytes, () => loadedSoFar(files));
        files.push(await run.load());
      }
      bytesBefore += source.size;
    }
  } finally {
    await skipBad?.close();
  }
  await removeState(options.statePath);
  const count = (kind: 'vertex' | 'edge') => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.loaded, 0);
  return {
    vertices: count('vertex'),
    edges: count('edge'),
    skipped: files.reduce((n, f) => n + f.skipped, 0),
    files,
    resumed: saved !== undefined,
    ms: Date.now() - started,
  };
}

const loadedSoFar = (files: readonly LoadedFile[]) => files.reduce((n, f) => n + f.loaded, 0);

/** One file's load: the reading loop, the batches in flight, and the contiguous prefix known to be done. */
class FileLoad {
  private readonly inFlight = new Set<Promise<void>>();
  /** Dispatched batches in file order; the done ones at the front move `fileState.rowsDone` on. */
  private readonly pending: { end: number; done: boolean }[] = [];
  private failure: Error | undefined;
  private loaded = 0;
  private skipped = 0;
  private lastSave = Date.now();
  private saving: Promise<void> | undefined;
  private readonly reader: RowReader;

  constructor(
    private readonly client: Submitter,
    private readonly options: LoadOptions,
    private readonly source: CsvFile,
    private readonly fileState: FileState,
    private readonly state: LoadState,
    private readonly skipBad: BadRowSink | undefined,
    private readonly fraction: (ofThisFile: number) => number,
    private readonly doneBefore: () => number,
  ) {
    this.reader = new RowReader(source);
  }

  async load(): Promise<LoadedFile> {
    const { header } = this.source;
    const resumeAt = this.fileState.rowsDone;
    let batch: SourceRecord[] = [];
    let seen = resumeAt;
    for await (const record of this.reader) {
      if (record.index < resumeAt) continue;
      if (this.failure) break;
      seen = record.index + 1;
      if (record.error) {
        if (!this.skipBad) {
          this.failure = record.error;
          break;
        }
        await this.skipBad.write(this.source.file, record, record.error.problem);
        this.skipped++;
        continue;
      }
      batch.push(record);
      if (batch.length >= this.options.batchSize) {
        this.dispatch(batch, seen);
        batch = [];
        while (this.inFlight.size >= this.options.concurrency) await Promise.race(this.inFlight);
      }
      this.report();
    }
    if (!this.failure && batch.length > 0) this.dispatch(batch, seen);
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    await this.saving;
    if (this.failure) {
      await saveState(this.options.statePath, this.state);
      throw this.failure;
    }
    this.fileState.rowsDone = seen;
    this.fileState.complete = true;
    await saveState(this.options.statePath, this.state);
    return { file: this.source.file, kind: header.kind, loaded: this.loaded, skipped: this.skipped };
  }

  private dispatch(records: SourceRecord[], end: number): void {
    const entry = { end, done: false };
    this.pending.push(entry);
    const run = this.upsert(records).then(
      () => {
        entry.done = true;
        this.advance();
      },
      (err: Error) => {
        this.failure ??= err;
      },
    );
    const tracked = run.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private async upsert(records: SourceRecord[]): Promise<void> {
    const kind = this.source.header.kind;
    try {
      await this.submit(upsertBatch(kind, records.map((r) => r.row!)));
      this.loaded += records.length;
      return;
    } catch (err) {
      if (!rejectsData(err)) throw interrupted(err);
    }
    // The server refused the batch as a whole (one transaction): find the rows it refuses, one by one.
    for (const record of records) {
      try {
        await this.submit(upsertBatch(kind, [record.row!]));
        this.loaded++;
      } catch (err) {
        if (!rejectsData(err)) throw interrupted(err);
        const reason = `the endpoint refused the ${kind}: ${(err as Error).message}`;
        if (!this.skipBad) throw new CsvLoadError(this.source.file, record.line, reason);
        await this.skipBad.write(this.source.file, record, reason);
        this.skipped++;
      }
    }
  }

  private async submit(bytecode: Bytecode): Promise<void> {
    await this.client.submit(bytecode, { mode: 'write' });
  }

  private advance(): void {
    while (this.pending.length > 0 && this.pending[0].done) this.fileState.rowsDone = this.pending.shift()!.end;
    if (!this.saving && Date.now() - this.lastSave >= STATE_EVERY_MS) {
      this.lastSave = Date.now();
      this.saving = saveState(this.options.statePath, this.state).finally(() => (this.saving = undefined));
    }
  }

  private report(): void {
    const kind = this.source.header.kind === 'vertex' ? 'vertices' : 'edges';
    this.options.progress?.update({
      phase: `${kind} of ${this.source.file}`,
      done: this.doneBefore() + this.loaded,
      fraction: this.fraction(Math.min(1, this.reader.bytesRead / Math.max(1, this.source.size))),
    });
  }
}

/** Whether a failure is about the rows sent (which other rows need not share) rather than the endpoint. */
function rejectsData(err: unknown): boolean {
  return err instanceof GremlinRequestError && !err.retryable && (err.graphqlCode === 'BAD_USER_INPUT' || err.graphqlCode === 'CONFLICT' || err.code === 'EvaluationError');
}

function interrupted(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof GremlinRequestError ? ` (${err.code}${err.attempts > 1 ? `, after ${err.attempts} attempts` : ''})` : '';
  return new LoadInterrupted(`the load stopped: ${message}${code}; run the same command with --resume to continue`, { cause: err });
}

/** `--skip-bad FILE`: a CSV of the rows left out, with where they were and why, to fix and load again. */
class BadRowSink {
  private readonly out: WriteStream;

  constructor(path: string, append: boolean) {
    this.out = createWriteStream(path, { flags: append ? 'a' : 'w' });
    if (!append) this.out.write(stringify([['file', 'line', 'reason', 'row']]));
  }

  async write(file: string, record: SourceRecord, reason: string): Promise<void> {
    const row = stringify([record.cells]).replace(/\r?\n$/, '');
    if (!this.out.write(stringify([[file, record.line, reason, row]]))) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
