import { GraphError } from '../errors';
import { sameValue, type Edge, type Graph, type Transaction, type Vertex } from '../structure';
import { cellValues } from './cell-values';
import type { PropertyColumn } from './header';
import { CsvLoadError } from './load-error';
import { readHeader, readRows, type ReadProgress, type Row } from './read-rows';

export { CsvLoadError } from './load-error';
export type { ReadProgress } from './read-rows';

export interface LoadedFile {
  readonly file: string;
  readonly kind: 'vertex' | 'edge';
  /** Data rows read (the header not counted). */
  readonly rows: number;
  /** Elements created; a row naming an existing vertex adds to it instead. */
  readonly vertices: number;
  readonly edges: number;
}

export interface CsvLoadResult {
  readonly vertices: number;
  readonly edges: number;
  readonly files: readonly LoadedFile[];
}

export interface CsvLoadOptions {
  /** Called as each file is read (after every chunk parsed), e.g. to draw a progress line. */
  readonly onProgress?: (progress: ReadProgress) => void;
}

/**
 * Loads files in Amazon Neptune's Gremlin bulk-load CSV format into `graph`, vertex files before edge files
 * whatever the argument order, each file in its own transaction: a bad row fails its file with a
 * CsvLoadError naming file, line and column, and leaves the graph as it was before that file (files loaded
 * earlier in the call stay loaded, as with Neptune's loader). Rows are applied as they are parsed, so memory
 * is bounded by the graph, not the file. The transaction stays open while the file streams: the caller keeps
 * other writers away meanwhile (reads see the graph as before the file until it commits). Semantics follow
 * Neptune's loader: a vertex id seen again adds its properties to the existing vertex (set cardinality by
 * default); a single-cardinality property that already holds a different value is an error; an edge id seen
 * again must join the same vertices under the same label.
 */
export async function loadNeptuneCsv(graph: Graph, files: string[], options: CsvLoadOptions = {}): Promise<CsvLoadResult> {
  const headers = await Promise.all(files.map(async (file) => ({ file, header: await readHeader(file) })));
  const ordered = [...headers.filter((h) => h.header.kind === 'vertex'), ...headers.filter((h) => h.header.kind === 'edge')];
  const loaded: LoadedFile[] = [];
  for (const { file, header } of ordered) {
    const apply = header.kind === 'vertex' ? applyVertexRow : applyEdgeRow;
    const cells = new CellCache();
    let created = 0;
    const tx = graph.begin();
    let rows: number;
    try {
      rows = await readRows(
        file,
        header,
        (row) => {
          try {
            if (apply(tx, row)) created++;
          } catch (err) {
            throw err instanceof RowError || err instanceof GraphError ? located(file, row, err) : err;
          }
        },
        { onProgress: options.onProgress, read: cells.read },
      );
      tx.commit();
    } catch (err) {
      tx.rollback();
      throw err;
    }
    loaded.push({
      file,
      kind: header.kind,
      rows,
      vertices: header.kind === 'vertex' ? created : 0,
      edges: header.kind === 'edge' ? created : 0,
    });
  }
  return {
    vertices: loaded.reduce((n, f) => n + f.vertices, 0),
    edges: loaded.reduce((n, f) => n + f.edges, 0),
    files: loaded,
  };
}

/**
 * Types cells through a table per column from cell text to values, so a text seen again is neither parsed
 * again nor stored again: dates and strings often repeat (days, cities, names), and each copy costs its own
 * memory (a Date about 100 bytes). Nothing mutates stored values, so sharing is not observable. A column
 * stops being cached once it has shown 2^16 distinct texts, so a column of unique values costs a bounded
 * table, which goes with the load.
 */
class CellCache {
  private static readonly LIMIT = 1 << 16;
  private readonly byColumn = new Map<PropertyColumn, Map<string, readonly unknown[]> | null>();

  readonly read = (column: PropertyColumn, cell: string): readonly unknown[] => {
    let table = this.byColumn.get(column);
    if (table === null) return cellValues(column, cell);
    if (table === undefined) this.byColumn.set(column, (table = new Map()));
    const known = table.get(cell);
    if (known !== undefined) return known;
    const values = cellValues(column, cell);
    if (table.size >= CellCache.LIMIT) this.byColumn.set(column, null);
    else table.set(cell, values);
    return values;
  };
}

/** A row that reads well but contradicts the graph; located by the caller. */
class RowError extends Error {
  constructor(
    message: string,
    readonly column?: PropertyColumn,
  ) {
    super(message);
  }
}

function located(file: string, row: Row, err: RowError | GraphError): CsvLoadError {
  const column = err instanceof RowError ? err.column : undefined;
  return new CsvLoadError(file, row.line, err.message, column && { index: column.index + 1, header: column.header });
}

/** Returns whether a vertex was created (false: merged into an existing one). */
function applyVertexRow(tx: Transaction, row: Row): boolean {
  const existing = tx.graph.vertex(row.id);
  const vertex = existing ?? tx.addVertex(row.labels.length > 0 ? row.labels : ['vertex'], row.id);
  if (existing) {
    const missing = row.labels.filter((l) => !existing.hasLabel(l));
    // The store fixes a vertex's labels at creation; adding one would need a store operation we lack.
    if (missing.length > 0) {
      throw new RowError(`vertex ${row.id} already exists with label ${existing.label}; cannot add label ${missing.join(';')}`);
    }
  }
  for (const { column, values } of row.properties) {
    if (column.cardinality === 'single') setSingle(tx, vertex, column, values[0]);
    else for (const value of values) tx.addVertexProperty(vertex, column.key, value, 'set');
  }
  return !existing;
}

function setSingle(tx: Transaction, vertex: Vertex, column: PropertyColumn, value: unknown): void {
  const current = vertex.propertiesOf(column.key);
  if (current.length > 0) {
    if (current.length === 1 && sameValue(current[0].value, value)) return;
    throw new RowError(`single-cardinality property ${column.key} of vertex ${vertex.id} already has a different value`, column);
  }
  tx.addVertexProperty(vertex, column.key, value, 'single');
}

/** Returns whether an edge was created (false: the row names one the graph has, which it must match). */
function applyEdgeRow(tx: Transaction, row: Row): boolean {
  const { graph } = tx;
  const label = row.labels[0] ?? 'edge';
  const outV = graph.vertex(row.from);
  const inV = graph.vertex(row.to);
  if (!outV) throw new RowError(`~from vertex ${row.from} does not exist`);
  if (!inV) throw new RowError(`~to vertex ${row.to} does not exist`);
  const edge = tx.addEdgeUnlessTaken(label, outV, inV, row.id);
  if (edge) {
    setEdgeProperties(tx, edge, row);
    return true;
  }
  const taken = graph.edge(row.id)!;
  if (taken.label !== label || taken.outV !== outV || taken.inV !== inV) {
    throw new RowError(`edge ${row.id} already exists as ${taken.outV.id}-${taken.label}->${taken.inV.id}`);
  }
  setEdgeProperties(tx, taken, row);
  return false;
}

function setEdgeProperties(tx: Transaction, edge: Edge, row: Row): void {
  for (const { column, values } of row.properties) {
    const current = edge.value(column.key);
    if (current !== undefined && !sameValue(current, values[0])) {
      throw new RowError(`property ${column.key} of edge ${row.id} already has a different value`, column);
    }
    if (current === undefined) tx.setEdgeProperty(edge, column.key, values[0]);
  }
}
