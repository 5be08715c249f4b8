import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CsvError, Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { cellValues, splitArray } from './cell-values';
import { HeaderError, parseHeader, type FileHeader, type PropertyColumn } from './header';
import { CsvLoadError } from './load-error';

/** One data row, its cells already typed, so applying it to the graph cannot fail on syntax. */
export interface Row {
  readonly line: number;
  readonly id: string;
  /** Empty when the file has no `~label` column. */
  readonly labels: readonly string[];
  /** Edge rows only. */
  readonly from: string;
  readonly to: string;
  readonly properties: readonly { readonly column: PropertyColumn; readonly values: readonly unknown[] }[];
}

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
  onProgress?: (progress: ReadProgress) => void,
): Promise<number> {
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
              apply(toRow(file, header, record.cells, record.line));
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

interface NumberedRecord {
  readonly cells: string[];
  readonly line: number;
}

/**
 * Tags each record with the line it ends on. csv-parse's own `info` option does the same by copying its whole
 * info object per record, which costs a fifth of the load time; its live `info.lines` is exact at push time.
 */
class LineNumberingParser extends Parser {
  constructor() {
    super({ bom: true, skip_empty_lines: true, relax_column_count: true });
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const numbered: NumberedRecord = { cells: record as string[], line: this.info.lines };
    return super.push(numbered, encoding);
  }
}

function toRow(file: string, header: FileHeader, cells: string[], line: number): Row {
  if (cells.length !== header.width) {
    throw new CsvLoadError(file, line, `expected ${header.width} fields as in the header, found ${cells.length}`);
  }
  const id = systemCell(file, line, cells, header.id, '~id');
  let labels: string[] = [];
  if (header.label !== undefined) {
    const cell = systemCell(file, line, cells, header.label, '~label');
    labels = header.kind === 'vertex' ? splitArray(cell).filter((l) => l !== '') : [cell];
    if (labels.length === 0) throw new CsvLoadError(file, line, 'missing ~label', { index: header.label + 1, header: '~label' });
  }
  const edge = header.kind === 'edge';
  const from = edge ? systemCell(file, line, cells, header.from, '~from') : '';
  const to = edge ? systemCell(file, line, cells, header.to, '~to') : '';
  const properties: { column: PropertyColumn; values: unknown[] }[] = [];
  for (const column of header.properties) {
    const cell = cells[column.index];
    if (cell === '') continue;
    let values: unknown[];
    try {
      values = cellValues(column, cell);
    } catch (err) {
      throw new CsvLoadError(file, line, (err as Error).message, { index: column.index + 1, header: column.header });
    }
    if (values.length > 1 && column.cardinality === 'single') {
      throw new CsvLoadError(file, line, `${values.length} values for a single-cardinality property`, {
        index: column.index + 1,
        header: column.header,
      });
    }
    if (values.length > 0) properties.push({ column, values });
  }
  return { line, id, labels, from, to, properties };
}

function systemCell(file: string, line: number, cells: string[], index: number, header: string): string {
  const value = cells[index];
  if (value === '') throw new CsvLoadError(file, line, `missing ${header}`, { index: index + 1, header });
  return value;
}
