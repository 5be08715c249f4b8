import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError } from 'csv-parse';
import { HeaderError, parseHeader, type FileHeader } from '../embedded/import/header';
import { CsvLoadError } from '../embedded/import/load-error';
import { LineNumberingParser, toRow, type NumberedRecord, type Row } from '../embedded/import/typed-row';

/**
 * A Neptune bulk-load CSV file read as a stream, plain or gzip (by its `.gz` name, as Neptune's loader decides),
 * typed by the same rules as the embedded import (src/embedded/import/typed-row.ts). Memory stays bounded by
 * the consumer: rows are pulled one at a time.
 */
export interface CsvFile {
  readonly file: string;
  readonly header: FileHeader;
  /** Bytes on disk (compressed, for gzip), to measure progress by. */
  readonly size: number;
}

const OPEN_FAILURES: Readonly<Record<string, string>> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory' };

export const isGzip = (file: string) => /\.gz$/i.test(file);

/** Reads only as far as the header, so every file is classified (vertices before edges) before any loads. */
export async function openCsvFile(file: string): Promise<CsvFile> {
  for await (const { cells } of records(file)) {
    try {
      return { file, header: parseHeader(cells), size: (await stat(file)).size };
    } catch (err) {
      if (err instanceof HeaderError) throw new CsvLoadError(file, 1, err.message, err.column);
      throw err;
    }
  }
  throw new CsvLoadError(file, 1, 'the file has no header row');
}

/** One data record: typed into `row`, or the `error` that says why it cannot be; `cells` as read, for --skip-bad. */
export interface SourceRecord {
  /** 0-based position among the file's data rows (the header not counted), for resuming. */
  readonly index: number;
  readonly line: number;
  readonly cells: readonly string[];
  readonly row?: Row;
  readonly error?: CsvLoadError;
}

/** The data rows of a file in order; `bytesRead` is how far into the file (compressed, for gzip) reading is. */
export class RowReader implements AsyncIterable<SourceRecord> {
  private input?: ReturnType<typeof createReadStream>;

  constructor(private readonly source: CsvFile) {}

  get bytesRead(): number {
    return this.input?.bytesRead ?? 0;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<SourceRecord> {
    let index = -1;
    for await (const { cells, line } of records(this.source.file, (input) => (this.input = input))) {
      if (index++ < 0) continue;
      try {
        yield { index, line, cells, row: toRow(this.source.file, this.source.header, cells, line) };
      } catch (err) {
        if (!(err instanceof CsvLoadError)) throw err;
        yield { index, line, cells, error: err };
      }
    }
  }
}

async function* records(file: string, opened?: (input: ReturnType<typeof createReadStream>) => void): AsyncGenerator<NumberedRecord> {
  const input = createReadStream(file);
  opened?.(input);
  const parser = new LineNumberingParser();
  const fail = (err: NodeJS.ErrnoException) => parser.destroy(openFailure(file, err));
  input.on('error', fail);
  let stream: Readable = input;
  if (isGzip(file)) {
    const gunzip = createGunzip();
    gunzip.on('error', (err) => parser.destroy(new CsvLoadError(file, 0, `not a readable gzip file: ${err.message}`)));
    stream = input.pipe(gunzip);
  }
  stream.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<NumberedRecord>) yield record;
  } catch (err) {
    if (err instanceof CsvError) throw new CsvLoadError(file, (err as CsvError & { lines: number }).lines, err.message);
    throw err;
  } finally {
    input.destroy();
  }
}

function openFailure(file: string, err: NodeJS.ErrnoException): CsvLoadError {
  const reason = err.code ? OPEN_FAILURES[err.code] : undefined;
  return new CsvLoadError(file, 0, `cannot open: ${reason ? `${reason} (${err.code})` : (err.code ?? err.message)}`);
}
