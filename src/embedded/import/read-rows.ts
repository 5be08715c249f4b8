import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { HeaderError, parseHeader, type FileHeader } from './header';
import { CsvLoadError } from './load-error';
import { LineNumberingParser, toRow, type CellReader, type NumberedRecord, type Row } from './typed-row';

export type { Row } from './typed-row';

/** The reasons a person mistyping a path meets, in words. */
const OPEN_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
};

/**
 * Reads only a file's first line, so every file can be classified (vertices load before edges) before any is
 * parsed. Column headers cannot contain line breaks, so the first line is the whole header.
 */
export async function readHeader(file: string): Promise<FileHeader> {
  const handle = await open(file, 'r').catch((err: NodeJS.ErrnoException) => {
    const reason = err.code ? OPEN_FAILURES[err.code] : undefined;
    throw new CsvLoadError(file, 0, `cannot open: ${reason ? `${reason} (${err.code})` : (err.code ?? err.message)}`);
  });
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(16 * 1024) });
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      const newline = chunk.indexOf(10);
      chunks.push(newline < 0 ? chunk : chunk.subarray(0, newline));
      if (newline >= 0) break;
    }
    const line = Buffer.concat(chunks).toString('utf8');
    if (line.trim() === '') throw new CsvLoadError(file, 1, 'the file has no header row');
    const cells = (parseSync(line, { bom: true, trim: true }) as string[][])[0];
    return parseHeader(cells);
  } catch (err) {
    if (err instanceof HeaderError) throw new CsvLoadError(file, 1, err.message, err.column);
    if (err instanceof CsvError) throw new CsvLoadError(file, 1, err.message);
    throw err;
  } finally {
    await handle.close();
  }
}

/** How far a file has been read, for progress displays. */
export interface ReadProgress {
  readonly file: string;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
}

/**
 * Streams the file through the CSV parser and hands each row, typed, to `apply` as it is parsed: neither the
 * file's text nor its rows are kept, so memory is bounded by what `apply` builds. Stops at the first bad row
 * or the first error `apply` throws, which it rejects with. Resolves to the number of data rows.
 */
export async function readRows(
  file: string,
  header: FileHeader,
  apply: (row: Row) => void,
  options: { readonly onProgress?: (progress: ReadProgress) => void; readonly read?: CellReader } = {},
): Promise<number> {
  const { onProgress, read } = options;
  const totalBytes = onProgress ? (await stat(file)).size : 0;
  const input = createReadStream(file);
  const parser = new LineNumberingParser();
  let rows = 0;
  let first = true;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        input.unpipe(parser);
        input.destroy();
        reject(err);
      };
      input.on('error', fail);
      parser.on('error', fail);
      parser.on('end', resolve);
      parser.on('readable', () => {
        try {
          for (let record: NumberedRecord | null; (record = parser.read() as NumberedRecord | null) !== null; ) {
            if (first) first = false;
            else {
              apply(toRow(file, header, record.cells, record.line, read));
              rows++;
            }
          }
          onProgress?.({ file, bytes: input.bytesRead, totalBytes, rows });
        } catch (err) {
          fail(err);
        }
      });
      input.pipe(parser);
    });
  } catch (err) {
    if (err instanceof CsvError) throw new CsvLoadError(file, (err as CsvError & { lines: number }).lines, err.message);
    throw err;
  } finally {
    // Nothing may keep `apply` (and what it holds, a whole transaction) alive once the file is read.
    parser.removeAllListeners('readable');
    input.destroy();
  }
  return rows;
}
