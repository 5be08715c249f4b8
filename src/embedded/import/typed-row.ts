import { Parser } from 'csv-parse';
import { cellValues, splitArray } from './cell-values';
import type { FileHeader, PropertyColumn } from './header';
import { CsvLoadError } from './load-error';

/**
 * From CSV records to typed rows: the one set of rules for what a bulk-load row means, shared by the embedded
 * import and `nereid load` (src/transfer), so a file loads the same way into either.
 */

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

export interface NumberedRecord {
  readonly cells: string[];
  readonly line: number;
}

/**
 * Tags each record with the line it ends on. csv-parse's own `info` option does the same by copying its whole
 * info object per record, which costs a fifth of the load time; its live `info.lines` is exact at push time.
 */
export class LineNumberingParser extends Parser {
  constructor() {
    super({ bom: true, skip_empty_lines: true, relax_column_count: true });
  }

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const numbered: NumberedRecord = { cells: record as string[], line: this.info.lines };
    return super.push(numbered, encoding);
  }
}

/** Types a property cell as its column declares (cellValues, or a cache in front of it); throws a plain Error. */
export type CellReader = (column: PropertyColumn, cell: string) => readonly unknown[];

/** Types one record's cells as the header declares; a bad cell throws a CsvLoadError naming file, line and column. */
export function toRow(file: string, header: FileHeader, cells: string[], line: number, read: CellReader = cellValues): Row {
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
  const properties: { column: PropertyColumn; values: readonly unknown[] }[] = [];
  for (const column of header.properties) {
    const cell = cells[column.index];
    if (cell === '') continue;
    let values: readonly unknown[];
    try {
      values = read(column, cell);
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
