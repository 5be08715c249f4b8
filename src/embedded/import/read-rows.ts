import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { HeaderError, parseHeader, type FileHeader } from './header';
import { CsvLoadError } from './load-error';
import { LineNumberingParser, toRow, type NumberedRecord, type Row } from './typed-row';

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

/**
 * Streams the file through the CSV parser and converts each row as it arrives; only the typed rows are kept,
 * never the file's text. Stops at the first bad row.
 */
export async function readRows(file: string, header: FileHeader): Promise<Row[]> {
  const input = createReadStream(file);
  const parser = new LineNumberingParser();
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  const rows: Row[] = [];
  let first = true;
  try {
    for await (const { cells, line } of parser as AsyncIterable<NumberedRecord>) {
      if (first) first = false;
      else rows.push(toRow(file, header, cells, line));
    }
  } catch (err) {
    if (err instanceof CsvError) throw new CsvLoadError(file, (err as CsvError & { lines: number }).lines, err.message);
    throw err;
  } finally {
    input.destroy();
  }
  return rows;
}
