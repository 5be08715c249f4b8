/**
 * A problem in a bulk-load file, located the way a person fixes it: file, 1-based line (where the record
 * ends, for a quoted value spanning lines) and, when one cell is at fault, its 1-based column and header.
 * Line 0 is the file as a whole (it cannot be opened), shown without a line number.
 */
export class CsvLoadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
    readonly column?: { readonly index: number; readonly header: string },
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}${column ? `:${column.index} (${column.header})` : ''}: ${problem}`);
    this.name = 'CsvLoadError';
  }
}
