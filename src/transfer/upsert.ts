import gremlin from 'gremlin';
import type { Row } from '../embedded/import/typed-row';
import { Cardinality, Merge, T, g, type Bytecode, type GraphTraversal } from '../gremlin/source';

const { direction: Direction } = gremlin.process;

/**
 * One traversal upserting a batch of rows, as Neptune recommends for bulk writes through Gremlin: the rows'
 * `mergeV`/`mergeE` steps chained in one request (one transaction on Neptune and the embedded server), each
 * value a bytecode argument. Running a batch twice changes nothing the first run did not: an element is
 * matched by its id, set-cardinality values are added once, single ones overwritten with the same value.
 * That is what makes `--resume` and retries safe. The traversal yields the batch's size, a check that
 * every row went through.
 */
export function upsertBatch(kind: 'vertex' | 'edge', rows: readonly Row[]): Bytecode {
  if (rows.length === 0) throw new Error('an upsert batch needs at least one row');
  let t: GraphTraversal | undefined;
  for (const row of rows) t = kind === 'vertex' ? upsertVertex(t, row) : upsertEdge(t, row);
  return t!.count().getBytecode();
}

/** Neptune's loader gives a vertex without a `~label` the label `vertex`, an edge `edge`; several join with `::`. */
export const vertexLabel = (row: Row) => (row.labels.length > 0 ? row.labels.join('::') : 'vertex');
export const edgeLabel = (row: Row) => row.labels[0] ?? 'edge';

function upsertVertex(t: GraphTraversal | undefined, row: Row): GraphTraversal {
  const match = new Map<unknown, unknown>([[T.id, row.id]]);
  const create = new Map<unknown, unknown>([
    [T.id, row.id],
    [T.label, vertexLabel(row)],
  ]);
  let next = (t ? t.mergeV(match) : g.mergeV(match)).option(Merge.onCreate, create);
  for (const { column, values } of row.properties) {
    const cardinality = column.cardinality === 'single' ? Cardinality.single : Cardinality.set;
    for (const value of values) next = next.property(cardinality, column.key, value);
  }
  return next;
}

function upsertEdge(t: GraphTraversal | undefined, row: Row): GraphTraversal {
  const match = new Map<unknown, unknown>([
    [T.id, row.id],
    [T.label, edgeLabel(row)],
    [Direction.out, row.from],
    [Direction.in, row.to],
  ]);
  let next = t ? t.mergeE(match) : g.mergeE(match);
  for (const { column, values } of row.properties) next = next.property(column.key, values[0]);
  return next;
}
